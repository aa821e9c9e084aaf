// Why: the cheapest round trip that proves Neo4j answers queries (readiness).
RETURN 1 AS ok
