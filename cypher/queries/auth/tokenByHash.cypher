// The token presented as a Bearer credential, with the account it acts for.
MATCH (t:ApiToken {hash: $hash})
MATCH (u:User {id: t.userId})
RETURN t {.id, .lastUsedAt} AS token, u {.*} AS user
