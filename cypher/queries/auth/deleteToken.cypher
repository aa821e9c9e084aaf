// Revokes a token: its owner may, and so may an admin ($anyOwner).
MATCH (t:ApiToken {id: $id})
WHERE t.userId = $userId OR $anyOwner
DELETE t
RETURN count(*) AS deleted
