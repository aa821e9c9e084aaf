// Titles of the sources the facts of an answer cite; hidden sources are dropped from the citations.
MATCH (s:Source)
WHERE s.id IN $ids AND s.sensitivity IN $allowed
RETURN s.id AS id, s.title AS title
