/**
 * Group commit spacing (GameStore.write): an idle store commits a write at once; a write asked for
 * within the spacing after a commit waits for the rest of it and shares the next commit with the
 * writes that come meanwhile. Each caller's promise still settles only once its write is stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/db.js';
import { GameStore, type StoredGame } from '../../server/store/game-store.js';
import { GameOptionsSchema } from '../../shared/protocol/index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capex-group-commit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const game: StoredGame = {
  id: 'GROUPC', options: GameOptionsSchema.parse({ quarterCount: 4, companies: ['AMZN', 'MSFT', 'GOOGL'] }),
  header: { format: 2, engineVersion: 1, scenarioId: 'capex-race-2026', scenarioHash: 'h', seed: 's', quarterCount: 4, seats: [] } as never,
  status: 'running', isPublic: false, hostTokenHash: 'h', quarter: 0, deadlineAt: null, createdAt: 1, joined: true,
};

describe('group commit', () => {
  it('commits at once when idle, then spaces commits: writes within the interval share the next one', async () => {
    const SPACING = 300;
    const store = new GameStore(await openDatabase({ dataDir: dir }), { commitSpacingMs: SPACING });
    try {
      await store.insertGame(game, [], 1);
      const t0 = performance.now();
      await store.savePending(game.id, 0, [{ company: 'AMZN', orders: null, ready: true }], 2);
      expect(performance.now() - t0).toBeLessThan(SPACING / 2);
      const settledAt: Record<string, number> = {};
      const b = store.savePending(game.id, 0, [{ company: 'MSFT', orders: null, ready: true }], 3).then(() => (settledAt['b'] = performance.now()));
      await sleep(SPACING / 4);
      expect(settledAt).toEqual({});
      const c = store.savePending(game.id, 0, [{ company: 'GOOGL', orders: null, ready: true }], 4).then(() => (settledAt['c'] = performance.now()));
      await Promise.all([b, c]);
      // One commit for both: settled together, not a spacing apart.
      expect(Math.abs(settledAt['b']! - settledAt['c']!)).toBeLessThan(SPACING / 4);
      const loaded = await store.load(game.id);
      expect(loaded?.pending.map((p) => p.company).sort()).toEqual(['AMZN', 'GOOGL', 'MSFT']);
    } finally {
      await store.close();
    }
  });
});
