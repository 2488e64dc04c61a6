// name: createRun
CREATE (r:MatchRun)
SET r = $run
RETURN r.id AS id

// name: finishRun
MATCH (r:MatchRun {id: $id})
SET r += $props

// name: runningRuns
// Runs still marked running, with the process that runs them (services/runner.ts).
MATCH (r:MatchRun {status: 'running'})
RETURN r.id AS id, r.runnerHost AS host, r.runnerPid AS pid, r.runnerStartedAt AS startedAt

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

// name: setAllocatedQuantities
// A run's allocation, set once its suggestions are written: services/matching.ts writes them with
// 0 while the allocation is being solved.
UNWIND $rows AS row
MATCH (sg:Suggestion {pairKey: row.pairKey})
SET sg.allocatedQuantity = row.quantity
RETURN count(sg) AS set

// name: staleOfListings
// Active suggestions of the listings in scope (of one kind when given) that a computation did not
// keep: store/match-store.ts withdraws them in batches. `IN $keptKeys` stays a hash lookup (7e5
// keys measured). The plan must expand from each listing. Right after a run creates suggestions,
// index samples are stale, and with `sg:Suggestion` the planner chose (at 2,000 listings) to scan
// the pairKey index once per listing: listings x suggestions rows, 3 s instead of 0.05 s. Only
// suggestions have OFFERS or SERVES relationships, so sg needs no label, and without one it has
// no index to start from.
UNWIND $listingIds AS listingId
MATCH (l:Listing {id: listingId})<-[:OFFERS|SERVES]-(sg)
USING INDEX l:Listing(id)
WHERE sg.status = 'active' AND NOT sg.pairKey IN $keptKeys
  AND ($kind IS NULL OR sg.kind = $kind)
  AND ($requireBothInScope = false OR (sg.offerId IN $listingIds AND sg.needId IN $listingIds))
RETURN DISTINCT sg.pairKey AS pairKey

// name: withdrawByKeys
// Suggestions that a computation no longer produced, by their pair key.
UNWIND $pairKeys AS pairKey
MATCH (sg:Suggestion {pairKey: pairKey})
WHERE sg.status = 'active'
SET sg.status = 'withdrawn', sg.updatedAt = $now
RETURN count(sg) AS withdrawn

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

// name: suggestionCounts
// Totals for checks and benchmarks: every suggestion, the active ones, those created since $since.
MATCH (sg:Suggestion)
RETURN count(sg) AS total,
       count(CASE WHEN sg.status = 'active' THEN 1 END) AS active,
       count(CASE WHEN sg.createdAt >= $since THEN 1 END) AS createdSince
