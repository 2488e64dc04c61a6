// Match runs and their suggestions (docs/decisions/0008-atomic-runs.md).
//
// A Suggestion is one (offer, need) pair, kept across runs. Readers see `status = 'active'` only.
// A run stages what it computed and publishes it in one transaction when it completes:
// - a pair new to the database is a Suggestion with status 'staged' and `stagedRunId`;
// - a changed, re-proposed, re-allocated or withdrawn pair keeps its published properties and gets
//   a (:StagedSuggestion {lastRunId})-[:REVISES]->(suggestion) holding exactly the properties it
//   will publish (the run's id among them, as lastRunId), so that publishing copies it whole. No
//   pair key on it: publishing then changes no indexed key, and finds the suggestion by the
//   relationship, not by an index seek per row (a seek in a transaction that has changed that
//   index merges the transaction's changes every time).
// Publication skips the pairs of a listing changed (or deleted) since the run read it
// (changedListings): an incremental refresh owns those.

// name: lockRuns
// The one run lock. Writing the node first takes its write lock, so the holder read after it is
// the committed one and two starting runs are serialised (match_run_lock makes MERGE safe too).
MERGE (l:MatchRunLock {id: 'match-runs'})
SET l.lockedAt = $now
WITH l
OPTIONAL MATCH (r:MatchRun {id: l.runId})
RETURN l.runId AS runId, r.status AS status, r.heartbeatAt AS heartbeatAt,
       r.runnerHost AS host, r.runnerPid AS pid, r.runnerStartedAt AS startedAt

// name: takeRunLock
MATCH (l:MatchRunLock {id: 'match-runs'})
SET l.runId = $runId, l.takenAt = $now

// name: releaseRunLock
MATCH (l:MatchRunLock {id: 'match-runs'})
WHERE l.runId = $runId
SET l.runId = null

// name: runLockHolder
OPTIONAL MATCH (l:MatchRunLock {id: 'match-runs'})
RETURN l.runId AS runId

// name: createRun
CREATE (r:MatchRun)
SET r = $run
RETURN r.id AS id

// name: finishRun
MATCH (r:MatchRun {id: $id})
SET r += $props

// name: failRun
// A run still running becomes failed; a run that has ended (published, or failed already) stays.
MATCH (r:MatchRun {id: $id})
WHERE r.status = 'running'
SET r += $props

// name: runProgress
// Progress and heartbeat of a run still running; never overwrites its end.
MATCH (r:MatchRun {id: $id})
WHERE r.status = 'running'
SET r += $props

// name: runningRuns
// Runs still in progress (running or publishing), with the process that runs them
// (services/runner.ts) and its heartbeat.
MATCH (r:MatchRun)
WHERE r.status IN ['running', 'publishing']
RETURN r.id AS id, r.status AS status, r.runnerHost AS host, r.runnerPid AS pid, r.runnerStartedAt AS startedAt,
       r.heartbeatAt AS heartbeatAt

// name: runById
MATCH (r:MatchRun {id: $id}) RETURN r {.*} AS run

// name: listRuns
MATCH (r:MatchRun)
WITH r ORDER BY r.startedAt DESC, r.id
SKIP $offset LIMIT $limit
RETURN r {.*} AS run

// name: publishedAll
// Every published suggestion, for a run over the whole database: what it compares its pairs with.
// Its listings are not returned: the key names them (match-context.ts endsOfKey), and at 10^5
// listings two more columns cost a fifth of this read (decision 0018).
MATCH (sg:Suggestion)
WHERE sg.status = 'active'
RETURN sg.pairKey AS pairKey, sg.kind AS kind, sg.contentHash AS hash,
       sg.allocatedQuantity AS allocated, sg.offerUse AS offerUse

// name: publishedOfListings
// The published suggestions of the listings of a scoped run, each once (a chain through a
// processor also by the processor's listings). The plan must expand from each listing (see
// staleOfListings for why sg has no label).
UNWIND $listingIds AS listingId
MATCH (l:Listing {id: listingId})<-[:OFFERS|SERVES|THROUGH]-(sg)
USING INDEX SEEK l:Listing(id)
WHERE sg.status = 'active'
RETURN DISTINCT sg.pairKey AS pairKey, sg.kind AS kind, sg.contentHash AS hash,
       sg.allocatedQuantity AS allocated, sg.offerUse AS offerUse

