/**
 * View-models: plain data the scenes and screens draw, computed from the authoritative PlayerView
 * and the scenario. No rules here — only selection, grouping and labelling of engine figures.
 */
import {
  MARKET_TICKERS, REGION_IDS, SHOWN_BPS_STEP, formatChangeBps, formatPriceCents, formatUsdPerMwh, getScenario, model, quarterLabel as sharedQuarterLabel, rankByScore, ratioBps, shownBps, t, table,
  type CompanyState, type GameEvent, type Level, type Locale, type MarketTicker, type PlayerView, type RegionId, type Ticker,
} from '../../shared/index.js';

/** One region marker on the map. */
export interface RegionMarker {
  id: RegionId;
  name: string;
  lon: number;
  lat: number;
  priceUsdPerMwh: number;
  queueQuarters: number;
  queueMw: number;
  capMw: number;
  waterStressBps: number;
  /** Active event flags this quarter. */
  flags: RegionFlag[];
  /** The viewer's powered and waiting MW here (0 for spectators). */
  myPoweredMw: number;
  myWaitingMw: number;
  /** Quarters until the viewer's next waiting project here may come online (null: none). */
  myNextOnlineInQ: number | null;
  /** Rivals' public powered MW here (sorted by ticker). */
  rivals: { ticker: Ticker; mw: number }[];
  /** The marker's label on the map: power price and grid queue ("$70/MWh · Q10"). */
  label: string;
  /** The viewer's powered / waiting MW here ('' when none). */
  mineLabel: string;
}

export type RegionFlag = 'heat' | 'water' | 'outage' | 'export';

/** Everything the map scene draws. */
export interface MapModel {
  regions: RegionMarker[];
  selected: RegionId | null;
}

/** One entry of the scrolling ticker band. */
export interface TickerItem {
  symbol: Ticker | MarketTicker;
  priceCents: number;
  changeBps: number;
  /** The price and the change as every screen writes them ("$224.30", "+1.2%"). */
  priceText: string;
  changeText: string;
  player: boolean;
  mine: boolean;
}

/** Everything the ticker scene draws. */
export interface TickerModel {
  items: TickerItem[];
  headlines: string[];
}

/** "2026 Q3" from a 0-based quarter index (the engine's label). */
export const quarterLabel = sharedQuarterLabel;

/** A table level's name in the page's language ("normal", "普通"). */
export function levelName(level: Level, locale: Locale): string {
  return t(locale, `ui.difficulty.${level}`);
}

/**
 * How forgiving a seat is at a table of `level`, from its measured gap there (`seatGapBps`, bps of a
 * swing): the label's key and the note's text; null where the scenario has no measure.
 */
export function seatForgiveness(gapBps: number | null, level: Level, locale: Locale): { key: 'ui.seat.forgiving' | 'ui.seat.demanding' | 'ui.seat.veryDemanding'; text: string } | null {
  if (gapBps === null) return null;
  // Within half a swing of par a generic plan is fine; beyond a swing and a half only a fitted plan reaches par.
  const key = gapBps >= -5_000 ? 'ui.seat.forgiving' : gapBps >= -15_000 ? 'ui.seat.demanding' : 'ui.seat.veryDemanding';
  return { key, text: t(locale, 'ui.seat.note', { label: t(locale, key), score: gapBps, level: levelName(level, locale) }) };
}

/**
 * How much skill pays at a seat at a table of `level`, from the share of games a player as good as the hard
 * management wins there (`seatSkillWinsBps`): the label's key and the note's text; null where not measured
 * (hard tables, where that player is the par). A fair share is 1 in 7: up to a third of the games it pays
 * little, from three in five a lot.
 */
export function seatSkill(winsBps: number | null, level: Level, locale: Locale): { key: 'ui.seat.skillLittle' | 'ui.seat.skillSome' | 'ui.seat.skillLot'; text: string } | null {
  if (winsBps === null) return null;
  const key = winsBps < 3_334 ? 'ui.seat.skillLittle' : winsBps < 6_000 ? 'ui.seat.skillSome' : 'ui.seat.skillLot';
  return { key, text: t(locale, 'ui.seat.skillNote', { label: t(locale, key), share: winsBps, level: levelName(level, locale) }) };
}

