// Logout: the session id is refused until the cookie would have expired anyway, by every API
// process; revocations past that point are dropped here, so the list stays short.
MERGE (s:RevokedSession {sid: $sid})
SET s.expiresAt = datetime({epochMillis: $exp})
WITH count(*) AS done
MATCH (old:RevokedSession)
WHERE old.expiresAt < datetime()
DELETE old
RETURN done
