// Cold start: what the companies of a newcomer's industry division already list
// (src/domain/cold-start.ts turns these rows into counts; nothing else of them leaves the service).

// name: peerMaterialListings
// The material listings of the other companies of division $division that $access may see (a
// business of the asking company $companyId: others' public and anonymous listings, never their
// private ones), one row per listing, with what the prompts count by.
MATCH (:Industry {code: $division})<-[:IN_INDUSTRY]-(c:Company)-[:HAS_SITE]->(s:Site)<-[:AT_SITE]-(l:Listing)
WHERE c.id <> $companyId AND l.kind = 'material' AND {{visible(l, s)}}
RETURN l.companyId AS companyId, l.direction AS direction,
       coalesce(l.wasteCodes, []) AS wasteCodes, l.category AS category
ORDER BY l.id
