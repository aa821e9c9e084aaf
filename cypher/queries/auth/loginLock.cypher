// Whether sign-in for this username is locked, and for how many more seconds.
MATCH (t:LoginThrottle {username: $username})
WHERE t.lockedUntil > datetime()
RETURN duration.inSeconds(datetime(), t.lockedUntil).seconds + 1 AS seconds
