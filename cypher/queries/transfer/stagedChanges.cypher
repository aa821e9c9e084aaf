// Rolling back a failed import: its audit entries, relationships first, a batch at a time.
MATCH (e:AuditEntry {importId: $importId})
RETURN e.kind AS kind, e.ref AS ref, e.action AS action, e.before AS before, e.beforeVersion AS beforeVersion,
       e.beforeRecordedAt AS beforeRecordedAt, elementId(e) AS entry
ORDER BY CASE e.kind WHEN 'relationship' THEN 0 ELSE 1 END
LIMIT $limit
