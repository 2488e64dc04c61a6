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

  it('when the reuse window has passed or the key differs, then it loads again; a failed load is never reused', async () => {
    const cache = new ReadCache({ ttlMs: 100 });
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
});
