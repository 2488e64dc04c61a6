// The anchor of the import benchmark (bench/import-anchor.ts, issue 14): the rows importDocument
// stores, written by plain batched UNWIND ... CREATE, with no checks and no outcomes. Never used by
// the service.

// name: anchorCompanies
UNWIND $rows AS row
CREATE (c:Company)
SET c = row.props, c.id = row.id, c.createdAt = $now, c.version = 1
WITH c, row
MATCH (i:Industry {code: row.props.industryDivision})
CREATE (c)-[:IN_INDUSTRY]->(i)

// name: anchorSites
UNWIND $rows AS row
MATCH (c:Company {id: row.props.companyId})
CREATE (c)-[:HAS_SITE]->(s:Site)
SET s = row.props, s.id = row.id, s.createdAt = $now, s.version = 1,
    s.location = point({latitude: row.props.lat, longitude: row.props.lon}),
    s.coarseLocation = point({latitude: row.props.coarseLat, longitude: row.props.coarseLon})

// name: anchorListings
UNWIND $rows AS row
MATCH (s:Site {id: row.props.siteId})
CREATE (l:Listing)-[:AT_SITE]->(s)
SET l = row.props, l.id = row.id, l.createdAt = $now, l.version = 1
WITH l, row
{{{linkNewListing(l, row)}}}

// name: anchorDelete
// Everything the anchor wrote (the bench's database held no company, site or listing before it),
// in transactions of 10,000 nodes; run outside a managed transaction.
MATCH (n)
WHERE n:Listing OR n:Site OR n:Company
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS

// name: runAnchorNodes
// The bound on a first run's writes (issue 14): every active suggestion copied inside Neo4j as a
// node with its properties and its two relationships, with no index or constraint on it and no
// row over Bolt; in transactions of 10,000 rows, run outside a managed transaction.
MATCH (x:Suggestion {status: 'active'})-[:OFFERS]->(o:Listing)
MATCH (x)-[:SERVES]->(n:Listing)
CALL (x, o, n) {
  CREATE (a:AnchorSuggestion)
  SET a = properties(x)
  CREATE (a)-[:OFFERS]->(o)
  CREATE (a)-[:SERVES]->(n)
} IN TRANSACTIONS OF 10000 ROWS

// name: runAnchorNodesDelete
MATCH (a:AnchorSuggestion)
CALL (a) {
  DETACH DELETE a
} IN TRANSACTIONS OF 10000 ROWS

// name: runAnchorRelationships
// The same copy as one relationship per suggestion, from its offer to its need, holding the
// suggestion's properties: the least a suggestion of its own can be in the graph.
MATCH (x:Suggestion {status: 'active'})-[:OFFERS]->(o:Listing)
MATCH (x)-[:SERVES]->(n:Listing)
CALL (x, o, n) {
  CREATE (o)-[r:ANCHOR_SUGGESTED]->(n)
  SET r = properties(x)
} IN TRANSACTIONS OF 10000 ROWS

// name: runAnchorRelationshipsDelete
MATCH ()-[r:ANCHOR_SUGGESTED]->()
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF 10000 ROWS

// name: runAnchorCount
MATCH (x:Suggestion {status: 'active'})
RETURN count(x) AS n
