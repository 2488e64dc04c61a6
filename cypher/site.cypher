// name: upsertMany
UNWIND $rows AS row
MATCH (c:Company {id: row.props.companyId})
MERGE (s:Site {id: row.id})
ON CREATE SET s.createdAt = row.createdAt
SET s += row.props, s.location = point({latitude: row.props.lat, longitude: row.props.lon})
MERGE (c)-[:HAS_SITE]->(s)
RETURN count(s) AS written

// name: byId
MATCH (s:Site {id: $id}) RETURN s {.*, location: null} AS site

// name: byRefs
UNWIND $refs AS ref
MATCH (s:Site {ref: ref})
RETURN s.ref AS ref, s.id AS id, s.companyId AS companyId, s.contentHash AS contentHash, s.createdAt AS createdAt

// name: byCompany
MATCH (:Company {id: $companyId})-[:HAS_SITE]->(s:Site)
RETURN s {.*, location: null} AS site ORDER BY s.name, s.id

// name: listingCount
MATCH (s:Site {id: $id})
OPTIONAL MATCH (s)<-[:AT_SITE]-(l:Listing)
RETURN count(l) AS listings

// name: delete
MATCH (s:Site {id: $id})
OPTIONAL MATCH (s)<-[:AT_SITE]-(l:Listing)
OPTIONAL MATCH (l)-[:OFFERS|SERVES]-(sg:Suggestion)
DETACH DELETE sg, l, s
