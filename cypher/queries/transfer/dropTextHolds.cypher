// An import that ended (published, or rolled back) holds on nothing its texts were checked against.
MATCH (h:ImportTextHold {importId: $importId})
DELETE h
RETURN count(h) AS dropped