// name: stageSuggestions
// Pairs a run computed whose published values differ (or that are not published). A pair new to
// the database becomes a staged Suggestion with its relationships; any other gets a
// StagedSuggestion. MERGE keeps a retried batch idempotent. Rows are compact (decision 0018): the
// values every row of the run shares come once, as $common.
UNWIND $rows AS row
MERGE (sg:Suggestion {pairKey: row.pairKey})
ON CREATE SET sg += row.props, sg += $common, sg.id = row.id, sg.createdAt = $now, sg.updatedAt = $now,
              sg.status = 'staged', sg.stagedRunId = $runId
WITH sg, row, (sg.status = 'staged' AND sg.stagedRunId = $runId) AS created
CALL (sg, row, created) {
  WITH sg, row WHERE created
  MATCH (o:Listing {id: row.props.offerId})
  MATCH (n:Listing {id: row.props.needId})
  MERGE (sg)-[:OFFERS]->(o)
  MERGE (sg)-[:SERVES]->(n)
}
CALL (sg, row, created) {
  // A chain (matching/chains.ts) goes THROUGH its processor's need and offer.
  WITH sg, row WHERE created AND row.props.processorNeedId IS NOT NULL
  MATCH (pn:Listing {id: row.props.processorNeedId})
  MATCH (po:Listing {id: row.props.processorOfferId})
  MERGE (sg)-[:THROUGH]->(pn)
  MERGE (sg)-[:THROUGH]->(po)
}
CALL (sg, row, created) {
  WITH sg, row WHERE NOT created
  MERGE (sg)<-[:REVISES]-(st:StagedSuggestion {lastRunId: $runId})
  SET st += row.props, st += $common, st.status = 'active'
}
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN NOT created THEN 1 END) AS revised

// name: createSuggestions
// Pairs the run found no published suggestion for (stageSuggestions without MERGE): each becomes a
// staged Suggestion with its relationships, created outright. A key taken by a suggestion that is
// not published fails suggestion_pair and the batch goes through stageSuggestions instead.
UNWIND $rows AS row
CREATE (sg:Suggestion {pairKey: row.pairKey})
SET sg += row.props, sg += $common, sg.id = row.id, sg.createdAt = $now, sg.updatedAt = $now,
    sg.status = 'staged', sg.stagedRunId = $runId
WITH sg, row
CALL (sg, row) {
  MATCH (o:Listing {id: row.props.offerId})
  MATCH (n:Listing {id: row.props.needId})
  CREATE (sg)-[:OFFERS]->(o)
  CREATE (sg)-[:SERVES]->(n)
}
CALL (sg, row) {
  // A chain (matching/chains.ts) goes THROUGH its processor's need and offer.
  WITH sg, row WHERE row.props.processorNeedId IS NOT NULL
  MATCH (pn:Listing {id: row.props.processorNeedId})
  MATCH (po:Listing {id: row.props.processorOfferId})
  CREATE (sg)-[:THROUGH]->(pn)
  CREATE (sg)-[:THROUGH]->(po)
}
RETURN count(sg) AS created

// name: stageRevisions
// Changes to published pairs that need no explanation: a new allocation, or a withdrawal.
UNWIND $rows AS row
MATCH (sg:Suggestion {pairKey: row.pairKey})
MERGE (sg)<-[:REVISES]-(st:StagedSuggestion {lastRunId: $runId})
SET st += row.props
RETURN count(st) AS staged

// name: setStagedAllocations
// The run's allocated quantities, once the LP is solved, on the pairs it staged (0 until then).
UNWIND $rows AS row
MATCH (sg:Suggestion {pairKey: row.pairKey})
WHERE sg.stagedRunId = $runId AND sg.status = 'staged'
SET sg.allocatedQuantity = row.quantity
RETURN count(sg) AS set

