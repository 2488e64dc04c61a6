import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { REPO_ROOT } from '../../src/reference/paths.ts';
import { connect, type Runtime } from '../../src/runtime.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { backupDatabase, restoreDatabase } from '../../src/store/backup.ts';
import { type ProvisionedNeo4j, provisionNeo4j } from '../../src/store/provision.ts';
import { readMigrations } from '../../src/store/schema.ts';
import { startTestApp, type TestApp, type TestResponse } from '../support/harness.ts';

const logger = createLogger(process.env['LOG_LEVEL'] ?? 'silent');
let app: TestApp;
let dir: string;
let file: string;
let target: ProvisionedNeo4j;
let restored: Runtime | undefined;
let server: Server | undefined;
let restoredUrl: string;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

async function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Record<string, unknown>;
}

/** The same request against the restored service. */
async function restoredGet(path: string, token: string): Promise<TestResponse> {
  const res = await fetch(restoredUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

beforeAll(async () => {
  app = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'symbiosis-backup-'));
  file = join(dir, 'backup.jsonl.gz');
  const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'data/examples/small-import.json'), 'utf8'));
  await ok(await app.request('POST', '/imports', doc), 200);
  await ok(await app.request('POST', '/match-runs', {}), 202);
  await settleMatchRuns();
  const page = await ok(await app.request('GET', '/suggestions?limit=1'));
  ids.suggestion = (page['items'] as { id: string }[])[0]!.id;
  await ok(
    await app.request('POST', `/suggestions/${ids.suggestion}/transitions`, {
      to: 'under-review',
      version: 0,
    }),
  );
  await ok(
    await app.request('POST', `/suggestions/${ids.suggestion}/notes`, {
      text: 'Ringt begge; møte på fredag.',
    }),
  );
  const companies = await ok(await app.request('GET', '/companies?limit=50'));
  ids.company = (companies['items'] as { id: string }[])[0]!.id;
  tokens.business = await app.user({ name: 'Backup business', role: 'business', companyIds: [ids.company] });
  tokens.facilitator = await app.user({ name: 'Backup facilitator', role: 'facilitator', regions: ['46'] });
  target = await provisionNeo4j({
    image: 'neo4j:5.26.30-community',
    dataDir: join(dir, 'restored-db'),
    port: 0,
    heap: '512m',
    pageCache: '128m',
    ignoreUri: true,
    logger,
  });
}, 240_000);

