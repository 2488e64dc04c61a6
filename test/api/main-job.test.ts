import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../src/reference/paths.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

let child: ChildProcess;
let url: string;

beforeAll(async () => {
  const runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
  await runtime.close();
  const neo4j = inject('neo4j');
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`main job did not start:\n${out}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"url":"(http:\/\/[^"]+)".*listening/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`main job exited with ${code}:\n${out}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('the main job (npm start)', () => {
  it('when started on an empty database, then it answers /health, /ready and /openapi.json', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { neo4j: 'reachable', schema: 'applied' },
    });
    const spec = (await (await fetch(`${url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/companies',
        '/listings',
        '/imports',
        '/match-runs',
        '/suggestions',
        '/listings/{id}/suggestions',
      ]),
    );
    expect((await fetch(`${url}/docs`)).headers.get('content-type')).toMatch(/html/);
  });

  it('when started on an empty database, then it serves the demo listings', async () => {
    const page = (await (await fetch(`${url}/listings?limit=10`)).json()) as {
      total: number;
      items: unknown[];
    };
    expect(page.total).toBeGreaterThanOrEqual(150);
    expect(page.items).toHaveLength(10);
  });
});