// name: setRevisedAllocations
UNWIND $rows AS row
MATCH (:Suggestion {pairKey: row.pairKey})<-[:REVISES]-(st:StagedSuggestion {lastRunId: $runId})
SET st.allocatedQuantity = row.quantity
RETURN count(st) AS set

// name: changedListings
// Publication: the listings the run read that changed or went since ($listings: id and updatedAt
// as the run read them). Their pairs are not published: an incremental refresh owns them.
UNWIND $listings AS read
OPTIONAL MATCH (l:Listing {id: read.id})
WITH read, l WHERE l IS NULL OR l.updatedAt <> read.version
RETURN collect(read.id) AS changed

// name: lockRunForPublication
// Each publishing transaction writes its run first: an incremental refresh that adds a listing to
// the run's skip list (skipListingInPublication) is then serialised with it.
MATCH (r:MatchRun {id: $runId})
SET r.heartbeatAt = $now
RETURN r.status AS status, coalesce(r.skippedListings, []) AS skipped

// name: startPublication
// A publication too large for one transaction: the run becomes `publishing` (readers may see it in
// part from here until it is finished), with the listings whose pairs it skips and its counts so far.
MATCH (r:MatchRun {id: $runId})
WHERE r.status = 'running'
SET r += $props, r.status = 'publishing', r.phase = 'publishing', r.skippedListings = $changed,
    r.created = 0, r.updated = 0, r.withdrawn = 0, r.superseded = 0
RETURN r.id AS id

// name: skipListingInPublication
// An incremental refresh while a run publishes in batches: the run leaves that listing's pairs alone.
MATCH (l:MatchRunLock {id: 'match-runs'})
MATCH (r:MatchRun {id: l.runId})
WHERE r.status = 'publishing'
SET r.skippedListings = coalesce(r.skippedListings, []) + $listingId
RETURN r.id AS runId

// name: publishCreated
// Publication: up to $limit of the run's new pairs become visible; those of a changed listing go.
// Every pair taken is done with, so repeating the query until it takes none publishes them all.
MATCH (sg:Suggestion {stagedRunId: $runId})
WHERE sg.status = 'staged'
WITH sg LIMIT $limit
WITH sg, (sg.offerId IN $changed OR sg.needId IN $changed
          OR coalesce(sg.processorNeedId IN $changed OR sg.processorOfferId IN $changed, false)) AS stale
CALL (sg, stale) {
  WITH sg WHERE NOT stale
  SET sg.status = 'active', sg.stagedRunId = null, sg.updatedAt = $now
}
CALL (sg, stale) {
  WITH sg WHERE stale
  DETACH DELETE sg
}
RETURN count(CASE WHEN NOT stale THEN 1 END) AS published, count(CASE WHEN stale THEN 1 END) AS superseded

// name: publishRevisions
// Publication: up to $limit of the run's revisions replace the published values (a
// StagedSuggestion holds nothing else) and go. A withdrawal applies only to a pair still active;
// a revision of a changed listing or of a pair gone is only removed.
MATCH (st:StagedSuggestion {lastRunId: $runId})
WITH st LIMIT $limit
OPTIONAL MATCH (st)-[:REVISES]->(sg:Suggestion)
WITH st, sg, st.status AS status,
     (sg IS NOT NULL AND NOT st.offerId IN $changed AND NOT st.needId IN $changed
      AND NOT coalesce(sg.processorNeedId IN $changed OR sg.processorOfferId IN $changed, false)
      AND (st.status = 'active' OR sg.status = 'active')) AS applies
CALL (st, sg, applies) {
  WITH st, sg WHERE applies
  // A revision of explained values (it has a content hash) replaces the CO2e even when it is not
  // quantified: null is no property, which `+=` would not copy.
  SET sg += properties(st), sg.updatedAt = $now,
      sg.co2eAvoidedT = CASE WHEN st.contentHash IS NULL THEN sg.co2eAvoidedT ELSE st.co2eAvoidedT END
  // A suggestion written before the compact rows loses its separate values to the new document.
  FOREACH (_ IN CASE WHEN st.doc IS NULL THEN [] ELSE [1] END |
    REMOVE sg.route, sg.terms, sg.impact, sg.economics, sg.chain, sg.distanceKm, sg.maxQuantity, sg.unit)
}
DETACH DELETE st
RETURN count(CASE WHEN applies AND status = 'active' THEN 1 END) AS updated,
       count(CASE WHEN applies AND status = 'withdrawn' THEN 1 END) AS withdrawn,
       count(CASE WHEN NOT applies THEN 1 END) AS superseded

