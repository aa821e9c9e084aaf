// Marks the graph as changed, as the last statement of every write transaction that may change
// it (db/graphVersion.ts), so every API process sharing this database can tell that what it
// derived from the graph (a cached GDS projection) is stale. A fresh random token rather than a
// counter: it never repeats, even after the node is deleted (a reset, a restored older dump),
// and needs no read of the old value. The node's write lock is held only from here to commit.
MERGE (v:GraphVersion {key: 'graph'})
SET v.version = randomUUID()
