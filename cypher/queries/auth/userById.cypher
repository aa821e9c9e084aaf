// The account behind a session cookie or token, read on every request so a changed role or
// clearance, or a disabled account, takes effect at once.
MATCH (u:User {id: $id})
RETURN u {.*} AS user
