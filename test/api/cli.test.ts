import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../src/reference/paths.ts';
import { authenticate, CACHE_MS } from '../../src/services/users.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const neo4j = inject('neo4j');
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  const runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
  await runtime.close();
});

describe('the command line', () => {
  it('when a JSON document is imported twice, then the second import changes nothing', async () => {
    const first = await cli('import', 'data/examples/small-import.json');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/listings\s+created 8, updated 0, unchanged 0, rejected 0/);
    const second = await cli('import', 'data/examples/small-import.json');
    expect(second.stdout).toMatch(/listings\s+created 0, updated 0, unchanged 8, rejected 0/);
  });

  it('when the same content is imported as CSV, then it is recognised as unchanged', async () => {
    const res = await cli('import', 'data/examples/companies.csv', 'data/examples/listings.csv');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/listings\s+created 0, updated 0, unchanged 8, rejected 0/);
  });

  it('when a file has bad rows, then each is printed with its field and the exit code is 1', async () => {
    const res = await cli('import', 'data/examples/bad-import.json', '--dry-run');
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('dry run: nothing was written');
    expect(res.stdout).toMatch(/listings row \d+ .*: listings\[\d+\]\.material\.wasteCodes\[0\]:/);
    expect(res.stdout).toMatch(/quantity\.unit/);
  });

  it('when --errors-csv is given, then the rejected rows are written as CSV with formula-like cells neutralised', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symbiosis-cli-'));
    const companies = join(dir, 'companies.csv');
    const listings = join(dir, 'listings.csv');
    const out = join(dir, 'rejected.csv');
    writeFileSync(
      companies,
      'company_ref,name,country,industry,site_ref,lat,lon\ncli-co,CLI AS,SE,10.510,cli-site,59.9,10.7\n',
    );
    writeFileSync(
      listings,
      [
        'ref,site,direction,kind,title,quantity_value,quantity_unit,land_use',
        'cli-plot,cli-site,offer,land,Plot,2,daa,industrial',
        '"=HYPERLINK(""http://evil.example"",""fix"")",cli-site,offer,land,Quay,3,daa,industrial',
        'cli-heat,cli-site,offer,land,Yard,4,mwh,industrial',
      ].join('\n'),
    );
    const res = await cli('import', companies, listings, '--dry-run', '--errors-csv', out);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`written to ${out}`);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('"section","row","ref","field","message"');
    expect(lines).toContainEqual(
      expect.stringMatching(/^"listings",3,"'=HYPERLINK\(""http:\/\/evil\.example"",""fix""\)","ref",/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^"listings",4,"cli-heat","quantity_unit",/));
    expect(lines).toHaveLength(3);
  });

  it('when a CSV file cannot be read, then --errors-csv still holds the reason and the exit code is 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symbiosis-cli-'));
    writeFileSync(join(dir, 'c.csv'), 'company_ref,name\nx,"open\n');
    writeFileSync(join(dir, 'l.csv'), 'ref\n');
    const out = join(dir, 'rejected.csv');
    const res = await cli('import', join(dir, 'c.csv'), join(dir, 'l.csv'), '--errors-csv', out);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('companies (line 2, column name)');
    expect(readFileSync(out, 'utf8')).toContain('"(file)","","","companies (line 2, column name)"');
  });

  it('when match is run, then the run and its suggestions are written as JSON', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'symbiosis-cli-')), 'suggestions.json');
    const res = await cli('match', '--out', out);
    expect(res.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.run.status).toBe('finished');
    // Its pairs and its chains through processors (decision 0016).
    expect(written.suggestions.length).toBe(written.run.candidates + (written.run.chains ?? 0));
    if (written.suggestions.length > 0) expect(written.suggestions[0]).toHaveProperty('terms');
  });

  it('when a report is asked for a county and period, then one HTML file and the network exports are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'symbiosis-cli-'));
    const html = join(dir, 'report.html');
    const res = await cli(
      'report',
      '--county',
      '46',
      '--from',
      '2026-01-01',
      '--to',
      '2027-01-01',
      '--out',
      html,
    );
    expect(res.code, res.stderr).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).toMatch(/^<!doctype html>/i);
    expect(text).toContain('Vestland');
    expect(text).not.toMatch(/<script\b/i);
    const geojson = join(dir, 'network.geojson');
    expect((await cli('report', '--county', '46', '--format', 'geojson', '--out', geojson)).code).toBe(0);
    expect(JSON.parse(readFileSync(geojson, 'utf8')).type).toBe('FeatureCollection');
    const csv = join(dir, 'funnel.csv');
    expect(
      (await cli('report', '--municipality', '4601', '--format', 'csv', '--table', 'funnel', '--out', csv))
        .code,
    ).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toContain('stage');
  });

  it('when a report names no output or two regions, then the usage is printed and the exit code is 2', async () => {
    expect((await cli('report', '--county', '46')).code).toBe(2);
    const both = await cli('report', '--county', '46', '--municipality', '4601', '--out', '/tmp/x.html');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give one of');
    const bad = await cli('report', '--county', '99', '--out', '/tmp/x.html');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/region/);
  });

  it('when backup names no file, a backup is checked, or restore is given a missing file or a database that holds data, then it says so and writes nothing', async () => {
    const noOut = await cli('backup');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('usage: backup --out FILE');
    const noFile = await cli('restore');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('restore FILE.jsonl.gz');
    const missing = await cli('restore', '/tmp/no-such-backup.jsonl.gz');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND: no backup file at /tmp/no-such-backup.jsonl.gz');
    // A whole backup of this database, then its restore into the same one: refused, it holds data.
    const dir = mkdtempSync(join(tmpdir(), 'symbiosis-cli-backup-'));
    const file = join(dir, 'b.jsonl.gz');
    const made = await cli('backup', '--out', file);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/backup written to .*b\.jsonl\.gz: [\d.]+ MB/);
    expect(made.stdout).toMatch(/nodes\s+\d+ \(.*WasteCode \d+/);
    const checked = await cli('check-backup', file);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/is whole and this version can restore it: made \d{4}-/);
    // One byte changed inside the compressed file: the check reads it all and refuses it.
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const damaged = join(dir, 'damaged.jsonl.gz');
    writeFileSync(damaged, bytes);
    const bad = await cli('check-backup', damaged);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/VALIDATION_FAILED: the backup file is not one this service can restore/);
    const refused = await cli('restore', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('CONFLICT: a restore needs an empty database');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('when a command is unknown, then the usage is printed and the exit code is 2', async () => {
    const res = await cli('frobnicate');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('usage');
  });

  it('when an operator adds, lists and revokes users, then the token is printed once and stops working when revoked', async () => {
    await cli('import', 'data/examples/small-import.json');
    const made = await cli(
      'users',
      'add',
      '--role',
      'business',
      '--company',
      'ex-smelter',
      '--name',
      'Smelter user',
    );
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^sym_[A-Za-z0-9_-]{43}$/);
    const userId = /user (usr_[0-9a-f]+)/.exec(made.stderr)![1]!;
    const runtime = await openTestRuntime();
    try {
      const caller = await authenticate(runtime.deps, token);
      expect(caller).toMatchObject({ role: 'business', userId });
      expect(caller.companyIds).toHaveLength(1);
      const list = await cli('users', 'list');
      expect(list.stdout).toContain(userId);
      expect(list.stdout).not.toContain(token);
      // Its token was used just now (by the check above): the list says when, or has not heard yet.
      expect(list.stdout).toMatch(/ {4}tok_\w+ {2}expires \S+ {2}last used (never|\d{4}-\d\d-\d\dT)/);
      const facilitator = await cli('users', 'add', '--role', 'facilitator', '--name', 'Nowhere');
      expect(facilitator.code).toBe(1);
      expect(facilitator.stderr).toContain('regions');
      const revoked = await cli('users', 'revoke', userId);
      expect(revoked.code).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, CACHE_MS + 100));
      await expect(authenticate(runtime.deps, token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      await runtime.close();
    }
  }, 60_000);
});
