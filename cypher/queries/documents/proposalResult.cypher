// The graph id an accepted or merged proposal became (what a relationship proposal's end refers to).
MATCH (p:Proposal {id: $id})
RETURN p.status AS status, p.resultId AS resultId, p.sensitivity AS sensitivity