/** The x label of a per-quarter snapshot taken when `quarter` quarters had resolved ("start" for 0). */
export function snapshotLabel(scenarioId: string, quarter: number, locale: Locale): string {
  return quarter <= 0 ? t(locale, 'ui.chart.start') : quarterLabel(scenarioId, quarter - 1);
}

/** Total powered MW of a company's site (the engine's own sum). */
function poweredOf(site: Parameters<typeof model.sitePoweredMw>[0]): number {
  return model.sitePoweredMw(site);
}

/** Change in basis points between two prices (0 when there is no previous price). */
export function changeBps(now: number, prev: number): number {
  return prev > 0 ? ratioBps(now - prev, prev) : 0;
}

/** The map model of a view. */
export function mapModel(view: PlayerView, locale: Locale, selected: RegionId | null = null): MapModel {
  const sc = getScenario(view.scenarioId);
  const me: CompanyState | null = view.me;
  const regions = REGION_IDS.map((id): RegionMarker => {
    const def = sc.regions.find((r) => r.id === id);
    const st = view.regions[id];
    const flags: RegionFlag[] = [];
    if (st.heatDerateBps > 0) flags.push('heat');
    if (st.waterRestrictBps > 0) flags.push('water');
    if (st.outageBps > 0) flags.push('outage');
    if (st.exportBanQ > 0 || def?.leadingChipsBarred) flags.push('export');
    const site = me?.sites[id];
    const waiting = (me?.projects ?? []).filter((p) => p.region === id);
    const next = waiting.length > 0 ? Math.min(...waiting.map((p) => p.earliestQ)) - view.quarter : null;
    const rivals = view.seats
      .filter((s) => s !== view.seat)
      .map((s) => ({ ticker: s, mw: view.companies[s]?.poweredMwByRegion[id] ?? 0 }))
      .filter((r) => r.mw > 0);
    const myPoweredMw = site ? poweredOf(site) : 0;
    const myWaitingMw = waiting.reduce((a, p) => a + p.mw, 0);
    return {
      id,
      name: t(locale, `region.${id}`),
      lon: (def?.lonX100 ?? 0) / 100,
      lat: (def?.latX100 ?? 0) / 100,
      priceUsdPerMwh: st.priceUsdPerMwh,
      queueQuarters: st.queueQuarters,
      queueMw: st.queueMw,
      capMw: st.capMw,
      waterStressBps: def?.waterStressBps ?? 0,
      flags,
      myPoweredMw,
      myWaitingMw,
      myNextOnlineInQ: next === null ? null : Math.max(0, next),
      rivals,
      label: `${formatUsdPerMwh(st.priceUsdPerMwh, locale)} · ${t(locale, 'ui.map.queueShort')}${st.queueQuarters}`,
      mineLabel: myPoweredMw > 0 || myWaitingMw > 0 ? t(locale, 'ui.map.mine', { powered: myPoweredMw, waiting: myWaitingMw }) : '',
    };
  });
  return {
    regions,
    selected,
  };
}

/** Headlines of the last resolved quarter (newest first), translated. */
export function headlines(view: PlayerView, locale: Locale, max = 12): string[] {
  const last = view.quarter - 1;
  return view.events
    .filter((e) => e.headline && e.quarter === last)
    .slice(0, max)
    .map((e) => eventText(e, locale));
}

/** The text of an event. */
export function eventText(e: GameEvent, locale: Locale): string {
  return t(locale, e.key, e.params);
}