// name: addPublished
// The counts of one publishing batch, added to the run's.
MATCH (r:MatchRun {id: $runId})
SET r.created = r.created + $created, r.updated = r.updated + $updated,
    r.withdrawn = r.withdrawn + $withdrawn, r.superseded = r.superseded + $superseded
RETURN r.created AS created, r.updated AS updated, r.withdrawn AS withdrawn, r.superseded AS superseded

// name: finishPublication
MATCH (r:MatchRun {id: $runId})
SET r += $props, r.status = 'finished'
REMOVE r.skippedListings

// name: discardStagedOfRun
// A failed run's clean-up: its staged new pairs, at most $limit at a time.
MATCH (sg:Suggestion {stagedRunId: $runId})
WHERE sg.status = 'staged'
WITH sg LIMIT $limit
DETACH DELETE sg
RETURN count(*) AS discarded

// name: discardRevisionsOfRun
// A failed run's clean-up: its staged revisions, at most $limit at a time.
MATCH (st:StagedSuggestion {lastRunId: $runId})
WITH st LIMIT $limit
DETACH DELETE st
RETURN count(*) AS discarded

// name: upsertSuggestions
// An incremental refresh writes a listing's suggestions at once, visible: one suggestion per
// (offer, need) pair, so refreshing never duplicates it. A pair a run has staged becomes the
// refresh's, published (that run's publication skips it: the listing changed).
UNWIND $rows AS row
MATCH (o:Listing {id: row.offerId})
MATCH (n:Listing {id: row.needId})
MERGE (sg:Suggestion {pairKey: row.pairKey})
ON CREATE SET sg.id = row.id, sg.createdAt = row.now
SET sg += row.props, sg.updatedAt = row.now, sg.status = 'active', sg.stagedRunId = null
// A suggestion written before the compact rows (decision 0018) loses its separate values to `doc`.
REMOVE sg.route, sg.terms, sg.impact, sg.economics, sg.chain, sg.distanceKm, sg.maxQuantity, sg.unit
MERGE (sg)-[:OFFERS]->(o)
MERGE (sg)-[:SERVES]->(n)
RETURN count(sg) AS written

// name: activeOfListing
// A listing's published pairs as an incremental refresh compares them: keys, hashes, allocation.
// Chains through processors are left to the next run (decision 0016).
MATCH (:Listing {id: $listingId})<-[:OFFERS|SERVES]-(sg:Suggestion)
WHERE sg.status = 'active' AND sg.processorNeedId IS NULL
RETURN sg.pairKey AS pairKey, sg.offerId AS offerId, sg.needId AS needId, sg.contentHash AS hash,
       sg.allocatedQuantity AS allocated

// name: staleOfListings
// Active suggestions of the listings in scope (of one kind when given) that a computation did not
// keep: store/match-store.ts withdraws them in batches; chains are a run's to withdraw (decision
// 0016). `IN $keptKeys` stays a hash lookup (7e5 keys measured). The plan must expand from each
// listing. Right after a run creates suggestions, index samples are stale, and with `sg:Suggestion`
// the planner chose (at 2,000 listings) to scan the pairKey index once per listing: listings x
// suggestions rows, 3 s instead of 0.05 s. Only suggestions have OFFERS or SERVES relationships, so
// sg needs no label, and without one it has no index to start from.
UNWIND $listingIds AS listingId
MATCH (l:Listing {id: listingId})<-[:OFFERS|SERVES]-(sg)
USING INDEX SEEK l:Listing(id)
WHERE sg.status = 'active' AND NOT sg.pairKey IN $keptKeys AND sg.processorNeedId IS NULL
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
// A page of a listing's published suggestions that the caller may see ($access), best first.
MATCH (:Listing {id: $listingId})<-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
WHERE sg.status = 'active'
WITH DISTINCT sg
MATCH (sg)-[:OFFERS]->(o:Listing)-[:AT_SITE]->(os:Site)
MATCH (sg)-[:SERVES]->(n:Listing)-[:AT_SITE]->(ns:Site)
WHERE {{suggestionShown(sg, o, os, n, ns)}}
  AND {{notTurnedDown(sg)}}
