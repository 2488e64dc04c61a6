// name: wipeBusinessData
// For throwaway databases only (evaluation, tests): the schema and taxonomy stay.
MATCH (n)
WHERE n:Company OR n:Site OR n:Listing OR n:MatchRun OR n:Suggestion OR n:StagedSuggestion OR n:MatchRunLock
   OR n:User OR n:Token OR n:Review OR n:ReviewEvent OR n:ReviewEventRegion
DETACH DELETE n
