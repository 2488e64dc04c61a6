// The review workflow (docs/decisions/0011-review-workflow.md). A Review holds what people decided
// about one suggestion; ReviewEvents are its audit trail, created and never changed or deleted.
// Match runs and incremental refreshes never read or write either: a suggestion's match output
// (score, terms, `status` active/withdrawn) and its review state are kept apart.

// name: context
// A published suggestion (active or withdrawn; never one a run has only staged) and its review.
MATCH (sg:Suggestion {id: $id})
WHERE sg.status IN ['active', 'withdrawn']
OPTIONAL MATCH (sg)<-[:REVIEWS]-(r:Review)
RETURN sg {.*} AS suggestion, r {.*} AS review

// name: lockReview
// The review of a suggestion, created at the first act on it (its state is then the one the
// suggestion had: suggested while the matching proposes it, else withdrawn), and write-locked for
// the rest of the transaction so that acts on one suggestion are serialised.
MATCH (sg:Suggestion {id: $id})
WHERE sg.status IN ['active', 'withdrawn']
MERGE (r:Review {suggestionId: $id})
ON CREATE SET r += $snapshot, r.state = CASE sg.status WHEN 'active' THEN 'suggested' ELSE 'withdrawn' END,
              r.version = 0, r.eventCount = 0, r.flags = [], r.createdAt = $now, r.updatedAt = $now
MERGE (r)-[:REVIEWS]->(sg)
SET r._lock = true
REMOVE r._lock
RETURN r {.*} AS review

// name: updateReview
MATCH (r:Review {suggestionId: $id})
SET r += $props
RETURN r {.*} AS review

// name: addEvents
// Appends events; an event is never updated or deleted afterwards.
UNWIND $events AS e
CREATE (ev:ReviewEvent)
SET ev = e
{{{eventRegions(ev)}}}
RETURN count(ev) AS added

// name: events
// `e.seq IS NOT NULL` (always true) lets the planner use the (suggestionId, seq) index, which needs
// a predicate on each of its properties; without it, it scanned every ReviewEvent in the database.
MATCH (e:ReviewEvent {suggestionId: $id})
WHERE e.seq IS NOT NULL
RETURN e {.*} AS event
ORDER BY e.seq
SKIP $offset LIMIT $limit

// name: flagReviewsOfListings
// Listings of reviewed suggestions changed (an import): each review still in play gets a flag and
// an event for its facilitator; its state does not move. A PATCH flags in its update (listing.update).
UNWIND $listingIds AS listingId
MATCH (l:Listing {id: listingId})
{{{flagReviewsOf(l)}}}
RETURN sum(flagged) AS flagged

// name: queue
// A facilitator's review queue: the published suggestions with a listing at a site in its regions
// ($all: every region), and reviewed suggestions whose listing is gone but whose review is in its
// regions; each with its state (a review's, else the one derived from the match status), best
// score and largest impact first. This form, for a facilitator of some regions asking for a state
// a suggestion without review has (suggested, withdrawn), starts from the regions' sites; queueAll
// and queueReviewed serve the other cases (store/review-store.ts reviewQueue picks).
CALL () {
  MATCH (s:Site)
  WHERE $all OR s.municipalityCode IN $regions OR s.countyCode IN $regions
  MATCH (s)<-[:AT_SITE]-(:Listing)<-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
  WHERE sg.status IN ['active', 'withdrawn']
  RETURN sg
  UNION
  MATCH (r:Review)-[:REVIEWS]->(sg:Suggestion)
  WHERE $all OR any(code IN r.regions WHERE code IN $regions)
  RETURN sg
}
WITH DISTINCT sg
WHERE ($kind IS NULL OR sg.kind = $kind)
OPTIONAL MATCH (sg)<-[:REVIEWS]-(r:Review)
WITH sg, r, coalesce(r.state, CASE sg.status WHEN 'active' THEN 'suggested' ELSE 'withdrawn' END) AS state
WHERE state IN $states
  AND {{queueFilters(sg, r)}}
RETURN sg {.*} AS suggestion, r {.*} AS review, state
ORDER BY sg.score DESC, coalesce(sg.co2eAvoidedT, -1.0e308) DESC, sg.pairKey
SKIP $offset LIMIT $limit

// name: queueAll
// The queue of a facilitator of every region (or an admin) asking for a state a suggestion without
// review has: the same rows as queue, read in score order from the score index, so that a page
// reads about as many suggestions as it shows (queue would read and sort every suggestion: 6.0 s
// at 10^5 listings). Scores lie in [0, 1].
MATCH (sg:Suggestion)
WHERE sg.score >= 0.0 AND ($kind IS NULL OR sg.kind = $kind)
OPTIONAL MATCH (sg)<-[:REVIEWS]-(r:Review)
WITH sg, r, coalesce(r.state, CASE sg.status WHEN 'active' THEN 'suggested' ELSE 'withdrawn' END) AS state
WHERE state IN $states
  AND (r IS NOT NULL
       OR (sg.status IN ['active', 'withdrawn']
           AND EXISTS { MATCH (sg)-[:OFFERS|SERVES|THROUGH]->(:Listing)-[:AT_SITE]->(:Site) }))
  AND {{queueFilters(sg, r)}}
