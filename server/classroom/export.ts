/**
 * What the host downloads and the debrief draws: the class as CSV (one row per team per quarter:
 * decisions and results), as JSON (options, roster, every game's replay log and figures), and the
 * debrief data (per game: figures per quarter and the lessons cards). Built from the engine's own
 * replay of each game, so the numbers are the game's numbers.
 */
import { lessons, quarterFigures, replayGame, t, type GameState, type Lesson, type Locale, type Orders, type QuarterFigures, type ReplayFile, type Ticker } from '../../shared/index.js';
import type { QuarterRecord } from './class-store.js';
import { toCsv } from '../../shared/protocol/classroom.js';
import type { ClassSession } from './session.js';

/** One game's debrief data. */
export interface GameDebrief {
  index: number;
  gameId: string;
  replayUrl: string;
  /** Figures after each resolved quarter. */
  quarters: QuarterFigures[];
  /** Revealed orders per resolved quarter. */
  orders: Partial<Record<Ticker, Orders>>[];
  lessons: Lesson[];
  teams: { company: Ticker; members: string[]; kind: 'human' | 'bot' }[];
}

function statesOf(session: ClassSession, index: number): { file: ReplayFile; states: GameState[] } {
  const ctl = session.controllers[index]!;
  const file: ReplayFile = { header: ctl.header, quarters: [...ctl.log] };
  const r = replayGame(file, true);
  if (!r.ok) throw new Error(`game ${ctl.id} does not replay: ${r.reason}`);
  return { file, states: r.states };
}

/** Debrief data of every game (names per the class setting unless `names`). */
export function debriefOf(session: ClassSession, names: boolean): GameDebrief[] {
  return session.controllers.map((ctl, index) => {
    const { file, states } = statesOf(session, index);
    return {
      index, gameId: ctl.id, replayUrl: `/replay/${ctl.id}`,
      quarters: states.slice(1).map((s) => quarterFigures(s)),
      orders: file.quarters.map((q) => q.orders),
      lessons: lessons(states),
      teams: ctl.seats.list().map((s) => ({ company: s.company, kind: s.kind, members: names ? session.members(index, s.company).map((m) => m.name) : [] })),
    };
  });
}

/**
 * A student's own debrief: their game's public figures per quarter and lessons cards, their team's
 * decisions (only theirs: other teams' orders are not shown to students), who they were and the
 * reflection questions. Null when the student is not on a team of a started game.
 */
export function studentDebrief(session: ClassSession, studentId: string, locale: Locale): unknown {
  const st = session.student(studentId);
  if (!st || st.game === null || st.company === null || !session.controllers[st.game]) return null;
  const g = debriefOf(session, session.options.showNames)[st.game]!;
  const company = st.company as Ticker;
  return {
    code: session.id, scenarioId: session.options.scenarioId, game: st.game, company, status: session.status,
    quarters: g.quarters, myOrders: g.orders.map((o) => o[company] ?? null), lessons: g.lessons, teams: g.teams,
    questions: questionTexts(session, locale), reflection: session.reflectionAnswers().get(st.id)?.answers ?? null,
  };
}

export const CSV_COLUMNS = [
  'class', 'game', 'gameId', 'quarter', 'company', 'team', 'kind', 'shocks',
  'merchantChipsUsdM', 'secondSourceChipsUsdM', 'customChipsUsdM', 'customProgramUsdM', 'energyMwOrdered', 'talentBidUsdM', 'licensedDataUsdM', 'syntheticDataBps',
  'borrowUsdM', 'repayUsdM', 'equityUsdM', 'buybackUsdM', 'vendorFinancingUsdM', 'trainingBps', 'selfUseBps', 'cloudBps', 'pricing', 'labBidMw', 'licenseFrom', 'guidanceCapexUsdM',
  'priceCents', 'tsrBps', 'revenueUsdM', 'selfUseRevenueUsdM', 'cloudRevenueUsdM', 'netIncomeUsdM', 'capexUsdM', 'chipMw', 'poweredMw', 'waitingMw', 'idleChipMw', 'cashUsdM', 'debtUsdM', 'qualityBps',
] as const;

/** The record of a resolved quarter (null for quarters resolved before records were kept). */
function recordOf(session: ClassSession, gameId: string, quarter: number): QuarterRecord | null {
  return session.quarterRecords().find((r) => r.gameId === gameId && r.quarter === quarter) ?? null;
}

/**
 * Who a team was in a quarter and who decided its orders, as the class saw it then (the quarter's
 * record); quarters resolved before records were kept fall back to today's roster and seat.
 */
