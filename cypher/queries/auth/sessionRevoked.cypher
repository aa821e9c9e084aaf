// Whether a session was ended by logout (checked on every cookie-authenticated request).
OPTIONAL MATCH (s:RevokedSession {sid: $sid})
RETURN s IS NOT NULL AS revoked
