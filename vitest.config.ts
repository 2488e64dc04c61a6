import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/api/**/*.test.ts'],
          environment: 'node',
          // The web app is built first when stale: test/api/web-app.test.ts asks the service for it.
          globalSetup: ['test/support/global-web.ts', 'test/support/global-neo4j.ts'],
          // One Neo4j Community instance holds one user database: files take turns on it.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // Never beside the integration files: a browser, a service and a Neo4j of its own on top
          // of theirs would starve the fault tests' timing on 2 cores. Vitest 4 runs the groups in
          // order (unit 0, this 1), then last the projects that run one file at a time in the
          // default group: the integration files run after these.
          sequence: { groupOrder: 1 },
          // A Neo4j of its own: the integration files wipe theirs while these run beside them.
          globalSetup: ['test/support/global-web.ts', 'test/support/global-neo4j.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
