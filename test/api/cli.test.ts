import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../src/reference/paths.ts';
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

  it('when match is run, then the run and its suggestions are written as JSON', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'symbiosis-cli-')), 'suggestions.json');
    const res = await cli('match', '--out', out);
    expect(res.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.run.status).toBe('finished');
    expect(written.suggestions.length).toBe(written.run.candidates);
    if (written.suggestions.length > 0) expect(written.suggestions[0]).toHaveProperty('terms');
  });

  it('when a command is unknown, then the usage is printed and the exit code is 2', async () => {
    const res = await cli('frobnicate');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('usage');
  });
});