/** The ticker model of a view: players first (by ticker), then the market tickers. */
export function tickerModel(view: PlayerView, locale: Locale): TickerModel {
  const items: TickerItem[] = [];
  for (const s of [...view.seats].sort()) {
    const c = view.companies[s];
    if (!c) continue;
    const move = c.report.priceMoveBps;
    items.push({ symbol: s, priceCents: c.priceCents, changeBps: move, priceText: formatPriceCents(c.priceCents, locale), changeText: formatChangeBps(move), player: true, mine: s === view.seat });
  }
  for (const m of MARKET_TICKERS) {
    const st = view.market[m];
    const move = changeBps(st.priceCents, st.prevPriceCents);
    items.push({ symbol: m, priceCents: st.priceCents, changeBps: move, priceText: formatPriceCents(st.priceCents, locale), changeText: formatChangeBps(move), player: false, mine: false });
  }
  return { items, headlines: headlines(view, locale) };
}

/** Headline KPIs of the viewer's own company. */
export interface Kpis {
  cashUsdM: number;
  debtUsdM: number;
  chipMw: number;
  poweredMw: number;
  waitingMw: number;
  idleChipMw: number;
  qualityBps: number;
  revenueUsdM: number;
  selfUseRevenueUsdM: number;
  cloudRevenueUsdM: number;
  netMarginBps: number;
  cloudMarginBps: number;
  priceCents: number;
  priceMoveBps: number;
  tsrBps: number;
  researchers: number;
  /** Researchers per GW of the chips held, and the share of their compute they can run (F10; the engine's staffing rule). */
  researchersPerGw: number;
  staffedBps: number;
}

/** KPIs of a company state (the viewer's own) in a game of the scenario. */
export function kpis(me: CompanyState, scenarioId: string): Kpis {
  const r = me.report;
  const powered = Object.values(me.sites).reduce((a, s) => a + (s ? poweredOf(s) : 0), 0);
  const chipMw = model.chipMw(me.chips);
  return {
    cashUsdM: me.cashUsdM,
    debtUsdM: me.debtUsdM + me.revolverUsdM,
    chipMw,
    poweredMw: powered,
    waitingMw: me.projects.reduce((a, p) => a + p.mw, 0),
    // Idle chips as the engine measured them (placement, cooling and export rules included).
    idleChipMw: r.idleChipMw,
    qualityBps: me.qualityBps,
    revenueUsdM: r.revenueUsdM,
    selfUseRevenueUsdM: r.selfUseRevenueUsdM,
    cloudRevenueUsdM: r.cloudRevenueUsdM,
    netMarginBps: ratioBps(r.netIncomeUsdM, r.revenueUsdM),
    cloudMarginBps: r.cloudMarginBps,
    priceCents: me.priceCents,
    priceMoveBps: r.priceMoveBps,
    tsrBps: model.tsrBps(me.priceCents, me.startPriceCents),
    researchers: me.researchers,
    researchersPerGw: model.researchersPerGw(me.researchers, chipMw),
    staffedBps: model.staffingBps(model.constantsOf(getScenario(scenarioId)), model.researchersPerGw(me.researchers, chipMw)),
  };
}

/** A company's lab contracts in a quarter (shared/engine/model.ts). */
export const labBook = model.labBook;
export type LabBook = model.LabBook;

/**
 * A company's lab contracts as the player sees them while deciding `quarter`: as of the last quarter
 * resolved, so a contract starting in the quarter being played shows as still to come (it is delivered as
 * that quarter resolves); at the start, the contracts in force from before the game are in force.
 */
export function labBookWhileDeciding(me: CompanyState, quarter: number): LabBook {
  return model.labBook(me, Math.max(0, quarter - 1));
}

/** One row of the ranking (the engine's: by score, see `scoreBpsOf`). */
export interface RankRow {
  rank: number;
  ticker: Ticker;
  /** Return against the company's par, in swings (bps of a swing: 10,000 = one swing above par). */
  scoreBps: number;
  /** Return to fundamental value per share (what the score is made of). */
  returnBps: number;
  /** The stock's total return (mood, sentiment and guidance included; not ranked). */
  tsrBps: number;
  marketCapUsdM: number;
  mine: boolean;
  /** After the board's years (`view.board`): the score when the players stopped, before the boards played on. */
  bellScoreBps: number | null;
}

