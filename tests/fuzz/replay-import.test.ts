/**
 * Replay import fuzzing: `importReplay` (the function) and POST /api/replays/import (the route)
 * with junk, truncated text and mutated valid files. Never a crash or a 5xx; a refused file leaves
 * no row behind (no partial store); an accepted one adds exactly one game.
 */
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botOrders, botSeats, createGame, defaultStrategyFor, headerFor, importReplay, playerViews, resolveQuarter, type Orders, type ReplayFile, type Ticker } from '../../shared/index.js';
import { bootServer } from '../server/helpers.js';

/** A small valid file: a 4-quarter all-bot game with its hashes. */
function validFile(): ReplayFile {
  let s = createGame({ scenarioId: 'capex-race-2026', seed: 'fuzz-import', quarterCount: 4, seats: ['AMZN', 'MSFT', 'META'] });
  const header = headerFor(s, botSeats(s.seats));
  const quarters: ReplayFile['quarters'] = [];
  while (!s.finished) {
    const views = playerViews(s);
    const orders: Partial<Record<Ticker, Orders>> = {};
    for (const t of s.seats) orders[t] = botOrders(views[t], defaultStrategyFor(t), 'normal');
    const r = resolveQuarter(s, orders);
    quarters.push({ quarter: s.quarter, orders: r.orders, hash: r.hash });
    s = r.state;
  }
  return { header, quarters };
}

const VALID = validFile();
const VALID_TEXT = JSON.stringify(VALID);

/** Replaces one value somewhere in a JSON tree (path chosen by the numbers). */
function mutate(doc: unknown, picks: number[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let cur: Record<string, unknown> = copy;
  for (const [i, n] of picks.entries()) {
    const keys = Object.keys(cur);
    if (keys.length === 0) break;
    const k = keys[n % keys.length]!;
    const next = cur[k];
    if (i === picks.length - 1 || typeof next !== 'object' || next === null) {
      cur[k] = value;
      break;
    }
    cur = next as Record<string, unknown>;
  }
  return copy;
}

const junkValue = fc.oneof(fc.constant(null), fc.constant(Number.NaN), fc.integer({ min: -1e9, max: 1e9 }), fc.constant(1e300), fc.string({ maxLength: 12 }), fc.boolean(), fc.constant([]), fc.constant({}));
const mutated = fc.tuple(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), junkValue).map(([picks, v]) => JSON.stringify(mutate(VALID, picks, v)));
const bodies = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.nat(VALID_TEXT.length - 1).map((n) => VALID_TEXT.slice(0, n)),
  mutated,
);

describe('replay import fuzzing', () => {
  it('the valid file imports (the generator is sound)', () => {
    expect(importReplay(VALID_TEXT).ok).toBe(true);
  });

  it('importReplay never throws on junk, truncated or mutated files', () => {
    fc.assert(fc.property(fc.oneof(bodies, fc.anything()), (input) => {
      const r = importReplay(input);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.problem.key).toMatch(/^replay\./);
    }), { numRuns: 400, seed: 8080 });
  });

  describe('the HTTP route', () => {
    let server: Awaited<ReturnType<typeof bootServer>>;
    let db: Kysely<unknown>;
    beforeAll(async () => {
      server = await bootServer();
      db = (server.context.store as unknown as { db: Kysely<unknown> }).db;
    });
    afterAll(async () => {
      await server.stop();
    });

    /** Row counts of every table (SQLite). */
    async function counts(): Promise<Record<string, number>> {
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
      const out: Record<string, number> = {};
      for (const { name } of tables.rows) out[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0]!.n);
      return out;
    }

    it('answers 201 or 4xx, never 5xx; a refused file stores nothing, an accepted one one game', async () => {
      await fc.assert(fc.asyncProperty(bodies, async (body) => {
        const before = await counts();
        const res = await fetch(`${server.url}/api/replays/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        expect(res.status, body.slice(0, 200)).toBeLessThan(500);
        const after = await counts();
        if (res.status === 201) expect(after['games']).toBe(before['games']! + 1);
        else {
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(after).toEqual(before);
        }
      }), { numRuns: 80, seed: 4242 });
      const health = await fetch(`${server.url}/api/health`);
      expect(health.ok).toBe(true);
    }, 60_000);

    it('an oversize body is refused without storing anything', async () => {
      const before = await counts();
      const res = await fetch(`${server.url}/api/replays/import`, { method: 'POST', body: 'x'.repeat(2_200_000) });
      expect(res.status).toBe(413);
      expect(await counts()).toEqual(before);
    });
  });
});
