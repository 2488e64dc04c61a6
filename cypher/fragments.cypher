// Rules that several queries share, written once (see src/store/queries.ts). Each is the Cypher
// form of a function of src/domain/access.ts over the `$access` / `$companyAccess` parameter that
// the same module builds; test/integration/access-agreement.test.ts holds the two forms together.

// fragment: identified(_l, _s)
// domain/access.ts identifies(): the caller sees who is behind listing _l at site _s.
$access.all OR _l.confidentiality = 'public' OR _l.companyId IN $access.companyIds
  OR (_s.municipalityCode IS NOT NULL AND _s.municipalityCode IN $access.regions)
  OR (_s.countyCode IS NOT NULL AND _s.countyCode IN $access.regions)

// fragment: visible(_l, _s)
// domain/access.ts listingView() <> 'hidden'.
{{identified(_l, _s)}} OR _l.confidentiality IN $access.anonymised

// fragment: shownLocation(_l, _s)
// Where the caller is told listing _l lies: exact when identified, else the coarse grid point.
CASE WHEN {{identified(_l, _s)}} THEN _s.location ELSE _s.coarseLocation END

// fragment: suggestionShown(_sg, _o, _os, _n, _ns)
// domain/access.ts suggestionShown(): both listings visible (and a chain's processor listings,
// THROUGH), and a business's own among them (or the chain's processor).
{{visible(_o, _os)}} AND {{visible(_n, _ns)}}
  AND (NOT $access.involvedOnly OR _o.companyId IN $access.companyIds OR _n.companyId IN $access.companyIds
       OR coalesce(_sg.processorCompanyId IN $access.companyIds, false))
  AND (_sg.processorNeedId IS NULL OR NOT EXISTS {
        MATCH (_sg)-[:THROUGH]->(throughListing:Listing)-[:AT_SITE]->(throughSite:Site)
        WHERE NOT {{visible(throughListing, throughSite)}} })

// fragment: companyShown(_c)
// domain/access.ts companyView() <> 'hidden'.
$companyAccess.all OR $companyAccess.directory OR _c.id IN $companyAccess.companyIds
  OR EXISTS {
    MATCH (_c)-[:HAS_SITE]->(accessSite:Site)
    WHERE (accessSite.municipalityCode IS NOT NULL AND accessSite.municipalityCode IN $companyAccess.regions)
       OR (accessSite.countyCode IS NOT NULL AND accessSite.countyCode IN $companyAccess.regions)
  }
  OR EXISTS { MATCH (_c)-[:HAS_SITE]->(:Site)<-[:AT_SITE]-(:Listing {confidentiality: 'public'}) }

// fragment: linkListing(_l, _row)
// The relationships a listing's row implies: its codes, accepted codes and category. Old ones are
// replaced; `_row` carries offerCodes, acceptedCodes and category.
CALL (_l) {
  OPTIONAL MATCH (_l)-[old:HAS_CODE|ACCEPTS|IN_CATEGORY]->()
  DELETE old
}
CALL (_l, _row) {
  UNWIND _row.offerCodes AS code
  MATCH (w:WasteCode {code: code})
  MERGE (_l)-[:HAS_CODE]->(w)
}
CALL (_l, _row) {
  UNWIND _row.acceptedCodes AS code
  OPTIONAL MATCH (w:WasteCode {code: code})
  OPTIONAL MATCH (sc:WasteSubchapter {code: code})
  OPTIONAL MATCH (ch:WasteChapter {code: code})
  WITH _l, coalesce(w, sc, ch) AS target
  WHERE target IS NOT NULL
  MERGE (_l)-[:ACCEPTS]->(target)
}
CALL (_l, _row) {
  OPTIONAL MATCH (m:MaterialCategory {id: _row.category})
  WITH _l, m WHERE m IS NOT NULL
  MERGE (_l)-[:IN_CATEGORY]->(m)
}

// fragment: linkNewListing(_l, _row)
// linkListing for a listing created in this transaction: nothing to replace, so the relationships
// are created, not merged (`_row`'s code lists hold each code once).
CALL (_l, _row) {
  UNWIND _row.offerCodes AS code
  MATCH (w:WasteCode {code: code})
  CREATE (_l)-[:HAS_CODE]->(w)
}
CALL (_l, _row) {
  UNWIND _row.acceptedCodes AS code
  OPTIONAL MATCH (w:WasteCode {code: code})
  OPTIONAL MATCH (sc:WasteSubchapter {code: code})
  OPTIONAL MATCH (ch:WasteChapter {code: code})
  WITH _l, coalesce(w, sc, ch) AS target
  WHERE target IS NOT NULL
  CREATE (_l)-[:ACCEPTS]->(target)
}
CALL (_l, _row) {
  MATCH (m:MaterialCategory {id: _row.category})
  CREATE (_l)-[:IN_CATEGORY]->(m)
}

