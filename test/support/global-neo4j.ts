/**
 * Provisions one Neo4j for the whole integration run with the same routine as the main job
 * (NEO4J_TEST_URI if set — a separate variable so a developer's NEO4J_URI is never wiped —
 * else a container, else the embedded launcher), and stops it afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/logger.ts';
import { provisionNeo4j } from '../../src/store/provision.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string };
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'symbiosis-test-neo4j-'));
  const neo4j = await provisionNeo4j({
    uri: process.env['NEO4J_TEST_URI'],
    user: process.env['NEO4J_TEST_USER'] ?? 'neo4j',
    password: process.env['NEO4J_TEST_PASSWORD'] ?? '',
    image: 'neo4j:5.26.30-community',
    dataDir,
    port: 0,
    heap: '1g',
    pageCache: '512m',
    logger: createLogger(process.env['LOG_LEVEL'] ?? 'warn'),
  });
  project.provide('neo4j', { uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
  return async () => {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
