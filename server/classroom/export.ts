/**
 * What the host downloads and the debrief draws: the class as CSV (one row per team per quarter:
 * decisions and results), as JSON (options, roster, every game's replay log and figures), and the
 * debrief data (per game: figures per quarter and the lessons cards). Built from the engine's own
 * replay of each game, so the numbers are the game's numbers.
 */
import { lessons, quarterFigures, replayGame, type GameState, type Lesson, type Orders, type QuarterFigures, type ReplayFile, type Ticker } from '../../shared/index.js';
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

export const CSV_COLUMNS = [
  'class', 'game', 'gameId', 'quarter', 'company', 'team', 'kind', 'shocks',
  'merchantChipsUsdM', 'secondSourceChipsUsdM', 'customChipsUsdM', 'customProgramUsdM', 'energyMwOrdered', 'talentBidUsdM', 'licensedDataUsdM', 'syntheticDataBps',
  'borrowUsdM', 'repayUsdM', 'equityUsdM', 'buybackUsdM', 'vendorFinancingUsdM', 'trainingBps', 'selfUseBps', 'cloudBps', 'pricing', 'labBidMw', 'licenseFrom', 'guidanceCapexUsdM',
  'priceCents', 'tsrBps', 'revenueUsdM', 'selfUseRevenueUsdM', 'cloudRevenueUsdM', 'netIncomeUsdM', 'capexUsdM', 'chipMw', 'poweredMw', 'waitingMw', 'idleChipMw', 'cashUsdM', 'debtUsdM', 'qualityBps',
] as const;

/** The class as CSV: one row per team per resolved quarter. */
export function classCsv(session: ClassSession): string {
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]];
  session.controllers.forEach((ctl, g) => {
    const { file, states } = statesOf(session, g);
    file.quarters.forEach((q, i) => {
      const fig = quarterFigures(states[i + 1]!);
      const shocks = (q.shocks ?? []).map((s) => (s.region ? `${s.card}@${s.region}` : s.card)).join(' ');
      for (const company of ctl.state.seats) {
        const o = q.orders[company];
        const f = fig.companies[company];
        const seat = ctl.seats.get(company);
        rows.push([
          session.id, g + 1, ctl.id, q.quarter + 1, company, session.members(g, company).map((m) => m.name).join('; '), seat?.kind ?? '', shocks,
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

/** The whole class as JSON (no secrets: no tokens, no seeds). */
export function classJson(session: ClassSession): unknown {
  return {
    format: 'capex-race-class/1',
    code: session.id,
    status: session.status,
    options: session.options,
    students: session.roster().map((s) => ({ id: s.id, name: s.name, game: s.game === null ? null : s.game + 1, company: s.company })),
    leaderboard: session.leaderboard(true),
    games: debriefOf(session, true).map((g) => {
      const log = session.controllers[g.index]!.log;
      return { ...g, hashes: log.map((q) => q.hash), shocks: log.map((q) => q.shocks ?? []) };
    }),
  };
}
