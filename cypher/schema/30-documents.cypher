// Brought documents and the facts proposed from them (features/documents): one Document per
// upload (its text kept for quoting, its hash to recognise the same text again) and its
// Proposals, looked up by document and by their decision key.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE INDEX document_hash IF NOT EXISTS FOR (d:Document) ON (d.hash);
CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (p:Proposal) REQUIRE p.id IS UNIQUE;
CREATE INDEX proposal_document IF NOT EXISTS FOR (p:Proposal) ON (p.documentId);
CREATE INDEX proposal_key IF NOT EXISTS FOR (p:Proposal) ON (p.key);