WITH sg, o, os, n, ns
ORDER BY sg.score DESC, sg.pairKey
SKIP $offset LIMIT $limit
{{{presentedRows(sg, o, os, n, ns)}}}

// name: countForListing
MATCH (:Listing {id: $listingId})<-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
WHERE sg.status = 'active'
WITH DISTINCT sg
MATCH (sg)-[:OFFERS]->(o:Listing)-[:AT_SITE]->(os:Site)
MATCH (sg)-[:SERVES]->(n:Listing)-[:AT_SITE]->(ns:Site)
WHERE {{suggestionShown(sg, o, os, n, ns)}}
  AND {{notTurnedDown(sg)}}
RETURN count(sg) AS total

// name: forCompany
// A page of the published suggestions of a company's listings, best first, each once.
MATCH (:Listing {companyId: $companyId})<-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
WHERE sg.status = 'active'
WITH DISTINCT sg
MATCH (sg)-[:OFFERS]->(o:Listing)-[:AT_SITE]->(os:Site)
MATCH (sg)-[:SERVES]->(n:Listing)-[:AT_SITE]->(ns:Site)
WHERE {{suggestionShown(sg, o, os, n, ns)}}
  AND {{notTurnedDown(sg)}}
WITH sg, o, os, n, ns
ORDER BY sg.score DESC, sg.pairKey
SKIP $offset LIMIT $limit
{{{presentedRows(sg, o, os, n, ns)}}}

// name: countForCompany
MATCH (:Listing {companyId: $companyId})<-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
WHERE sg.status = 'active'
WITH DISTINCT sg
MATCH (sg)-[:OFFERS]->(o:Listing)-[:AT_SITE]->(os:Site)
MATCH (sg)-[:SERVES]->(n:Listing)-[:AT_SITE]->(ns:Site)
WHERE {{suggestionShown(sg, o, os, n, ns)}}
  AND {{notTurnedDown(sg)}}
RETURN count(sg) AS total

// name: search
// A page of published suggestions, best first: the score index gives them in order, so the first
// page reads about as many suggestions as it shows (more when filters are selective). Filters on
// the listings and sites come after the suggestion, where an access filter fits too. A cursor
// ($afterScore, $afterKey: the last row of the previous page) starts the index range below it,
// so reading every page costs what reading them at once does; without one, $afterScore is above
// every score.
MATCH (sg:Suggestion)
WHERE sg.score >= $minScore AND sg.score <= $afterScore AND sg.status = 'active'
  AND NOT (sg.score = $afterScore AND sg.pairKey <= $afterKey)
  AND ($kind IS NULL OR sg.kind = $kind)
  AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
{{{searchedPair(sg, o, os, n, ns)}}}
WITH sg, o, os, n, ns
ORDER BY sg.score DESC, sg.pairKey
SKIP $offset LIMIT $limit
{{{presentedRows(sg, o, os, n, ns)}}}

// name: countSearch
MATCH (sg:Suggestion)
WHERE sg.score >= $minScore AND sg.status = 'active'
  AND ($kind IS NULL OR sg.kind = $kind)
  AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
{{{searchedPair(sg, o, os, n, ns)}}}
RETURN count(sg) AS total

