// Present only when APOC core is loaded.
RETURN apoc.version() AS version
