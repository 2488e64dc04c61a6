import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('when nothing is set, then the documented operations defaults apply', () => {
    expect(loadConfig({})).toMatchObject({
      NEO4J_HEAP: '4g',
      NEO4J_PAGECACHE: '2g',
      NEO4J_TX_MEMORY: '3g',
      NEO4J_CONNECT_TIMEOUT_MS: 3000,
      NEO4J_ACQUIRE_TIMEOUT_MS: 5000,
      NEO4J_RETRY_TIME_MS: 2000,
      REQUEST_READ_TIMEOUT_MS: 15_000,
      READ_CACHE_MS: 1000,
      TURN_TARGET_MS: 10,
      SHUTDOWN_GRACE_MS: 10_000,
      MATCH_STAGING_WRITES: 2,
    });
  });

  it('when a match run’s staging writes are set outside 1 to 4, then the error names the setting', () => {
    expect(loadConfig({ MATCH_STAGING_WRITES: '1' }).MATCH_STAGING_WRITES).toBe(1);
    for (const bad of ['0', '5', '1.5', 'two']) {
      expect(() => loadConfig({ MATCH_STAGING_WRITES: bad }), bad).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          message: expect.stringMatching(/MATCH_STAGING_WRITES/),
        }),
      );
    }
  });

  it('when memory sizes are given, then they are taken as written', () => {
    const config = loadConfig({ NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '2G', NEO4J_TX_MEMORY: '0' });
    expect(config).toMatchObject({ NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '2G', NEO4J_TX_MEMORY: '0' });
  });

  it('when a setting is malformed, then the error names it, without a stack for the operator', () => {
    expect(() => loadConfig({ NEO4J_HEAP: 'lots', PORT: 'http' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/PORT: [\s\S]*NEO4J_HEAP: a size such as 512m or 4g/),
      }),
    );
  });
});

describe('the node heap limit (NODE_HEAP_MB)', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter, as the scripts write it
  const FLAG = '--max-old-space-size=${NODE_HEAP_MB:-1024}';

  it('when the service, the CLI or the container starts node, then it passes NODE_HEAP_MB, 1024 by default', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    for (const name of ['start', 'cli', 'import', 'match', 'evaluate', 'report', 'bench:load']) {
      expect({ name, script: scripts[name] }).toEqual({ name, script: expect.stringContaining(FLAG) });
    }
    const docker = readFileSync('Dockerfile', 'utf8');
    expect(docker).toContain('ENV NODE_HEAP_MB=1024');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter, as the Dockerfile writes it
    expect(docker).toContain('exec node --max-semi-space-size=64 --max-old-space-size=${NODE_HEAP_MB} ');
    expect(readFileSync('README.md', 'utf8')).toContain('| `NODE_HEAP_MB` | 1024 |');
  });

  it('when the scripts’ flag reaches node through the shell, then V8’s heap limit is the one set', () => {
    const limitMb = (env: Record<string, string>) => {
      const out = execFileSync(
        'sh',
        [
          '-c',
          `"${process.execPath}" ${FLAG} -e "console.log(require('v8').getHeapStatistics().heap_size_limit)"`,
        ],
        { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' },
      );
      return Number(out.trim()) / 2 ** 20;
    };
    // The limit is the old generation's plus the young generation's few tens of MB.
    expect(limitMb({})).toBeGreaterThanOrEqual(1024);
    expect(limitMb({})).toBeLessThan(1024 + 100);
    expect(limitMb({ NODE_HEAP_MB: '700' })).toBeGreaterThanOrEqual(700);
    expect(limitMb({ NODE_HEAP_MB: '700' })).toBeLessThan(700 + 100);
  });
});
