// What an import in flight's texts were checked against: one ImportTextHold per existing node
// (transfer/holdTexts.cypher), found by node id when a write asks whether an import holds on it
// (entities/importHolds.cypher): a seek, not a scan of what imports staged.
CREATE INDEX import_text_hold_node IF NOT EXISTS FOR (h:ImportTextHold) ON (h.nodeId);
CREATE INDEX import_text_hold_import IF NOT EXISTS FOR (h:ImportTextHold) ON (h.importId);
