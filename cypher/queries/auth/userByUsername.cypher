// Login: the account with this username (the password hash is checked in the server).
MATCH (u:User {username: $username})
RETURN u {.*} AS user
