// A logical copy of the whole database (src/store/backup.ts): every node but the records of the
// schema migrations, which a restore makes itself, and every relationship, with their properties.
// Nodes are named in the copy by elementId; a restore names them by a temporary label and key.

// name: migrations
MATCH (m:SchemaMigration)
RETURN m.id AS id, m.checksum AS checksum
ORDER BY id

// name: nodes
MATCH (n)
WHERE NOT n:SchemaMigration
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props

// name: relationships
MATCH (a)-[r]->(b)
RETURN elementId(a) AS from, type(r) AS type, elementId(b) AS to, properties(r) AS props

// name: anyNode
MATCH (n)
RETURN n IS NOT NULL AS found
LIMIT 1

// name: createRestoreIndex
CREATE INDEX restore_node IF NOT EXISTS FOR (n:RestoreNode) ON (n.restoreId)

// name: dropRestoreIndex
DROP INDEX restore_node IF EXISTS

// name: restoreNodes
// Each node with its own labels and the temporary one; its properties exactly as copied.
UNWIND $rows AS row
CREATE (n:$(row.labels + ['RestoreNode']))
SET n = row.props, n.restoreId = row.key
RETURN count(n) AS created

// name: restoreRelationships
UNWIND $rows AS row
MATCH (a:RestoreNode {restoreId: row.from})
MATCH (b:RestoreNode {restoreId: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created

// name: endRestore
// Run as an auto-commit query: the temporary label and key leave every node, in batches.
MATCH (n:RestoreNode)
CALL (n) {
  REMOVE n:RestoreNode
  REMOVE n.restoreId
} IN TRANSACTIONS OF 10000 ROWS

// name: labelCounts
MATCH (n)
WHERE NOT n:SchemaMigration
UNWIND labels(n) AS label
RETURN label, count(*) AS n

// name: typeCounts
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS n

// name: unfinishedRestore
// Nodes a restore wrote and did not finish with: the database is not a whole copy.
MATCH (n:RestoreNode)
RETURN count(n) AS nodes
