// name: create
// A user and its first token, in one transaction.
CREATE (u:User)
SET u = $user
CREATE (u)-[:HAS_TOKEN]->(t:Token)
SET t = $token
RETURN u.id AS id

// name: addToken
MATCH (u:User {id: $userId})
WHERE u.disabledAt IS NULL
CREATE (u)-[:HAS_TOKEN]->(t:Token)
SET t = $token
RETURN t.id AS id

// name: byTokenHash
// The user behind a token that is neither revoked nor expired.
MATCH (t:Token {hash: $hash})<-[:HAS_TOKEN]-(u:User)
WHERE t.revokedAt IS NULL AND t.expiresAt > $now AND u.disabledAt IS NULL
RETURN u {.*} AS user, t.id AS tokenId, t.expiresAt AS expiresAt

// name: byId
MATCH (u:User {id: $id}) RETURN u {.*} AS user

// name: list
MATCH (u:User)
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(t:Token)
WITH u, t ORDER BY t.createdAt
WITH u, collect(t {.id, .createdAt, .expiresAt, .revokedAt}) AS tokens
RETURN u {.*} AS user, tokens
ORDER BY u.createdAt, u.id

// name: assignable
// Facilitators and admins who can act now: not disabled, with a token neither revoked nor expired
// ($userId: only that user, or null for all). Which regions each may take is domain/access.ts's
// mayBeAssigned; tokens and secrets are never returned.
MATCH (u:User)
WHERE u.role IN ['facilitator', 'admin'] AND u.disabledAt IS NULL
  AND ($userId IS NULL OR u.id = $userId)
  AND EXISTS { MATCH (u)-[:HAS_TOKEN]->(t:Token) WHERE t.revokedAt IS NULL AND t.expiresAt > $now }
RETURN u {.id, .name, .role, .regions} AS user
ORDER BY u.name, u.id

// name: count
MATCH (u:User) RETURN count(u) AS users

// name: revokeUser
// Disables the user and revokes every token it holds; returns the ids of the tokens revoked.
MATCH (u:User {id: $userId})
SET u.disabledAt = coalesce(u.disabledAt, $now)
WITH u
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(t:Token)
WHERE t.revokedAt IS NULL
SET t.revokedAt = $now
RETURN u.id AS userId, collect(t.id) AS tokenIds

// name: revokeToken
MATCH (u:User)-[:HAS_TOKEN]->(t:Token {id: $tokenId})
SET t.revokedAt = coalesce(t.revokedAt, $now)
RETURN u.id AS userId, [t.id] AS tokenIds

// name: addCompany
// A business user who registers a company acts for it from then on.
MATCH (u:User {id: $userId})
SET u.companyIds = CASE WHEN $companyId IN u.companyIds THEN u.companyIds ELSE u.companyIds + $companyId END
RETURN u.id AS id

// name: dropCompany
// A deleted company is no longer anyone's.
MATCH (u:User)
WHERE $companyId IN u.companyIds
SET u.companyIds = [c IN u.companyIds WHERE c <> $companyId]
RETURN count(u) AS users
