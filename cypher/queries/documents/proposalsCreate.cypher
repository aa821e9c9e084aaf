// The proposals of one upload, pending a person's decision.
UNWIND $proposals AS props
CREATE (p:Proposal)
SET p = props, p.status = 'pending', p.createdAt = datetime()
