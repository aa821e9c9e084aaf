// Present only when the Graph Data Science library is loaded.
CALL gds.version() YIELD gdsVersion
RETURN gdsVersion AS version