// name: searchInMunicipality
// The same page when a municipality holding few sites is asked for (store/match-store.ts
// searchSuggestions decides): read from its sites' listings' suggestions, then sorted, instead of
// passing over every suggestion in score order looking for its own (a municipality with none took
// 11 s at 10^5 listings). Only the offer's and the need's sites count, as in search. The hint and
// the subquery keep the planner from the score index, which the score range makes it prefer (it
// joined the municipality's listings with every suggestion read from it).
MATCH (inMunicipality:Site {municipality: $municipality})<-[:AT_SITE]-(local:Listing)
USING INDEX SEEK inMunicipality:Site(municipality)
CALL (local) {
  MATCH (local)<-[:OFFERS|SERVES]-(sg:Suggestion)
  WHERE sg.status = 'active' AND sg.score >= $minScore AND sg.score <= $afterScore
    AND NOT (sg.score = $afterScore AND sg.pairKey <= $afterKey)
    AND ($kind IS NULL OR sg.kind = $kind)
    AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
  RETURN sg
}
WITH DISTINCT sg
{{{searchedPair(sg, o, os, n, ns)}}}
WITH sg, o, os, n, ns
ORDER BY sg.score DESC, sg.pairKey
SKIP $offset LIMIT $limit
{{{presentedRows(sg, o, os, n, ns)}}}

// name: countSearchInMunicipality
MATCH (inMunicipality:Site {municipality: $municipality})<-[:AT_SITE]-(local:Listing)
USING INDEX SEEK inMunicipality:Site(municipality)
CALL (local) {
  MATCH (local)<-[:OFFERS|SERVES]-(sg:Suggestion)
  WHERE sg.status = 'active' AND sg.score >= $minScore
    AND ($kind IS NULL OR sg.kind = $kind)
    AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
  RETURN sg
}
WITH DISTINCT sg
{{{searchedPair(sg, o, os, n, ns)}}}
RETURN count(sg) AS total

// name: searchInCircle
// The same page when a circle holding few sites is asked for (store/match-store.ts
// searchSuggestions decides): read from the suggestions of the listings at sites within $nearM of
// its centre (the radius plus a step of the anonymous grid, so that a coarse location inside the
// circle is never missed), then filtered as in search and sorted.
MATCH (near:Site)
USING POINT INDEX near:Site(location)
WHERE point.distance(near.location, point($center)) <= $nearM
CALL (near) {
  MATCH (near)<-[:AT_SITE]-(:Listing)<-[:OFFERS|SERVES]-(sg:Suggestion)
  WHERE sg.status = 'active' AND sg.score >= $minScore AND sg.score <= $afterScore
    AND NOT (sg.score = $afterScore AND sg.pairKey <= $afterKey)
    AND ($kind IS NULL OR sg.kind = $kind)
    AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
  RETURN sg
}
WITH DISTINCT sg
{{{searchedPair(sg, o, os, n, ns)}}}
WITH sg, o, os, n, ns
ORDER BY sg.score DESC, sg.pairKey
SKIP $offset LIMIT $limit
{{{presentedRows(sg, o, os, n, ns)}}}

// name: countSearchInCircle
MATCH (near:Site)
USING POINT INDEX near:Site(location)
WHERE point.distance(near.location, point($center)) <= $nearM
CALL (near) {
  MATCH (near)<-[:AT_SITE]-(:Listing)<-[:OFFERS|SERVES]-(sg:Suggestion)
  WHERE sg.status = 'active' AND sg.score >= $minScore
    AND ($kind IS NULL OR sg.kind = $kind)
    AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
  RETURN sg
}
WITH DISTINCT sg
{{{searchedPair(sg, o, os, n, ns)}}}
RETURN count(sg) AS total

// name: circleShare
// How many sites lie within $nearM of a point, against all sites (the count store).
MATCH (near:Site)
USING POINT INDEX near:Site(location)
WHERE point.distance(near.location, point($center)) <= $nearM
RETURN count(near) AS sites, COUNT { (:Site) } AS allSites

// name: municipalityShare
// How many sites lie in a municipality, against all sites (the count store).
MATCH (s:Site {municipality: $municipality})
RETURN count(s) AS sites, COUNT { (:Site) } AS allSites

// name: searchInvolving
// The same page for a business, which sees only suggestions of its own companies' listings: read
// from those listings (a few), not from the score index (every suggestion).
MATCH (mine:Listing)<-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
WHERE mine.companyId IN $access.companyIds AND sg.status = 'active'
  AND sg.score >= $minScore AND sg.score <= $afterScore
  AND NOT (sg.score = $afterScore AND sg.pairKey <= $afterKey)
  AND ($kind IS NULL OR sg.kind = $kind)
  AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
  AND ($runId IS NULL OR sg.lastRunId = $runId)