// fragment: listingColumns(_l, _s)
// The columns a listing row is read with (store/listing-store.ts fromRecord).
_l.id AS id, _l.ref AS ref, _l.companyId AS companyId, _l.siteId AS siteId, _l.doc AS doc,
_l.createdAt AS createdAt, _l.updatedAt AS updatedAt, coalesce(_l.version, 1) AS version,
_s.lat AS lat, _s.lon AS lon, _s.municipalityCode AS municipalityCode, _s.countyCode AS countyCode

// fragment: flagReviewsOf(_l)
// Listing _l changed: each review still in play of its suggestions gets a flag and an event for its
// facilitator ('listing <id> changed'); its state does not move. One row: how many were flagged.
// Needs $closed, $now, $actorId, $actorName, $actorRole.
CALL (_l) {
  MATCH (_l)<-[:OFFERS|SERVES|THROUGH]-(:Suggestion)<-[:REVIEWS]-(flaggedReview:Review)
  WHERE NOT flaggedReview.state IN $closed
  SET flaggedReview._lock = true
  REMOVE flaggedReview._lock
  WITH flaggedReview, 'listing ' + _l.id + ' changed' AS flag
  SET flaggedReview.flags = coalesce(flaggedReview.flags, []) + flag,
      flaggedReview.eventCount = flaggedReview.eventCount + 1, flaggedReview.updatedAt = $now
  CREATE (flagEvent:ReviewEvent)
  SET flagEvent = {id: 'ev_' + replace(randomUUID(), '-', ''), suggestionId: flaggedReview.suggestionId,
                   seq: flaggedReview.eventCount, type: 'flag', at: $now, actorId: $actorId,
                   actorName: $actorName, actorRole: $actorRole, note: flag, regions: flaggedReview.regions,
                   offerCompanyId: flaggedReview.offerCompanyId, needCompanyId: flaggedReview.needCompanyId,
                   processorCompanyId: flaggedReview.processorCompanyId}
  {{{eventRegions(flagEvent)}}}
  RETURN count(flagEvent) AS flagged
}

// fragment: eventsOfCompanies(_e)
// Union branches: the review events since $since that name one of $companyIds as offer, need or
// processor company, read by the (offerCompanyId, at), (needCompanyId, at) and
// (processorCompanyId, at) indexes. The hints keep the planner from the `at` index, which it may
// prefer when a company index holds few entries; they ask for a seek, because a plain index hint
// let it scan the whole (offerCompanyId, at) index once per company (9,007 db hits for 5 events,
// in CI).
UNWIND $companyIds AS company
MATCH (_e:ReviewEvent {offerCompanyId: company})
USING INDEX SEEK _e:ReviewEvent(offerCompanyId, at)
WHERE _e.at > $since
RETURN _e
UNION
UNWIND $companyIds AS company
MATCH (_e:ReviewEvent {needCompanyId: company})
USING INDEX SEEK _e:ReviewEvent(needCompanyId, at)
WHERE _e.at > $since
RETURN _e
UNION
UNWIND $companyIds AS company
MATCH (_e:ReviewEvent {processorCompanyId: company})
USING INDEX SEEK _e:ReviewEvent(processorCompanyId, at)
WHERE _e.at > $since
RETURN _e

// fragment: eventRegions(_ev)
// A review event's regions as ReviewEventRegion nodes, one per code, indexed by (code, at): a
// facilitator's feed seeks its regions' newest events there (review.cypher feedInRegions) instead
// of reading every event since it last looked. Written with the event, never changed.
WITH *
CALL (_ev) {
  UNWIND coalesce(_ev.regions, []) AS eventRegionCode
  CREATE (:ReviewEventRegion {code: eventRegionCode, eventId: _ev.id, at: _ev.at, actorId: _ev.actorId})
}

// fragment: listingMap(_l, _s)
// The columns of listingColumns as one map, for rows that carry several listings.
{id: _l.id, ref: _l.ref, companyId: _l.companyId, siteId: _l.siteId, doc: _l.doc,
 createdAt: _l.createdAt, updatedAt: _l.updatedAt, version: coalesce(_l.version, 1),
 lat: _s.lat, lon: _s.lon, municipalityCode: _s.municipalityCode, countyCode: _s.countyCode}

