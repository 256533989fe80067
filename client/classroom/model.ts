/**
 * Classroom view-models: plain functions (no DOM, no network) for routes, countdowns, team
 * status, who is editing, the host secret in a URL fragment, and the debrief's chart series.
 */
import { CARD_IDS, getScenario, MARKET_TICKERS, quarterLabel, type QuarterFigures } from '../../shared/index.js';
import { EDITING_WINDOW_MS, type ClassMember, type ClassSnapshot, type ClassTeam } from '../../shared/protocol/classroom.js';

/** A classroom page. */
export type ClassRoute =
  | { page: 'join'; code: string | null }
  | { page: 'setup' }
  | { page: 'mine' }
  | { page: 'student'; code: string }
  | { page: 'host'; code: string }
  | { page: 'projector'; code: string }
  | { page: 'debrief'; code: string };

/** The classroom page of a path (/class…), or null when the path is not a classroom page. */
export function classRoute(pathname: string): ClassRoute | null {
  const m = /^\/class(?:\/([^/]+))?(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!m) return null;
  const [, a, b] = m;
  if (!a) return { page: 'join', code: null };
  if (a === 'new' && !b) return { page: 'setup' };
  if (a === 'mine' && !b) return { page: 'mine' };
  const code = a.toUpperCase();
  if (!/^[A-Z0-9]{4,12}$/.test(code)) return { page: 'join', code: null };
  if (!b) return { page: 'student', code };
  if (b === 'host' || b === 'projector' || b === 'debrief') return { page: b, code };
  return null;
}

/**
 * Where one game of a class stands, as a message key and params: the lobby, the class ended, this
 * game over (its last quarter resolved while other games play on), or the quarter being played
 * (never "quarter 7 of 6").
 */
export function gameLine(snap: Pick<ClassSnapshot, 'status' | 'games'>, game: number): { key: string; params: Record<string, number> } {
  if (snap.status === 'lobby') return { key: 'ui.class.lobby', params: {} };
  if (snap.status === 'finished') return { key: 'ui.class.finished', params: {} };
  const g = snap.games.find((x) => x.index === game);
  if (!g) return { key: 'ui.class.lobby', params: {} };
  if (g.status === 'finished' || g.quarter >= g.quarterCount) return { key: 'ui.class.gameOver', params: { game: game + 1 } };
  if (g.status === 'lobby') return { key: 'ui.class.lobby', params: {} };
  return { key: 'ui.class.quarterOf', params: { q: g.quarter + 1, n: g.quarterCount } };
}

/**
 * The note under a leaderboard once a class game shorter than its scenario is over: its teams now rank by their
 * score at the scenario's end, after the board's years (shared/board.ts) — null while none is.
 */
export function boardNote(snap: Pick<ClassSnapshot, 'games' | 'options'>): { key: string; params: Record<string, string> } | null {
  const sc = getScenario(snap.options.scenarioId);
  if (!snap.games.some((g) => g.status === 'finished' && g.quarter < sc.defaultQuarters)) return null;
  return { key: 'ui.class.boardNote', params: { end: quarterLabel(snap.options.scenarioId, sc.defaultQuarters - 1) } };
}

/** The host secret in a fragment (`#k=…`), if any. The fragment never reaches the server. */
export function secretFromHash(hash: string): string | null {
  const m = /^#(?:.*&)?k=([A-Za-z0-9_-]{16,128})(?:&|$)/.exec(hash);
  return m?.[1] ?? null;
}

/** Links a host shares or keeps. */
export function classLinks(origin: string, code: string, hostToken: string | null): { join: string; host: string | null; projector: string; debrief: string } {
  return {
    join: `${origin}/class/${code}`,
    host: hostToken ? `${origin}/class/${code}/host#k=${hostToken}` : null,
    projector: `${origin}/class/${code}/projector`,
    debrief: `${origin}/class/${code}/debrief`,
  };
}

