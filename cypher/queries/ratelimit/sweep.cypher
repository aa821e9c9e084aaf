// Drops counters whose window ended long ago (one per address that ever called), a batch at a time.
MATCH (c:RateLimitCounter)
WHERE c.resetAt < datetime() - duration('PT1H')
WITH c LIMIT 1000
DELETE c
