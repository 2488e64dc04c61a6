/**
 * Turn taking: a turn of the event loop starts only so many requests; the others wait, first come
 * first served, for the following turns. How many is adapted to how long turns last, so that a
 * turn stays near `targetMs` whatever a request costs.
 *
 * Why: since libuv 1.45 (libuv/libuv#3696, Node 20) a listening socket accepts one connection per
 * turn of the loop. When every open connection has a request ready at each turn (a saturated
 * service: each client sends its next request as soon as it has an answer), a turn serves all of
 * them and lasts (open connections × cost of a request), and the k-th new connection waits for k
 * such turns: 200 connections opened at once against GET /listings/{id} were accepted over 20 s,
 * and their first requests timed out, while every request that got in was answered within a
 * fraction of a second (decision 0018, "Accepting connections under load"). With turns kept
 * short, new connections are accepted within a second or two. The work is the same and the
 * process stays busy, so the rate is not lower.
 *
 * In steady state a turn finishes about as many requests as it starts, so starting fewer per turn
 * makes turns shorter: while requests start, each turn is timed (from one check phase to the
 * next) and the budget scaled by targetMs / (the turn's length), between 1 and `maxPerTurn`.
 * Below the budget nothing waits. A request whose client has gone while it waited
 * is not started.
 */
import type { RequestHandler } from 'express';

export interface TurnOptions {
  /** The turn length aimed at, ms. */
  targetMs: number;
  /** The most requests started in one turn. */
  maxPerTurn: number;
}

/** config TURN_TARGET_MS's default, and the bound on starts per turn. */
export const TURNS: TurnOptions = { targetMs: 10, maxPerTurn: 32 };

export function turnTaking(
  options: TurnOptions,
  now: () => number = () => performance.now(),
): RequestHandler {
  const { targetMs, maxPerTurn } = options;
  let budget = maxPerTurn;
  let started = 0;
  let scheduled = false;
  /** When the previous turn's check phase ran, if this turn follows it (null: not timed). */
  let lastTurnAt: number | null = null;
  const waiting: Array<() => void> = [];

  // Runs in the check phase, after this turn's I/O: the waiting start with what the turn's budget
  // leaves, then a new turn begins. Scheduled from the check phase, it runs in the next turn's.
  const endOfTurn = () => {
    scheduled = false;
    const at = now();
    if (lastTurnAt !== null) {
      const turnMs = Math.max(at - lastTurnAt, 0.1);
      budget = Math.min(maxPerTurn, Math.max(1, Math.round((budget * targetMs) / turnMs)));
    }
    while (started < budget && waiting.length > 0) {
      started++;
      waiting.shift()!();
    }
    // While requests start, the next turn is timed too (its check phase follows this one).
    const busy = started > 0 || waiting.length > 0;
    started = 0;
    lastTurnAt = busy ? at : null;
    if (busy) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(endOfTurn);
  };

  return (req, res, next) => {
    if (waiting.length === 0 && started < budget) {
      started++;
      schedule();
      next();
      return;
    }
    waiting.push(() => {
      if (req.socket.destroyed || res.writableEnded) {
        started--;
        return;
      }
      next();
    });
    schedule();
  };
}
