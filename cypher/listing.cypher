// name: create
// New listings at sites of their own company (the MATCH refuses any other pairing).
UNWIND $rows AS row
MATCH (s:Site {id: row.siteId})
WHERE s.companyId = row.props.companyId
CREATE (l:Listing {id: row.id})
SET l += row.props, l.createdAt = row.createdAt, l.version = 1
MERGE (l)-[:AT_SITE]->(s)
WITH l, row
{{{linkListing(l, row)}}}
RETURN l.id AS id

// name: update
// One listing, only if it still has the version the change was computed from; it may move to
// another site of the same company. Reviews of its suggestions still in play are flagged (needs
// $closed, $now and the actor, as review.flagReviewsOfListings).
MATCH (l:Listing {id: $row.id})
// Lock the node before reading its version: a concurrent change waits here, then is checked
// against what the first one wrote (Neo4j reads committed data; the lock makes this a
// compare-and-set).
SET l._lock = true
REMOVE l._lock
WITH l
WHERE coalesce(l.version, 1) = $expectedVersion AND l.companyId = $row.props.companyId
MATCH (s:Site {id: $row.siteId})
WHERE s.companyId = l.companyId
SET l += $row.props, l.version = coalesce(l.version, 1) + 1
WITH l, s
OPTIONAL MATCH (l)-[old:AT_SITE]->(other:Site)
WHERE other <> s
DELETE old
WITH DISTINCT l, s
MERGE (l)-[:AT_SITE]->(s)
WITH l, $row AS row
{{{linkListing(l, row)}}}
// Suggestions people are working on are flagged for their facilitator, in the same statement.
{{{flagReviewsOf(l)}}}
RETURN l.version AS version

// name: importMany
// Imported listings keyed by (company, ref). Each row says what happened to it, decided here, in
// the writing transaction, so concurrent imports each report what they actually did. A listing the
// MERGE creates is written whole at once and its relationships created (it has none to replace);
// a stored one is rewritten only when its content or site changed. $now is the creation time.
UNWIND $rows AS row
MATCH (s:Site {id: row.props.siteId})
WHERE s.companyId = row.props.companyId
MERGE (l:Listing {companyId: row.props.companyId, ref: row.props.ref})
ON CREATE SET l += row.props, l.id = row.id, l.createdAt = $now, l.version = 0
WITH l, s, row,
     CASE WHEN l.version = 0 THEN 'created'
          WHEN l.contentHash = row.props.contentHash AND l.siteId = row.props.siteId THEN 'unchanged'
          ELSE 'updated' END AS outcome
CALL (l, s, row, outcome) {
  WITH l, s, row WHERE outcome = 'created'
  SET l.version = 1
  CREATE (l)-[:AT_SITE]->(s)
  WITH l, row
  {{{linkNewListing(l, row)}}}
}
CALL (l, s, row, outcome) {
  WITH l, s, row WHERE outcome = 'updated'
  SET l += row.props, l.version = coalesce(l.version, 0) + 1
  WITH l, s, row
  OPTIONAL MATCH (l)-[old:AT_SITE]->(other:Site)
  WHERE other <> s
  DELETE old
  WITH DISTINCT l, s, row
  MERGE (l)-[:AT_SITE]->(s)
  WITH l, row
  {{{linkListing(l, row)}}}
}
RETURN row.index AS index, l.id AS id, outcome

// name: byId
MATCH (l:Listing {id: $id})-[:AT_SITE]->(s:Site)
RETURN {{{listingColumns(l, s)}}}

// name: byIds
UNWIND $ids AS id
MATCH (l:Listing {id: id})-[:AT_SITE]->(s:Site)
RETURN {{{listingColumns(l, s)}}}

// name: refsOfCompanies
// Which of these refs a company already uses (for imports of companies the caller acts for).
UNWIND $keys AS key
MATCH (l:Listing {companyId: key.companyId, ref: key.ref})
RETURN key.companyId AS companyId, key.ref AS ref, l.id AS id, l.contentHash AS contentHash

// name: refTaken
MATCH (l:Listing {companyId: $companyId, ref: $ref})
WHERE l.id <> $exceptId
RETURN l.id AS id LIMIT 1

// name: search
// A page of the listings the caller may see ($access, domain/access.ts). Filtering by company or
// site never reveals who is behind a listing the caller may not identify, and the radius is
// measured from where the caller is told a listing lies.
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
WHERE l.id IS NOT NULL
  AND ($kind IS NULL OR l.kind = $kind)
  AND ($direction IS NULL OR l.direction = $direction)
  AND ($companyId IS NULL OR (l.companyId = $companyId AND {{identified(l, s)}}))
  AND ($siteId IS NULL OR (l.siteId = $siteId AND {{identified(l, s)}}))
  AND ($code IS NULL OR any(c IN l.wasteCodes WHERE c STARTS WITH $code OR (l.direction = 'need' AND $code STARTS WITH c)))
  AND ($center IS NULL OR point.distance({{shownLocation(l, s)}}, point($center)) <= $radiusM)
  AND {{visible(l, s)}}
WITH l, s ORDER BY l.id
SKIP $offset LIMIT $limit
RETURN {{{listingColumns(l, s)}}}

// name: count
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
WHERE ($kind IS NULL OR l.kind = $kind)
  AND ($direction IS NULL OR l.direction = $direction)
  AND ($companyId IS NULL OR (l.companyId = $companyId AND {{identified(l, s)}}))
  AND ($siteId IS NULL OR (l.siteId = $siteId AND {{identified(l, s)}}))
  AND ($code IS NULL OR any(c IN l.wasteCodes WHERE c STARTS WITH $code OR (l.direction = 'need' AND $code STARTS WITH c)))
  AND ($center IS NULL OR point.distance({{shownLocation(l, s)}}, point($center)) <= $radiusM)
  AND {{visible(l, s)}}
