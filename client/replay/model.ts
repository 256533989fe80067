/**
 * The replay viewer's model (no DOM): a saved game re-simulated with the shared engine, its
 * snapshot cache (every quarter's state, from `replayGame(file, true)`), the verification verdict
 * and the frames the screens draw. A running game's document has no seed: its frames come from
 * the server's public views and it stays "unverifiable until finished".
 */
import {
  finalStandings, frameOf, otherEngine, parseReplayFile, publicFrameOf, replayGame, type BoardYears, type GameState, type PlayerView, type Pov, type ReplayDoc, type ReplayFile,
  type ReplayFrame, type ReplayProblem, type Ticker,
} from '../../shared/index.js';

/** The verification verdict. */
export type Verdict =
  | { kind: 'verified'; quarters: number }
  | { kind: 'diverged'; quarter: number; reason: string }
  | { kind: 'unverifiable' };

/** Per-quarter public series for charts (one value per frame). */
export interface ReplaySeries {
  quarters: number[];
  tsrBps: Partial<Record<Ticker, number[]>>;
  priceCents: Partial<Record<Ticker, number[]>>;
}

/** A loaded replay. */
export class ReplayModel {
  private readonly states: GameState[];
  private readonly views: PlayerView[];
  /** The board's years after the last frame (worked out when first shown; null: the game ran its whole scenario). */
  private board: BoardYears | null | undefined;
  /** Quarter hashes the browser computed (verified files only). */
  readonly hashes: string[];
  readonly verdict: Verdict;
  /** Milliseconds spent re-simulating and checking hashes. */
  readonly verifyMs: number;

  private constructor(readonly id: string | null, readonly file: ReplayFile, states: GameState[], views: PlayerView[], hashes: string[], verdict: Verdict, verifyMs: number) {
    this.states = states;
    this.views = views;
    this.hashes = hashes;
    this.verdict = verdict;
    this.verifyMs = verifyMs;
  }

  /** From a saved-game file (text or parsed JSON): parse, migrate, re-simulate, verify. */
  static fromFile(input: unknown, id: string | null = null, now: () => number = () => 0): { ok: true; model: ReplayModel } | { ok: false; problem: ReplayProblem } {
    const parsed = parseReplayFile(input);
    if (!parsed.ok) return parsed;
    const other = otherEngine(parsed.file);
    if (other) return { ok: false, problem: other };
    const t0 = now();
    const out = replayGame(parsed.file, true);
    const ms = now() - t0;
    if (out.ok) return { ok: true, model: new ReplayModel(id, parsed.file, out.states, [], out.hashes, { kind: 'verified', quarters: out.hashes.length }, ms) };
    if (out.states.length === 0) return { ok: false, problem: { key: 'replay.diverged', params: { quarter: out.quarter + 1, reason: out.reason }, quarter: out.quarter } };
    const hashes = parsed.file.quarters.slice(0, out.states.length - 1).map((q) => q.hash);
    return { ok: true, model: new ReplayModel(id, parsed.file, out.states, [], hashes, { kind: 'diverged', quarter: out.quarter, reason: out.reason }, ms) };
  }

  /** From the server's document (finished: verified here; running: public views). */
  static fromDoc(doc: ReplayDoc, now: () => number = () => 0): { ok: true; model: ReplayModel } | { ok: false; problem: ReplayProblem } {
    if (doc.verifiable) return ReplayModel.fromFile(doc.file, doc.id, now);
    const parsed = parseReplayFile({ ...doc.file, header: { ...doc.file.header, seed: 'hidden' } });
    if (!parsed.ok) return parsed;
    const file: ReplayFile = { ...parsed.file, header: { ...parsed.file.header, seed: '' } };
    return { ok: true, model: new ReplayModel(doc.id, file, [], doc.publicViews ?? [], [], { kind: 'unverifiable' }, 0) };
  }

  /** Whether frames come from re-simulated states (all points of view) or public views only. */
  get simulated(): boolean {
    return this.states.length > 0;
  }

  /** The last frame index (= quarters replayed). */
  get last(): number {
    return Math.max(0, (this.simulated ? this.states.length : this.views.length) - 1);
  }

  get seats(): Ticker[] {
    return this.file.header.seats.map((s) => s.company);
  }

  get scenarioId(): string {
    return this.file.header.scenarioId;
  }

  /** Points of view available: every seat plus the omniscient one (public views only: just 'all'). */
  povs(): Pov[] {
    return this.simulated ? ['all', ...this.seats] : ['all'];
  }

  /** Clamps a frame index. */
  clamp(q: number): number {
    return Math.max(0, Math.min(this.last, Number.isFinite(q) ? Math.trunc(q) : 0));
  }

