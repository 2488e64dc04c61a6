// name: upsertMany
// Rows are prepared in store/listing-store.ts; `props` holds the flat, filterable properties.
UNWIND $rows AS row
MATCH (s:Site {id: row.siteId})
MERGE (l:Listing {id: row.id})
ON CREATE SET l.createdAt = row.createdAt
SET l += row.props
WITH l, s, row
OPTIONAL MATCH (l)-[old:AT_SITE|HAS_CODE|ACCEPTS|IN_CATEGORY]->()
DELETE old
WITH DISTINCT l, s, row
MERGE (l)-[:AT_SITE]->(s)
WITH l, row
CALL (l, row) {
  UNWIND row.offerCodes AS code
  MATCH (w:WasteCode {code: code})
  MERGE (l)-[:HAS_CODE]->(w)
}
CALL (l, row) {
  UNWIND row.acceptedCodes AS code
  OPTIONAL MATCH (w:WasteCode {code: code})
  OPTIONAL MATCH (sc:WasteSubchapter {code: code})
  OPTIONAL MATCH (ch:WasteChapter {code: code})
  WITH l, coalesce(w, sc, ch) AS target
  WHERE target IS NOT NULL
  MERGE (l)-[:ACCEPTS]->(target)
}
CALL (l, row) {
  OPTIONAL MATCH (m:MaterialCategory {id: row.category})
  WITH l, m WHERE m IS NOT NULL
  MERGE (l)-[:IN_CATEGORY]->(m)
}
RETURN count(l) AS written

// name: byId
MATCH (l:Listing {id: $id})-[:AT_SITE]->(s:Site)
RETURN l.id AS id, l.ref AS ref, l.companyId AS companyId, l.siteId AS siteId, l.doc AS doc,
       l.createdAt AS createdAt, l.updatedAt AS updatedAt, s.lat AS lat, s.lon AS lon

// name: hashesByRefs
UNWIND $refs AS ref
MATCH (l:Listing {ref: ref})
RETURN l.ref AS ref, l.id AS id, l.contentHash AS contentHash, l.createdAt AS createdAt

// name: count
// Filtering by company or site never reveals who is behind an anonymous listing.
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
WHERE ($kind IS NULL OR l.kind = $kind)
  AND ($direction IS NULL OR l.direction = $direction)
  AND ($companyId IS NULL OR (l.companyId = $companyId AND ($seeIdentity OR l.confidentiality = 'public' OR l.companyId = $viewerCompanyId)))
  AND ($siteId IS NULL OR (l.siteId = $siteId AND ($seeIdentity OR l.confidentiality = 'public' OR l.companyId = $viewerCompanyId)))
  AND ($code IS NULL OR any(c IN l.wasteCodes WHERE c STARTS WITH $code OR (l.direction = 'need' AND $code STARTS WITH c)))
  AND ($center IS NULL OR point.distance(s.location, point($center)) <= $radiusM)
  AND ($seePrivate OR l.confidentiality <> 'private' OR l.companyId = $viewerCompanyId)
RETURN count(l) AS total

// name: search
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
WHERE ($kind IS NULL OR l.kind = $kind)
  AND ($direction IS NULL OR l.direction = $direction)
  AND ($companyId IS NULL OR (l.companyId = $companyId AND ($seeIdentity OR l.confidentiality = 'public' OR l.companyId = $viewerCompanyId)))
  AND ($siteId IS NULL OR (l.siteId = $siteId AND ($seeIdentity OR l.confidentiality = 'public' OR l.companyId = $viewerCompanyId)))
  AND ($code IS NULL OR any(c IN l.wasteCodes WHERE c STARTS WITH $code OR (l.direction = 'need' AND $code STARTS WITH c)))
  AND ($center IS NULL OR point.distance(s.location, point($center)) <= $radiusM)
  AND ($seePrivate OR l.confidentiality <> 'private' OR l.companyId = $viewerCompanyId)
WITH l, s ORDER BY l.createdAt, l.id
SKIP $offset LIMIT $limit
RETURN l.id AS id, l.ref AS ref, l.companyId AS companyId, l.siteId AS siteId, l.doc AS doc,
       l.createdAt AS createdAt, l.updatedAt AS updatedAt, s.lat AS lat, s.lon AS lon

