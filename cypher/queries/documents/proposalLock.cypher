// Locks one proposal for its decision, so two reviewers cannot both decide it.
MATCH (p:Proposal {id: $id})
SET p._lock = true
REMOVE p._lock
RETURN p {.*, createdAt: toString(p.createdAt)} AS proposal
