/**
 * What one game's economy did, quarter by quarter (issue 13's "done when" measures): capex per company
 * in the first year, the foundry premium, full grid queues, the talent price, third-party AI cloud
 * revenue, stock moves and their causes. Collected by the simulator's runner from the states it plays.
 */
import { REGION_IDS, TICKERS, type GameState, type Ticker } from '../../shared/index.js';

/** Events that name a cause for a big stock move or a collapsed price. */
/**
 * Headline events that name why a stock moved a lot (GAME.md Markets): the company's own news or the
 * world's. Routine ones that happen every quarter (a guidance update, a price move) do not count.
 */
export const CAUSE_EVENTS: readonly string[] = ['distressed', 'assetsSold', 'forcedEquity', 'restructured', 'unwindHit', 'circularUnwind', 'customerDefaults', 'labDefaulted', 'chipsRetired', 'labContractWon', 'equityIssued', 'newGeneration', 'programReady', 'era', 'monetizationBreakout', 'enterpriseAbandonment', 'agentBreakthrough', 'recovered'];

/**
 * A guidance update is routine, but it names the cause of a move when the market's reaction to it made
 * most of the move (the `guidance` reason, GAME.md Guidance: F2–F4, Microsoft −10% on its capex plan).
 * Since engine 15 the managements keep their credibility, and the market reacts to what they announce:
 * Amazon raising its guidance 75% in one quarter fell 37.6%, 35 points of it the guidance's.
 */
function movedByGuidance(state: GameState, t: Ticker): boolean {
  const r = state.companies[t]!.report;
  const guidance = r.moveReasons['guidance'] ?? 0;
  return Math.abs(guidance) * 2 > Math.abs(r.priceMoveBps) && state.events.some((e) => e.kind === 'guidanceChanged' && e.seat === t);
}

/** One game's measures. */
export interface GameMetrics {
  /** Capex per company in the first four quarters ($M). */
  capexYear1: Partial<Record<Ticker, number>>;
  /** The foundry's price (bps of list) each quarter. */
  foundryBps: number[];
  /** Regions whose grid queue is full (waiting MW above what the region connects in its nominal lead), each quarter. */
  fullQueues: number[];
  /** The talent auction's signing price each quarter ($K). */
  talentK: number[];
  /** Third-party AI cloud revenue (cloud beyond legacy + labs), all companies, each quarter ($M); index -1 is the start. */
  cloudAi: number[];
  cloudAiStart: number;
  /** Stock moves beyond ±35% with no cause event for that company that quarter. */
  bigMovesUnexplained: number;
  bigMoves: number;
  /** Quarters a price sat below a tenth of its start with the company not in distress. */
  lowPricesUndistressed: number;
  /** Price moves whose reasons did not add up to the move (bps). */
  reasonMismatches: number;
  /** Restructured companies at the end. */
  restructured: Ticker[];
  /** Quarters the data wall's first stage had been reached by the end (−1: never). */
  dataWallQuarter: number;
}

/** An empty record for a game that starts from `start`. */
export function startMetrics(start: GameState): GameMetrics {
  let cloudAiStart = 0;
  for (const t of start.seats) {
    const c = start.companies[t]!;
    cloudAiStart += c.report.cloudRevenueUsdM - c.cloudBaseUsdM;
  }
  return { capexYear1: {}, foundryBps: [], fullQueues: [], talentK: [], cloudAi: [], cloudAiStart, bigMovesUnexplained: 0, bigMoves: 0, lowPricesUndistressed: 0, reasonMismatches: 0, restructured: [], dataWallQuarter: -1 };
}

/** Adds the quarter just resolved (`state` is the state after it). */
export function addQuarter(m: GameMetrics, state: GameState): void {
  const q = state.quarter - 1;
  const w = state.world;
  m.foundryBps.push(w.foundryPriceBps);
  m.talentK.push(w.talentPriceUsdK);
  let full = 0;
  for (const id of REGION_IDS) {
    const r = state.regions[id];
    if (r.capMw > 0 && r.queueMw > r.capMw * r.queueQuarters) full += 1;
  }
  m.fullQueues.push(full);
  let cloudAi = 0;
  for (const t of state.seats) {
    const c = state.companies[t]!;
    const r = c.report;
    cloudAi += r.cloudRevenueUsdM - c.cloudBaseUsdM;
    if (q < 4) m.capexYear1[t] = (m.capexYear1[t] ?? 0) + r.capexUsdM;
    let sum = 0;
    for (const k in r.moveReasons) sum += r.moveReasons[k] ?? 0;
    if (sum !== r.priceMoveBps) m.reasonMismatches += 1;
    if (Math.abs(r.priceMoveBps) > 3_500) {
      m.bigMoves += 1;
      if (!state.events.some((e) => e.headline && (e.seat === t || e.seat === null) && CAUSE_EVENTS.includes(e.kind)) && !movedByGuidance(state, t)) m.bigMovesUnexplained += 1;
    }
    if (c.priceCents * 10 < c.startPriceCents && !c.distressed) m.lowPricesUndistressed += 1;
  }
  m.cloudAi.push(cloudAi);
  if (m.dataWallQuarter < 0 && w.dataWallStage > 0) m.dataWallQuarter = q;
  if (state.finished) m.restructured = TICKERS.filter((t) => state.companies[t]?.restructured === true);
}