// name: countText
CALL db.index.fulltext.queryNodes('listing_text', $q) YIELD node AS l
MATCH (l)-[:AT_SITE]->(s:Site)
WHERE ($kind IS NULL OR l.kind = $kind)
  AND ($direction IS NULL OR l.direction = $direction)
  AND ($companyId IS NULL OR (l.companyId = $companyId AND ($seeIdentity OR l.confidentiality = 'public' OR l.companyId = $viewerCompanyId)))
  AND ($siteId IS NULL OR (l.siteId = $siteId AND ($seeIdentity OR l.confidentiality = 'public' OR l.companyId = $viewerCompanyId)))
  AND ($code IS NULL OR any(c IN l.wasteCodes WHERE c STARTS WITH $code OR (l.direction = 'need' AND $code STARTS WITH c)))
  AND ($center IS NULL OR point.distance(s.location, point($center)) <= $radiusM)
  AND ($seePrivate OR l.confidentiality <> 'private' OR l.companyId = $viewerCompanyId)
RETURN count(l) AS total

// name: searchText
CALL db.index.fulltext.queryNodes('listing_text', $q) YIELD node AS l, score
MATCH (l)-[:AT_SITE]->(s:Site)
WHERE ($kind IS NULL OR l.kind = $kind)
  AND ($direction IS NULL OR l.direction = $direction)
  AND ($companyId IS NULL OR (l.companyId = $companyId AND ($seeIdentity OR l.confidentiality = 'public' OR l.companyId = $viewerCompanyId)))
  AND ($siteId IS NULL OR (l.siteId = $siteId AND ($seeIdentity OR l.confidentiality = 'public' OR l.companyId = $viewerCompanyId)))
  AND ($code IS NULL OR any(c IN l.wasteCodes WHERE c STARTS WITH $code OR (l.direction = 'need' AND $code STARTS WITH c)))
  AND ($center IS NULL OR point.distance(s.location, point($center)) <= $radiusM)
  AND ($seePrivate OR l.confidentiality <> 'private' OR l.companyId = $viewerCompanyId)
WITH l, s, score ORDER BY score DESC, l.id
SKIP $offset LIMIT $limit
RETURN l.id AS id, l.ref AS ref, l.companyId AS companyId, l.siteId AS siteId, l.doc AS doc,
       l.createdAt AS createdAt, l.updatedAt AS updatedAt, s.lat AS lat, s.lon AS lon

// name: all
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
RETURN l.id AS id, l.ref AS ref, l.companyId AS companyId, l.siteId AS siteId, l.doc AS doc,
       l.createdAt AS createdAt, l.updatedAt AS updatedAt, s.lat AS lat, s.lon AS lon
ORDER BY l.id

// name: inScope
// The listings of a match run's scope: of one kind, at the sites of one municipality, within a
// radius, each when given. The radius comes widened (Neo4j's WGS-84 distance and the engine's
// great-circle one differ by a fraction of a percent); services/matching.ts applies the exact rule.
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
WHERE ($kind IS NULL OR l.kind = $kind)
  AND ($municipality IS NULL OR s.municipality = $municipality)
  AND ($center IS NULL OR point.distance(s.location, point($center)) <= $radiusM)
RETURN l.id AS id, l.ref AS ref, l.companyId AS companyId, l.siteId AS siteId, l.doc AS doc,
       l.createdAt AS createdAt, l.updatedAt AS updatedAt, s.lat AS lat, s.lon AS lon
ORDER BY l.id

// name: counterparts
// Listings that could pair with one listing: the other direction, same kind, within the largest
// limit the pair could have (the listing's own limit, else the other's own limit or the default).
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
WHERE l.kind = $kind AND l.direction = $direction AND l.id <> $excludeId
  AND point.distance(s.location, point($center)) <=
      1000 * CASE WHEN $ownKm IS NOT NULL THEN $ownKm ELSE coalesce(l.maxDistanceKm, $defaultKm) END
RETURN l.id AS id, l.ref AS ref, l.companyId AS companyId, l.siteId AS siteId, l.doc AS doc,
       l.createdAt AS createdAt, l.updatedAt AS updatedAt, s.lat AS lat, s.lon AS lon
ORDER BY l.id

// name: delete
MATCH (l:Listing {id: $id})
OPTIONAL MATCH (l)-[:OFFERS|SERVES]-(sg:Suggestion)
DETACH DELETE sg, l
RETURN count(*) AS deleted

// name: countAll
MATCH (c:Company) WITH count(c) AS companies
MATCH (s:Site) WITH companies, count(s) AS sites
MATCH (l:Listing) RETURN companies, sites, count(l) AS listings

// name: byIds
UNWIND $ids AS id
MATCH (l:Listing {id: id})-[:AT_SITE]->(s:Site)
RETURN l.id AS id, l.ref AS ref, l.companyId AS companyId, l.siteId AS siteId, l.doc AS doc,
       l.createdAt AS createdAt, l.updatedAt AS updatedAt, s.lat AS lat, s.lon AS lon