function teamAt(session: ClassSession, g: number, company: Ticker, rec: QuarterRecord | null): { names: string[]; played: string } {
  const names = new Map(session.everyone().map((s) => [s.id, s.name]));
  const t = rec?.teams.find((x) => x.company === company);
  if (t) return { names: t.members.map((id) => names.get(id) ?? id), played: t.played };
  return { names: session.members(g, company).map((m) => m.name), played: session.controllers[g]!.seats.get(company)?.kind ?? '' };
}

/** The class as CSV: one row per team per resolved quarter (team and kind as they were in that quarter). */
export function classCsv(session: ClassSession): string {
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]];
  session.controllers.forEach((ctl, g) => {
    const { file, states } = statesOf(session, g);
    file.quarters.forEach((q, i) => {
      const fig = quarterFigures(states[i + 1]!);
      const shocks = (q.shocks ?? []).map((s) => (s.region ? `${s.card}@${s.region}` : s.card)).join(' ');
      const rec = recordOf(session, ctl.id, q.quarter);
      for (const company of ctl.state.seats) {
        const o = q.orders[company];
        const f = fig.companies[company];
        const team = teamAt(session, g, company, rec);
        rows.push([
          session.id, g + 1, ctl.id, q.quarter + 1, company, team.names.join('; '), team.played, shocks,
          o?.chips.merchantUsdM ?? null, o?.chips.secondSourceUsdM ?? null, o?.chips.customUsdM ?? null, o?.customProgramUsdM ?? null,
          o ? o.energy.reduce((a, e) => a + e.mw, 0) : null, o?.talentBidUsdM ?? null, o?.data.licensedUsdM ?? null, o?.data.syntheticBps ?? null,
          o?.finance.borrowUsdM ?? null, o?.finance.repayUsdM ?? null, o?.finance.equityUsdM ?? null, o?.finance.buybackUsdM ?? null, o?.finance.vendorFinancingUsdM ?? null,
          o?.ops.trainingBps ?? null, o?.ops.selfUseBps ?? null, o?.ops.cloudBps ?? null, o?.ops.pricing ?? null, o?.ops.labBidMw ?? null, o?.licenseFrom ?? null, o?.guidanceCapexUsdM ?? null,
          f?.priceCents ?? null, f?.tsrBps ?? null, f?.revenueUsdM ?? null, f?.selfUseRevenueUsdM ?? null, f?.cloudRevenueUsdM ?? null, f?.netIncomeUsdM ?? null, f?.capexUsdM ?? null,
          f?.chipMw ?? null, f?.poweredMw ?? null, f?.waitingMw ?? null, f?.idleChipMw ?? null, f?.cashUsdM ?? null, f?.debtUsdM ?? null, f?.qualityBps ?? null,
        ]);
      }
    });
  });
  return toCsv(rows);
}

/** One student's quarter: where they were, who decided their team's orders, what they did. */
export interface StudentQuarter {
  /** 1-based, as in the CSVs. */
  game: number;
  quarter: number;
  company: string;
  played: string;
  drafts: number;
  submits: number;
  chats: number;
  /** Did something this quarter (edited the draft, submitted or wrote in the team chat). */
  participated: boolean;
}

/** Each student's per-quarter log, from the quarter records (only quarters they were on a team). */
export function activityLog(session: ClassSession): Map<string, StudentQuarter[]> {
  const out = new Map<string, StudentQuarter[]>(session.everyone().map((s) => [s.id, []]));
  for (const r of session.quarterRecords()) {
    for (const t of r.teams) {
      for (const id of t.members) {
        const a = r.activity[id] ?? { drafts: 0, submits: 0, chats: 0 };
        out.get(id)?.push({ game: r.game + 1, quarter: r.quarter + 1, company: t.company, played: t.played, ...a, participated: a.drafts + a.submits + a.chats > 0 });
      }
    }
  }
  for (const log of out.values()) log.sort((a, b) => a.game - b.game || a.quarter - b.quarter);
  return out;
}

/** The question texts of the reflection (default questions in `locale`). */
export function questionTexts(session: ClassSession, locale: Locale): string[] {
  return session.reflectionQuestions().map((q) => (q.startsWith('ui.class.reflect.') ? t(locale, q) : q));
}

