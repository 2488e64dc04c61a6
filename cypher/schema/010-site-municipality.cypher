// Suggestions filtered by a municipality of few sites are read from its sites (match.cypher
// searchInMunicipality), found by name.
CREATE INDEX site_municipality IF NOT EXISTS FOR (s:Site) ON (s.municipality);
