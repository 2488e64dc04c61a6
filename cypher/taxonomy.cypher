// name: loadState
MATCH (r:ReferenceLoad {id: $id}) RETURN r.checksum AS checksum

// name: recordLoad
MERGE (r:ReferenceLoad {id: $id})
SET r.checksum = $checksum, r.loadedAt = $loadedAt

// name: upsertWasteTree
UNWIND $rows AS row
MERGE (ch:WasteChapter {code: row.chapter})
SET ch.title = row.chapterTitle
MERGE (sc:WasteSubchapter {code: row.subchapter})
SET sc.title = row.subchapterTitle
MERGE (sc)-[:IN_CHAPTER]->(ch)
MERGE (w:WasteCode {code: row.code})
SET w.description = row.description, w.hazardous = row.hazardous, w.entryType = row.entryType
MERGE (w)-[:IN_SUBCHAPTER]->(sc)

// name: upsertIndustry
UNWIND $rows AS row
MERGE (i:Industry {code: row.code})
SET i.level = row.level, i.title = row.title
WITH i, row
WHERE row.parent IS NOT NULL
MERGE (p:Industry {code: row.parent})
MERGE (i)-[:PART_OF]->(p)

// name: upsertCategories
UNWIND $rows AS row
MERGE (m:MaterialCategory {id: row.id})
SET m.name = row.name, m.description = row.description, m.displaces = row.displaces
WITH m, row
OPTIONAL MATCH (m)-[old:COVERS]->()
DELETE old
WITH DISTINCT m, row
UNWIND row.prefixes AS prefix
CALL (prefix) {
  OPTIONAL MATCH (w:WasteCode {code: prefix})
  OPTIONAL MATCH (s:WasteSubchapter {code: prefix})
  OPTIONAL MATCH (c:WasteChapter {code: prefix})
  RETURN coalesce(w, s, c) AS target
}
WITH m, target WHERE target IS NOT NULL
MERGE (m)-[:COVERS]->(target)
