/**
 * FAULT TEST (slow, ~30-60 s): kills the embedded Neo4j under a serving app and watches the
 * service ride it out. It runs its own Neo4j (port 0, a temporary store); the run's shared
 * database is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type OwnNeo4jApp, READ_TIMEOUT_MS, startOwnNeo4jApp } from '../support/own-neo4j.ts';

/** A restart takes 10-25 s on this 2-core machine, more when other jobs load it. */
const FAULT_TEST_TIMEOUT_MS = 180_000;

let own: OwnNeo4jApp;
beforeAll(async () => {
  own = await startOwnNeo4jApp();
});
afterAll(async () => {
  await own?.close();
});

const listing = (siteId: string, title: string) => ({
  siteId,
  direction: 'offer',
  kind: 'material',
  title,
  quantity: { value: 1200, unit: 't/yr' },
  material: { wasteCodes: ['100308'], form: 'solid' },
});

describe('fault: Neo4j is killed while the service answers requests', () => {
  it(
    'when the JVM gets SIGKILL, then requests answer 503 fast, /health stays 200, and after the supervisor restarts Neo4j reads and writes work again; when it hangs, /ready still answers',
    async () => {
      const company = await own.request('POST', '/companies', {
        name: 'Kvernfjord Sagbruk AS',
        orgNumber: '100000016',
        industry: '16.100',
      });
      expect(company.status).toBe(201);
      const site = await own.request('POST', `/companies/${company.body.id}/sites`, {
        name: 'Sawmill',
        lat: 60.1,
        lon: 6.5,
        municipality: 'Kvernfjord',
      });
      expect(site.status).toBe(201);
      const before = await own.request(
        'POST',
        '/listings',
        listing(site.body.id, 'Sawdust before the crash'),
      );
      expect(before.status).toBe(201);
      const uri = own.neo4j.uri;

      const killedPid = own.killNeo4j();
      const killedAt = performance.now();

      const [read, write, health, ready] = await Promise.all([
        own.request('GET', `/listings/${before.body.id}`),
        own.request('POST', '/listings', listing(site.body.id, 'Written while Neo4j is down')),
        own.request('GET', '/health'),
        own.request('GET', '/ready'),
      ]);
      for (const res of [read, write]) {
        expect(res.status).toBe(503);
        expect(res.body.error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
        expect(res.body.error.message).toMatch(/not reachable/);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(res.ms).toBeLessThan(10_000);
      }
      expect(health.status).toBe(200);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.neo4j).toMatch(/^(down|unreachable)/);
      expect(ready.ms).toBeLessThan(2500);

      await own.waitForState('up', 90_000);
      const restartMs = performance.now() - killedAt;
      expect(own.neo4j.supervisor!.pid()).not.toBe(killedPid);
      expect(own.neo4j.uri).toBe(uri);
      await eventually(async () => (await own.request('GET', '/ready')).status === 200, 30_000, '/ready 200');
      const readyMs = performance.now() - killedAt;

      const again = await own.request('GET', `/listings/${before.body.id}`);
      expect(again.status).toBe(200);
      expect(again.body.title).toBe('Sawdust before the crash');
      const after = await own.request(
        'POST',
        '/listings',
        listing(site.body.id, 'Written after the restart'),
      );
      expect(after.status).toBe(201);
      const page = await own.request('GET', `/listings?siteId=${site.body.id}`);
      expect(page.body.items.map((l: { title: string }) => l.title).sort()).toEqual([
        'Sawdust before the crash',
        'Written after the restart',
      ]);

      // A Neo4j that hangs (SIGSTOP) rather than dies: /ready still answers, within about 2 s, and
      // a read gives up with 503 after the request's read budget instead of waiting for ever.
      const pid = own.neo4j.supervisor!.pid()!;
      process.kill(pid, 'SIGSTOP');
      try {
        const hung = await own.request('GET', '/ready');
        expect(hung.status).toBe(503);
        expect(hung.body.checks.neo4j).toMatch(/no answer within/);
        expect(hung.ms).toBeLessThan(2500);
        expect((await own.request('GET', '/health')).status).toBe(200);
        const [stuckRead, stuckPage] = await Promise.all([
          own.request('GET', `/listings/${before.body.id}`),
          own.request('GET', `/listings?siteId=${site.body.id}&limit=7`),
        ]);
        for (const stuck of [stuckRead, stuckPage]) {
          expect(stuck.status).toBe(503);
          expect(stuck.body.error.code).toBe('STORE_UNAVAILABLE');
          expect(stuck.ms).toBeLessThan(READ_TIMEOUT_MS + 2000);
        }
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      await eventually(async () => (await own.request('GET', '/ready')).status === 200, 30_000, '/ready 200');
      expect((await own.request('GET', `/listings/${before.body.id}`)).status).toBe(200);
      console.log(
        `fault: 503 after ${Math.round(read.ms)} ms (read) / ${Math.round(write.ms)} ms (write); ` +
          `/ready 503 after ${Math.round(ready.ms)} ms; Neo4j up again ${Math.round(restartMs)} ms after the kill; ` +
          `/ready 200 after ${Math.round(readyMs)} ms`,
      );
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});
