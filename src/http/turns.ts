/**
 * At most `perTurn` requests start in one turn of the event loop; the others wait, first come
 * first served, for the following turns.
 *
 * Why: since libuv 1.45 (libuv/libuv#3696, Node 20) a listening socket accepts one connection per
 * turn of the loop. When every open connection has a request ready at each turn (a saturated
 * service: each client sends its next request as soon as it has an answer), a turn serves all of
 * them, so it lasts (open connections × cost of a request), and the k-th new connection waits for
 * k such turns: 200 connections opened at once against GET /listings/{id} were accepted over
 * 20 s, and their first requests timed out, while every request that got in was answered within
 * a fraction of a second (decision 0018, "Accepting connections under load"). Bounding the work
 * a turn starts keeps turns short, so new connections are accepted within a second or two; the
 * work is the same, so the rate is not lower (measured higher: shorter turns, fewer answers built
 * at once).
 *
 * Below the bound nothing waits. A request whose client has gone while it waited is not started.
 */
import type { RequestHandler } from 'express';

/** Requests started per turn of the event loop (config REQUESTS_PER_TURN). */
export const REQUESTS_PER_TURN = 16;

export function turnTaking(perTurn: number): RequestHandler {
  let started = 0;
  let scheduled = false;
  const waiting: Array<() => void> = [];

  // Runs in the check phase, after this turn's I/O: the waiting start with what the turn's budget
  // leaves, then a new turn begins. Scheduled from the check phase, it runs in the next turn's.
  const endOfTurn = () => {
    scheduled = false;
    while (started < perTurn && waiting.length > 0) {
      started++;
      waiting.shift()!();
    }
    started = 0;
    if (waiting.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(endOfTurn);
  };

  return (req, res, next) => {
    if (waiting.length === 0 && started < perTurn) {
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
