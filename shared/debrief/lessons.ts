/**
 * Debrief "lessons" cards (classroom issue): what happened in this game, tied to the source
 * article's seven blind spots and its energy and road-builder lessons. Derived from the game's own
 * states (index 0 = start, then one per resolved quarter). Cards use reports, revealed orders and
 * public events, so they can be shown to the whole class.
 */
import { constantsOf, labBook, tsrBps } from '../engine/model.js';
import { constructionUsdM } from '../engine/phases/market.js';
import { getScenario } from '../scenarios/index.js';
import { quarterLabel } from '../engine/figures.js';
import { MARKET_TICKERS, type GameState, type Ticker } from '../engine/types.js';

/** One lesson card: a message key, its params, and the companies it is about. */
export interface Lesson {
  id: string;
  key: string;
  params: Record<string, string | number>;
  seats: Ticker[];
}

function maxBy<T>(items: T[], score: (x: T) => number): { item: T; score: number } | null {
  let best: { item: T; score: number } | null = null;
  for (const x of items) {
    const s = score(x);
    if (best === null || s > best.score) best = { item: x, score: s };
  }
  return best;
}

/** The lessons of a game, most telling first; `states[0]` is the start. */
export function lessons(states: readonly GameState[]): Lesson[] {
  const out: Lesson[] = [];
  const last = states[states.length - 1];
  const first = states[0];
  if (!last || !first || states.length < 2) return out;
  const played = states.slice(1);
  const seats = last.seats;
  const label = (q: number): string => quarterLabel(last.scenarioId, q);

  // Energy: chips idle waiting for power (stranded capex).
  const idle = maxBy(seats, (t) => played.reduce((a, s) => a + (s.companies[t]?.report.idleChipMw ?? 0), 0));
  if (idle && idle.score > 0) {
    const worst = maxBy(played, (s) => s.companies[idle.item]?.report.idleChipMw ?? 0)!;
    out.push({ id: 'idleChips', key: 'lesson.idleChips', params: { seat: idle.item, mwQuarters: idle.score, peakMw: worst.score, quarter: label(worst.item.quarter - 1) }, seats: [idle.item] });
  }
  // The lag (F17): chips and power still being built when the game ended count at what the market makes
  // of them, not at what they will earn — infrastructure comes before productivity. Told when it is at
  // least a fiftieth of what the company is worth. After a short game, the board's years counted what it earned.
  const K = constantsOf(getScenario(last.scenarioId));
  const building = maxBy(seats, (t) => {
    const c = last.companies[t];
    return c ? constructionUsdM(K, c) : 0;
  });
  const builder = building ? last.companies[building.item] : undefined;
  if (building && builder && building.score * 50 >= Math.max(1, builder.report.fundamentalUsdM)) {
    // In a game that stopped before the scenario's end the final score is taken after the board's years (shared/board.ts).
    const boardYears = getScenario(last.scenarioId).defaultQuarters - last.quarter;
    const params = { seat: building.item, atCostUsdM: building.score, valuedUsdM: builder.value.construction };
    out.push(boardYears > 0
      ? { id: 'lag', key: 'lesson.lagBoard', params: { ...params, end: label(last.quarter + boardYears - 1) }, seats: [building.item] }
      : { id: 'lag', key: 'lesson.lag', params, seats: [building.item] });
  }
  // Inference trap: flat pricing with a negative cloud margin.
  for (const t of seats) {
    const trap = played.find((s) => s.companies[t]?.lastOrders?.ops.pricing === 'flat' && (s.companies[t]?.report.cloudMarginBps ?? 0) < 0);
    if (trap) out.push({ id: 'inferenceTrap', key: 'lesson.inferenceTrap', params: { seat: t, quarter: label(trap.quarter - 1), marginBps: trap.companies[t]!.report.cloudMarginBps }, seats: [t] });
  }
  // Self-use vs selling to others: whose AI revenue was its own, and how the market paid for it.
  const ranked = [...seats].sort((a, b) => tsrOf(last, b) - tsrOf(last, a));
  const selfShare = (t: Ticker): number => {
    let self = 0;
    let all = 0;
    for (const s of played) {
      const r = s.companies[t]?.report;
      if (!r) continue;
      self += r.selfUseRevenueUsdM;
      all += r.selfUseRevenueUsdM + (r.cloudRevenueUsdM - (s.companies[t]?.cloudBaseUsdM ?? 0)) + r.licenseRevenueUsdM;
    }
    return all > 0 ? Math.round((self * 10_000) / all) : 0;
  };
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  if (top && bottom && top !== bottom) {
    out.push({ id: 'selfUse', key: 'lesson.selfUse', params: { top, topShareBps: selfShare(top), topTsrBps: tsrOf(last, top), bottom, bottomShareBps: selfShare(bottom), bottomTsrBps: tsrOf(last, bottom) }, seats: [top, bottom] });
  }
  // Worst single quarter: the sharpest one-quarter fall of any company (a shock, an unwind, a miss).
  let worst: { seat: Ticker; state: GameState; moveBps: number } | null = null;
  for (const st of played) {
    for (const t of seats) {
      const move = st.companies[t]?.report.priceMoveBps ?? 0;
      if (move < 0 && (worst === null || move < worst.moveBps)) worst = { seat: t, state: st, moveBps: move };
    }
  }
  if (worst) {
    const headlines = worst.state.events.filter((e) => e.headline && (e.seat === undefined || e.seat === worst.seat)).length;
    out.push({ id: 'worstQuarter', key: 'lesson.worstQuarter', params: { seat: worst.seat, moveBps: worst.moveBps, quarter: label(worst.state.quarter - 1), headlines }, seats: [worst.seat] });
  }
  // Monetization: most dependent on customers who did not pay, and the churn.
  const startTasks = first.world.enterpriseTasks;
  const endTasks = last.world.enterpriseTasks;
  out.push({ id: 'monetization', key: 'lesson.monetization', params: { monetizationBps: last.world.monetizationBps, abandonmentBps: last.world.abandonmentBps, demandChangeBps: Math.round(((endTasks - startTasks) * 10_000) / startTasks) }, seats: [] });
  // Data wall / model collapse.
  const degraded = new Set<Ticker>();
  for (const s of played) for (const e of s.events) if (e.kind === 'modelDegraded' && e.seat) degraded.add(e.seat);
  if (degraded.size > 0) out.push({ id: 'dataWall', key: 'lesson.modelCollapse', params: { seats: [...degraded].join(', ') }, seats: [...degraded] });
  // Talent: who lost the most researchers to poaching.
  const lost: Partial<Record<Ticker, number>> = {};
  for (const s of played) for (const e of s.events) if (e.kind === 'talentPoached' && e.seat) lost[e.seat] = (lost[e.seat] ?? 0) + Number(e.params['researchers'] ?? 0);
  const poached = maxBy(Object.keys(lost) as Ticker[], (t) => lost[t] ?? 0);
  if (poached && poached.score > 0) out.push({ id: 'talent', key: 'lesson.talent', params: { seat: poached.item, researchers: poached.score }, seats: [poached.item] });
  // The backlog bet (F9, F11; Oracle's RPO): lab contracts signed before the game for capacity still to be
  // built — what was delivered when they started, or, if play stopped first, what was promised against the chips.
  for (const t of seats) {
    let kept = 0;
    let lost = 0;
    for (const s of played) {
      for (const e of s.events) {
        if (e.kind !== 'labContractStarted' || e.seat !== t) continue;
        kept += Number(e.params['mw'] ?? 0);
        lost += Number(e.params['lost'] ?? 0);
      }
    }
    const c = last.companies[t];
    // The book as of the last quarter played (`last.quarter - 1`): a contract starting in `last.quarter` is still to come.
    const book = c ? labBook(c, last.quarter - 1) : null;
    const next = book?.pending[0];
    if (kept + lost > 0) {
      out.push({ id: 'backlog', key: 'lesson.backlogDelivered', params: { seat: t, promisedMw: kept + lost, keptMw: kept, lostMw: lost }, seats: [t] });
    } else if (c && book && next) {
      const chipMw = book.chipMw + c.shipments.reduce((a, x) => a + x.mw, 0);
      out.push({ id: 'backlog', key: 'lesson.backlogPending', params: { seat: t, pendingMw: book.promisedMw - book.inForce.mw, quarter: label(next.startsQ), inForceMw: book.inForce.mw, chipMw }, seats: [t] });
    }
  }
  // Circular financing.
  const unwind = played.find((s) => s.events.some((e) => e.kind === 'circularUnwind'));
  const hit = unwind ? unwind.events.filter((e) => e.kind === 'unwindHit' && e.seat).map((e) => e.seat as Ticker) : [];
  const vendorUsers = seats.filter((t) => played.some((s) => (s.companies[t]?.vendorDebtUsdM ?? 0) > 0));
  if (unwind) out.push({ id: 'circular', key: 'lesson.circularUnwind', params: { quarter: label(unwind.quarter - 1), seats: hit.join(', ') }, seats: hit });
  else if (vendorUsers.length > 0) out.push({ id: 'circular', key: 'lesson.circularExposure', params: { seats: vendorUsers.join(', ') }, seats: vendorUsers });
  // Scaling plateau: quality gained per training compute.
  const trainer = maxBy(seats, (t) => played.reduce((a, s) => a + (s.companies[t]?.lastOrders?.ops.trainingBps ?? 0) * (s.companies[t]?.report.computeUnits ?? 0), 0));
  if (trainer) {
    const q0 = first.companies[trainer.item]?.qualityBps ?? 0;
    const q1 = last.companies[trainer.item]?.qualityBps ?? 0;
    out.push({ id: 'plateau', key: 'lesson.plateau', params: { seat: trainer.item, fromBps: q0, toBps: q1 }, seats: [trainer.item] });
  }
  // SaaS spiral.
  out.push({ id: 'saas', key: 'lesson.saas', params: { changeBps: tsrBps(last.market.SAAS.priceCents, last.market.SAAS.startPriceCents), qualityBps: last.world.avgQualityBps }, seats: [] });
  // Road-builders (F17): suppliers' return against the players' average.
  const players = seats.length > 0 ? Math.round(seats.reduce((a, t) => a + tsrOf(last, t), 0) / seats.length) : 0;
  const suppliers = MARKET_TICKERS.filter((m) => m === 'NVDA' || m === 'TSM' || m === 'UTIL' || m === 'AVGO');
  const supplierTsr = Math.round(suppliers.reduce((a, m) => a + tsrBps(last.market[m].priceCents, last.market[m].startPriceCents), 0) / suppliers.length);
  out.push({ id: 'roadBuilders', key: supplierTsr > players ? 'lesson.roadBuilders' : 'lesson.roadBuildersNot', params: { playersBps: players, suppliersBps: supplierTsr }, seats: [] });
  return out;
}

function tsrOf(s: GameState, t: Ticker): number {
  const c = s.companies[t];
  return c ? tsrBps(c.priceCents, c.startPriceCents) : 0;
}
