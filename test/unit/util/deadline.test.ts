import { describe, expect, it } from 'vitest';
import { readBudget, withReadDeadline } from '../../../src/util/deadline.ts';

describe('read deadline', () => {
  it('when no work sets a budget, then reads have none', () => {
    expect(readBudget()).toBeNull();
  });

  it('when a budget is set, then the work and what it awaits see it, and nothing after it does', async () => {
    const seen = await withReadDeadline(5000, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return readBudget();
    });
    expect(seen?.ms).toBe(5000);
    expect(seen?.leftMs).toBeGreaterThan(4000);
    expect(seen?.leftMs).toBeLessThanOrEqual(5000);
    expect(readBudget()).toBeNull();
  });

  it('when budgets nest, then the nearer deadline holds', () => {
    const inner = withReadDeadline(1000, () => withReadDeadline(60_000, () => readBudget()));
    expect(inner?.ms).toBe(1000);
    const tighter = withReadDeadline(60_000, () => withReadDeadline(1000, () => readBudget()));
    expect(tighter?.ms).toBe(1000);
  });
});
