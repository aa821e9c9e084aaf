// Ids are unique across every label, not only within one: a Region given an Actor's id would
// otherwise pick up that actor's ties wherever a query matches an id without its label, and a
// caller could probe ids label by label. Every domain node also carries the label :Entity, and
// the constraint is on it. Neo4j lists labels(n) in the order their tokens were made, which
// differs between databases, so queries name the domain label as the one that is not :Entity
// ([lb IN labels(n) WHERE lb <> 'Entity'][0]), never by position (test: label-order). The first statement migrates nodes written before this existed, in
// batches; it fails the start-up (with Neo4j naming the id) if two labels already share an id.
MATCH (n)
WHERE (n:Actor OR n:Mandate OR n:Agreement OR n:Initiative OR n:Threat OR n:Region OR n:Source) AND NOT n:Entity
CALL (n) { SET n:Entity } IN TRANSACTIONS OF 10000 ROWS;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
