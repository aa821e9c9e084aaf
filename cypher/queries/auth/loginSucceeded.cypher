// A successful sign-in ends the username's failure streak.
MATCH (t:LoginThrottle {username: $username})
DELETE t
