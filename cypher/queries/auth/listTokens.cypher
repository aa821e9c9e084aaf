// The caller's own tokens (never the hashes).
MATCH (t:ApiToken {userId: $userId})
RETURN t {.id, .name, .userId, .createdAt, .lastUsedAt} AS token
ORDER BY t.createdAt
