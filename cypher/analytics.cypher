// Analytics (src/analytics/): the rows the indicators are computed from, for a scope. Published
// suggestions (active or withdrawn by the matching) with a site in the scope's region ($region:
// a county or municipality number; null: everywhere), and reviewed ones whose listing is gone
// but whose review is in the region; each with its review, its companies' industry divisions and
// the offer's List of Waste chapters.

// name: suggestionRows
// The scope is fragment inScope's. Reviewed suggestions whose listings are gone have no coordinates left: they
// count in region scopes (by the regions their review kept), never in a shape's.
CALL () {
  MATCH (s:Site)
  WHERE {{inScope(s)}}
  MATCH (s)<-[:AT_SITE]-(:Listing)<-[:OFFERS|SERVES]-(sg:Suggestion)
  WHERE sg.status IN ['active', 'withdrawn']
  RETURN sg
  UNION
  MATCH (r:Review)-[:REVIEWS]->(sg:Suggestion)
  WHERE $shape IS NULL AND ($region IS NULL OR $region IN r.regions)
  RETURN sg
}
WITH DISTINCT sg
// Chains through processors are left out: their links are suggestions of their own, so counting a
// chain's potential beside theirs would count the same exchange twice (decision 0016).
WHERE ($kind IS NULL OR sg.kind = $kind) AND sg.processorNeedId IS NULL
OPTIONAL MATCH (sg)<-[:REVIEWS]-(r:Review)
OPTIONAL MATCH (sg)-[:OFFERS]->(o:Listing)-[:AT_SITE]->(os:Site)
OPTIONAL MATCH (sg)-[:SERVES]->(n:Listing)-[:AT_SITE]->(ns:Site)
OPTIONAL MATCH (oc:Company {id: coalesce(o.companyId, r.offerCompanyId)})
OPTIONAL MATCH (nc:Company {id: coalesce(n.companyId, r.needCompanyId)})
OPTIONAL MATCH (o)-[:HAS_CODE]->(w:WasteCode)
WITH sg, r, o, os, n, ns, oc, nc, collect(DISTINCT substring(w.code, 0, 2)) AS chapters
RETURN sg {.*} AS suggestion, r {.*} AS review,
       coalesce(o.companyId, r.offerCompanyId) AS offerCompanyId,
       coalesce(n.companyId, r.needCompanyId) AS needCompanyId,
       CASE WHEN os IS NULL OR ns IS NULL THEN coalesce(r.regions, [])
            ELSE [c IN [os.municipalityCode, os.countyCode, ns.municipalityCode, ns.countyCode] WHERE c IS NOT NULL] END AS regions,
       [d IN [oc.industryDivision, nc.industryDivision] WHERE d IS NOT NULL] AS industryDivisions,
       chapters,
       {listingId: sg.offerId, companyId: coalesce(o.companyId, r.offerCompanyId), companyName: oc.name,
        confidentiality: coalesce(o.confidentiality, r.offerConfidentiality),
        siteId: os.id, siteName: os.name, lat: os.lat, lon: os.lon, coarseLat: os.coarseLat, coarseLon: os.coarseLon,
        regions: [c IN [os.municipalityCode, os.countyCode] WHERE c IS NOT NULL]} AS offer,
       {listingId: sg.needId, companyId: coalesce(n.companyId, r.needCompanyId), companyName: nc.name,
        confidentiality: coalesce(n.confidentiality, r.needConfidentiality),
        siteId: ns.id, siteName: ns.name, lat: ns.lat, lon: ns.lon, coarseLat: ns.coarseLat, coarseLon: ns.coarseLon,
        regions: [c IN [ns.municipalityCode, ns.countyCode] WHERE c IS NOT NULL]} AS need
ORDER BY sg.id

// name: transitionEvents
// The transition events of some suggestions, in order: the funnel and the series are rebuilt from them.
// `e.seq IS NOT NULL` (always true) lets the (suggestionId, seq) index serve the lookup (review.events).
UNWIND $ids AS id
MATCH (e:ReviewEvent {suggestionId: id})
WHERE e.seq IS NOT NULL AND e.type = 'transition'
RETURN e.suggestionId AS suggestionId, e.to AS to, e.at AS at
ORDER BY e.at, e.seq

// name: listingCount
MATCH (l:Listing)-[:AT_SITE]->(s:Site)
WHERE {{inScope(s)}} AND ($kind IS NULL OR l.kind = $kind)
RETURN count(l) AS listings
