// name: upsertMany
UNWIND $rows AS row
MERGE (c:Company {id: row.id})
ON CREATE SET c.createdAt = row.createdAt
SET c += row.props
WITH c, row
OPTIONAL MATCH (c)-[old:IN_INDUSTRY]->()
DELETE old
WITH DISTINCT c, row
OPTIONAL MATCH (i:Industry {code: row.props.industryDivision})
FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | MERGE (c)-[:IN_INDUSTRY]->(i))
RETURN count(c) AS written

// name: hashesByRefs
UNWIND $refs AS ref
MATCH (c:Company {ref: ref})
RETURN c.ref AS ref, c.id AS id, c.contentHash AS contentHash, c.createdAt AS createdAt

// name: byId
MATCH (c:Company {id: $id}) RETURN c {.*} AS company

// name: byOrgNumbers
UNWIND $orgNumbers AS org
MATCH (c:Company {orgNumber: org}) RETURN c.orgNumber AS orgNumber, c.id AS id, c.ref AS ref

// name: count
MATCH (c:Company)
WHERE $q IS NULL OR toLower(c.name) CONTAINS toLower($q) OR c.orgNumber = $q
RETURN count(c) AS total

// name: list
MATCH (c:Company)
WHERE $q IS NULL OR toLower(c.name) CONTAINS toLower($q) OR c.orgNumber = $q
WITH c ORDER BY c.name, c.id
SKIP $offset LIMIT $limit
RETURN c {.*} AS company

// name: counts
MATCH (c:Company {id: $id})
OPTIONAL MATCH (c)-[:HAS_SITE]->(s:Site)
OPTIONAL MATCH (s)<-[:AT_SITE]-(l:Listing)
RETURN count(DISTINCT s) AS sites, count(DISTINCT l) AS listings

// name: delete
MATCH (c:Company {id: $id})
OPTIONAL MATCH (c)-[:HAS_SITE]->(s:Site)
OPTIONAL MATCH (s)<-[:AT_SITE]-(l:Listing)
OPTIONAL MATCH (l)-[:OFFERS|SERVES]-(sg:Suggestion)
DETACH DELETE sg, l, s, c
