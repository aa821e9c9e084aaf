// Why: PageRank into the request's own node property ($config.mutateProperty) of a cached
// projection, for a ranking of the top N of a large slice: streaming every node's score to the
// server costs three times the computation at a million actors (14 s of rows for 5 s of
// PageRank), while gdsScoreSummary and gdsScoresAbove read only what the ranking needs. Same
// configuration as gdsPageRank, so the same scores; gdsDropProperty removes the property after.
CALL gds.pageRank.mutate($graphName, $config)
YIELD nodePropertiesWritten
RETURN nodePropertiesWritten
