// The graph's current version: the token every write through the API changes (bump.cypher), and
// how many nodes and relationships the graph has, so that a node or relationship created or
// deleted outside the API (Neo4j Browser, cypher-shell, a script), which leaves the token alone,
// still makes another version. Every count here is read from Neo4j's count store, not by a scan.
// The app's own state (accounts, sessions, sign-in throttles, rate limits: the app-state features
// of db/queries.ts) is left out, as its writes leave the token alone: a sign-in is no new version.
// A property changed outside the API is not seen: POST /api/graph/changed says so.
OPTIONAL MATCH (v:GraphVersion {key: 'graph'})
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH (n:User) RETURN count(n) AS users }
CALL () { MATCH (n:ApiToken) RETURN count(n) AS tokens }
CALL () { MATCH (n:LoginThrottle) RETURN count(n) AS throttles }
CALL () { MATCH (n:RevokedSession) RETURN count(n) AS revoked }
CALL () { MATCH (n:RateLimitCounter) RETURN count(n) AS counters }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN coalesce(v.version, '') + ':' + toString(nodes - users - tokens - throttles - revoked - counters) + ':' + toString(relationships) AS version
