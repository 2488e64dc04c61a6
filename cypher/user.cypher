// name: create
// A user and its first token, in one transaction.
CREATE (u:User)
SET u = $user
CREATE (u)-[:HAS_TOKEN]->(t:Token)
SET t = $token
RETURN u.id AS id

// name: addToken
// A new token for an enabled user holding fewer than $max valid ones. The user is locked first, so
// two concurrent requests cannot both pass the count. `created` is 0 when it was refused.
MATCH (u:User {id: $userId})
SET u._lock = true REMOVE u._lock
WITH u, u.disabledAt IS NULL AS enabled,
     COUNT { (u)-[:HAS_TOKEN]->(t:Token) WHERE t.revokedAt IS NULL AND t.expiresAt > $now } AS valid
CALL (u, enabled, valid) {
  WITH u WHERE enabled AND valid < $max
  CREATE (u)-[:HAS_TOKEN]->(t:Token)
  SET t = $token
  RETURN count(t) AS created
}
RETURN enabled, valid, created

// name: byTokenHash
// The user behind a token that is neither revoked nor expired.
MATCH (t:Token {hash: $hash})<-[:HAS_TOKEN]-(u:User)
WHERE t.revokedAt IS NULL AND t.expiresAt > $now AND u.disabledAt IS NULL
RETURN u {.*} AS user, t.id AS tokenId, t.expiresAt AS expiresAt, t.lastUsedAt AS lastUsedAt

// name: touchToken
// When a token was last used, to the hour: written only when the stored time is older than $before.
MATCH (t:Token {id: $tokenId})
WHERE t.lastUsedAt IS NULL OR t.lastUsedAt < $before
SET t.lastUsedAt = $now
RETURN t.id AS id

// name: byId
MATCH (u:User {id: $id}) RETURN u {.*} AS user

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
// Disables the user and revokes every token it holds ($by: who did it); returns the ids of the
// tokens revoked. Disabling twice keeps the first time and author.
MATCH (u:User {id: $userId})
SET u.disabledAt = coalesce(u.disabledAt, $now), u.disabledBy = coalesce(u.disabledBy, $by)
WITH u
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(t:Token)
WHERE t.revokedAt IS NULL
SET t.revokedAt = $now, t.revokedBy = $by
RETURN u.id AS userId, collect(t.id) AS tokenIds

// name: revokeToken
// One token ($userId: only when it is that user's, or null for any user's).
MATCH (u:User)-[:HAS_TOKEN]->(t:Token {id: $tokenId})
WHERE $userId IS NULL OR u.id = $userId
SET t.revokedBy = CASE WHEN t.revokedAt IS NULL THEN $by ELSE t.revokedBy END,
    t.revokedAt = coalesce(t.revokedAt, $now)
RETURN u.id AS userId, [t.id] AS tokenIds

// name: ownerOfToken
MATCH (u:User)-[:HAS_TOKEN]->(:Token {id: $tokenId})
RETURN u.id AS userId

// name: lockAdmins
// Locks every admin account, so that two admins disabling each other at once are serialised and
// the check for another enabled admin sees the first one's change.
MATCH (a:User {role: 'admin'})
SET a._lock = true REMOVE a._lock
RETURN count(a) AS admins

// name: adminStanding
// Whether admins other than $userId can sign in (enabled, with a valid token), and how many valid
// tokens $userId holds besides $tokenId (null: all of them count).
OPTIONAL MATCH (u:User {id: $userId})
RETURN COUNT {
         MATCH (a:User {role: 'admin'})
         WHERE a.id <> $userId AND a.disabledAt IS NULL
           AND EXISTS { MATCH (a)-[:HAS_TOKEN]->(t:Token) WHERE t.revokedAt IS NULL AND t.expiresAt > $now }
       } AS otherAdmins,
       COUNT {
         MATCH (u)-[:HAS_TOKEN]->(t:Token)
         WHERE t.revokedAt IS NULL AND t.expiresAt > $now AND ($tokenId IS NULL OR t.id <> $tokenId)
       } AS otherTokens

// name: accounts
// Users with their tokens (never a hash) and the companies they act for, with the region codes of
// each company's sites, which the access policy (mayManageUser) decides on. $id: one user, or null.
MATCH (u:User)
WHERE $id IS NULL OR u.id = $id
RETURN u {.*} AS user,
       COLLECT {
         MATCH (u)-[:HAS_TOKEN]->(t:Token)
         RETURN t {.id, .createdAt, .expiresAt, .revokedAt, .createdBy, .revokedBy, .lastUsedAt} AS token
         ORDER BY t.createdAt, t.id
       } AS tokens,
       COLLECT {
         UNWIND coalesce(u.companyIds, []) AS companyId
         MATCH (c:Company {id: companyId})
         RETURN c {
           .id, .name,
           regions: COLLECT {
             MATCH (c)-[:HAS_SITE]->(s:Site)
             UNWIND [s.municipalityCode, s.countyCode] AS code
             WITH code WHERE code IS NOT NULL
             RETURN DISTINCT code
           }
         } AS company
       } AS companies
ORDER BY toLower(u.name), u.id

// name: names
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN u.id AS id, u.name AS name

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
