/**
 * Fuzzing the wire (fast-check over real WebSockets): wrong types, NaN, negative and huge numbers,
 * oversize payloads, unknown types, other seats' ids, stale quarters, floods. The server stays up,
 * every case is answered with the error that fits it (a new random sample every run; FUZZ_SEED=n replays
 * the run fast-check reports), and the game's state hash and pending orders never change.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashState } from '../../shared/index.js';
import { CLIENT_MESSAGES, MAX_MESSAGE_BYTES } from '../../shared/protocol/index.js';
import type { GameController } from '../../server/game/controller.js';
import { bootServer, createGame, joinGame, until, type Player } from '../server/helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
let host: Player;
let bob: Player;
let watcher: Player;
let ctl: GameController;
let gameId: string;

beforeAll(async () => {
  server = await bootServer();
  host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT', 'META'] } });
  gameId = host.welcome.gameId;
  bob = await joinGame(server.url, gameId, { name: 'Bob', company: 'MSFT' });
  watcher = await joinGame(server.url, gameId, {});
  host.send('game:start', {});
  await until(() => host.room.state.status === 'running', 5000, 'running');
  host.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 7_777 } });
  await host.waitFor('orders:state', (m) => m.orders !== null);
  ctl = server.context.live.get(gameId)!;
});
afterAll(async () => {
  for (const p of [host, bob, watcher]) await p.leave();
  await server.stop();
});

/** Everything that must not move: engine state hash, log hash, pending orders and ready flags. */
function fingerprint(): string {
  return JSON.stringify([hashState(ctl.state), ctl.summary().hash, ctl.summary().quarter, ['AMZN', 'MSFT', 'META'].map((t) => ctl.pendingOf(t as 'AMZN'))]);
}

const KNOWN = Object.keys(CLIENT_MESSAGES);
const junk = fc.oneof(
  fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.constant(Number.NEGATIVE_INFINITY),
  fc.integer({ min: -1e12, max: -1 }), fc.double({ min: 0.1, max: 1e6, noInteger: true, noNaN: true }), fc.constant(1e300),
  fc.string({ maxLength: 20 }), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }), fc.boolean(),
);
const orderField = fc.constantFrom('talentBidUsdM', 'customProgramUsdM', 'chips', 'finance', 'ops', 'data', 'energy', 'licenseFrom');
// Never a valid value for any order field: an empty list is a valid \`energy\` (no new projects), so lists
// hold at least one piece of junk.
const badOrderValue = fc.oneof(fc.constant(Number.NaN), fc.integer({ min: -1e9, max: -1 }), fc.constant(1.5), fc.constant('lots'), fc.constant(1e300), fc.array(junk, { minLength: 1, maxLength: 2 }));