// fragment: presentedRows(_sg, _o, _os, _n, _ns)
// Ends a query that has cut a page of suggestions: each with what presenting it takes
// (services/suggestions.ts presentRows), in the same round trip: its offer and need, a chain's
// processor listings (THROUGH) and its review, if people have acted on it. Best first.
OPTIONAL MATCH (presentedReview:Review {suggestionId: _sg.id})
RETURN _sg {.*} AS suggestion, {{listingMap(_o, _os)}} AS offer, {{listingMap(_n, _ns)}} AS need,
  [(_sg)-[:THROUGH]->(throughListing:Listing)-[:AT_SITE]->(throughSite:Site)
    | {{listingMap(throughListing, throughSite)}}] AS through,
  presentedReview {.*} AS review
ORDER BY _sg.score DESC, _sg.pairKey

// fragment: notTurnedDown(_sg)
// The review workflow (cypher/review.cypher): a suggestion people closed (rejected, declined,
// withdrawn, expired) leaves the suggestion lists, whatever the matching says of it; it stays
// readable at GET /suggestions/{id} and in the review queue.
// Written from the suggestion, without the Review label: with the label the planner may seek the
// review_state index for every suggestion row, reading all closed reviews each time (4.4 s for one
// listing's page at 20,000 closed reviews); only a Review has REVIEWS relationships.
NOT EXISTS {
  MATCH (_sg)<-[:REVIEWS]-(closedReview)
  WHERE closedReview.state IN ['rejected', 'declined', 'withdrawn', 'expired']
}

// fragment: keepReviewed(_l)
// Before listing _l is deleted: its suggestions that people have acted on are kept (withdrawn by
// the matching, no longer linked to _l), and each review still in play is flagged with an event,
// so that no decision and no audit trail is lost. Needs $now, $actorId, $actorName, $actorRole.
CALL (_l) {
  MATCH (_l)-[:OFFERS|SERVES|THROUGH]-(keptSg:Suggestion)<-[:REVIEWS]-(keptReview:Review)
  SET keptSg.status = 'withdrawn', keptSg.updatedAt = $now
  WITH keptReview
  WHERE NOT keptReview.state IN ['rejected', 'declined', 'withdrawn', 'expired']
  SET keptReview._lock = true
  REMOVE keptReview._lock
  SET keptReview.flags = coalesce(keptReview.flags, []) + ('listing ' + _l.id + ' was deleted'),
      keptReview.eventCount = keptReview.eventCount + 1, keptReview.updatedAt = $now
  CREATE (flagEvent:ReviewEvent)
  SET flagEvent = {id: 'ev_' + replace(randomUUID(), '-', ''), suggestionId: keptReview.suggestionId,
                   seq: keptReview.eventCount, type: 'flag', at: $now, actorId: $actorId,
                   actorName: $actorName, actorRole: $actorRole, note: 'listing ' + _l.id + ' was deleted',
                   regions: keptReview.regions, offerCompanyId: keptReview.offerCompanyId,
                   needCompanyId: keptReview.needCompanyId, processorCompanyId: keptReview.processorCompanyId}
  {{{eventRegions(flagEvent)}}}
}

// fragment: inScope(_s)
// An analytics scope (services/analytics-scope.ts): site _s in region $region (a county or
// municipality number; null: everywhere) and in $shape (null; a box {minLat, minLon, maxLat,
// maxLon}; or a circle {lat, lon, m}).
($region IS NULL OR _s.municipalityCode = $region OR _s.countyCode = $region)
  AND ($shape IS NULL
       OR ($shape.m IS NULL AND _s.lat >= $shape.minLat AND _s.lat <= $shape.maxLat
           AND _s.lon >= $shape.minLon AND _s.lon <= $shape.maxLon)
       OR ($shape.m IS NOT NULL
           AND point.distance(_s.location, point({latitude: $shape.lat, longitude: $shape.lon})) <= $shape.m))

