/**
 * Golden games: whole 7-seat games of 20+ quarters whose hash chains are pinned (docs/testing.md).
 * A failure here means the engine's results changed. If that was meant (a rule changed on purpose):
 * bump ENGINE_VERSION, run `npm run golden:update`, and commit the new files with the change, saying
 * why in the commit message. If it was not meant (a refactor said to change nothing): it is a bug.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION, REPLAY_FORMAT, finalScores, replayGame, scenarioHash, getScenario, TICKERS } from '../../shared/index.js';
import { GOLDEN_SPECS, reachOfGames, type GoldenGame } from './games.js';
import { missingReach } from './reach.js';

const dir = dirname(fileURLToPath(import.meta.url));
const games: GoldenGame[] = GOLDEN_SPECS.map((spec) => JSON.parse(readFileSync(join(dir, `${spec.name}.json`), 'utf8')) as GoldenGame);
const REGENERATE = 'if the rules changed on purpose, bump ENGINE_VERSION and run `npm run golden:update` in the same commit (docs/testing.md)';

describe('golden games', () => {
  it('are whole games: 7 seats, 20+ quarters, recorded with this engine and scenario', () => {
    expect(games.length).toBeGreaterThanOrEqual(2);
    for (const g of games) {
      const h = g.replay.header;
      expect(h.format).toBe(REPLAY_FORMAT);
      expect(h.engineVersion, `${g.name} was recorded with engine ${h.engineVersion}: ${REGENERATE}`).toBe(ENGINE_VERSION);
      expect(h.scenarioHash, `${g.name}: the scenario data changed; ${REGENERATE}`).toBe(scenarioHash(getScenario(h.scenarioId)));
      expect(h.seats.map((s) => s.company).sort()).toEqual([...TICKERS].sort());
      expect(g.replay.quarters.length).toBeGreaterThanOrEqual(20);
      expect(g.replay.quarters.length).toBe(h.quarterCount);
    }
    // Both a normal and a hard table: the score's par is pinned at two levels.
    expect(new Set(games.map((g) => g.replay.header.parLevel))).toEqual(new Set(['normal', 'hard']));
  });

  for (const g of games) {
    it(`${g.name}: replaying the stored orders hits every pinned hash and the pinned end figures`, () => {
      const out = replayGame(g.replay);
      if (!out.ok) throw new Error(`${g.name} diverges at quarter ${out.quarter}: ${out.reason} (expected ${out.expected}, got ${out.actual}); ${REGENERATE}`);
      expect(out.state.finished).toBe(true);
      expect(out.hashes).toEqual(g.replay.quarters.map((q) => q.hash));
      const scores = finalScores(out.state);
      for (const t of out.state.seats) {
        const c = out.state.companies[t]!;
        expect({ priceCents: c.priceCents, cashUsdM: c.cashUsdM, debtUsdM: c.debtUsdM, distressed: c.distressed, restructured: c.restructured, scoreBps: scores[t] }).toEqual(g.final[t]);
      }
    });
  }

  it('together exercise every mechanism: each order field, every energy source and cooling, finance, licensing, distress, the data wall, shocks', () => {
    const reach = reachOfGames(games);
    expect(missingReach(reach)).toEqual([]);
  });

  it('a changed order anywhere breaks the chain at that quarter (the check can fail)', () => {
    const g = JSON.parse(JSON.stringify(games[0])) as GoldenGame;
    const q = g.replay.quarters[17]!;
    const seat = Object.keys(q.orders)[0] as keyof typeof q.orders;
    q.orders[seat]!.guidanceCapexUsdM += 1;
    const out = replayGame(g.replay);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.quarter).toBe(17);
  });
});
