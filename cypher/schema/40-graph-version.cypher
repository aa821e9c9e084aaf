// One GraphVersion node, changed by every graph write (cypher/queries/version/bump.cypher); the
// constraint makes concurrent first MERGEs create one node, and the read an index seek.
CREATE CONSTRAINT graph_version_key IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.key IS UNIQUE;
