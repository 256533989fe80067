/**
 * Per-player view (ARCHITECTURE.md rule 6; boardgame.io playerView): what one seat — or a
 * spectator (seat null) — may know. Hides the seed, scheduled shocks, and every other company's
 * private figures (chips detail, shipments, projects, talent, data, program progress, training).
 * A view shares structure with the state it was made from: treat it as read-only (the engine never
 * mutates a state it was given, so a view stays valid; serialize it to send it anywhere).
 */
import type { BoardYears } from '../board.js';
import { marketCapUsdM } from './model.js';
import { countedReturnBps } from './phases/publish.js';
import { copyWorld } from './resolve.js';
import type { CompanyReport, CompanyState, Era, GameEvent, GameState, Level, MarketTicker, MarketTickerState, Orders, RegionId, RegionState, Site, Ticker, WorldState } from './types.js';

/** What anyone may see of a company. */
export interface PublicCompany {
  ticker: Ticker;
  priceCents: number;
  startPriceCents: number;
  sharesM: number;
  marketCapUsdM: number;
  cashUsdM: number;
  debtUsdM: number;
  vendorDebtUsdM: number;
  distressed: boolean;
  guidanceCapexUsdM: number;
  consensusCapexUsdM: number;
  qualityBps: number;
  licensedFrom: Ticker | 'LAB' | null;
  customReady: boolean;
  backlogUsdM: number;
  /**
   * The return the score is made of (bps): total shareholder return to the fundamental value per share
   * in the last report (what `ranking` counts if the game ended now; 0 before the first report).
   */
  returnBps: number;
  /** Public footprint: powered MW per region. */
  poweredMwByRegion: Partial<Record<RegionId, number>>;
  report: CompanyReport;
  /** The orders it played last quarter (revealed at resolution). */
  revealedOrders: Orders | null;
}

/** A view of the game for one seat or a spectator. */
export interface PlayerView {
  seat: Ticker | null;
  scenarioId: string;
  quarter: number;
  quarterCount: number;
  /** The table's level: whose par the scores are measured against. */
  parLevel: Level;
  finished: boolean;
  seats: Ticker[];
  world: WorldState & { era: Era };
  regions: Record<RegionId, RegionState>;
  market: Record<MarketTicker, MarketTickerState>;
  companies: Partial<Record<Ticker, PublicCompany>>;
  /** The whole state of the viewer's own company (null for spectators). */
  me: CompanyState | null;
  /** Public events, plus the viewer's own private ones. */
  events: GameEvent[];
  /**
   * The board's years (shared/board.ts `finalStandings`), once a game that stopped before its scenario's end is
   * over: the final standings at the scenario's end. Set by whoever holds the whole state (the server, a replay);
   * the engine's views leave it out.
   */
  board?: BoardYears | null;
}

/** Public figures of a company. */
export function publicCompany(c: CompanyState): PublicCompany {
  const powered: Partial<Record<RegionId, number>> = {};
  for (const id in c.sites) {
    const site = c.sites[id as RegionId] as Site;
    powered[id as RegionId] = site.poweredMw.grid + site.poweredMw.gas + site.poweredMw.renewables + site.poweredMw.nuclear;
  }
  let backlogUsdM = 0;
  for (const lc of c.labContracts) backlogUsdM += lc.usdMPerQuarter * lc.quartersLeft;
  return {
    ticker: c.ticker,
    priceCents: c.priceCents,
    startPriceCents: c.startPriceCents,
    sharesM: c.sharesM,
    marketCapUsdM: marketCapUsdM(c.priceCents, c.sharesM),
    cashUsdM: c.cashUsdM,
    debtUsdM: c.debtUsdM + c.revolverUsdM,
    vendorDebtUsdM: c.vendorDebtUsdM,
    distressed: c.distressed,
    guidanceCapexUsdM: c.guidanceCapexUsdM,
    consensusCapexUsdM: c.consensusCapexUsdM,
    qualityBps: c.qualityBps,
    licensedFrom: c.licensedFrom,
    customReady: c.customProgram.readyQ !== null,
    backlogUsdM,
    returnBps: c.report.quarter < 0 ? 0 : countedReturnBps(c, c.report.fundamentalUsdM),
    poweredMwByRegion: powered,
    report: c.report,
    revealedOrders: c.report.quarter >= 0 ? c.lastOrders : null,
  };
}

/** Whether an event may be shown to a viewer: public ones, or the viewer's own. */
export function eventVisibleTo(e: GameEvent, seat: Ticker | null): boolean {
  return e.headline || e.seat === null || e.seat === seat;
}

/** Public figures of every company in play. */
export function publicCompanies(state: GameState): Partial<Record<Ticker, PublicCompany>> {
  const companies: Partial<Record<Ticker, PublicCompany>> = {};
  for (const t of state.seats) {
    const c = state.companies[t];
    if (c) companies[t] = publicCompany(c);
  }
  return companies;
}

/** The views of every seat (sharing the public part; for simulators and servers that need them all). */
export function playerViews(state: GameState): Record<Ticker, PlayerView> {
  const shared = sharedPartOf(state);
  // Every seat's events in one pass: public ones go to all, private ones to their seat.
  const seats = state.seats;
  const events: GameEvent[][] = new Array(seats.length);
  for (let i = 0; i < seats.length; i += 1) events[i] = [];
  for (const e of state.events) {
    if (eventVisibleTo(e, null)) for (let i = 0; i < seats.length; i += 1) (events[i] as GameEvent[]).push(e);
    else {
      const i = seats.indexOf(e.seat as Ticker);
      if (i >= 0) (events[i] as GameEvent[]).push(e);
    }
  }
  const out = {} as Record<Ticker, PlayerView>;
  for (let i = 0; i < seats.length; i += 1) out[seats[i] as Ticker] = viewFrom(state, seats[i] as Ticker, shared, events[i] as GameEvent[]);
  return out;
}

/** What every seat's view has in common (built once by playerViews). */
interface SharedPart {
  companies: Partial<Record<Ticker, PublicCompany>>;
  seats: Ticker[];
  world: PlayerView['world'];
}

function sharedPartOf(state: GameState): SharedPart {
  return { companies: publicCompanies(state), seats: [...state.seats], world: copyWorld(state.world) };
}

/** The view of `state` for `seat` (null: a spectator, who sees only public information). */
export function playerView(state: GameState, seat: Ticker | null): PlayerView {
  return viewFrom(state, seat, sharedPartOf(state), state.events.filter((e) => eventVisibleTo(e, seat)));
}

/** A view from its public part and the events `seat` may see (worked out by the callers above). */
function viewFrom(state: GameState, seat: Ticker | null, shared: SharedPart, events: GameEvent[]): PlayerView {
  const own = seat ? state.companies[seat] : undefined;
  return {
    seat,
    scenarioId: state.scenarioId,
    quarter: state.quarter,
    quarterCount: state.quarterCount,
    parLevel: state.parLevel,
    finished: state.finished,
    seats: shared.seats,
    world: shared.world,
    regions: state.regions,
    market: state.market,
    companies: shared.companies,
    me: own ?? null,
    events,
  };
}
