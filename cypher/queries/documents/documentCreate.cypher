// A brought document beside its Source node: the text for quoting, the hash of the text.
CREATE (d:Document)
SET d = $props, d.uploadedAt = datetime()
RETURN d {.*, uploadedAt: toString(d.uploadedAt)} AS document
