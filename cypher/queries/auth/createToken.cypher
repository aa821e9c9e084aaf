// An API token for scripts; only the SHA-256 of the secret is stored.
CREATE (t:ApiToken {id: $id, hash: $hash, userId: $userId, name: $name, createdAt: datetime(), lastUsedAt: null})
RETURN t {.id, .name, .userId, .createdAt, .lastUsedAt} AS token
