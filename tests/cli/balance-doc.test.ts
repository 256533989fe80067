/**
 * docs/balance.md is generated (issue 13): the page in the repository is what the reports beside it make,
 * and its sensitivity table reads the way the study measured (a change's sign kept, "best in" counted
 * strictly).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ablationTables, BALANCE_DOC, bestIn, edgesTable, effectRange, levelsTables, managementEdges, renderBalanceDoc, sensitivityTable, winsLine } from '../../server/cli/balance-doc.js';
import type { LevelsReport } from '../../server/cli/levels.js';
import type { AblationReport } from '../../server/cli/ablate.js';
import { seatSkillWinsBps, TICKERS } from '../../shared/index.js';
import type { SensitivityReport } from '../../server/cli/sensitivity.js';

const report = (options: Record<string, number[]>, maxAbsDeltaBps: number, where: string): SensitivityReport => ({
  seed: 's', seeds: 2, quarterCount: 20, situations: ['A/x', 'A/y'], seconds: 1, games: 8,
  fields: [{ field: 'talentBidUsdM', maxAbsDeltaBps, where, dominated: [], weaklyDominated: [], options: Object.fromEntries(Object.entries(options).map(([o, ds]) => [o, ds.map((deltaBps, i) => ({ situation: ['A/x', 'A/y'][i]!, deltaBps }))])) }],
});

describe('docs/balance.md', () => {
  it('is what `npm run balance:doc` writes from docs/balance/*.json (regenerate it after a report changes)', () => {
    expect(readFileSync(BALANCE_DOC, 'utf8')).toBe(renderBalanceDoc());
  });

  it('shows the largest change of a field with its sign', () => {
    const r = report({ 'as the bot plays': [0, 0], '×0': [-5_000, 200], '×3': [300, -100] }, 5_000, '×0 in A/x');
    expect(sensitivityTable(r, 'points')).toMatch(/\| `talentBidUsdM` \| -50\.0 \| ×0 in A\/x \|/);
    const up = report({ 'as the bot plays': [0, 0], '×0': [100, 200], '×3': [300, 4_000] }, 4_000, '×3 in A/y');
    expect(sensitivityTable(up, 'points')).toMatch(/\| `talentBidUsdM` \| \+40\.0 \| ×3 in A\/y \|/);
  });

  it('counts the situations where an option is strictly best, and how near it comes elsewhere', () => {
    const r = report({ 'as the bot plays': [0, 0], '×0': [-5_000, 200], '×3': [300, 200] }, 5_000, '×0 in A/x');
    // A tie for best is not a win; its distance to the best is 0.
    expect(bestIn(r, 'talentBidUsdM', '×0')).toMatchObject({ best: 0, of: 2, closestBps: 0, wins: [] });
    expect(bestIn(r, 'talentBidUsdM', '×3')).toMatchObject({ best: 1, of: 2, closestBps: 0 });
    expect(bestIn(r, 'talentBidUsdM', 'as the bot plays')).toMatchObject({ best: 0, of: 2, closestBps: -200 });
    expect(bestIn(r, 'energy', '×0')).toMatchObject({ best: 0, of: 0, closestBps: 0, wins: [] });
  });

  it('names where an option wins and by how much, and its lowest and highest effect', () => {
    const r = report({ 'as the bot plays': [0, 0], '×0': [-5_000, 203], '×3': [300, 50] }, 5_000, '×0 in A/x');
    // By how much: over the next best option (×3's 50), not over nothing.
    expect(bestIn(r, 'talentBidUsdM', '×0').wins).toEqual([{ situation: 'A/y', byBps: 153 }]);
    expect(winsLine(r, 'talentBidUsdM', '×0')).toBe('A/y by 1.53 points');
    expect(winsLine(r, 'talentBidUsdM', 'as the bot plays')).toBe('nowhere');
    expect(effectRange(r, 'talentBidUsdM', '×0')).toEqual({ low: '-50.0 in A/x', high: '+2.0 in A/y' });
    expect(effectRange(r, 'talentBidUsdM', '×3')).toEqual({ low: '+0.5 in A/y', high: '+3.0 in A/x' });
    expect(effectRange(r, 'energy', '×0')).toEqual({ low: '—', high: '—' });
  });
});

describe('where a management leaves points on the table', () => {
  const situations = ['A/dealt', 'A/boom', 'A/bust', 'A/dear money', 'A/all-in', 'B/dealt', 'B/boom', 'B/bust', 'B/dear money'];
  const field = (options: Record<string, number[]>): SensitivityReport['fields'][number] => ({
    field: 'energy.source', maxAbsDeltaBps: 0, where: '', dominated: [], weaklyDominated: [],
    options: Object.fromEntries(Object.entries(options).map(([o, ds]) => [o, ds.map((deltaBps, i) => ({ situation: situations[i]!, deltaBps }))])),
  });
  const r: SensitivityReport = { seed: 's', seeds: 1, quarterCount: 20, situations, seconds: 1, games: 1, fields: [field({
    'as the bot plays': [0, 0, 0, 0, 0, 0, 0, 0, 0],
    // Beats A's management in its four worlds (the over-extended seat does not count); B's in three only.
    renewables: [200, 300, 150, 400, -1_000, 500, 500, 50, 500],
    grid: [90, 900, 900, 900, 900, -5, -5, -5, -5],
  })] };
  it('lists a change only where it beats the management by more than the floor in every plain world', () => {
    expect(managementEdges(r, 100)).toEqual([{ company: 'A', field: 'energy.source', option: 'renewables', minBps: 150, maxBps: 400 }]);
    expect(managementEdges(r, 40).map((e) => `${e.company} ${e.option}`)).toEqual(['A renewables', 'A grid', 'B renewables']);
    expect(edgesTable([])).toMatch(/none/);
  });
});

describe('the levels seat by seat', () => {
  const plans = (e: number, n: number, h: number, r: number, z: number) => ({ easy: e, normal: n, hard: h, ready: r, nothing: z });
  const r: LevelsReport = {
    scenarioId: 'capex-race-2026', table: 'normal', seeds: 10, seed: 'ladder', quarterCount: 20, seconds: 1, normalOverEasyBps: 7_000, hardOverNormalBps: 9_500,
    companies: {
      AMZN: { returnBps: plans(380, -60, 3_930, -120, -890), scoreBps: plans(0, 0, 0, 0, 0), winsBps: plans(1_000, 2_000, 9_700, 500, 0), normalOverEasyBps: 4_000, hardOverNormalBps: 10_000, returns: { easy: [], normal: [], hard: [], ready: [], nothing: [] } },
    },
  };
  it('the skill measure shown where a seat is picked is the study\'s hard column at that table (docs/balance/levels.json, levels-easy.json)', () => {
    for (const [file, level] of [['levels.json', 'normal'], ['levels-easy.json', 'easy']] as const) {
      const levels = JSON.parse(readFileSync(`docs/balance/${file}`, 'utf8')) as LevelsReport;
      expect(levels.table).toBe(level);
      expect(levels.seed).toBe('ladder');
      for (const t of TICKERS) expect(seatSkillWinsBps('capex-race-2026', t, level), `${t} ${level}`).toBe(levels.companies[t]!.winsBps.hard);
    }
  });
  it('shows each seat\'s ladder, its returns by plan and its wins at the table, the hard column in bold', () => {
    const text = levelsTables(r);
    expect(text).toMatch(/\| AMZN \| 40% \| 100% \| \+3\.8 \/ -0\.6 \/ \+39\.3 \/ -1\.2 \/ -8\.9 \| 10% \/ 20% \/ \*\*97%\*\* \/ 5% \/ 0% \|/);
    expect(text).toMatch(/normal beats easy in 70% of the seed pairs and hard beats normal in 95%/);
  });
});

describe('what each part of a plan adds', () => {
  it('shows the management, standing still, each part and the first year, in points', () => {
    const r: AblationReport = {
      scenarioId: 'capex-race-2026', table: 'hard', seeds: 5, seed: 'short', quarterCount: 8, seconds: 1,
      companies: {
        ORCL: {
          returnBps: { management: -1_809, ready: -919, power: -1_629, chips: -1_705, talent: -1_708, data: -1_789, program: -1_809, labs: -1_756, ops: -1_241, firstYear: -919 },
          addsBps: { power: -180, chips: -104, talent: -101, data: -20, program: 0, labs: -53, ops: -568, firstYear: -890 },
        },
      },
    };
    const text = ablationTables(r);
    expect(text).toMatch(/^8 quarters, a hard table \(5 seeds "short-i"/);
    expect(text).toMatch(/\| company \| management \| only ready \| power \| chips \| talent \| data \| program \| labs \| ops \| first year \|/);
    expect(text).toMatch(/\| ORCL \| -18\.1 \| -9\.2 \| -1\.8 \| -1\.0 \| -1\.0 \| -0\.2 \| \+0\.0 \| -0\.5 \| -5\.7 \| -8\.9 \|/);
  });
});
