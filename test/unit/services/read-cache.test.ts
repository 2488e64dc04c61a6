import { describe, expect, it } from 'vitest';
import { ReadCache } from '../../../src/services/read-cache.ts';

describe('ReadCache', () => {
  it('when identical reads arrive at once, then one load serves them all', async () => {
    const cache = new ReadCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { page: 1 };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', load)));
    expect(loads).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('when something is written, then the next read loads again', async () => {
    const cache = new ReadCache();
    let n = 0;
    expect(await cache.get('k', async () => ++n)).toBe(1);
    expect(await cache.get('k', async () => ++n)).toBe(1);
    cache.bump();
    expect(await cache.get('k', async () => ++n)).toBe(2);
  });

  it('when the reuse and refresh windows have passed or the key differs, then it loads again; a failed load is never reused', async () => {
    const cache = new ReadCache({ ttlMs: 100, staleMs: 0 });
    let n = 0;
    expect(await cache.get('k', async () => ++n, 0)).toBe(1);
    expect(await cache.get('k', async () => ++n, 50)).toBe(1);
    expect(await cache.get('k', async () => ++n, 151)).toBe(2);
    expect(await cache.get('other', async () => ++n, 151)).toBe(3);
    await expect(cache.get('bad', async () => Promise.reject(new Error('down')), 200)).rejects.toThrow(
      'down',
    );
    expect(await cache.get('bad', async () => 'up', 201)).toBe('up');
  });

  it('when an answer is past its reuse but inside the refresh window, then it is served at once while one read refreshes it', async () => {
    const cache = new ReadCache({ ttlMs: 100, staleMs: 100 });
    let n = 0;
    let release: () => void = () => {};
    const slow = () =>
      new Promise<number>((resolve) => {
        const mine = ++n;
        release = () => resolve(mine);
      });
    const first = cache.get('k', slow, 0);
    release();
    expect(await first).toBe(1);
    // Past the reuse: the stale answer comes back at once, and only one refresh starts.
    expect(await cache.get('k', slow, 150)).toBe(1);
    expect(await cache.get('k', slow, 160)).toBe(1);
    expect(n).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 0));
    // The refresh's answer is served from then on, reused from when it started.
    expect(await cache.get('k', slow, 170)).toBe(2);
    expect(await cache.get('k', slow, 240)).toBe(2);
    expect(n).toBe(2);
  });

  it('when something was written or the refresh window has passed, then no stale answer is served', async () => {
    const cache = new ReadCache({ ttlMs: 100, staleMs: 100 });
    let n = 0;
    expect(await cache.get('k', async () => ++n, 0)).toBe(1);
    cache.bump();
    expect(await cache.get('k', async () => ++n, 150)).toBe(2);
    expect(await cache.get('k', async () => ++n, 400)).toBe(3);
    // A refresh whose answer arrives after a write is dropped.
    let release: () => void = () => {};
    expect(
      await cache.get(
        'k',
        () =>
          new Promise<number>((resolve) => {
            release = () => resolve(99);
          }),
        550,
      ),
    ).toBe(3);
    cache.bump();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('k', async () => ++n, 560)).toBe(4);
  });

  it('when reuse is off (READ_CACHE_MS=0), then every read loads', async () => {
    const cache = new ReadCache({ ttlMs: 0, staleMs: 0 });
    let n = 0;
    expect(await cache.get('k', async () => ++n, 0)).toBe(1);
    expect(await cache.get('k', async () => ++n, 0)).toBe(2);
  });
});
