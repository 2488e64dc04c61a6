// name: applied
MATCH (m:SchemaMigration) RETURN m.id AS id, m.checksum AS checksum

// name: record
MERGE (m:SchemaMigration {id: $id})
SET m.checksum = $checksum, m.appliedAt = $appliedAt

