// name: create
CREATE (c:Company)
SET c = $props, c.version = 1
WITH c
OPTIONAL MATCH (i:Industry {code: $props.industryDivision})
FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | MERGE (c)-[:IN_INDUSTRY]->(i))
RETURN c.id AS id

// name: update
// Only if the company still has the version the change was computed from.
MATCH (c:Company {id: $id})
// Locked before its version is read: a compare-and-set (see listing.cypher update).
SET c._lock = true
REMOVE c._lock
WITH c
WHERE coalesce(c.version, 1) = $expectedVersion
SET c += $props, c.version = coalesce(c.version, 1) + 1
WITH c
OPTIONAL MATCH (c)-[old:IN_INDUSTRY]->()
DELETE old
WITH DISTINCT c
OPTIONAL MATCH (i:Industry {code: c.industryDivision})
FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | MERGE (c)-[:IN_INDUSTRY]->(i))
RETURN c.version AS version

// name: importMany
// Imported companies keyed by (refScope, ref); each row says what happened to it. A company the
// MERGE creates is written whole at once; a stored one only when its content changed.
UNWIND $rows AS row
MERGE (c:Company {refScope: row.props.refScope, ref: row.props.ref})
ON CREATE SET c += row.props, c.id = row.id, c.createdAt = $now, c.version = 0
WITH c, row,
     CASE WHEN c.version = 0 THEN 'created'
          WHEN c.contentHash = row.props.contentHash THEN 'unchanged'
          ELSE 'updated' END AS outcome
CALL (c, row, outcome) {
  WITH c, row WHERE outcome = 'created'
  SET c.version = 1
  WITH c, row
  MATCH (i:Industry {code: row.props.industryDivision})
  CREATE (c)-[:IN_INDUSTRY]->(i)
}
CALL (c, row, outcome) {
  WITH c, row WHERE outcome = 'updated'
  SET c += row.props, c.version = coalesce(c.version, 0) + 1
  WITH c
  OPTIONAL MATCH (c)-[old:IN_INDUSTRY]->()
  DELETE old
  WITH DISTINCT c
  OPTIONAL MATCH (i:Industry {code: c.industryDivision})
  FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | MERGE (c)-[:IN_INDUSTRY]->(i))
}
RETURN row.index AS index, c.id AS id, outcome

// name: byRefs
// Companies of one ref namespace, with the region codes of their sites.
UNWIND $refs AS ref
MATCH (c:Company {refScope: $refScope, ref: ref})
OPTIONAL MATCH (c)-[:HAS_SITE]->(s:Site)
WITH c, ref, [code IN collect(s.municipalityCode) + collect(s.countyCode) WHERE code IS NOT NULL] AS regions
RETURN ref, c.id AS id, c.contentHash AS contentHash, c.createdAt AS createdAt, regions

// name: byId
// A company with the facts the access policy decides on.
MATCH (c:Company {id: $id})
RETURN c {.*} AS company,
       COLLECT {
         MATCH (c)-[:HAS_SITE]->(s:Site)
         UNWIND [s.municipalityCode, s.countyCode] AS code
         WITH code WHERE code IS NOT NULL
         RETURN DISTINCT code
       } AS regions,
       EXISTS { MATCH (c)-[:HAS_SITE]->(:Site)<-[:AT_SITE]-(:Listing {confidentiality: 'public'}) } AS hasPublicListing

// name: byOrgNumbers
UNWIND $orgNumbers AS org
MATCH (c:Company {orgNumber: org}) RETURN c.orgNumber AS orgNumber, c.id AS id

// name: refTaken
MATCH (c:Company {refScope: $refScope, ref: $ref})
WHERE c.id <> $exceptId
RETURN c.id AS id LIMIT 1

// name: count
MATCH (c:Company)
WHERE ($q IS NULL OR toLower(c.name) CONTAINS toLower($q) OR c.orgNumber = $q)
  AND {{companyShown(c)}}
RETURN count(c) AS total

// name: list
// A page of the companies the caller may see ($companyAccess, domain/access.ts), in name order
// read from the name index (no sort of every company per page; equal names keep the index's order).
MATCH (c:Company)
WHERE c.name IS NOT NULL
  AND ($q IS NULL OR toLower(c.name) CONTAINS toLower($q) OR c.orgNumber = $q)
  AND {{companyShown(c)}}
WITH c ORDER BY c.name
SKIP $offset LIMIT $limit
RETURN c {.*} AS company,
       COLLECT {
         MATCH (c)-[:HAS_SITE]->(s:Site)
         UNWIND [s.municipalityCode, s.countyCode] AS code
         WITH code WHERE code IS NOT NULL
         RETURN DISTINCT code
       } AS regions,
       EXISTS { MATCH (c)-[:HAS_SITE]->(:Site)<-[:AT_SITE]-(:Listing {confidentiality: 'public'}) } AS hasPublicListing

// name: counts
MATCH (c:Company {id: $id})
OPTIONAL MATCH (c)-[:HAS_SITE]->(s:Site)
OPTIONAL MATCH (s)<-[:AT_SITE]-(l:Listing)
RETURN count(DISTINCT s) AS sites, count(DISTINCT l) AS listings

// name: delete
// Deletes a company (with what belongs to it), only if it still has the version the caller saw.
MATCH (c:Company {id: $id})
SET c._lock = true
REMOVE c._lock
WITH c
WHERE $expectedVersion IS NULL OR coalesce(c.version, 1) = $expectedVersion
CALL (c) {
  MATCH (c)-[:HAS_SITE]->(:Site)<-[:AT_SITE]-(l:Listing)
  {{{keepReviewed(l)}}}
}
WITH c
OPTIONAL MATCH (c)-[:HAS_SITE]->(s:Site)
OPTIONAL MATCH (s)<-[:AT_SITE]-(l:Listing)
OPTIONAL MATCH (l)-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
WHERE NOT EXISTS { (sg)<-[:REVIEWS]-(:Review) }
DETACH DELETE sg, l, s, c
RETURN count(*) AS deleted

// name: idsByRef
MATCH (c:Company {ref: $ref}) RETURN c.id AS id ORDER BY c.refScope, c.id
