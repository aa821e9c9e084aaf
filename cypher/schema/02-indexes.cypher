// Filters the queries apply before they expand: kind and level of actors, the region
// hierarchy level and ISO codes, and the sensitivity every read filters on.
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX actor_level IF NOT EXISTS FOR (n:Actor) ON (n.level);
CREATE INDEX actor_sensitivity IF NOT EXISTS FOR (n:Actor) ON (n.sensitivity);
CREATE INDEX region_kind IF NOT EXISTS FOR (n:Region) ON (n.kind);
CREATE INDEX region_iso2 IF NOT EXISTS FOR (n:Region) ON (n.iso2);
CREATE INDEX initiative_kind IF NOT EXISTS FOR (n:Initiative) ON (n.kind);
CREATE INDEX agreement_kind IF NOT EXISTS FOR (n:Agreement) ON (n.kind);