RETURN count(l) AS total

// name: searchText
// The index is updated after each commit (cypher/schema/007): wait for the updates of transactions
// already committed, so that a search finds what was just registered.
CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()
CALL db.index.fulltext.queryNodes('listing_text', $q) YIELD node AS l, score
MATCH (l)-[:AT_SITE]->(s:Site)
WHERE ($kind IS NULL OR l.kind = $kind)
  AND ($direction IS NULL OR l.direction = $direction)
  AND ($companyId IS NULL OR (l.companyId = $companyId AND {{identified(l, s)}}))
  AND ($siteId IS NULL OR (l.siteId = $siteId AND {{identified(l, s)}}))
  AND ($code IS NULL OR any(c IN l.wasteCodes WHERE c STARTS WITH $code OR (l.direction = 'need' AND $code STARTS WITH c)))
  AND ($center IS NULL OR point.distance({{shownLocation(l, s)}}, point($center)) <= $radiusM)
  AND {{visible(l, s)}}
WITH l, s, score ORDER BY score DESC, l.id
SKIP $offset LIMIT $limit
RETURN {{{listingColumns(l, s)}}}

// name: countText
CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()
CALL db.index.fulltext.queryNodes('listing_text', $q) YIELD node AS l
MATCH (l)-[:AT_SITE]->(s:Site)
WHERE ($kind IS NULL OR l.kind = $kind)
  AND ($direction IS NULL OR l.direction = $direction)
  AND ($companyId IS NULL OR (l.companyId = $companyId AND {{identified(l, s)}}))
  AND ($siteId IS NULL OR (l.siteId = $siteId AND {{identified(l, s)}}))
  AND ($code IS NULL OR any(c IN l.wasteCodes WHERE c STARTS WITH $code OR (l.direction = 'need' AND $code STARTS WITH c)))
  AND ($center IS NULL OR point.distance({{shownLocation(l, s)}}, point($center)) <= $radiusM)
  AND {{visible(l, s)}}
RETURN count(l) AS total

// name: all
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
RETURN {{{listingColumns(l, s)}}}
ORDER BY l.id

// name: inScope
// The listings of a match run's scope: of one kind, at the sites of one municipality, within a
// radius, each when given. The radius comes widened (Neo4j's WGS-84 distance and the engine's
// great-circle one differ by a fraction of a percent); services/matching.ts applies the exact rule.
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
WHERE ($kind IS NULL OR l.kind = $kind)
  AND ($municipality IS NULL OR s.municipality = $municipality)
  AND ($region IS NULL OR s.municipalityCode = $region OR s.countyCode = $region)
  AND ($center IS NULL OR point.distance(s.location, point($center)) <= $radiusM)
RETURN {{{listingColumns(l, s)}}}
ORDER BY l.id

// name: counterparts
// Listings that could pair with one listing: the other direction, same kind, within the largest
// limit the pair could have (the listing's own limit, else the other's own limit or the default).
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
WHERE l.kind = $kind AND l.direction = $direction AND l.id <> $excludeId
  AND point.distance(s.location, point($center)) <=
      1000 * CASE WHEN $ownKm IS NOT NULL THEN $ownKm ELSE coalesce(l.maxDistanceKm, $defaultKm) END
RETURN {{{listingColumns(l, s)}}}
ORDER BY l.id

// name: changedSince
// What an API process's in-memory counterpart index (services/counterpart-index.ts) must catch up
// with: listings written since $since, and listings at sites written since (a site moves its
// listings without writing them), with the state of listings $ids (those its search proposed;
// one deleted is missing) and of the counterparts of listing $listingId's published pairs (as
// match.activeOfListing reads them). Versions and places only; the index reads whole rows of
// those it does not hold.
CALL () {
  MATCH (l:Listing)
  WHERE l.updatedAt > $since
  RETURN l.id AS changedId
  UNION
  MATCH (s:Site)
  WHERE s.updatedAt > $since
  MATCH (l:Listing)-[:AT_SITE]->(s)
  RETURN l.id AS changedId
  UNION
  UNWIND $ids AS changedId
  RETURN changedId
  UNION
  MATCH (:Listing {id: $listingId})<-[:OFFERS|SERVES]-(sg:Suggestion)-[:OFFERS|SERVES]->(counterpart:Listing)
  WHERE sg.status = 'active' AND sg.processorNeedId IS NULL AND counterpart.id <> $listingId
  RETURN counterpart.id AS changedId
}
MATCH (l:Listing {id: changedId})-[:AT_SITE]->(s:Site)
RETURN l.id AS id, coalesce(l.version, 1) AS version, s.lat AS lat, s.lon AS lon

// name: delete
// Deletes a listing, only if it still has the version the caller saw (when one is given), with
// its suggestions; those people have acted on are kept (keepReviewed).
MATCH (l:Listing {id: $id})
SET l._lock = true
REMOVE l._lock
WITH l
WHERE $expectedVersion IS NULL OR coalesce(l.version, 1) = $expectedVersion
{{{keepReviewed(l)}}}
WITH l
OPTIONAL MATCH (l)-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
WHERE NOT EXISTS { (sg)<-[:REVIEWS]-(:Review) }
DETACH DELETE sg, l
RETURN count(*) AS deleted

// name: countAll
// From the count store: the chained MATCH ... count() it replaces scanned every site and listing.
RETURN COUNT { (:Company) } AS companies, COUNT { (:Site) } AS sites, COUNT { (:Listing) } AS listings
