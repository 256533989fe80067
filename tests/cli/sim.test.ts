/**
 * The simulator CLI (issue 3): JSON summary shape, --verify pass and fail, single- vs multi-thread
 * identity, --play with a small script, and clear errors (exit code 2) for bad input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_STRATEGIES, TICKERS } from '../../shared/index.js';

function sim(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/sim.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'capex-sim-'));

describe('sim --json', () => {
  it('prints one summary object with the documented shape', () => {
    const r = sim('--games', '3', '--quarters', '4', '--seed', 'shape', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown> & { results: { seed: string; finalHash: string; ranking: string[]; tsrBps: Record<string, number> }[] };
    expect(s['games']).toBe(3);
    expect(typeof s['seconds']).toBe('number');
    const strategies = s['strategies'] as Record<string, { games: number; wins: number; winRate: number }>;
    let wins = 0;
    for (const [name, v] of Object.entries(strategies)) {
      expect(BOT_STRATEGIES).toContain(name);
      expect(v.winRate).toBeCloseTo(v.wins / v.games, 3);
      wins += v.wins;
    }
    expect(wins).toBe(3);
    const companies = s['companies'] as Record<string, { games: number; wins: number }>;
    expect(Object.keys(companies).sort()).toEqual([...TICKERS].sort());
    expect(s.results.map((x) => x.seed)).toEqual(['shape-0', 'shape-1', 'shape-2']);
    for (const g of s.results) {
      expect(g.finalHash).toMatch(/^[0-9a-f]{16}$/);
      expect([...g.ranking].sort()).toEqual([...TICKERS].sort());
      // Ranking is by TSR, best first, ties by ticker.
      for (let i = 1; i < g.ranking.length; i += 1) {
        const a = g.tsrBps[g.ranking[i - 1]!]!;
        const b = g.tsrBps[g.ranking[i]!]!;
        expect(a > b || (a === b && g.ranking[i - 1]! < g.ranking[i]!)).toBe(true);
      }
    }
  });

  it('--summary leaves out the per-game results; fixed seats keep their strategy', () => {
    const r = sim('--games', '2', '--quarters', '4', '--seats', 'AMZN=cloudLandlord,META=selfUseMaximizer', '--json', '--summary');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(s['results']).toBeUndefined();
    expect(Object.keys(s['companies'] as object).sort()).toEqual(['AMZN', 'META']);
    expect(Object.keys(s['strategies'] as object).sort()).toEqual(['cloudLandlord', 'selfUseMaximizer']);
  });

  it('gives identical results on one thread and on two worker threads', () => {
    const one = sim('--games', '6', '--quarters', '5', '--seed', 'threads', '--threads', '1', '--json');
    const two = sim('--games', '6', '--quarters', '5', '--seed', 'threads', '--threads', '2', '--json');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const a = JSON.parse(one.stdout) as { results: unknown[]; strategies: unknown };
    const b = JSON.parse(two.stdout) as { results: unknown[]; strategies: unknown };
    expect(b.results).toEqual(a.results);
    expect(b.strategies).toEqual(a.strategies);
    expect(a.results).toHaveLength(6);
  });
});

describe('sim --save and --verify', () => {
  const dir = join(tmp, 'saved');
  it('saves games in the replay format and verifies them', () => {
    expect(sim('--games', '2', '--quarters', '4', '--seed', 'sv', '--save', dir).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['sv-0.json', 'sv-1.json']);
    const file = JSON.parse(readFileSync(join(dir, 'sv-0.json'), 'utf8')) as { header: Record<string, unknown>; quarters: { quarter: number; orders: object; hash: string }[] };
    expect(file.header).toMatchObject({ scenarioId: 'capex-race-2026', seed: 'sv-0', quarterCount: 4 });
    expect(file.quarters.map((q) => q.quarter)).toEqual([0, 1, 2, 3]);
    const ok = sim('--verify', join(dir, 'sv-0.json'), '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, quarters: 4, finalHash: file.quarters[3]!.hash });
  });

  it('fails naming the first diverging quarter when a saved game was tampered with', () => {
    const file = JSON.parse(readFileSync(join(dir, 'sv-1.json'), 'utf8')) as { quarters: { orders: Record<string, { talentBidUsdM: number }> }[] };
    const seat = Object.keys(file.quarters[2]!.orders)[0]!;
    file.quarters[2]!.orders[seat]!.talentBidUsdM += 1;
    const bad = join(tmp, 'tampered.json');
    writeFileSync(bad, JSON.stringify(file));
    const r = sim('--verify', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/diverges at quarter 2/);
  });

  it('gives the format-1 fixture the verdict import and the viewer give: played under engine 1, refused by name (exit 1)', () => {
    const r = sim('--verify', join(import.meta.dirname, '../fixtures/replay-format1.json'), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, problem: 'replay.otherEngine', quarters: 4 });
    const text = sim('--verify', join(import.meta.dirname, '../fixtures/replay-format1.json'));
    expect(text.stdout).toMatch(/REFUSED: .*engine version 1/);
  });

  it('rejects unreadable files and bad options with exit code 2 and a readable message', () => {
    writeFileSync(join(tmp, 'junk.json'), '{ not json');
    expect(sim('--verify', join(tmp, 'junk.json'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/not valid JSON/) as unknown });
    expect(sim('--verify', join(tmp, 'missing.json'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read/) as unknown });
    expect(sim('--games', 'many')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--games needs a whole number/) as unknown });
    expect(sim('--seats', 'AMZN=bogus')).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown strategy "bogus"/) as unknown });
    expect(sim('--frobnicate')).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown option/) as unknown });
    const help = sim('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--verify FILE/);
  });
});

describe('sim --play', () => {
  it('plays a small script: scripted seats follow it, bots play the rest, one JSON line per quarter', () => {
    const script = {
      header: { seed: 'what-if', quarterCount: 4, seats: [{ company: 'META', strategy: 'selfUseMaximizer' }, { company: 'MSFT', strategy: 'cloudLandlord', difficulty: 'hard' }] },
      quarters: [{ quarter: 1, orders: { META: { chips: { merchantUsdM: 12_000 }, finance: { buybackUsdM: 1_000 } } } }],
    };
    const path = join(tmp, 'play.json');
    writeFileSync(path, JSON.stringify(script));
    const r = sim('--play', path);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { quarter: number; companies: Record<string, { playedBy: string; capexUsdM: { chips: number }; stockPriceCents: number; revenueUsdM: { selfUse: number; cloud: number }; powerMw: { powered: number; waiting: number; idleChips: number }; cashUsdM: number; debtUsdM: number }>; events: unknown[] });
    expect(lines.map((l) => l.quarter)).toEqual([0, 1, 2, 3]);
    expect(lines[1]!.companies['META']!.playedBy).toBe('script');
    expect(lines[1]!.companies['META']!.capexUsdM.chips).toBeGreaterThan(11_000);
    expect(lines[0]!.companies['MSFT']!.playedBy).toBe('cloudLandlord/hard');
    // Seats of two levels: a hard table (the strongest managements' par).
    expect((lines[0] as unknown as { level: string }).level).toBe('hard');
    for (const key of ['stockPriceCents', 'revenueUsdM', 'capexUsdM', 'powerMw', 'cashUsdM', 'debtUsdM']) expect(lines[2]!.companies['META']).toHaveProperty(key);
    expect(Array.isArray(lines[0]!.events)).toBe(true);
  });

  it('plays at the table level the script names, or its seats\' one level; refuses a level that does not exist', () => {
    const path = join(tmp, 'level.json');
    const run = (header: Record<string, unknown>) => {
      writeFileSync(path, JSON.stringify({ header: { seed: 'lvl', quarterCount: 4, seats: [{ company: 'META' }, { company: 'AAPL' }], ...header }, quarters: [] }));
      return sim('--play', path);
    };
    const levelOf = (r: { stdout: string }) => r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { level: string; companies: Record<string, { scoreBps: number }> });
    const normal = levelOf(run({}));
    expect(normal[3]!.level).toBe('normal');
    const easy = levelOf(run({ parLevel: 'easy' }));
    expect(easy[3]!.level).toBe('easy');
    // Same orders, another par: the scores differ.
    expect(easy[3]!.companies['META']!.scoreBps).not.toBe(normal[3]!.companies['META']!.scoreBps);
    const bad = run({ parLevel: 'insane' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/header.parLevel must be easy, normal or hard/);
  });

  it('names the quarter, seat and field of a malformed scripted order', () => {
    const path = join(tmp, 'bad-play.json');
    writeFileSync(path, JSON.stringify({ header: { quarterCount: 4, seats: [{ company: 'META' }] }, quarters: [{ quarter: 0, orders: { META: { chips: { merchantUsdM: -5 } } } }] }));
    const r = sim('--play', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/quarter 0, META: orders.negative at "chips.merchantUsdM"/);
  });
});

describe('sim --levels', () => {
  it('plays each seat at each level and doing nothing on the same seeds, and reports the ladder, returns and wins', () => {
    const r = sim('--levels', '--seeds', '3', '--quarters', '8', '--seats', 'AAPL,ORCL', '--seed', 'lv', '--threads', '1', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { table: string; seeds: number; companies: Record<string, { returns: Record<string, number[]>; returnBps: Record<string, number>; winsBps: Record<string, number>; normalOverEasyBps: number }>; normalOverEasyBps: number };
    expect(s.table).toBe('normal');
    expect(Object.keys(s.companies).sort()).toEqual(['AAPL', 'ORCL']);
    for (const row of Object.values(s.companies)) {
      for (const plan of ['easy', 'normal', 'hard', 'ready', 'nothing']) {
        expect(row.returns[plan]).toHaveLength(3);
        expect(row.returnBps[plan]).toBe(Math.round(row.returns[plan]!.reduce((a, b) => a + b, 0) / 3));
        expect([0, 3_333, 6_667, 10_000]).toContain(row.winsBps[plan]);
      }
      expect(row.normalOverEasyBps).toBe(Math.round((row.returns['normal']!.filter((x, i) => x > row.returns['easy']![i]!).length * 10_000) / 3));
    }
    const table = sim('--levels', '--seeds', '3', '--quarters', '8', '--seats', 'AAPL,ORCL', '--seed', 'lv', '--threads', '1');
    expect(table.stdout).toMatch(/normal>easy\s+hard>normal/);
    expect(table.stdout).toMatch(/^ORCL\s/m);
    // The line to paste into shared/scenarios/seat-gaps.ts: each seat's hard-management wins at this table.
    const paste = /seat skill at normal tables .*: \{ AAPL: (\d+), ORCL: (\d+) \}/.exec(table.stdout);
    expect(paste?.slice(1).map(Number)).toEqual([s.companies['AAPL']!.winsBps['hard'], s.companies['ORCL']!.winsBps['hard']]);
  });

  it('plays one table level; does not combine with another study', () => {
    expect(sim('--levels', '--difficulty', 'random')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--levels and --ablate play one difficulty/) as unknown });
    expect(sim('--ablate', '--difficulty', 'random')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--ablate play one difficulty/) as unknown });
    expect(sim('--ablate', '--levels')).toMatchObject({ code: 2, stderr: expect.stringMatching(/separate runs/) as unknown });
    expect(sim('--levels', '--par')).toMatchObject({ code: 2, stderr: expect.stringMatching(/separate runs/) as unknown });
  });
});
