// Any account at all: a local install without accounts opens as the local admin.
MATCH (u:User)
RETURN count(u) AS users
