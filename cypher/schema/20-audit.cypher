// The audit trail (features/audit): an entity's history and the restamping of its entries
// look entries up by entityId; /api/audit and "known at" filter and sort by time.
CREATE INDEX audit_entity IF NOT EXISTS FOR (e:AuditEntry) ON (e.entityId);
CREATE INDEX audit_at IF NOT EXISTS FOR (e:AuditEntry) ON (e.at);