WITH DISTINCT sg
{{{searchedPair(sg, o, os, n, ns)}}}
WITH sg, o, os, n, ns
ORDER BY sg.score DESC, sg.pairKey
SKIP $offset LIMIT $limit
{{{presentedRows(sg, o, os, n, ns)}}}

// name: countSearchInvolving
MATCH (mine:Listing)<-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
WHERE mine.companyId IN $access.companyIds AND sg.status = 'active'
  AND sg.score >= $minScore
  AND ($kind IS NULL OR sg.kind = $kind)
  AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
  AND ($runId IS NULL OR sg.lastRunId = $runId)
WITH DISTINCT sg
{{{searchedPair(sg, o, os, n, ns)}}}
RETURN count(sg) AS total

// name: searchOfRun
// The same page among the suggestions whose published values a run computed (`lastRunId`): the
// (lastRunId, score) index gives them in score order, provided lastRunId leads the ORDER BY (it is
// one value here, so the order is the same).
MATCH (sg:Suggestion)
WHERE sg.lastRunId = $runId AND sg.score >= $minScore AND sg.score <= $afterScore AND sg.status = 'active'
  AND NOT (sg.score = $afterScore AND sg.pairKey <= $afterKey)
  AND ($kind IS NULL OR sg.kind = $kind)
  AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
{{{searchedPair(sg, o, os, n, ns)}}}
WITH sg, o, os, n, ns
ORDER BY sg.lastRunId DESC, sg.score DESC, sg.pairKey
SKIP $offset LIMIT $limit
{{{presentedRows(sg, o, os, n, ns)}}}

// name: countSearchOfRun
MATCH (sg:Suggestion)
WHERE sg.lastRunId = $runId AND sg.score >= $minScore AND sg.status = 'active'
  AND ($kind IS NULL OR sg.kind = $kind)
  AND ($minCo2e IS NULL OR sg.co2eAvoidedT >= $minCo2e)
{{{searchedPair(sg, o, os, n, ns)}}}
RETURN count(sg) AS total

// name: promisedOfListings
// What the allocations of their active suggestions promise of the given listings (an offer gives
// offerUse per unit delivered), with their quantities: why a pair got nothing
// (matching/allocation/unallocated.ts).
UNWIND $listingIds AS listingId
MATCH (l:Listing {id: listingId})
OPTIONAL MATCH (l)<-[side:OFFERS|SERVES]-(sg:Suggestion)
WHERE sg.status = 'active' AND sg.allocatedQuantity > 0
RETURN listingId, l.canonicalValue AS quantity,
       sum(CASE WHEN sg IS NULL THEN 0.0
                WHEN type(side) = 'OFFERS' THEN sg.allocatedQuantity * sg.offerUse
                ELSE sg.allocatedQuantity END) AS promised

// name: allocatedByListing
// For every listing with published allocations: what its active suggestions promise of it, in
// its canonical unit (an offer gives offerUse per unit delivered). For checks and tests.
MATCH (sg:Suggestion)
WHERE sg.status = 'active' AND sg.allocatedQuantity > 0
UNWIND [[sg.offerId, sg.allocatedQuantity * sg.offerUse], [sg.needId, sg.allocatedQuantity]] AS side
WITH side[0] AS listingId, sum(side[1]) AS allocated
MATCH (l:Listing {id: listingId})
RETURN listingId, allocated, l.canonicalValue AS quantity

// name: suggestionCounts
// Totals for checks and benchmarks: every suggestion, the active ones, those created since $since,
// and the rows staged by runs.
MATCH (sg:Suggestion)
WITH count(sg) AS total,
     count(CASE WHEN sg.status = 'active' THEN 1 END) AS active,
     count(CASE WHEN sg.createdAt >= $since AND sg.status <> 'staged' THEN 1 END) AS createdSince,
     count(CASE WHEN sg.status = 'staged' THEN 1 END) AS stagedNew
OPTIONAL MATCH (st:StagedSuggestion)
WITH total, active, createdSince, stagedNew, count(st) AS revisions
RETURN total, active, createdSince, stagedNew + revisions AS staged
