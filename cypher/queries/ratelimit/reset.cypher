// Forgets one key's hits.
MATCH (c:RateLimitCounter {key: $key})
DELETE c
