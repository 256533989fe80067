/**
 * The rejoin loop (client/net/rejoin.ts), driven at the module level with a scripted lobby API and
 * join: it keeps the seat through a stop, a restart and an adoption, joins as soon as the game is
 * served again, backs off (bounded), and stops only when back, finished, gone or refused.
 */
import { describe, expect, it } from 'vitest';
import {
  REJOIN_MAX_DELAY_MS, REJOIN_REFUSALS, keepSeat, rejoinDelayMs,
  type GameWhereabouts, type JoinAttempt, type RejoinDeps, type RejoinProgress,
} from '../../client/net/rejoin.js';

/** A scripted world: `where(t)` and `join(t)` by simulated time (ms since the loss). */
function world(where: (t: number) => GameWhereabouts, join: (t: number, w: GameWhereabouts) => JoinAttempt) {
  let now = 0;
  const joins: number[] = [];
  const progress: RejoinProgress[] = [];
  let cancelAt = Infinity;
  const deps: RejoinDeps = {
    whereIs: async () => where(now),
    join: async () => {
      joins.push(now);
      return join(now, where(now));
    },
    sleep: async (ms) => {
      now += ms;
    },
    progress: (p) => progress.push(p),
    cancelled: () => now >= cancelAt,
    random: () => 0.5,
  };
  return { deps, joins, progress, now: () => now, cancelAfter: (t: number) => (cancelAt = t) };
}

describe('keepSeat', () => {
  it('waits through a 15 s adoption without giving up, and joins within the longest backoff after it', async () => {
    const adoptedAt = 15_000;
    const w = world((t) => (t < adoptedAt ? 'waiting' : 'served'), (t) => (t >= adoptedAt ? 'joined' : 'failed'));
    expect(await keepSeat('ABC123', w.deps)).toBe('joined');
    expect(w.now() - adoptedAt).toBeLessThanOrEqual(REJOIN_MAX_DELAY_MS * 1.2);
    expect(w.progress.some((p) => p.phase === 'waiting')).toBe(true);
    // No join while the game waits to be adopted (a join towards a dead process's listing stalls).
    expect(w.joins.filter((t) => t < adoptedAt)).toEqual([]);
  });

  it('keeps going when the API is unreachable and joins failing (a restart), then joins', async () => {
    const w = world((t) => (t < 3_000 ? 'unreachable' : 'served'), (t) => (t < 6_000 ? 'failed' : 'joined'));
    // Unreachable: the join is tried too (the API may be what is down).
    expect(await keepSeat('ABC123', w.deps)).toBe('joined');
    expect(w.progress.map((p) => p.phase)).toContain('unreachable');
    expect(w.joins.length).toBeGreaterThan(2);
  });

  it('stops when the game is finished or gone, without a join', async () => {
    for (const end of ['finished', 'gone'] as const) {
      const w = world((t) => (t < 1_000 ? 'waiting' : end), () => 'failed');
      expect(await keepSeat('ABC123', w.deps)).toBe(end);
    }
  });

  it('a served game refusing the seat a few times in a row ends it; a refusal while waiting does not count', async () => {
    const served = world(() => 'served', () => 'refused');
    expect(await keepSeat('ABC123', served.deps)).toBe('refused');
    expect(served.joins).toHaveLength(REJOIN_REFUSALS);
    const waiting = world((t) => (t < 20_000 ? 'waiting' : 'served'), (t) => (t < 20_000 ? 'refused' : 'joined'));
    expect(await keepSeat('ABC123', waiting.deps)).toBe('joined');
  });

  it('stops when the player moves on', async () => {
    const w = world(() => 'waiting', () => 'failed');
    w.cancelAfter(5_000);
    expect(await keepSeat('ABC123', w.deps)).toBe('cancelled');
  });

  it('backs off from 250 ms, doubling, capped', () => {
    const mid = (n: number): number => rejoinDelayMs(n, () => 0.5);
    expect([1, 2, 3, 4, 5, 30].map(mid)).toEqual([250, 500, 1000, 1000, 1000, 1000]);
    expect(rejoinDelayMs(4, () => 0)).toBeGreaterThanOrEqual(800);
    expect(rejoinDelayMs(4, () => 0.999)).toBeLessThanOrEqual(REJOIN_MAX_DELAY_MS * 1.2);
  });
});
