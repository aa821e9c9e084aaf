// Why: the two numbers a top-N ranking of a mutated score needs, without sending every node's
// score: the sum (PageRank is rescaled to sum to 1, as networkx's) and the N-th largest value,
// below which (less a tolerance) no node can rank among the first N (see gdsScoresAbove).
CALL () {
  CALL gds.graph.nodeProperty.stream($graphName, $property)
  YIELD propertyValue
  RETURN sum(propertyValue) AS total
}
CALL () {
  CALL gds.graph.nodeProperty.stream($graphName, $property)
  YIELD propertyValue
  WITH propertyValue ORDER BY propertyValue DESC LIMIT $n
  RETURN min(propertyValue) AS nth
}
RETURN total, nth
