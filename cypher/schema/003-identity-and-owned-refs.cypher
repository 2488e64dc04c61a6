// Users and their tokens (stored as hashes only).
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE;
CREATE CONSTRAINT token_id IF NOT EXISTS FOR (t:Token) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT token_hash IF NOT EXISTS FOR (t:Token) REQUIRE t.hash IS UNIQUE;
// Refs are natural keys of their owner, not global handles: a listing's or site's ref is unique
// within its company, a company's within the namespace of whoever registered it.
DROP CONSTRAINT company_ref IF EXISTS;
DROP CONSTRAINT site_ref IF EXISTS;
DROP CONSTRAINT listing_ref IF EXISTS;
CREATE CONSTRAINT company_scoped_ref IF NOT EXISTS FOR (c:Company) REQUIRE (c.refScope, c.ref) IS UNIQUE;
CREATE CONSTRAINT site_company_ref IF NOT EXISTS FOR (s:Site) REQUIRE (s.companyId, s.ref) IS UNIQUE;
CREATE CONSTRAINT listing_company_ref IF NOT EXISTS FOR (l:Listing) REQUIRE (l.companyId, l.ref) IS UNIQUE;
// The region codes facilitators are bound to, found from each site's coordinates.
CREATE INDEX site_municipality_code IF NOT EXISTS FOR (s:Site) ON (s.municipalityCode);
CREATE INDEX site_county_code IF NOT EXISTS FOR (s:Site) ON (s.countyCode);
CREATE INDEX site_company IF NOT EXISTS FOR (s:Site) ON (s.companyId);
CREATE INDEX listing_confidentiality IF NOT EXISTS FOR (l:Listing) ON (l.confidentiality);