RETURN sg {.*} AS suggestion, r {.*} AS review, state
ORDER BY sg.score DESC, coalesce(sg.co2eAvoidedT, -1.0e308) DESC, sg.pairKey
SKIP $offset LIMIT $limit

// name: queueReviewed
// The queue when every state asked for is one only a review has (under review, introduced, ...):
// the same rows as queue, read from the reviews in those states (the review_state index), not from
// every suggestion of the regions.
MATCH (r:Review)
WHERE r.state IN $states
{{{queueOfReviews(r)}}}

// name: queueOfAssignee
// The queue of one assignee: the same rows as queue (all of them have a review), read from that
// person's reviews, not from every review in the states asked for (70-80 ms at 30,000 open reviews).
MATCH (r:Review {assigneeId: $assignee})
USING INDEX SEEK r:Review(assigneeId)
WHERE r.state IN $states
{{{queueOfReviews(r)}}}

// name: queueInRegions
// The queue of a facilitator of some regions asking for a state a suggestion without review has,
// when its regions hold enough of the sites for a page to be found soon in score order
// (store/review-store.ts QUEUE_SCORE_ORDER_ROWS): the same rows as queue, read from the score index
// like queueAll, so that the page does not read and sort every suggestion of the regions (0.4 s for
// a county of 13 % of the sites at 10^5 listings).
MATCH (sg:Suggestion)
WHERE sg.score >= 0.0 AND ($kind IS NULL OR sg.kind = $kind)
OPTIONAL MATCH (sg)<-[:REVIEWS]-(r:Review)
WITH sg, r, coalesce(r.state, CASE sg.status WHEN 'active' THEN 'suggested' ELSE 'withdrawn' END) AS state
WHERE state IN $states
  AND ((r IS NOT NULL AND any(code IN r.regions WHERE code IN $regions))
       OR (sg.status IN ['active', 'withdrawn'] AND EXISTS {
             MATCH (sg)-[:OFFERS|SERVES|THROUGH]->(:Listing)-[:AT_SITE]->(s:Site)
             WHERE s.municipalityCode IN $regions OR s.countyCode IN $regions }))
  AND {{queueFilters(sg, r)}}
RETURN sg {.*} AS suggestion, r {.*} AS review, state
ORDER BY sg.score DESC, coalesce(sg.co2eAvoidedT, -1.0e308) DESC, sg.pairKey
SKIP $offset LIMIT $limit

// name: queueOfCompany
// The queue filtered by a company: the same rows as queue, read from the suggestions of the
// company's listings and the reviews that name it, not from every suggestion in score order (an
// admin's queue of one company read 9 million db hits, 2.6 s, at 10^5 listings).
CALL () {
  MATCH (:Listing {companyId: $company})<-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
  RETURN sg
  UNION
  MATCH (r:Review {offerCompanyId: $company})-[:REVIEWS]->(sg:Suggestion)
  RETURN sg
  UNION
  MATCH (r:Review {needCompanyId: $company})-[:REVIEWS]->(sg:Suggestion)
  RETURN sg
  UNION
  MATCH (r:Review {processorCompanyId: $company})-[:REVIEWS]->(sg:Suggestion)
  RETURN sg
}
{{{queueOfSeeds(sg)}}}

// name: queueOfMunicipality
// The queue filtered by a municipality of few sites: the same rows as queue, read from the
// suggestions of the listings at its sites and the reviews in it, not from every suggestion in
// score order (which passes over all of them for a municipality with none).
CALL () {
  MATCH (:Site {municipalityCode: $municipality})<-[:AT_SITE]-(:Listing)<-[:OFFERS|SERVES|THROUGH]-(sg:Suggestion)
  RETURN sg
  UNION
  MATCH (r:Review)-[:REVIEWS]->(sg:Suggestion)
  WHERE $municipality IN r.regions
  RETURN sg
}
{{{queueOfSeeds(sg)}}}

// name: regionSiteShare
// The share of the sites in $codes (municipality or county codes) and, unless $within is null, in
// $within too: how soon a page of a queue is found in score order (store/review-store.ts
// queueQueryName).
MATCH (s:Site)
WHERE s.municipalityCode IN $codes OR s.countyCode IN $codes
WITH count(CASE WHEN $within IS NULL OR s.municipalityCode IN $within OR s.countyCode IN $within THEN 1 END)
     AS inRegions
WITH inRegions, COUNT { MATCH (:Site) } AS sites
RETURN CASE sites WHEN 0 THEN 0.0 ELSE toFloat(inRegions) / sites END AS share

