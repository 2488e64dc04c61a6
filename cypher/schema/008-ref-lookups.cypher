// Lookups by ref alone. The unique constraints on refs are composite ((refScope, ref) for
// companies, (companyId, ref) for sites), and a composite index serves only a query that names
// its leading property. Two queries look up by ref alone:
// - site.byRefsInRegistry (an import's listings naming sites already stored) read every company
//   for each ref: 500 refs took 27 s at 28,380 companies (92 million db hits);
// - company.idsByRef read every company.
CREATE INDEX site_ref_lookup IF NOT EXISTS FOR (s:Site) ON (s.ref);
CREATE INDEX company_ref_lookup IF NOT EXISTS FOR (c:Company) ON (c.ref);
