import { describe, expect, it } from 'vitest';
import { GameController } from '../../server/game/controller.js';
import type { Kysely } from 'kysely';
import { openDatabase, type DatabaseSchema } from '../../server/store/db.js';
import { GameStore } from '../../server/store/game-store.js';
import { GameOptionsSchema } from '../../shared/protocol/index.js';
import { finalStandings } from '../../shared/index.js';
import { tempDataDir } from './helpers.js';

async function setup() {
  const store = new GameStore(await openDatabase({ dataDir: tempDataDir() }));
  const deps = { store, now: () => 1_000_000, autopilotGraceMs: 60_000 };
  const options = GameOptionsSchema.parse({ quarterCount: 4, companies: ['AMZN', 'MSFT'] });
  const { controller } = await GameController.create(deps, 'ABCDEF', options);
  return { store, deps, controller };
}

describe('GameController', () => {
  it('restores a game by re-folding its log, with the same hash and pending orders', async () => {
    const { store, deps, controller } = await setup();
    await controller.claim('AMZN', 'Ann');
    await controller.start();
    controller.attach(null);
    await controller.setReady('AMZN', 0, true);
    const [q0] = await controller.settle();
    expect(q0?.quarter).toBe(0);
    await controller.submit('AMZN', 1, { guidanceCapexUsdM: 9_999 });
    const restored = await GameController.restore(deps, 'ABCDEF');
    expect(restored.summary().hash).toBe(q0!.hash);
    expect(restored.pendingOf('AMZN')).toMatchObject({ quarter: 1, ready: false, orders: { guidanceCapexUsdM: 9_999 } });
    expect(restored.isReady('MSFT')).toBe(true);
    await store.close();
  });

  it('refuses to restore a game whose stored hash does not match the engine', async () => {
    const { store, deps, controller } = await setup();
    await controller.start();
    controller.attach(null);
    await controller.settle();
    await controller.setReady('AMZN', 1, true);
    const loaded = await store.load('ABCDEF');
    expect(loaded?.quarters.length).toBeGreaterThan(0);
    const db = (store as unknown as { db: Kysely<DatabaseSchema> }).db;
    await db.updateTable('quarters').set({ hash: '0000000000000000' }).where('game_id', '=', 'ABCDEF').where('quarter', '=', 0).execute();
    await expect(GameController.restore(deps, 'ABCDEF')).rejects.toThrow(/does not replay at quarter 0/);
    await store.close();
  });

  it('does not resolve while nobody is connected and no deadline passes', async () => {
    const { store, controller } = await setup();
    await controller.start();
    await controller.setReady('AMZN', 0, true);
    expect(await controller.settle()).toEqual([]);
    controller.attach(null);
    expect((await controller.settle()).length).toBeGreaterThan(0);
    await store.close();
  });
});

describe('the board’s years (engine 16)', () => {
  it('a finished short game shows every seat its final standings after the board’s years, the same after a restart; none while it runs', async () => {
    const { store, deps, controller } = await setup();
    await controller.claim('AMZN', 'Ann');
    await controller.start();
    controller.attach(null);
    for (let q = 0; q < 4; q += 1) {
      expect(controller.viewFor('AMZN').board).toBeUndefined();
      await controller.setReady('AMZN', q, true);
      await controller.settle();
    }
    expect(controller.summary().status).toBe('finished');
    // The last quarter is announced first; the board's years are worked out after it, then the views change.
    expect(controller.viewFor('AMZN').board).toBeUndefined();
    expect(await controller.settleStandings()).toBe(true);
    expect(await controller.settleStandings()).toBe(false);
    const board = controller.viewFor('AMZN').board;
    expect(board).toEqual(finalStandings(controller.state).board);
    expect(controller.standings()?.board).toEqual(board);
    expect(board).toMatchObject({ fromQuarter: 4, toQuarter: 20 });
    expect(controller.viewsForAll()(null).board).toEqual(board);
    const restored = await GameController.restore(deps, 'ABCDEF');
    expect(restored.viewFor('MSFT').board).toEqual(board);
    await store.close();
  });
});

describe('the table level (engine 10)', () => {
  it('a game is scored against the par of its bots\' level, kept through a restart', async () => {
    const store = new GameStore(await openDatabase({ dataDir: tempDataDir() }));
    const deps = { store, now: () => 1_000_000, autopilotGraceMs: 60_000 };
    const { controller } = await GameController.create(deps, 'EASYGM', GameOptionsSchema.parse({ quarterCount: 4, companies: ['AMZN', 'MSFT'], botDifficulty: 'easy' }));
    expect(controller.state.parLevel).toBe('easy');
    expect(controller.header.parLevel).toBe('easy');
    expect(controller.viewFor('AMZN').parLevel).toBe('easy');
    await controller.start();
    controller.attach(null);
    await controller.settle();
    const restored = await GameController.restore(deps, 'EASYGM');
    expect(restored.state.parLevel).toBe('easy');
    expect(restored.summary().hash).toBe(controller.summary().hash);
    // The default table (normal bots) is a normal table.
    const { controller: plain } = await GameController.create(deps, 'NORMGM', GameOptionsSchema.parse({ quarterCount: 4, companies: ['AMZN'] }));
    expect(plain.state.parLevel).toBe('normal');
    await store.close();
  });
});
