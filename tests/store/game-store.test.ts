/** The same store suite on SQLite and PostgreSQL (see backends.ts): every write, restore, leases. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GameController } from '../../server/game/controller.js';
import type { GameStore, StoredGame, StoredSeat } from '../../server/store/game-store.js';
import { GameOptionsSchema } from '../../shared/protocol/index.js';
import { BACKENDS, type Backend } from './backends.js';

const options = GameOptionsSchema.parse({ quarterCount: 4, companies: ['AMZN', 'MSFT'] });
const header = { format: 2, engineVersion: 1, scenarioId: 'capex-race-2026', scenarioHash: 'h', seed: 's', quarterCount: 4, seats: [] };
const game = (id: string, createdAt = 1_000): StoredGame => ({
  id, options, header, status: 'lobby', isPublic: true, hostTokenHash: 'hh', quarter: 0, deadlineAt: null, createdAt, joined: true,
});
const seat = (company: 'AMZN' | 'MSFT', kind: 'human' | 'bot' = 'bot'): StoredSeat => ({ company, name: company, kind, strategy: 'balanced', tokenHash: kind === 'human' ? 'th' : null });

describe.each(BACKENDS.map((make) => [make().name, make] as const))('GameStore on %s', (_name, make) => {
  let backend: Backend;
  let store: GameStore;
  beforeAll(async () => {
    backend = make();
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend?.cleanup();
  });

  it('inserts a game with its seats and loads it back (numbers as numbers)', async () => {
    await store.insertGame({ ...game('AAAAAA'), deadlineAt: 1_700_000_000_123 }, [seat('AMZN', 'human'), seat('MSFT')], 5);
    expect(await store.exists('AAAAAA')).toBe(true);
    expect(await store.exists('ZZZZZZ')).toBe(false);
    const l = await store.load('AAAAAA');
    expect(l?.game).toMatchObject({ id: 'AAAAAA', status: 'lobby', isPublic: true, quarter: 0, deadlineAt: 1_700_000_000_123, createdAt: 1_000, options });
    expect(l?.seats).toEqual([seat('AMZN', 'human'), seat('MSFT')]);
    expect(await store.load('NOPE00')).toBeNull();
  });

  it('a duplicate game id is refused and leaves nothing half-written', async () => {
    await expect(store.insertGame(game('AAAAAA'), [seat('AMZN')], 5)).rejects.toThrow();
    expect((await store.load('AAAAAA'))?.seats.length).toBe(2);
  });

  it('pending orders are upserted; resolving stores the quarter, clears them and moves on atomically', async () => {
    await store.updateProgress('AAAAAA', { status: 'running', quarter: 0, deadlineAt: null }, 6);
    await store.savePending('AAAAAA', 0, [{ company: 'AMZN', orders: null, ready: false }], 7);
    await store.savePending('AAAAAA', 0, [{ company: 'AMZN', orders: { guidanceCapexUsdM: 5 } as never, ready: true }, { company: 'MSFT', orders: null, ready: true }], 8);
    expect((await store.load('AAAAAA'))?.pending).toEqual([
      { company: 'AMZN', orders: { guidanceCapexUsdM: 5 }, ready: true }, { company: 'MSFT', orders: null, ready: true },
    ]);
    await store.saveResolved('AAAAAA', { quarter: 0, orders: { AMZN: { guidanceCapexUsdM: 5 } as never }, hash: 'abc' }, { status: 'running', quarter: 1, deadlineAt: 99 }, 9);
    const l = await store.load('AAAAAA');
    expect(l?.quarters).toEqual([{ quarter: 0, orders: { AMZN: { guidanceCapexUsdM: 5 } }, hash: 'abc' }]);
    expect(l?.pending).toEqual([]);
    expect(l?.game).toMatchObject({ quarter: 1, deadlineAt: 99, status: 'running' });
    // A second resolution of the same quarter is refused (primary key) and changes nothing.
    await expect(store.saveResolved('AAAAAA', { quarter: 0, orders: {}, hash: 'zzz' }, { status: 'finished', quarter: 4, deadlineAt: null }, 10)).rejects.toThrow();
    expect((await store.load('AAAAAA'))?.game.status).toBe('running');
  });

  it('writes asked for in one turn share one commit: all are stored, or, when one fails, none, and every caller is told', async () => {
    // (Finished and private: the listing tests below do not see it.)
    await store.insertGame({ ...game('GGGGGG'), status: 'finished', isPublic: false }, [seat('AMZN', 'human'), seat('MSFT', 'human')], 1);
    await Promise.all([
      store.savePending('GGGGGG', 0, [{ company: 'AMZN', orders: { guidanceCapexUsdM: 1 } as never, ready: false }], 2),
      store.savePending('GGGGGG', 0, [{ company: 'MSFT', orders: null, ready: true }], 2),
      store.saveResolved('AAAAAA', { quarter: 1, orders: {}, hash: 'q1' }, { status: 'running', quarter: 2, deadlineAt: null }, 2),
    ]);
    expect((await store.load('GGGGGG'))?.pending).toEqual([{ company: 'AMZN', orders: { guidanceCapexUsdM: 1 }, ready: false }, { company: 'MSFT', orders: null, ready: true }]);
    expect((await store.load('AAAAAA'))?.quarters.map((q) => q.hash)).toEqual(['abc', 'q1']);
    // Quarter 1 of AAAAAA is stored already: that write fails, and the write sharing its commit with it is not stored either.
    const [pending, resolved] = await Promise.allSettled([
      store.savePending('GGGGGG', 0, [{ company: 'AMZN', orders: { guidanceCapexUsdM: 2 } as never, ready: true }], 3),
      store.saveResolved('AAAAAA', { quarter: 1, orders: {}, hash: 'again' }, { status: 'finished', quarter: 4, deadlineAt: null }, 3),
    ]);
    expect([pending.status, resolved.status]).toEqual(['rejected', 'rejected']);
    expect((await store.load('GGGGGG'))?.pending[0]).toEqual({ company: 'AMZN', orders: { guidanceCapexUsdM: 1 }, ready: false });
    expect((await store.load('AAAAAA'))?.game).toMatchObject({ status: 'running', quarter: 2 });
  });

  it("a quarter's orders are stored as their JSON, each seat's orders serialised once and reused", async () => {
    // (Finished and private: the listing tests below do not see it.)
    await store.insertGame({ ...game('JJJJJJ'), status: 'finished', isPublic: false }, [seat('AMZN'), seat('MSFT')], 1);
    const amzn = { guidanceCapexUsdM: 7, energy: [{ regionId: 'us-east', mw: 120, source: 'gas' }], note: 'a "quoted" \\ text' } as never;
    const msft = { guidanceCapexUsdM: 9 } as never;
    await store.savePending('JJJJJJ', 0, [{ company: 'AMZN', orders: amzn, ready: false }], 2);
    await store.savePending('JJJJJJ', 0, [{ company: 'AMZN', orders: amzn, ready: true }], 3);
    const orders = { MSFT: msft, META: undefined, AMZN: amzn };
    await store.saveResolved('JJJJJJ', { quarter: 0, orders, hash: 'h' }, { status: 'finished', quarter: 1, deadlineAt: null }, 4);
    const row = await store.database.selectFrom('quarters').select('orders_json').where('game_id', '=', 'JJJJJJ').executeTakeFirstOrThrow();
    expect(row.orders_json).toBe(JSON.stringify(orders));
    expect((await store.load('JJJJJJ'))?.quarters[0]?.orders).toEqual({ MSFT: msft, AMZN: amzn });
  });

  it('seats are replaced on claim', async () => {
    await store.saveSeat('AAAAAA', { ...seat('MSFT', 'human'), name: 'Bob' });
    expect((await store.load('AAAAAA'))?.seats[1]).toMatchObject({ company: 'MSFT', kind: 'human', name: 'Bob', tokenHash: 'th' });
  });

  it('lists unfinished and public games', async () => {
    await store.insertGame({ ...game('BBBBBB', 2_000), isPublic: false }, [seat('AMZN')], 1);
    await store.insertGame({ ...game('CCCCCC', 3_000), status: 'finished' }, [seat('AMZN')], 1);
    expect(await store.unfinishedIds()).toEqual(['AAAAAA', 'BBBBBB']);
    expect(await store.publicOpenIds(10)).toEqual(['AAAAAA']);
  });

  it('leases: one owner at a time, renewals, expiry hands games to a survivor, release', async () => {
    expect(await store.orphanedIds(100)).toEqual(['AAAAAA', 'BBBBBB']);
    expect(await store.claimLease('AAAAAA', 'p1', 100, 1_000)).toBe(true);
    expect(await store.claimLease('AAAAAA', 'p2', 200, 1_000)).toBe(false);
    expect(await store.leaseOf('AAAAAA')).toEqual({ owner: 'p1', expiresAt: 1_100 });
    expect(await store.orphanedIds(200)).toEqual(['BBBBBB']);
    expect(await store.renewLeases('p1', 900, 1_000)).toBe(1);
    expect(await store.claimLease('AAAAAA', 'p2', 1_500, 1_000)).toBe(false);
    expect(await store.orphanedIds(2_000)).toEqual(['AAAAAA', 'BBBBBB']);
    expect(await store.claimLease('AAAAAA', 'p2', 2_000, 1_000)).toBe(true);
    expect(await store.claimLease('AAAAAA', 'p1', 2_001, 1_000, true)).toBe(true);
    await store.releaseLease('AAAAAA', 'p2');
    expect(await store.leaseOf('AAAAAA')).toMatchObject({ owner: 'p1' });
    await store.releaseLease('AAAAAA', 'p1');
    expect(await store.leaseOf('AAAAAA')).toBeNull();
  });

  it('a controller plays, restores and re-folds the same hashes on this database', async () => {
    const deps = { store, now: () => 1_000_000, autopilotGraceMs: 60_000 };
    const { controller } = await GameController.create(deps, 'DDDDDD', options);
    await controller.claim('AMZN', 'Ann');
    await controller.start();
    await controller.attach(null);
    await controller.setReady('AMZN', 0, true);
    const [q0] = await controller.settle();
    await controller.submit('AMZN', 1, { guidanceCapexUsdM: 4_321 });
    const restored = await GameController.restore(deps, 'DDDDDD');
    expect(restored.summary().hash).toBe(q0!.hash);
    expect(restored.pendingOf('AMZN')).toMatchObject({ quarter: 1, orders: { guidanceCapexUsdM: 4_321 } });
  });

  it('whether anyone joined: stored as created, set by the first join, read back by a restore', async () => {
    // (Finished and private: the listing tests above do not see it.)
    await store.insertGame({ ...game('EEEEEE'), status: 'finished', isPublic: false, joined: false }, [seat('AMZN')], 1);
    expect((await store.load('EEEEEE'))?.game.joined).toBe(false);
    expect((await store.load('AAAAAA'))?.game.joined).toBe(true);
    await store.markJoined('EEEEEE');
    expect((await store.load('EEEEEE'))?.game.joined).toBe(true);
    const deps = { store, now: () => 1_000_000, autopilotGraceMs: 60_000 };
    const { controller } = await GameController.create(deps, 'FFFFFF', options, { joined: false });
    expect((await GameController.restore(deps, 'FFFFFF')).joined).toBe(false);
    await controller.markJoined();
    expect(controller.joined).toBe(true);
    expect((await GameController.restore(deps, 'FFFFFF')).joined).toBe(true);
    // A class's games are created by a host who joined the class: they count as joined.
    await GameController.create(deps, 'HHHHHH', options);
    expect((await store.load('HHHHHH'))?.game.joined).toBe(true);
  });

  it('a store from before the marker: opening it adds the column, and its games count as joined', async () => {
    await store.insertGame({ ...game('KKKKKK'), status: 'finished', isPublic: false, joined: false }, [seat('AMZN')], 1);
    await sql`alter table games drop column joined`.execute(store.database);
    const again = await backend.open();
    try {
      expect((await again.load('KKKKKK'))?.game.joined).toBe(true);
      await again.insertGame({ ...game('LLLLLL'), status: 'finished', isPublic: false, joined: false }, [seat('AMZN')], 1);
      expect((await again.load('LLLLLL'))?.game.joined).toBe(false);
    } finally {
      await again.close();
    }
    // Opening it once more changes nothing.
    const third = await backend.open();
    try {
      expect((await third.load('LLLLLL'))?.game.joined).toBe(false);
    } finally {
      await third.close();
    }
  });
});
