// Atomic match runs (docs/decisions/0008-atomic-runs.md): the run lock, staged rows, and the
// indexes of paginated suggestion lists. Each statement is idempotent.
CREATE CONSTRAINT match_run_lock IF NOT EXISTS FOR (l:MatchRunLock) REQUIRE l.id IS UNIQUE;
CREATE INDEX suggestion_staged_run IF NOT EXISTS FOR (s:Suggestion) ON (s.stagedRunId);
CREATE INDEX suggestion_run_score IF NOT EXISTS FOR (s:Suggestion) ON (s.lastRunId, s.score);
CREATE INDEX staged_suggestion_run IF NOT EXISTS FOR (s:StagedSuggestion) ON (s.lastRunId);
CREATE INDEX match_run_status IF NOT EXISTS FOR (r:MatchRun) ON (r.status);
// Runs no longer link every suggestion they produced (`lastRunId` names the run whose values a
// suggestion shows): the links of earlier runs go, in batches.
MATCH ()-[r:SUGGESTED]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
