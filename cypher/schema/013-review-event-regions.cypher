// A facilitator's feed seeks its regions' events by code and time (review.cypher feedInRegions):
// each event's regions as ReviewEventRegion nodes (fragments.cypher eventRegions), one per (event,
// code), written with the event. Events recorded before this migration get theirs here; MERGE on
// the constraint's key keeps a migration that stopped half-way and runs again from writing one twice.
CREATE CONSTRAINT review_event_region_key IF NOT EXISTS FOR (x:ReviewEventRegion) REQUIRE (x.eventId, x.code) IS UNIQUE;
CREATE INDEX review_event_region IF NOT EXISTS FOR (x:ReviewEventRegion) ON (x.code, x.at);
MATCH (e:ReviewEvent)
WHERE size(coalesce(e.regions, [])) > 0
CALL (e) {
  UNWIND e.regions AS code
  MERGE (x:ReviewEventRegion {eventId: e.id, code: code})
  ON CREATE SET x.at = e.at, x.actorId = e.actorId
} IN TRANSACTIONS OF 5000 ROWS;
