// Takes back one hit (express-rate-limit does for requests it should not count, e.g. successful sign-ins).
MATCH (c:RateLimitCounter {key: $key})
WHERE c.hits > 0
SET c.hits = c.hits - 1
