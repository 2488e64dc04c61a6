// name: createRun
CREATE (r:MatchRun)
SET r = $run
RETURN r.id AS id

// name: finishRun
MATCH (r:MatchRun {id: $id})
SET r += $props

// name: runById
MATCH (r:MatchRun {id: $id}) RETURN r {.*} AS run

// name: listRuns
MATCH (r:MatchRun)
WITH r ORDER BY r.startedAt DESC, r.id
SKIP $offset LIMIT $limit
RETURN r {.*} AS run

// name: upsertSuggestions
// One suggestion per (offer, need) pair, kept across runs: re-running never duplicates it.
UNWIND $rows AS row
MATCH (o:Listing {id: row.offerId})
MATCH (n:Listing {id: row.needId})
MERGE (sg:Suggestion {pairKey: row.pairKey})
ON CREATE SET sg.id = row.id, sg.createdAt = row.now
SET sg += row.props, sg.updatedAt = row.now, sg.status = 'active'
MERGE (sg)-[:OFFERS]->(o)
MERGE (sg)-[:SERVES]->(n)
WITH sg, row
OPTIONAL MATCH (r:MatchRun {id: row.runId})
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | MERGE (r)-[:SUGGESTED]->(sg))
RETURN count(sg) AS written

// name: withdrawStale
// Suggestions of listings in scope that this computation no longer produced.
UNWIND $listingIds AS listingId
MATCH (:Listing {id: listingId})<-[:OFFERS|SERVES]-(sg:Suggestion)
WHERE sg.status = 'active' AND NOT sg.pairKey IN $keptKeys
  AND ($kind IS NULL OR sg.kind = $kind)
  AND ($requireBothInScope = false OR (sg.offerId IN $listingIds AND sg.needId IN $listingIds))
SET sg.status = 'withdrawn', sg.updatedAt = $now
RETURN count(DISTINCT sg) AS withdrawn

// name: forListing
MATCH (:Listing {id: $listingId})<-[:OFFERS|SERVES]-(sg:Suggestion {status: 'active'})
RETURN sg {.*} AS suggestion
ORDER BY sg.score DESC, sg.offerId, sg.needId

// name: forCompany
MATCH (l:Listing {companyId: $companyId})<-[:OFFERS|SERVES]-(sg:Suggestion {status: 'active'})
RETURN DISTINCT sg {.*} AS suggestion
ORDER BY suggestion.score DESC, suggestion.offerId, suggestion.needId

// name: search
MATCH (sg:Suggestion {status: 'active'})-[:OFFERS]->(o:Listing)-[:AT_SITE]->(os:Site)
MATCH (sg)-[:SERVES]->(n:Listing)-[:AT_SITE]->(ns:Site)
WHERE ($kind IS NULL OR sg.kind = $kind)
  AND ($minScore IS NULL OR sg.score >= $minScore)
  AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
  AND ($runId IS NULL OR EXISTS { (:MatchRun {id: $runId})-[:SUGGESTED]->(sg) })
  AND ($municipality IS NULL OR os.municipality = $municipality OR ns.municipality = $municipality)
  AND ($center IS NULL OR point.distance(os.location, point($center)) <= $radiusM
       OR point.distance(ns.location, point($center)) <= $radiusM)
RETURN sg {.*} AS suggestion
ORDER BY sg.score DESC, sg.offerId, sg.needId
