// name: create
MATCH (c:Company {id: $props.companyId})
CREATE (s:Site)
SET s = $props, s.version = 1,
    s.location = point({latitude: $props.lat, longitude: $props.lon}),
    s.coarseLocation = point({latitude: $props.coarseLat, longitude: $props.coarseLon})
MERGE (c)-[:HAS_SITE]->(s)
RETURN s.id AS id

// name: update
// Only if the site still has the version the change was computed from; its company never changes.
MATCH (s:Site {id: $id})
// Locked before its version is read: a compare-and-set (see listing.cypher update).
SET s._lock = true
REMOVE s._lock
WITH s
WHERE coalesce(s.version, 1) = $expectedVersion AND s.companyId = $props.companyId
SET s += $props, s.version = coalesce(s.version, 1) + 1,
    s.location = point({latitude: $props.lat, longitude: $props.lon}),
    s.coarseLocation = point({latitude: $props.coarseLat, longitude: $props.coarseLon})
RETURN s.version AS version

// name: importMany
// Imported sites keyed by (company, ref): a site never changes company. A site the MERGE creates
// is written whole at once; a stored one only when its content changed.
UNWIND $rows AS row
MATCH (c:Company {id: row.props.companyId})
MERGE (s:Site {companyId: row.props.companyId, ref: row.props.ref})
ON CREATE SET s += row.props, s.id = row.id, s.createdAt = $now, s.version = 0
WITH c, s, row,
     CASE WHEN s.version = 0 THEN 'created'
          WHEN s.contentHash = row.props.contentHash THEN 'unchanged'
          ELSE 'updated' END AS outcome
CALL (c, s, row, outcome) {
  WITH c, s, row WHERE outcome = 'created'
  SET s.version = 1,
      s.location = point({latitude: row.props.lat, longitude: row.props.lon}),
      s.coarseLocation = point({latitude: row.props.coarseLat, longitude: row.props.coarseLon})
  CREATE (c)-[:HAS_SITE]->(s)
}
CALL (c, s, row, outcome) {
  WITH c, s, row WHERE outcome = 'updated'
  SET s += row.props, s.version = coalesce(s.version, 0) + 1,
      s.location = point({latitude: row.props.lat, longitude: row.props.lon}),
      s.coarseLocation = point({latitude: row.props.coarseLat, longitude: row.props.coarseLon})
  MERGE (c)-[:HAS_SITE]->(s)
}
RETURN row.index AS index, s.id AS id, outcome

// name: byId
MATCH (s:Site {id: $id})
RETURN s {.*, location: null, coarseLocation: null} AS site,
       EXISTS { MATCH (s)<-[:AT_SITE]-(:Listing {confidentiality: 'public'}) } AS hasPublicListing

// name: byCompanyRefs
// The sites of these companies, by ref (imports resolve listings' site refs with it).
UNWIND $companyIds AS companyId
MATCH (s:Site {companyId: companyId})
WHERE s.ref IS NOT NULL
RETURN s.ref AS ref, s.id AS id, s.companyId AS companyId, s.contentHash AS contentHash,
       s.municipalityCode AS municipalityCode, s.countyCode AS countyCode

// name: refTaken
MATCH (s:Site {companyId: $companyId, ref: $ref})
WHERE s.id <> $exceptId
RETURN s.id AS id LIMIT 1

// name: byCompany
// A page of a company's sites; with $onlyPublic, only those a public listing already shows.
MATCH (s:Site {companyId: $companyId})
WHERE NOT $onlyPublic OR EXISTS { MATCH (s)<-[:AT_SITE]-(:Listing {confidentiality: 'public'}) }
WITH s ORDER BY s.name, s.id
SKIP $offset LIMIT $limit
RETURN s {.*, location: null, coarseLocation: null} AS site,
       EXISTS { MATCH (s)<-[:AT_SITE]-(:Listing {confidentiality: 'public'}) } AS hasPublicListing

// name: listingCount
MATCH (s:Site {id: $id})
OPTIONAL MATCH (s)<-[:AT_SITE]-(l:Listing)
RETURN count(l) AS listings

// name: delete
MATCH (s:Site {id: $id})
SET s._lock = true
REMOVE s._lock
WITH s
WHERE $expectedVersion IS NULL OR coalesce(s.version, 1) = $expectedVersion
CALL (s) {
  MATCH (s)<-[:AT_SITE]-(l:Listing)
  {{{keepReviewed(l)}}}
}
WITH s
OPTIONAL MATCH (s)<-[:AT_SITE]-(l:Listing)
OPTIONAL MATCH (l)-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
WHERE NOT EXISTS { (sg)<-[:REVIEWS]-(:Review) }
DETACH DELETE sg, l, s
RETURN count(*) AS deleted

// name: withoutRegion
// Sites stored before regions were derived from coordinates (services/regions-backfill).
MATCH (s:Site)
WHERE s.coarseLocation IS NULL
RETURN s.id AS id, s.lat AS lat, s.lon AS lon
LIMIT $limit

// name: setRegions
UNWIND $rows AS row
MATCH (s:Site {id: row.id})
SET s.municipalityCode = row.municipalityCode, s.countyCode = row.countyCode,
    s.coarseLat = row.coarseLat, s.coarseLon = row.coarseLon,
    s.coarseLocation = point({latitude: row.coarseLat, longitude: row.coarseLon})
RETURN count(s) AS updated

// name: byRefsInRegistry
// Sites with these refs at companies of the staff registry (imports resolve listings' site refs).
UNWIND $refs AS ref
MATCH (c:Company {refScope: 'registry'})-[:HAS_SITE]->(s:Site {ref: ref})
RETURN s.ref AS ref, s.id AS id, s.companyId AS companyId, c.ref AS companyRef, s.contentHash AS contentHash,
       s.municipalityCode AS municipalityCode, s.countyCode AS countyCode
