// Relationship ids: the editing API and imports look relationships up by id, and MERGE on it.
// Community edition has no relationship uniqueness constraint, so one range index per type.
CREATE INDEX rel_id_member_of IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.id);
CREATE INDEX rel_id_part_of IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX rel_id_subtype_of IF NOT EXISTS FOR ()-[r:SUBTYPE_OF]-() ON (r.id);
CREATE INDEX rel_id_has_mandate IF NOT EXISTS FOR ()-[r:HAS_MANDATE]-() ON (r.id);
CREATE INDEX rel_id_lacks_mandate IF NOT EXISTS FOR ()-[r:LACKS_MANDATE]-() ON (r.id);
CREATE INDEX rel_id_covers IF NOT EXISTS FOR ()-[r:COVERS]-() ON (r.id);
CREATE INDEX rel_id_applies_in IF NOT EXISTS FOR ()-[r:APPLIES_IN]-() ON (r.id);
CREATE INDEX rel_id_operates_in IF NOT EXISTS FOR ()-[r:OPERATES_IN]-() ON (r.id);
CREATE INDEX rel_id_party_to IF NOT EXISTS FOR ()-[r:PARTY_TO]-() ON (r.id);
CREATE INDEX rel_id_participates_in IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.id);
CREATE INDEX rel_id_targets IF NOT EXISTS FOR ()-[r:TARGETS]-() ON (r.id);
CREATE INDEX rel_id_spans IF NOT EXISTS FOR ()-[r:SPANS]-() ON (r.id);
CREATE INDEX rel_id_funds IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.id);
CREATE INDEX rel_id_provides_data_to IF NOT EXISTS FOR ()-[r:PROVIDES_DATA_TO]-() ON (r.id);
CREATE INDEX rel_id_dialogue_with IF NOT EXISTS FOR ()-[r:DIALOGUE_WITH]-() ON (r.id);
CREATE INDEX rel_id_supports IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.id);
CREATE INDEX rel_id_affects IF NOT EXISTS FOR ()-[r:AFFECTS]-() ON (r.id);
CREATE INDEX rel_id_constrained_in IF NOT EXISTS FOR ()-[r:CONSTRAINED_IN]-() ON (r.id);
CREATE INDEX rel_id_established IF NOT EXISTS FOR ()-[r:ESTABLISHED]-() ON (r.id);
CREATE INDEX rel_id_succeeded_by IF NOT EXISTS FOR ()-[r:SUCCEEDED_BY]-() ON (r.id);
