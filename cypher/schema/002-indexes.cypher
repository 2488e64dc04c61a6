// Lookup indexes for the listing filters, and a point index for radius search on sites.
CREATE INDEX listing_kind_direction IF NOT EXISTS FOR (l:Listing) ON (l.kind, l.direction);
CREATE INDEX listing_company IF NOT EXISTS FOR (l:Listing) ON (l.companyId);
CREATE INDEX listing_updated IF NOT EXISTS FOR (l:Listing) ON (l.updatedAt);
CREATE POINT INDEX site_location IF NOT EXISTS FOR (s:Site) ON (s.location);
CREATE INDEX company_name IF NOT EXISTS FOR (c:Company) ON (c.name);
CREATE INDEX suggestion_score IF NOT EXISTS FOR (s:Suggestion) ON (s.score);
CREATE FULLTEXT INDEX listing_text IF NOT EXISTS FOR (l:Listing) ON EACH [l.title, l.description];
