// Which of these proposal keys a person already decided (on any upload of the same text) or
// still has pending, so uploading the text again proposes nothing twice.
MATCH (p:Proposal)
WHERE p.key IN $keys AND p.hash = $hash
RETURN DISTINCT p.key AS key