export const GRADEBOOK_COLUMNS = [
  'class', 'student', 'name', 'status', 'game', 'company', 'quartersOnTeam', 'quartersPlayedByTeam', 'quartersParticipated', 'participationBps',
  'drafts', 'submits', 'chats', 'teamRank', 'teamScoreBps', 'teamTsrBps', 'teamFinalPriceCents', 'perQuarter',
] as const;

/**
 * The gradebook: one row a student — where they ended, their participation (quarters on a team,
 * quarters their team's players decided, quarters they did something in, counts of drafts, submits
 * and chat messages), their team's result (rank in the class leaderboard, score, TSR, final price),
 * a per-quarter code (S submitted, E edited, C chatted only, - nothing, b the host gave the team to a
 * bot or the student was away past the grace period), and their
 * reflection answers (one column a question).
 */
export function gradebookCsv(session: ClassSession, locale: Locale = 'en'): string {
  const questions = questionTexts(session, locale);
  const rows: (string | number | null)[][] = [[...GRADEBOOK_COLUMNS, ...questions.map((q, i) => `R${i + 1}: ${q}`)]];
  const board = session.leaderboard(false);
  const logs = activityLog(session);
  const answers = session.reflectionAnswers();
  for (const st of session.everyone()) {
    // A roster place nobody claimed stays listed ("never joined"), with nothing credited.
    const log = logs.get(st.id) ?? [];
    const rank = st.game !== null && st.company !== null ? board.findIndex((r) => r.game === st.game && r.company === st.company) : -1;
    const row = rank >= 0 ? board[rank]! : null;
    const ctl = st.game !== null ? session.controllers[st.game] : undefined;
    const price = ctl && st.company ? ctl.state.companies[st.company as Ticker]?.priceCents ?? null : null;
    const byHumans = log.filter((q) => q.played === 'human').length;
    const took = log.filter((q) => q.participated).length;
    const code = (q: StudentQuarter): string => ((q.played === 'bot' || q.played === 'autopilot') && !q.participated ? 'b' : q.submits > 0 ? 'S' : q.drafts > 0 ? 'E' : q.chats > 0 ? 'C' : '-');
    rows.push([
      session.id, st.id, st.name, st.removed ? 'removed' : st.tokenHash === '' ? 'never joined' : st.company === null ? 'observer' : 'on team',
      st.game === null ? null : st.game + 1, st.company, log.length, byHumans, took, log.length > 0 ? Math.round((took * 10_000) / log.length) : 0,
      log.reduce((a, q) => a + q.drafts, 0), log.reduce((a, q) => a + q.submits, 0), log.reduce((a, q) => a + q.chats, 0),
      row ? rank + 1 : null, row?.scoreBps ?? null, row?.tsrBps ?? null, price,
      log.map((q) => `G${q.game}Q${q.quarter}:${code(q)}`).join(' '),
      ...questions.map((_, i) => answers.get(st.id)?.answers[i] ?? ''),
    ]);
  }
  return toCsv(rows);
}

/**
 * The whole class as JSON (no secrets: no tokens, no seeds). Games and quarters are numbered from
 * 1 everywhere, as in the CSVs; `orders[i]`, `hashes[i]` and `shocks[i]` are quarter i + 1.
 */
export function classJson(session: ClassSession): unknown {
  const logs = activityLog(session);
  const answers = session.reflectionAnswers();
  return {
    format: 'capex-race-class/2',
    code: session.id,
    status: session.status,
    options: session.options,
    reflectionQuestions: questionTexts(session, 'en'),
    students: session.everyone().map((s) => ({
      id: s.id, name: s.name, game: s.game === null ? null : s.game + 1, company: s.company, removed: s.removed, joined: s.tokenHash !== '',
      activity: logs.get(s.id) ?? [], reflection: answers.get(s.id)?.answers ?? null,
    })),
    leaderboard: session.leaderboard(true).map((r) => ({ ...r, game: r.game + 1 })),
    games: debriefOf(session, true).map(({ index, ...g }) => {
      const ctl = session.controllers[index]!;
      const log = ctl.log;
      return {
        ...g, game: index + 1, hashes: log.map((q) => q.hash), shocks: log.map((q) => q.shocks ?? []),
        quarters: g.quarters.map((f, i) => ({ ...f, quarter: i + 1 })),
        teamsByQuarter: log.map((q) => {
          const rec = recordOf(session, ctl.id, q.quarter);
          return { quarter: q.quarter + 1, teams: ctl.state.seats.map((c) => ({ company: c, ...teamAt(session, index, c, rec) })) };
        }),
      };
    }),
    practiceGameIds: session.practiceGameIds,
  };
}