/** A case that must be refused, by whom it is sent, and the refusals that fit it (never error.internal or error.rateLimited). */
type Case = { who: 'host' | 'watcher'; type: string; payload: unknown; codes: string[] };
const as = (codes: string[]) => <T extends Omit<Case, 'codes'>>(c: T): Case => ({ ...c, codes });
const cases: fc.Arbitrary<Case> = fc.oneof(
  // unknown message types
  fc.record({ who: fc.constant('host' as const), type: fc.string({ minLength: 1, maxLength: 30 }).filter((t) => !KNOWN.includes(t) && !t.startsWith('__')), payload: junk }).map(as(['error.unknownMessage'])),
  // known types, payload of the wrong shape
  fc.record({ who: fc.constantFrom('host' as const, 'watcher' as const), type: fc.constantFrom('orders:submit', 'orders:withdraw', 'orders:ready', 'seat:claim'), payload: fc.oneof(junk, fc.record({ quarter: junk })) })
    .filter((c) => !(c.type === 'seat:claim' && c.who === 'watcher' && typeof c.payload === 'object' && c.payload !== null && !Array.isArray(c.payload) && 'company' in c.payload))
    .map(as(['error.badPayload'])),
  // wrong numbers in otherwise well-formed messages
  fc.record({ who: fc.constant('host' as const), type: fc.constant('orders:ready'), payload: fc.record({ quarter: junk, ready: fc.boolean() }) }).map(as(['error.badPayload'])),
  fc.record({ who: fc.constant('host' as const), type: fc.constant('orders:submit'), payload: fc.record({ quarter: fc.constant(0), orders: fc.dictionary(orderField, badOrderValue, { minKeys: 1, maxKeys: 3 }) }) }).map(as(['error.badPayload', 'error.ordersInvalid'])),
  // stale / future quarters, other seats' ids
  fc.record({ who: fc.constant('host' as const), type: fc.constantFrom('orders:submit', 'orders:ready', 'orders:withdraw'), payload: fc.integer({ min: 1, max: 40 }).map((quarter) => ({ quarter, orders: {}, ready: true })) })
    .map((c) => ({ ...c, payload: c.type === 'orders:submit' ? { quarter: (c.payload as { quarter: number }).quarter, orders: {} } : c.type === 'orders:ready' ? { quarter: (c.payload as { quarter: number }).quarter, ready: true } : { quarter: (c.payload as { quarter: number }).quarter } }))
    .map(as(['error.wrongQuarter'])),
  fc.record({ who: fc.constant('host' as const), type: fc.constant('orders:submit'), payload: fc.constantFrom('MSFT', 'META').map((seat) => ({ quarter: 0, seat, orders: {} })) }).map(as(['error.badPayload', 'error.notYourSeat'])),
  // spectators and non-hosts trying seat actions or host actions
  fc.record({ who: fc.constant('watcher' as const), type: fc.constantFrom('orders:submit', 'orders:ready', 'orders:withdraw'), payload: fc.constant({ quarter: 0, ready: true, orders: {} }) })
    .map((c) => ({ ...c, payload: c.type === 'orders:withdraw' ? { quarter: 0 } : c.type === 'orders:ready' ? { quarter: 0, ready: true } : { quarter: 0, orders: {} } }))
    .map(as(['error.notSeated'])),
  fc.constant<Case>({ who: 'watcher', type: 'game:start', payload: {}, codes: ['error.notHost'] }),
  // oversize payloads (below the 64 kB frame cap, above the protocol's 16 kB)
  fc.record({ who: fc.constant('host' as const), type: fc.constantFrom(...KNOWN), payload: fc.integer({ min: MAX_MESSAGE_BYTES + 1, max: 60_000 }).map((n) => ({ quarter: 0, orders: { pad: 'x'.repeat(n) } })) }).map(as(['error.payloadTooLarge'])),
);

describe('fuzzing client messages', () => {
  it('every malformed message gets the refusal that fits it; the game does not change', async () => {
    const before = fingerprint();
    const players = { host, watcher };
    let last = 0;
    await fc.assert(fc.asyncProperty(cases, async (c) => {
      // Stay under the rate limit (15/s per connection): this property is about content.
      const wait = 80 - (Date.now() - last);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      last = Date.now();
      const p = players[c.who];
      const at = p.mark();
      p.sendRaw(c.type, c.payload);
      const err = await p.waitFor('error', () => true, at, 3000);
      // The refusal that fits the case: a crash (error.internal) or the rate limit is not a refusal of the content.
      expect(c.codes, `${c.type} ${JSON.stringify(c.payload).slice(0, 200)} got ${err.code}`).toContain(err.code);
      expect(err.message.length).toBeGreaterThan(3);
      expect(p.all('orders:state', at)).toEqual([]);
      expect(fingerprint()).toBe(before);
    }), { numRuns: 120, ...(process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {}) });
    expect(server.context.live.has(gameId)).toBe(true);
  }, 60_000);

  it('a flood is rate-limited with one error; a harder flood closes only that connection', async () => {
    const before = fingerprint();
    const flooder = await joinGame(server.url, gameId, {});
    const at = flooder.mark();
    for (let i = 0; i < 60; i += 1) flooder.send('game:sync', {});
    await flooder.waitFor('error', (m) => m.code === 'error.rateLimited', at);
    expect(flooder.all('error', at).filter((m) => m.code === 'error.rateLimited').length).toBe(1);
    expect(flooder.all('view', at).length).toBeLessThanOrEqual(32);
    let closed = false;
    flooder.room.onLeave(() => (closed = true));
    for (let i = 0; i < 400; i += 1) flooder.send('game:sync', {});
    await until(() => closed, 5000, 'flooder disconnected');
    // Everyone else is fine and nothing moved.
    const at2 = bob.mark();
    bob.send('game:sync', {});
    await bob.waitFor('view', () => true, at2);
    expect(fingerprint()).toBe(before);
  });

  it('a frame over the 64 kB cap closes that connection; the server stays up', async () => {
    const before = fingerprint();
    const big = await joinGame(server.url, gameId, {});
    let closed = false;
    big.room.onLeave(() => (closed = true));
    big.sendRaw('orders:submit', { quarter: 0, orders: { pad: 'y'.repeat(100_000) } });
    await until(() => closed, 5000, 'oversize frame closes the connection');
    const res = await fetch(`${server.url}/api/health`);
    expect(res.ok).toBe(true);
    expect(fingerprint()).toBe(before);
  });
});
