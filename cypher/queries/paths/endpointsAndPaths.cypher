// Both ends of a request given by id and the paths between them, in one statement (issue 13: a
// second statement cost the API process about as much CPU as a whole raw-driver request).
// Filled by repository.ts from closed sets only: {{endpointsById}} is endpointsById.cypher as it
// stands, {{pathSearch}} a whole statement of shortest.cypher or paths.cypher (pathQuery) run
// with $from and $to as its ends. The paths are collected in the order they come (shortest
// first, then by node ids); an aggregate over no rows is still one row, so the endpoints come
// back when no path does.
CALL () {
  CALL () {
{{endpointsById}}
  }
  RETURN collect(node) AS endpoints
}
CALL () {
  CALL () {
{{pathSearch}}
  }
  RETURN collect({nodes: nodes, edges: edges, sources: sources}) AS paths
}
RETURN endpoints, paths
