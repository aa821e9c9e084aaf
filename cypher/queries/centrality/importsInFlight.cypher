// Why: the fast-path slice queries (sliceNodesWhole, sliceEdgesWhole) read no sensitivity, so
// they would count the invisible staged elements (sensitivity 'STAGED') of an import that is
// staging or not yet fully published; while one is, the slice takes the checked queries.
MATCH (i:ImportRun)
WHERE i.state IN ['staging', 'committed']
RETURN count(i) > 0 AS inFlight
