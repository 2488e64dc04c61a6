// The review workflow (docs/decisions/0011-review-workflow.md): review state and its events live
// on their own nodes, which match runs never write. Each statement is idempotent.
CREATE CONSTRAINT review_suggestion IF NOT EXISTS FOR (r:Review) REQUIRE r.suggestionId IS UNIQUE;
CREATE CONSTRAINT review_event_id IF NOT EXISTS FOR (e:ReviewEvent) REQUIRE e.id IS UNIQUE;
CREATE INDEX review_event_of IF NOT EXISTS FOR (e:ReviewEvent) ON (e.suggestionId, e.seq);
CREATE INDEX review_event_at IF NOT EXISTS FOR (e:ReviewEvent) ON (e.at);
CREATE INDEX review_state IF NOT EXISTS FOR (r:Review) ON (r.state);
