// The graph's current version token (see bump.cypher); '' before any write recorded one.
OPTIONAL MATCH (v:GraphVersion {key: 'graph'})
RETURN coalesce(v.version, '') AS version