// name: awaiting
// What awaits a business's answer: introduced suggestions of its companies' listings where its side
// has not answered yet (a chain's processor goes THROUGH).
MATCH (l:Listing)<-[rel:OFFERS|SERVES|THROUGH]-(sg:Suggestion)<-[:REVIEWS]-(r:Review)
WHERE l.companyId IN $companyIds AND r.state IN ['introduced']
  AND ((type(rel) = 'OFFERS' AND r.offerInterest IS NULL) OR (type(rel) = 'SERVES' AND r.needInterest IS NULL)
       OR (type(rel) = 'THROUGH' AND r.processorInterest IS NULL))
WITH DISTINCT sg, r
ORDER BY sg.score DESC, sg.pairKey
LIMIT $limit
RETURN sg {.*} AS suggestion, r {.*} AS review

// name: feed
// Events since a time in a facilitator's regions ($all: everywhere), or on a business's companies'
// suggestions, newest first; never the caller's own.
MATCH (e:ReviewEvent)
WHERE e.at > $since AND e.actorId <> $userId
  AND ($all OR any(code IN e.regions WHERE code IN $regions)
       OR e.offerCompanyId IN $companyIds OR e.needCompanyId IN $companyIds
       OR coalesce(e.processorCompanyId IN $companyIds, false))
RETURN e {.*} AS event
ORDER BY e.at DESC, e.id
LIMIT $limit

// name: feedOfCompanies
// The same events for a caller of no region (a business): read from its companies' events by
// index (fragment eventsOfCompanies), not by scanning every event since $since newest first
// (which read all of them for a business with few: 222 ms at 50,000 events).
CALL () {
  {{{eventsOfCompanies(e)}}}
}
WITH e
WHERE e.actorId <> $userId
RETURN e {.*} AS event
ORDER BY e.at DESC, e.id
LIMIT $limit

// name: feedInRegions
// The feed of a facilitator of some regions: `feed`'s events, read from each region's newest ones
// by the ReviewEventRegion (code, at) index rather than by every event since $since newest first,
// which read all of them for a region with few (116 ms and 150,001 db hits at 50,000 events).
// Per code, the $limit newest events not the caller's fix an edge (the oldest of them); every event
// of that code from the edge on is read, so events sharing the edge's time are all there: no event
// of the answer is older than its code's edge, since $limit events of that code come before it.
// The caller's companies' events come as in feedOfCompanies. The answer is then `feed`'s: ordered
// by time and id, cut at $limit.
CALL () {
  UNWIND $regions AS code
  CALL (code) {
    MATCH (x:ReviewEventRegion {code: code})
    USING INDEX SEEK x:ReviewEventRegion(code, at)
    WHERE x.at > $since AND x.actorId <> $userId
    WITH x
    // By code too (fixed here): ordered by time alone, the planner read every event of the code
    // and sorted them (75,760 db hits for a county of 37,420 events) instead of reading the index
    // backwards (1,022).
    ORDER BY x.code DESC, x.at DESC
    LIMIT $limit
    RETURN min(x.at) AS edge
  }
  MATCH (y:ReviewEventRegion {code: code})
  USING INDEX SEEK y:ReviewEventRegion(code, at)
  WHERE y.at >= edge AND y.at > $since AND y.actorId <> $userId
  MATCH (e:ReviewEvent {id: y.eventId})
  RETURN e
  UNION
  {{{eventsOfCompanies(e)}}}
}
WITH e
WHERE e.actorId <> $userId
RETURN e {.*} AS event
ORDER BY e.at DESC, e.id
LIMIT $limit

// name: feedSeen
MATCH (u:User {id: $userId})
SET u.feedSeenAt = $at
RETURN u.feedSeenAt AS at

// name: feedSeenAt
MATCH (u:User {id: $userId})
RETURN u.feedSeenAt AS at

// name: decisions
// What people decided, as the learning loop reads it: each reviewed suggestion's state, reason
// and the pairing and distance band it was recorded with. A chain's decision is not about its
// supplier and receiver as a pair (decision 0016): it teaches the pairs nothing.
MATCH (r:Review)
WHERE r.state IN $states AND r.offerFamily IS NOT NULL AND r.processorCompanyId IS NULL
RETURN r.kind AS kind, r.offerFamily AS offerFamily, r.needFamily AS needFamily, r.band AS band,
       r.state AS state, r.reasonCode AS reasonCode

// name: decisionsWithSuggestions
// Decisions beside the suggestion's score and terms, for `npm run evaluate -- --decisions`.
MATCH (r:Review)-[:REVIEWS]->(sg:Suggestion)
WHERE r.state IN $states AND r.processorCompanyId IS NULL
RETURN r.suggestionId AS id, r.state AS state, r.reasonCode AS reasonCode, sg.score AS score,
       sg.terms AS terms, sg.doc AS doc, sg.needId AS needId, sg.offerId AS offerId, sg.kind AS kind

// name: companyNames
UNWIND $ids AS id
MATCH (c:Company {id: id})
RETURN c.id AS id, c.name AS name
