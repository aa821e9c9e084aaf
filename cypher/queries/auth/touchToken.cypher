// Records when a token was last used (at most once a minute per token, decided in the server).
MATCH (t:ApiToken {id: $id})
SET t.lastUsedAt = datetime()
