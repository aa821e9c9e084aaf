// Records a person's decision on a proposal, in the same transaction as what it wrote.
MATCH (p:Proposal {id: $id})
SET p.status = $status, p.decidedBy = $by, p.decidedAt = datetime(), p.resultId = $resultId, p.decision = $decision
RETURN p {.*, createdAt: toString(p.createdAt), decidedAt: toString(p.decidedAt)} AS proposal
