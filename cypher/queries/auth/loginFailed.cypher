// One failed sign-in for a username (known or not, so the lockout tells nothing about which
// names exist). Failures older than $windowSeconds start a new streak; from the $threshold-th
// failure of a streak on, the name is locked for $baseSeconds, doubling with every further
// failure up to $maxSeconds. Attempts while locked count too (and are not checked).
MERGE (t:LoginThrottle {username: $username})
WITH t, CASE WHEN t.lastFailure IS NULL OR t.lastFailure < datetime() - duration({seconds: $windowSeconds}) THEN 0
             ELSE coalesce(t.failures, 0) END AS earlier
SET t.failures = earlier + 1, t.lastFailure = datetime()
WITH t, t.failures - $threshold AS over
WITH t, over, CASE WHEN over >= 30 THEN $maxSeconds ELSE $baseSeconds * 2 ^ over END AS backoff
SET t.lockedUntil = CASE WHEN over < 0 THEN null
  ELSE datetime() + duration({seconds: toInteger(CASE WHEN backoff > $maxSeconds THEN $maxSeconds ELSE backoff END)}) END
RETURN t.failures AS failures
