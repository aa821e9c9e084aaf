// Actor search: names, acronyms and aliases (aliases are indexed as one joined string,
// aliasText, kept in step with the aliases list by every write).
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.acronym, n.aliasText];
// Pickers for threats, regions, initiatives, agreements and mandates.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Region|Threat|Initiative|Agreement|Mandate) ON EACH [n.name, n.acronym, n.aliasText];
