// Active admins: serving off loopback needs one, and the last one cannot be demoted.
MATCH (u:User {role: 'admin'})
WHERE NOT coalesce(u.disabled, false)
RETURN count(u) AS admins
