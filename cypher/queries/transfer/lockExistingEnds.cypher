// Takes the write locks of the existing nodes among these relationship ends (not the import's own
// staged ones), as entities/lockNodes does, before importHolds asks who holds on them: an import
// writing a relationship above CLEAR to a node another import holds on fails whole (importer.ts).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.importId IS NULL OR n.importId <> $importId
SET n.version = coalesce(n.version, 1)
RETURN collect(n.id) AS ids
