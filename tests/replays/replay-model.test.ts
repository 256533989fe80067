/**
 * Pure replay helpers (shared/replay): compact orders are lossless and keep every hash; a 40-quarter
 * 7-seat file stays under 200 kB; points of view: a company's frame is exactly its player view at
 * the time plus its own orders — never another company's private data, the seed or hidden shocks.
 */
import { describe, expect, it } from 'vitest';
import {
  TICKERS, compactOrders, finalStandings, compactReplayFile, defaultStrategyFor, expandOrders, frameOf, importReplay, parsePov, playerView, publicHeader,
  replayGame, type GameState, type ReplayFile, type Ticker,
} from '../../shared/index.js';
import { runGame } from '../../server/cli/run.js';
import { BIG_MOVE_BPS, timelineMarks, whatChanged } from '../../client/replay/model.js';

function botGame(quarters: number, seed: string): ReplayFile {
  const { replay } = runGame({ scenarioId: 'capex-race-2026', seed, quarterCount: quarters, seats: TICKERS.map((t) => ({ company: t, strategy: defaultStrategyFor(t), difficulty: 'normal' })) }, true);
  return replay!;
}

const full40 = botGame(40, 'replay-model-40');
/** Fields of a company's state that only its own seat sees. */
const PRIVATE_FIELDS = ['sites', 'chips', 'researchers', 'customProgram', 'humanData', 'trainingStock', 'revolverUsdM', 'projects', 'shipments', 'labContracts', 'lastOrders'] as const;

describe('compact replay files', () => {
  it('compact orders expand back to the same orders', () => {
    for (const q of full40.quarters) {
      for (const o of Object.values(q.orders)) expect(expandOrders(JSON.parse(JSON.stringify(compactOrders(o!))))).toEqual(o);
    }
  });

  it('keeps every hash and stays under 200 kB for 40 quarters × 7 seats', () => {
    const compact = compactReplayFile(full40);
    const bytes = JSON.stringify(compact).length;
    expect(bytes).toBeLessThan(200_000);
    expect(bytes).toBeLessThan(JSON.stringify(full40).length);
    const a = importReplay(JSON.stringify(compact));
    const b = replayGame(full40);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.outcome.hashes).toEqual(b.hashes);
    console.info(`replay file, 40 quarters × 7 seats: ${(bytes / 1000).toFixed(1)} kB compact, ${(JSON.stringify(full40).length / 1000).toFixed(1)} kB full`);
  });

  it('refuses an unknown encoding and a tampered compact order', () => {
    const compact = compactReplayFile(full40);
    expect(importReplay(JSON.stringify({ ...compact, encoding: 'zip' })).ok).toBe(false);
    const bad = structuredClone(compact);
    (bad.quarters[7]!.orders['META'] as unknown as Record<string, unknown>)['talentBidUsdM'] = 999;
    const out = importReplay(JSON.stringify(bad));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problem.quarter).toBe(7);
  });

  it('a public header has no seed and no shocks', () => {
    const h = publicHeader({ ...full40.header, shocks: [{ card: 'x', quarter: 3 } as never] });
    expect(h.seed).toBe('');
    expect(h.shocks).toEqual([]);
    expect(JSON.stringify(h)).not.toContain(full40.header.seed);
  });
});

describe('points of view', () => {
  const file = botGame(8, 'pov-secrecy');
  const out = replayGame(file, true);
  const states = out.states as GameState[];

  it('parses view= parameters', () => {
    expect(parsePov('meta', ['META', 'AAPL'])).toBe('META');
    expect(parsePov('ORCL', ['META'])).toBe('all');
    expect(parsePov(null, ['META'])).toBe('all');
  });

  it('a company view is its player view then plus its own orders; nothing private of anyone else', () => {
    expect(out.ok).toBe(true);
    for (let q = 0; q < states.length; q += 1) {
      const state = states[q]!;
      for (const me of state.seats) {
        const f = frameOf(state, file.quarters[q], me);
        expect(f.full).toBeNull();
        expect(f.view).toEqual(playerView(state, me));
        expect(f.view.me?.ticker).toBe(me);
        expect(Object.keys(f.orders)).toEqual(q < file.quarters.length ? [me] : []);
        const text = JSON.stringify(f);
        expect(text).not.toContain(file.header.seed);
        expect(text).not.toContain('"seed"');
        expect(f.view.events.every((e) => e.headline || e.seat === null || e.seat === me)).toBe(true);
        for (const other of state.seats.filter((t: Ticker) => t !== me)) {
          const priv = state.companies[other]!;
          const pub = f.view.companies[other] as unknown as Record<string, unknown>;
          // Private fields of the rival's state never appear in its public figures.
          // Each name is a real field of the private state (checked), so none of the checks is skipped.
          for (const k of PRIVATE_FIELDS) {
            expect(priv, k).toHaveProperty(k);
            expect(pub[k], k).toBeUndefined();
          }
        }
      }
    }
  });

  it('the omniscient view reveals every company and every order', () => {
    const f = frameOf(states[3]!, file.quarters[3], 'all');
    expect(Object.keys(f.full ?? {}).sort()).toEqual([...states[3]!.seats].sort());
    expect(Object.keys(f.orders).sort()).toEqual([...states[3]!.seats].sort());
    expect(f.view.me).toBeNull();
  });
});

