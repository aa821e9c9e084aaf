// $hits hits (one, or those a process counted since its last write) on a rate-limit key (a
// limiter's prefix and the client address): a new window starts when the last one has passed.
// Kept in Neo4j so several API processes share one budget.
MERGE (c:RateLimitCounter {key: $key})
WITH c, c.resetAt IS NULL OR c.resetAt <= datetime() AS expired
SET c.hits = CASE WHEN expired THEN $hits ELSE c.hits + $hits END,
    c.resetAt = CASE WHEN expired THEN datetime() + duration({milliseconds: $windowMs}) ELSE c.resetAt END
RETURN c.hits AS hits, c.resetAt.epochMillis AS resetAt
