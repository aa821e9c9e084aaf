// Why: harmonic centrality from GDS (GDS returns it divided by n - 1).
CALL gds.closeness.harmonic.stream($graphName, {})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
