// Every account for the admin's user list (hashes are dropped in the server).
MATCH (u:User)
RETURN u {.*} AS user
ORDER BY u.username
