// The full-text index of listing titles and descriptions is updated after the commit, not in it
// (decision 0018, "A registration in four round trips, its commit without Lucene"): updating
// Lucene in the commit cost a registration about 8 ms. Searches (listing.cypher searchText,
// countText) first wait for the updates of transactions already committed, so a listing is found
// as soon as it is registered.
// Recreated under its name; the service waits for it to be online before it starts.
DROP INDEX listing_text IF EXISTS;
CREATE FULLTEXT INDEX listing_text IF NOT EXISTS FOR (l:Listing) ON EACH [l.title, l.description]
OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