/** "m:ss" of a remaining time (ms); "0:00" once passed. */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What a countdown shows: paused with what is left, running with what is left, or no limit. */
export function countdown(game: { deadlineAt: number | null; pausedLeftMs: number | null }, paused: boolean, serverNow: number): { kind: 'paused' | 'running' | 'none'; text: string; urgent: boolean } {
  if (paused) return { kind: 'paused', text: game.pausedLeftMs === null ? '—' : formatLeft(game.pausedLeftMs), urgent: false };
  if (game.deadlineAt === null) return { kind: 'none', text: '—', urgent: false };
  const left = game.deadlineAt - serverNow;
  return { kind: 'running', text: formatLeft(left), urgent: left < 30_000 };
}

/** One status key per team for the console (`ui.class.st.*`). */
export function teamStatus(t: ClassTeam): 'bot' | 'autopilot' | 'ready' | 'submitted' | 'drafting' | 'waiting' {
  if (t.kind === 'bot') return 'bot';
  if (t.autopilot) return 'autopilot';
  if (t.ready) return 'ready';
  if (t.submitted) return 'submitted';
  if (t.hasDraft) return 'drafting';
  return 'waiting';
}

/** Members who changed the draft in the last few seconds (not `meId`). */
export function editingNow(members: readonly ClassMember[], serverNow: number, meName: string | null): string[] {
  return members.filter((m) => m.editedAt > 0 && serverNow - m.editedAt < EDITING_WINDOW_MS && m.name !== meName).map((m) => m.name);
}

/** The student's own team in a snapshot. */
export function myTeam(s: ClassSnapshot): ClassTeam | null {
  const me = s.me;
  if (!me || me.company === null || me.game === null) return null;
  return s.games.find((g) => g.index === me.game)?.teams.find((t) => t.company === me.company) ?? null;
}

/** The scenario's deck for the shock picker. */
export const SHOCK_CARDS: readonly string[] = CARD_IDS;

/** A chart series: a label and one value per quarter. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

/** Debrief series from one game's figures (all integers as the engine gives them, scaled for display). */
export function debriefSeries(quarters: readonly QuarterFigures[], companies: readonly string[]): {
  price: ChartSeries[]; capex: ChartSeries[]; idle: ChartSeries[]; revenue: ChartSeries[]; tsr: ChartSeries[];
} {
  const per = (label: string, f: (q: QuarterFigures) => number | null): ChartSeries => ({ label, values: quarters.map(f) });
  const co = (q: QuarterFigures, c: string) => q.companies[c as keyof QuarterFigures['companies']];
  const cats = ['chips', 'energy', 'talent', 'data'] as const;
  return {
    price: companies.map((c) => per(c, (q) => { const x = co(q, c); return x ? x.priceCents / 100 : null; })),
    capex: cats.map((cat) => per(cat, (q) => companies.reduce((a, c) => a + (co(q, c)?.capexByCategory[cat] ?? 0), 0))),
    idle: [
      ...companies.map((c) => per(`${c} idle`, (q) => co(q, c)?.idleChipMw ?? null)),
      per('waiting MW', (q) => companies.reduce((a, c) => a + (co(q, c)?.waitingMw ?? 0), 0)),
    ],
    revenue: companies.flatMap((c) => [
      per(`${c} self-use`, (q) => co(q, c)?.selfUseRevenueUsdM ?? null),
      per(`${c} cloud`, (q) => co(q, c)?.cloudRevenueUsdM ?? null),
    ]),
    tsr: [
      ...companies.map((c) => per(c, (q) => { const x = co(q, c); return x ? x.tsrBps / 100 : null; })),
      ...MARKET_TICKERS.filter((m) => m === 'NVDA' || m === 'TSM' || m === 'UTIL' || m === 'AVGO').map((m) => per(m, (q) => q.market[m].tsrBps / 100)),
    ],
  };
}

/** CSV text to rows (shared with the server's roster import). */
export { parseCsv } from '../../shared/protocol/classroom.js';