/**
 * Players ranked as the engine ranks them (`ranking` in shared/engine/figures.ts): by the score of
 * their last public report, ties by ticker — or, once a game that stopped before its scenario's end is
 * over, by the final standings after the board's years (`view.board`, shared/board.ts), the bell's score beside.
 */
export function ranking(view: PlayerView): RankRow[] {
  const board = new Map((view.board?.rows ?? []).map((r) => [r.ticker, r]));
  const rows = view.seats
    .map((s) => ({ s, c: view.companies[s] }))
    .filter((x): x is { s: Ticker; c: NonNullable<typeof x.c> } => x.c !== undefined)
    .map(({ s, c }) => {
      const b = board.get(s);
      return {
        ticker: s, scoreBps: b?.scoreBps ?? c.report.scoreBps, returnBps: b?.returnBps ?? c.returnBps, tsrBps: c.report.tsrBps, marketCapUsdM: c.marketCapUsdM,
        mine: s === view.seat, bellScoreBps: b ? c.report.scoreBps : null,
      };
    });
  return rankByScore(rows).map((r, i) => ({ ...r, rank: i + 1 }));
}

/** Suppliers' total return since the start (bps), for the "road-builders" comparison. */
export function supplierReturns(view: PlayerView): { symbol: MarketTicker; returnBps: number }[] {
  return MARKET_TICKERS.map((m) => ({ symbol: m, returnBps: changeBps(view.market[m].priceCents, view.market[m].startPriceCents) }));
}

/**
 * The label of a stock-move reason (`report.moveReasons` key): `ui.reason.<key>` in the locale, or a
 * plain "other factors" when the engine reports a reason the tables do not know yet — never a raw key.
 * A new reason shows properly by adding its `ui.reason.<key>` string to both tables.
 */
export function reasonText(reason: string, locale: Locale): string {
  const key = `ui.reason.${reason}`;
  return key in table(locale) || key in table('en') ? t(locale, key) : t(locale, 'ui.reason.other');
}

/**
 * The move reasons of a report, largest effect first, with their label and signed text, adding up to the move shown.
 * The engine's reasons add up to the move exactly (shared/engine/phases/market.ts), but each shown to a tenth of a
 * percent (`shownBps`) they could miss it by a tenth or more (a -1.0% move explained by reasons adding up to -0.9%):
 * each reason is rounded on its own, then the tenths the roundings lost or gained against the move's own rounding go
 * back one at a time to the reasons whose exact value lies farthest beyond their shown one, in that direction
 * (largest remainder).
 * A reason is never shown with the other sign than its own; those shown as 0.0% are left out.
 */
export function moveReasons(reasons: Record<string, number>, locale: Locale): { reason: string; text: string; bps: number; change: string }[] {
  const entries = Object.entries(reasons).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
  const shown = entries.map(([, v]) => shownBps(v));
  const moved = entries.map(() => false);
  let gap = shownBps(entries.reduce((t, [, v]) => t + v, 0)) - shown.reduce((t, x) => t + x, 0);
  while (gap !== 0) {
    const dir = gap > 0 ? 1 : -1;
    // The reason not moved yet whose exact value lies farthest beyond its shown one in the gap's direction (the first of equals).
    let best = -1;
    let beyond = 0;
    for (let i = 0; i < entries.length; i += 1) {
      const b = dir * ((entries[i] as [string, number])[1] - (shown[i] as number));
      if (!moved[i] && b > beyond) [best, beyond] = [i, b];
    }
    // There always is one (the roundings to the nearest step leave more than the gap beyond them); kept as a guard.
    if (best < 0) break;
    shown[best] = (shown[best] as number) + dir * SHOWN_BPS_STEP;
    moved[best] = true;
    gap -= dir * SHOWN_BPS_STEP;
  }
  return entries.flatMap(([k, v], i) => (shown[i] === 0 ? [] : [{ reason: k, text: reasonText(k, locale), bps: v, change: formatChangeBps(shown[i] as number) }]));
}