// fragment: queueFilters(_sg, _r)
// The review queue's filters (review.cypher queue, queueAll, queueReviewed) on suggestion _sg and
// its review _r (null when none): assignee ('' for unassigned), flagged, a company's, a municipality.
($assignee IS NULL OR ($assignee = '' AND _r.assigneeId IS NULL) OR _r.assigneeId = $assignee)
  AND ($flagged IS NULL OR (size(coalesce(_r.flags, [])) > 0) = $flagged)
  AND ($company IS NULL OR _r.offerCompanyId = $company OR _r.needCompanyId = $company
       OR _r.processorCompanyId = $company
       OR EXISTS { MATCH (_sg)-[:OFFERS|SERVES|THROUGH]->(:Listing {companyId: $company}) })
  AND ($municipality IS NULL OR EXISTS {
        MATCH (_sg)-[:OFFERS|SERVES|THROUGH]->(:Listing)-[:AT_SITE]->(ms:Site {municipalityCode: $municipality}) }
       OR $municipality IN coalesce(_r.regions, []))

// fragment: queueOfSeeds(_sg)
// Ends a review queue read from a few suggestions _sg (review.cypher queueOfCompany,
// queueOfMunicipality), some perhaps more than once: those in the queue (in the caller's regions,
// $all for every region; in a state asked for; the queue's filters), as queue returns them.
WITH DISTINCT _sg AS seeded
WHERE ($kind IS NULL OR seeded.kind = $kind)
OPTIONAL MATCH (seeded)<-[:REVIEWS]-(seededReview:Review)
WITH seeded, seededReview,
     coalesce(seededReview.state, CASE seeded.status WHEN 'active' THEN 'suggested' ELSE 'withdrawn' END) AS state
WHERE state IN $states
  AND ((seededReview IS NOT NULL AND ($all OR any(code IN seededReview.regions WHERE code IN $regions)))
       OR (seeded.status IN ['active', 'withdrawn'] AND EXISTS {
             MATCH (seeded)-[:OFFERS|SERVES|THROUGH]->(:Listing)-[:AT_SITE]->(seededSite:Site)
             WHERE $all OR seededSite.municipalityCode IN $regions OR seededSite.countyCode IN $regions }))
  AND {{queueFilters(seeded, seededReview)}}
RETURN seeded {.*} AS suggestion, seededReview {.*} AS review, state
ORDER BY seeded.score DESC, coalesce(seeded.co2eAvoidedT, -1.0e308) DESC, seeded.pairKey
SKIP $offset LIMIT $limit

// fragment: searchedPair(_sg, _o, _os, _n, _ns)
// The suggestion lists' filters after the suggestion _sg is found (match.cypher search and its
// variants): its offer _o and need _n at their sites, the municipality ($municipality) or circle
// ($center, $radiusM; where the caller is told the listings lie) asked for, what the caller may
// see, and not closed by people. A variant that found _sg from those sites repeats a filter
// already true.
MATCH (_sg)-[:OFFERS]->(_o:Listing)-[:AT_SITE]->(_os:Site)
MATCH (_sg)-[:SERVES]->(_n:Listing)-[:AT_SITE]->(_ns:Site)
WHERE ($municipality IS NULL OR _os.municipality = $municipality OR _ns.municipality = $municipality)
  AND ($center IS NULL OR point.distance({{shownLocation(_o, _os)}}, point($center)) <= $radiusM
       OR point.distance({{shownLocation(_n, _ns)}}, point($center)) <= $radiusM)
  AND {{suggestionShown(_sg, _o, _os, _n, _ns)}}
  AND {{notTurnedDown(_sg)}}

// fragment: queueOfReviews(_r)
// Ends a review queue read from reviews _r already in a state asked for (review.cypher
// queueReviewed, queueOfAssignee): their suggestions in the queue (the review in the caller's
// regions, $all for every region, or a listing at a site in them; the queue's filters), as queue
// returns them.
MATCH (_r)-[:REVIEWS]->(reviewed:Suggestion)
WHERE ($kind IS NULL OR reviewed.kind = $kind)
  AND ($all OR any(code IN _r.regions WHERE code IN $regions)
       OR (reviewed.status IN ['active', 'withdrawn'] AND EXISTS {
             MATCH (reviewed)-[:OFFERS|SERVES|THROUGH]->(:Listing)-[:AT_SITE]->(reviewedSite:Site)
             WHERE reviewedSite.municipalityCode IN $regions OR reviewedSite.countyCode IN $regions }))
  AND {{queueFilters(reviewed, _r)}}
RETURN reviewed {.*} AS suggestion, _r {.*} AS review, _r.state AS state
ORDER BY reviewed.score DESC, coalesce(reviewed.co2eAvoidedT, -1.0e308) DESC, reviewed.pairKey
SKIP $offset LIMIT $limit