describe('the viewer model (client/replay/model.ts) in Node', async () => {
  const { ReplayModel } = await import('../../client/replay/model.js');
  const file = compactReplayFile(botGame(6, 'viewer-model'));

  it('verifies a file and serves company frames that hold only that company\'s knowledge', () => {
    const built = ReplayModel.fromFile(JSON.stringify(file));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const m = built.model;
    expect(m.verdict).toEqual({ kind: 'verified', quarters: 6 });
    expect(m.last).toBe(6);
    expect(m.povs()).toEqual(['all', ...TICKERS.filter((t) => file.header.seats.some((s) => s.company === t))]);
    const expanded = importReplay(JSON.stringify(file));
    if (!expanded.ok) throw new Error('bad file');
    const out = replayGame(expanded.file, true);
    const f = m.frame(3, 'GOOGL');
    expect(f.view).toEqual(playerView(out.states[3]!, 'GOOGL'));
    expect(Object.keys(f.orders)).toEqual(['GOOGL']);
    expect(f.full).toBeNull();
    expect(m.frame(99, 'all').quarter).toBe(6);
    expect(m.series().tsrBps['META']?.length).toBe(7);
    // Where the six-quarter game stopped, its final standings after the board's years, from every point of view.
    expect(f.view.board).toBeUndefined();
    const board = finalStandings(out.states[6]!).board;
    expect(board).toMatchObject({ fromQuarter: 6, toQuarter: 20 });
    expect(m.frame(6, 'GOOGL').view.board).toEqual(board);
    expect(m.frame(6, 'all').view.board).toEqual(board);
  });

  it('a tampered file still opens up to the bad quarter, marked diverged', () => {
    const bad = structuredClone(file);
    bad.quarters[3]!.hash = 'ffffffffffffffff';
    const built = ReplayModel.fromFile(JSON.stringify(bad));
    expect(built.ok).toBe(true);
    if (built.ok) {
      expect(built.model.verdict).toMatchObject({ kind: 'diverged', quarter: 3 });
      expect(built.model.last).toBe(3);
    }
  });

  it('a running game\'s document (no seed) offers only the public view', () => {
    const full = importReplay(JSON.stringify(file));
    if (!full.ok) throw new Error('bad file');
    const states = replayGame(full.file, true).states;
    const views = states.slice(0, 3).map((s) => playerView(s, null));
    const doc = { id: 'ABCDEF', status: 'running' as const, source: 'played' as const, verifiable: false, file: { ...file, header: publicHeader(file.header), quarters: file.quarters.slice(0, 2) }, publicViews: views };
    const built = ReplayModel.fromDoc(doc);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.model.verdict.kind).toBe('unverifiable');
    expect(built.model.povs()).toEqual(['all']);
    const f = built.model.frame(1, 'META');
    expect(f.view.me).toBeNull();
    expect(f.full).toBeNull();
    expect(JSON.stringify(built.model.file)).not.toContain(file.header.seed);
  });
});

describe('timeline markers', () => {
  it('a shock sits on the frame after its quarter, notes on theirs, big moves where the return jumps', () => {
    const file = { ...full40, quarters: full40.quarters.slice(0, 4).map((q, i) => (i === 1 ? { ...q, shocks: [{ quarter: 1, card: 'gridOutage', region: 'us-east' as const }] } : q)) };
    const tsr = { AMZN: [0, 100, 2_000, 1_900, 0], META: [0, -1_600, -1_500, -1_400, 100] };
    const marks = timelineMarks(file, tsr, [{ quarter: 3 }, { quarter: 3 }]);
    expect(marks).toEqual([
      { frame: 1, shocks: [], notes: 0, moves: [{ company: 'META', bps: -1_600 }] },
      { frame: 2, shocks: [{ card: 'gridOutage', region: 'us-east' }], notes: 0, moves: [{ company: 'AMZN', bps: 1_900 }] },
      { frame: 3, shocks: [], notes: 2, moves: [] },
      { frame: 4, shocks: [], notes: 0, moves: [{ company: 'AMZN', bps: -1_900 }, { company: 'META', bps: 1_500 }] },
    ]);
    expect(BIG_MOVE_BPS).toBe(1_500);
    expect(timelineMarks(file, { AMZN: [0, 1_499, 0] }, [])).toEqual([{ frame: 2, shocks: [{ card: 'gridOutage', region: 'us-east' }], notes: 0, moves: [] }]);
  });
});

describe('what changed in a quarter', () => {
  it("every company's public figures after the quarter against before it, biggest price move first", () => {
    const out = replayGame(full40, true);
    if (!out.ok) throw new Error(out.reason);
    const [before, after] = [playerView(out.states[6]!, null), playerView(out.states[7]!, null)];
    const ch = whatChanged(before, after);
    expect(ch.map((c) => c.company).sort()).toEqual([...out.states[7]!.seats].sort());
    for (const c of ch) {
      const [b, a] = [before.companies[c.company as Ticker]!, after.companies[c.company as Ticker]!];
      expect(c.priceBps).toBe(Math.round(((a.priceCents - b.priceCents) * 10_000) / b.priceCents));
      expect(c.tsrBps).toBe(a.report.tsrBps - b.report.tsrBps);
      expect(c.revenueUsdM).toBe(a.report.revenueUsdM);
      expect(c.cashDeltaUsdM).toBe(a.cashUsdM - b.cashUsdM);
    }
    const moves = ch.map((c) => Math.abs(c.priceBps));
    expect([...moves].sort((x, y) => y - x)).toEqual(moves);
    expect(new Set(moves).size).toBeGreaterThan(1);
  });
});
