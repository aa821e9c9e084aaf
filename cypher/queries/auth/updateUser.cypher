// Changes role, clearance, password or disabled flag of one account; a null keeps the value.
MATCH (u:User {id: $id})
SET u.role = coalesce($role, u.role),
    u.clearance = coalesce($clearance, u.clearance),
    u.passwordHash = coalesce($passwordHash, u.passwordHash),
    u.disabled = coalesce($disabled, u.disabled),
    u.updatedAt = datetime()
RETURN u {.*} AS user
