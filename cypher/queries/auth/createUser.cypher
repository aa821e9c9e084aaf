// A new account. No sensitivity property: graph queries filter every node on sensitivity, so
// accounts never appear in search, neighbourhoods, paths, counts or exports.
CREATE (u:User {
  id: $id, username: $username, passwordHash: $passwordHash, role: $role, clearance: $clearance,
  disabled: false, createdAt: datetime()
})
RETURN u {.*} AS user