afterAll(async () => {
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  await restored?.close();
  await target?.stop();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('when the database is backed up, then every node and relationship is in the file, counted by label and type', async () => {
    const s = await backupDatabase(app.runtime.neo4j, file);
    expect(s.skipped).toBe(0);
    expect(s.changedWhileCopying).toBe(false);
    // Every company's confidential data is in it: readable by its owner only.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(s.labels['Listing']).toBe(8);
    expect(s.labels['Review']).toBe(1);
    expect(s.labels['User']).toBeGreaterThanOrEqual(3);
    expect(s.labels['WasteCode']).toBeGreaterThan(800);
    expect(s.labels['SchemaMigration']).toBeUndefined();
    expect(s.types['OFFERS']).toBeGreaterThan(0);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'symbiosis-backup', version: 1 });
    expect(lines).toHaveLength(1 + s.nodes + s.relationships + 1);
    // A site's location keeps its type (a point) and a version its integer type.
    const site = lines.map((l) => JSON.parse(l)).find((l) => l.l?.includes('Site'));
    expect(site.p.location).toEqual({ $point: [4326, expect.any(Number), expect.any(Number)] });
    expect(Number.isInteger(site.p.version)).toBe(true);
  });

  it('when a backup fails, then the file that was there is left as it was, and no part of the new one stays', async () => {
    const before = readFileSync(file);
    const session = app.runtime.deps.store.driver.session();
    try {
      // A value of a type no backup copies: the backup stops at it, naming it.
      await session.run('CREATE (:BackupProbe {at: date("2026-12-05")})');
      await expect(backupDatabase(app.runtime.neo4j, file)).rejects.toThrow(
        /BackupProbe .*\.at holds a Date/,
      );
    } finally {
      await session.run('MATCH (p:BackupProbe) DELETE p');
      await session.close();
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}.partial`)).toBe(false);
    await expect(backupDatabase(app.runtime.neo4j, join(dir, 'no-such-dir', 'b.jsonl.gz'))).rejects.toThrow(
      /no-such-dir\/b\.jsonl\.gz\.partial cannot be written: ENOENT/,
    );
  });

  it('when the backup is restored into an empty database, then the service there answers every caller as the original did', async () => {
    const s = await restoreDatabase(target, file, readMigrations(), logger);
    expect(s.labels['Listing']).toBe(8);
    restored = await connect(target, logger);
    const restoredApp = createApp(restored.deps, { bodyLimit: '1mb', readiness: restored.readiness });
    server = await new Promise<Server>((resolve) => {
      const srv = restoredApp.listen(0, '127.0.0.1', () => resolve(srv));
    });
    restoredUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const asAdmin = [
      '/listings?limit=500',
      '/companies?limit=500',
      '/suggestions?limit=500&count=true',
      `/suggestions/${ids.suggestion}`,
      `/suggestions/${ids.suggestion}/events`,
      '/match-runs',
      '/indicators',
    ];
    for (const path of asAdmin)
      expect((await restoredGet(path, app.adminToken)).body, path).toEqual(
        (await app.request('GET', path)).body,
      );
    // Users keep their tokens, and each sees what it saw.
    for (const [who, path] of [
      ['business', '/me'],
      ['business', `/companies/${ids.company}/suggestions`],
      ['facilitator', '/review-queue'],
      ['facilitator', '/me'],
    ] as const) {
      const there = await restoredGet(path, tokens[who]!);
      expect(there.status, `${who} ${path}`).toBe(200);
      expect(there.body, `${who} ${path}`).toEqual((await app.as(tokens[who]!).request('GET', path)).body);
    }
  });

  it('when the restored service is changed, then it goes on from the restored versions', async () => {
    const current = await restoredGet(`/suggestions/${ids.suggestion}`, app.adminToken);
    const res = await fetch(`${restoredUrl}/suggestions/${ids.suggestion}/notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Etter gjenoppretting.' }),
    });
    expect(res.status).toBe(200);
    const events = await restoredGet(`/suggestions/${ids.suggestion}/events`, app.adminToken);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['transition', 'note', 'note']);
    expect(current.body.version).toBe(1);
  });

  it('when a restore is asked of a database that holds data, then it is refused and nothing is written', async () => {
    const before = await restoredGet('/listings?limit=500&count=true', app.adminToken);
    await expect(restoreDatabase(target, file, readMigrations(), logger)).rejects.toThrow(
      /a restore needs an empty database/,
    );
    expect((await restoredGet('/listings?limit=500&count=true', app.adminToken)).body.total).toBe(
      before.body.total,
    );
  });

  it('when a restore did not finish, then no service starts on that database', async () => {
    const session = restored!.deps.store.driver.session();
    try {
      // What a restore that died while writing leaves: nodes still marked with its temporary label.
      await session.run("CREATE (:Company:RestoreNode {id: 'half', restoreId: 100000})");
      await expect(connect(target, logger)).rejects.toThrow(
        /this database holds a restore that did not finish \(1 nodes still marked RestoreNode\)/,
      );
    } finally {
      await session.run("MATCH (n:RestoreNode {id: 'half'}) DELETE n");
      await session.close();
    }
  });

  it('when the file is truncated or a line of it changed, then the restore refuses it before writing', async () => {
    const whole = readFileSync(file);
    const truncated = join(dir, 'truncated.jsonl.gz');
    const lines = gunzipSync(whole).toString('utf8').split('\n');
    writeFileSync(truncated, gzipSync(lines.slice(0, -3).join('\n')));
    await expect(restoreDatabase(target, truncated, readMigrations(), logger)).rejects.toThrow(/truncated/);
    const edited = join(dir, 'edited.jsonl.gz');
    const i = lines.findIndex((l) => l.includes('"Listing"'));
    lines[i] = lines[i]!.replace(/"title":"[^"]*"/, '"title":"Changed"');
    writeFileSync(edited, gzipSync(lines.join('\n')));
    await expect(restoreDatabase(target, edited, readMigrations(), logger)).rejects.toThrow(/checksum/);
    const notGzip = join(dir, 'plain.jsonl.gz');
    writeFileSync(notGzip, 'not a backup');
    await expect(restoreDatabase(target, notGzip, readMigrations(), logger)).rejects.toThrow(
      /cannot be read as gzipped lines/,
    );
  });

  it('when the backup was made with a migration this version lacks, then the restore names it', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
    const header = JSON.parse(lines[0]!);
    header.migrations.push({ id: '999-from-the-future', checksum: 'x' });
    lines[0] = JSON.stringify(header);
    // A consistent file, as a newer version would write it: the trailer's checksum made anew.
    const trailer = JSON.parse(lines.at(-1)!);
    const body = lines
      .slice(0, -1)
      .map((l) => `${l}\n`)
      .join('');
    trailer.end.sha256 = createHash('sha256').update(body).digest('hex');
    const newer = join(dir, 'newer.jsonl.gz');
    writeFileSync(newer, gzipSync(`${body}${JSON.stringify(trailer)}\n`));
    await expect(restoreDatabase(target, newer, readMigrations(), logger)).rejects.toThrow(
      /made by a newer version: migration 999-from-the-future/,
    );
  });
});