  /** The frame at quarter index `q` from a point of view. */
  frame(q: number, pov: Pov): ReplayFrame {
    const i = this.clamp(q);
    const next = this.file.quarters[i];
    if (!this.simulated) return publicFrameOf(this.views[i]!, next);
    const f = frameOf(this.states[i]!, next, pov);
    // Where a verified game stopped, its final standings after the board's years (shared/board.ts), as at its end screen.
    if (i === this.last && this.verdict.kind === 'verified') {
      const board = (this.board ??= finalStandings(this.states[i]!).board);
      if (board) f.view = { ...f.view, board };
    }
    return f;
  }

  /** Public per-quarter series (TSR and price) for the charts. */
  series(): ReplaySeries {
    const n = this.last + 1;
    const out: ReplaySeries = { quarters: [], tsrBps: {}, priceCents: {} };
    for (const t of this.seats) {
      out.tsrBps[t] = [];
      out.priceCents[t] = [];
    }
    for (let i = 0; i < n; i += 1) {
      out.quarters.push(i);
      for (const t of this.seats) {
        const c = this.simulated ? this.states[i]!.companies[t] : undefined;
        const pc = this.simulated ? null : this.views[i]!.companies[t];
        out.tsrBps[t]!.push(c ? c.report.tsrBps : (pc?.report.tsrBps ?? 0));
        out.priceCents[t]!.push(c ? c.priceCents : (pc?.priceCents ?? 0));
      }
    }
    return out;
  }
}

/** A quarter a class would discuss: a shock hit, someone left a note, a company's return moved a lot. */
export interface TimelineMark {
  /** Frame index (the state after that many quarters). */
  frame: number;
  shocks: { card: string; region: string | null }[];
  notes: number;
  /** Companies whose return moved by at least BIG_MOVE_BPS in the quarter before this frame, with the move. */
  moves: { company: string; bps: number }[];
}

/** A move in a company's return (TSR) in one quarter that earns a marker (15 points). */
export const BIG_MOVE_BPS = 1_500;

/**
 * Timeline markers: a shock logged with quarter i hits when it resolves (frame i + 1); notes sit
 * on their frame; big moves compare consecutive frames' returns. Frames with nothing are left out.
 */
export function timelineMarks(file: ReplayFile, tsrBps: Record<string, number[]>, notes: readonly { quarter: number }[]): TimelineMark[] {
  const marks = new Map<number, TimelineMark>();
  const at = (frame: number): TimelineMark => {
    let m = marks.get(frame);
    if (!m) marks.set(frame, (m = { frame, shocks: [], notes: 0, moves: [] }));
    return m;
  };
  file.quarters.forEach((q, i) => { for (const s of q.shocks ?? []) at(i + 1).shocks.push({ card: s.card, region: s.region }); });
  for (const n of notes) at(n.quarter).notes += 1;
  for (const [company, series] of Object.entries(tsrBps)) {
    for (let f = 1; f < series.length; f += 1) {
      const bps = series[f]! - series[f - 1]!;
      if (Math.abs(bps) >= BIG_MOVE_BPS) at(f).moves.push({ company, bps });
    }
  }
  return [...marks.values()].sort((a, b) => a.frame - b.frame);
}

/** How one company moved in one quarter (public figures only: any point of view may see it). */
export interface CompanyChange {
  company: string;
  /** Share price change (bps of the price before). */
  priceBps: number;
  /** Change of the return since the start (bps points). */
  tsrBps: number;
  /** The quarter's revenue, net income and capex (from its report). */
  revenueUsdM: number;
  netIncomeUsdM: number;
  capexUsdM: number;
  cashDeltaUsdM: number;
  debtDeltaUsdM: number;
}

/**
 * "What changed" in a quarter: every company's public figures after it against before it, biggest
 * price move first. `before` and `after` are views of consecutive frames.
 */
export function whatChanged(before: PlayerView, after: PlayerView): CompanyChange[] {
  const out: CompanyChange[] = [];
  for (const [company, a] of Object.entries(after.companies)) {
    const b = before.companies[company as keyof typeof before.companies];
    if (!a || !b) continue;
    out.push({
      company,
      priceBps: b.priceCents > 0 ? Math.round(((a.priceCents - b.priceCents) * 10_000) / b.priceCents) : 0,
      tsrBps: a.report.tsrBps - b.report.tsrBps,
      revenueUsdM: a.report.revenueUsdM, netIncomeUsdM: a.report.netIncomeUsdM, capexUsdM: a.report.capexUsdM,
      cashDeltaUsdM: a.cashUsdM - b.cashUsdM, debtDeltaUsdM: a.debtUsdM - b.debtUsdM,
    });
  }
  return out.sort((x, y) => Math.abs(y.priceBps) - Math.abs(x.priceBps) || (x.company < y.company ? -1 : 1));
}
