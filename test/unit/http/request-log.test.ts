import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { requestIdOf, requestLog } from '../../../src/http/request-log.ts';
import { createLogger } from '../../../src/logger.ts';

type Line = Record<string, unknown> & { level: number; msg: string };

const servers: { close(cb: () => void): void }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A small app behind the request log, logging at `level` into `lines`. */
async function app(level: string) {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  const a = express();
  a.use(requestLog(createLogger(level, sink)));
  a.get('/ok', (_req, res) => {
    res.json({ id: requestIdOf(res) });
  });
  a.get('/missing', (_req, res) => {
    res.status(404).json({});
  });
  a.get('/broken', (_req, res) => {
    res.status(500).json({});
  });
  a.get('/busy', (_req, res) => {
    res.status(503).json({});
  });
  // Never answers: the client gives up.
  a.get('/hang', () => {});
  const server = await new Promise<ReturnType<typeof a.listen>>((resolve) => {
    const s = a.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The line is written when the answer has been sent: give the sink a turn.
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, { headers });
    const body = await res.text();
    await new Promise((r) => setTimeout(r, 20));
    return { res, body };
  };
  return { lines, get, url };
}

/** Waits until `check` holds, up to a second. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('the request log', () => {
  it('when a request is answered, then one line names it, its status and time, and no credential', async () => {
    const { lines, get } = await app('info');
    const { res, body } = await get('/ok?x=1', { authorization: 'Bearer sym_secret_value' });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(body)).toEqual({ id });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: id,
      req: { method: 'GET', url: '/ok?x=1' },
      res: { statusCode: 200 },
    });
    expect(typeof line!['responseTime']).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('sym_secret_value');
    expect(JSON.stringify(lines)).toContain('[redacted]');
  });

  it('when the caller names its request, then that id is used; when the name is not a plain token, a new one', async () => {
    const { lines, get } = await app('info');
    const named = await get('/ok', { 'x-request-id': 'probe-123' });
    expect(named.res.headers.get('x-request-id')).toBe('probe-123');
    expect(JSON.parse(named.body)).toEqual({ id: 'probe-123' });
    const odd = await get('/ok', { 'x-request-id': 'a b<script>' });
    expect(odd.res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((l) => l['reqId'])).toEqual(['probe-123', odd.res.headers.get('x-request-id')]);
  });

  it('when the log level is warn, then successes write nothing and refusals and failures still a line each', async () => {
    const { lines, get } = await app('warn');
    await get('/ok');
    await get('/ok');
    expect(lines).toHaveLength(0);
    await get('/missing');
    await get('/busy');
    await get('/broken');
    expect(lines.map((l) => [l.level, l.msg, (l['res'] as { statusCode: number }).statusCode])).toEqual([
      [40, 'request completed', 404],
      [40, 'request errored', 503],
      [50, 'request errored', 500],
    ]);
  });

  it('when the client goes away before the answer, then one warn line says the request was aborted', async () => {
    const { lines, url } = await app('warn');
    const gone = new AbortController();
    const asked = fetch(`${url}/hang`, { signal: gone.signal, headers: { 'x-request-id': 'left-early' } });
    await new Promise((r) => setTimeout(r, 50));
    gone.abort();
    await expect(asked).rejects.toThrow();
    await until(() => lines.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'request aborted',
      reqId: 'left-early',
      req: { url: '/hang' },
    });
  });
});
