import type { NextFunction, Request, Response } from 'express';
import { beforeEach, describe, expect, it } from 'vitest';
import { turnTaking } from '../../../src/http/turns.ts';

/** One turn of the event loop has passed (its check phase has run). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function requests(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    i,
    req: { socket: { destroyed: false } } as unknown as Request,
    res: { writableEnded: false } as unknown as Response,
  }));
}

/** A clock for the turns: each turn lasts what the test says (10 ms unless told). */
let clock: { ms: number; step: number; now: () => number };
beforeEach(() => {
  clock = {
    ms: 0,
    step: 10,
    now: () => {
      clock.ms += clock.step;
      return clock.ms;
    },
  };
});

describe('turn taking: at most so many requests start per turn of the event loop', () => {
  it('when fewer requests arrive than the bound, then each starts at once', () => {
    const gate = turnTaking({ targetMs: 20, maxPerTurn: 16 }, clock.now);
    const started: number[] = [];
    for (const { i, req, res } of requests(5)) gate(req, res, (() => started.push(i)) as NextFunction);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('when more arrive in one turn, then the bound starts now and the others in the next turns, in order of arrival', async () => {
    const gate = turnTaking({ targetMs: 20, maxPerTurn: 16 }, clock.now);
    const started: number[] = [];
    for (const { i, req, res } of requests(40)) gate(req, res, (() => started.push(i)) as NextFunction);
    expect(started).toHaveLength(16);
    await nextTurn();
    expect(started).toHaveLength(16);
    await nextTurn();
    expect(started).toHaveLength(32);
    await nextTurn();
    expect(started).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('when a request arrives while others wait, then it waits behind them even if its turn has room', async () => {
    const gate = turnTaking({ targetMs: 20, maxPerTurn: 4 }, clock.now);
    const started: string[] = [];
    for (const { i, req, res } of requests(6)) gate(req, res, (() => started.push(`a${i}`)) as NextFunction);
    await nextTurn();
    const [late] = requests(1);
    gate(late!.req, late!.res, (() => started.push('late')) as NextFunction);
    expect(started).toEqual(['a0', 'a1', 'a2', 'a3']);
    await nextTurn();
    expect(started).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'late']);
  });

  it('when a waiting request’s client has gone, then it is never started and its place goes to the next', async () => {
    const gate = turnTaking({ targetMs: 20, maxPerTurn: 2 }, clock.now);
    const started: number[] = [];
    const all = requests(5);
    for (const { i, req, res } of all) gate(req, res, (() => started.push(i)) as NextFunction);
    (all[2]!.req.socket as { destroyed: boolean }).destroyed = true;
    await nextTurn();
    await nextTurn();
    expect(started).toEqual([0, 1, 3, 4]);
  });

  it('when turns last longer than the target, then fewer start per turn; when shorter, more again', async () => {
    const gate = turnTaking({ targetMs: 20, maxPerTurn: 16 }, clock.now);
    const started: number[] = [];
    for (const { i, req, res } of requests(200)) gate(req, res, (() => started.push(i)) as NextFunction);
    expect(started).toHaveLength(16);
    await nextTurn(); // the first turn is not timed
    clock.step = 80; // each turn now lasts four times the target
    const perTurn: number[] = [];
    for (let t = 0; t < 3; t++) {
      const before = started.length;
      await nextTurn();
      perTurn.push(started.length - before);
    }
    expect(perTurn).toEqual([4, 1, 1]);
    clock.step = 5; // and now a quarter of it
    perTurn.length = 0;
    for (let t = 0; t < 3; t++) {
      const before = started.length;
      await nextTurn();
      perTurn.push(started.length - before);
    }
    expect(perTurn).toEqual([4, 16, 16]);
    expect(started).toEqual(Array.from({ length: started.length }, (_, i) => i));
  });
});
