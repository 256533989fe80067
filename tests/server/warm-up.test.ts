/** The boot warm-up plays whole games in memory and leaves nothing behind in the store. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GameOptionsSchema } from '../../shared/protocol/index.js';
import { getScenario } from '../../shared/index.js';
import { startServer } from '../../server/app.js';
import { warmUp } from '../../server/warm-up.js';
import { tempDataDir } from './helpers.js';

describe('boot warm-up', () => {
  it('plays every quarter of the games asked for', () => {
    expect(warmUp(2).quarters).toBe(2 * getScenario('capex-race-2026').defaultQuarters);
  });

  it("plays every second game as a class's short game, then its board's years, as the server scores one", () => {
    const r = warmUp(4);
    expect(r.boards).toBe(2);
    expect(r.quarters).toBe(4 * getScenario('capex-race-2026').defaultQuarters);
  });

  it("plays most games at a new game's table level (the create options' default), and a game at each other level in ten", () => {
    const { levels } = warmUp(10);
    const normal = GameOptionsSchema.parse({}).botDifficulty;
    expect(normal).toBe('normal');
    expect(levels).toEqual({ easy: 1, normal: 8, hard: 1 });
  });

  it("takes every seat's orders the way players' orders come (SDK packing, the gate's decoding, the schema, validation)", () => {
    const sc = getScenario('capex-race-2026');
    const r = warmUp(1);
    expect(r.accepted).toBe(sc.defaultQuarters * sc.companies.length);
  });

  it('runs before the server listens and stores nothing', async () => {
    const dir = tempDataDir();
    const s = await startServer({ port: 0, dataDir: dir, distDir: path.join(dir, 'no-dist'), warmUpGames: 1 });
    try {
      expect(s.warmUpMs).toBeGreaterThan(0);
      expect(await s.context.store.unfinishedIds()).toEqual([]);
      expect(await s.context.store.publicOpenIds(10)).toEqual([]);
    } finally {
      await s.stop();
    }
  });
});
