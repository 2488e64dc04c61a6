// The in-memory counterpart index of each API process (services/counterpart-index.ts) catches up
// with other processes' writes by what changed since it last looked: listings by their
// updatedAt (listing_updated), and sites, which move their listings, by theirs.
CREATE INDEX site_updated IF NOT EXISTS FOR (s:Site) ON (s.updatedAt);
