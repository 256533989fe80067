/**
 * The results moment after a quarter resolves: the stock's move and why, what came online, what sat
 * idle, the quarter's headlines and the player's own news, a few figures against the quarter
 * before, and what the map animates (deliveries from the foundry, power coming online, queues
 * moving). Built from the view before and after (plain data, unit-tested). Data-driven: an event
 * kind goes to a section by `EVENT_SECTIONS` (unknown kinds land in "also this quarter", rendered
 * by their message key), a figure is a row of `RESULT_FIGURES`, a move reason is labelled by
 * `reasonText` — new mechanics show up by adding rows and strings.
 */
import {
  formatChangeBps, formatMw, formatPriceCents, formatScoreBps, isZero, formatUsdM, formatUsdMChange, formatBps, quarterLabel, t,
  type CompanyState, type GameEvent, type Locale, type PlayerView, type RegionId,
} from '../../shared/index.js';
import { eventText, moveReasons } from './view-models.js';

/** Sections of the results moment an event can go to. */
export type ResultSection = 'online' | 'idle' | 'mine' | 'headline';

/** Where each event kind goes (the viewer's own events; headlines of others always go to 'headline'). */
export const EVENT_SECTIONS: Readonly<Record<string, ResultSection>> = {
  powerOnline: 'online',
  chipsDelivered: 'online',
  programReady: 'online',
  chipsIdle: 'idle',
};

/** One figure of the quarter with its change. */
export interface ResultFigure {
  id: string;
  label: string;
  value: string;
  change: string;
  tone: 'plain' | 'good' | 'bad';
}

type FigureRow = { id: string; now: (me: CompanyState) => number; format: 'usd' | 'mw' | 'bps' | 'score'; higherIsBetter: boolean };

/** The figures the moment lists (a new one is a row plus a `ui.results.fig.<id>` string). */
export const RESULT_FIGURES: readonly FigureRow[] = [
  { id: 'score', now: (c) => c.report.scoreBps, format: 'score', higherIsBetter: true },
  { id: 'revenue', now: (c) => c.report.revenueUsdM, format: 'usd', higherIsBetter: true },
  { id: 'netIncome', now: (c) => c.report.netIncomeUsdM, format: 'usd', higherIsBetter: true },
  { id: 'cash', now: (c) => c.cashUsdM, format: 'usd', higherIsBetter: true },
  { id: 'powered', now: (c) => c.report.poweredMw, format: 'mw', higherIsBetter: true },
  { id: 'idle', now: (c) => c.report.idleChipMw, format: 'mw', higherIsBetter: false },
  { id: 'quality', now: (c) => c.qualityBps, format: 'bps', higherIsBetter: true },
  { id: 'credibility', now: (c) => c.credibilityBps, format: 'bps', higherIsBetter: true },
  { id: 'writeOffs', now: (c) => c.report.writeOffsUsdM, format: 'usd', higherIsBetter: false },
];

/** What the map plays during the moment. */
export interface MapAnimation {
  /** Chips shipped from the foundry to the viewer's powered regions. */
  deliveries: { region: RegionId; mw: number }[];
  /** Power that came online ("+200 MW"). */
  online: { region: RegionId; mw: number; text: string }[];
  /** Grid queues that moved (quarters; "Q11 → Q10"). */
  queues: { region: RegionId; from: number; to: number; text: string }[];
}

/** Everything the moment shows. */
export interface ResultsModel {
  quarter: number;
  title: string;
  price: { before: string; after: string; move: string; tone: 'good' | 'bad' | 'plain' } | null;
  reasons: { reason: string; text: string; change: string; tone: 'good' | 'bad' }[];
  online: string[];
  idle: string[];
  mine: string[];
  headlines: string[];
  figures: ResultFigure[];
  animation: MapAnimation;
}

function formatFigure(v: number, kind: FigureRow['format'], L: Locale): string {
  return kind === 'usd' ? formatUsdM(v, L) : kind === 'mw' ? formatMw(v, L) : kind === 'score' ? formatScoreBps(v, L) : formatBps(v);
}

function formatDelta(d: number, kind: FigureRow['format'], L: Locale): string {
  if (kind === 'usd') return formatUsdMChange(d, L);
  if (kind === 'bps') return formatChangeBps(d);
  if (kind === 'score') return formatScoreBps(d, L);
  const text = formatMw(Math.abs(d), L);
  return d > 0 ? `+${text}` : d < 0 ? `-${text}` : text;
}

/** Whether the map has anything to play. */
export function hasAnimation(a: MapAnimation): boolean {
  return a.deliveries.length + a.online.length + a.queues.length > 0;
}

/** The moment after `view` resolved the quarter `prev` was playing (null when there is nothing to show). */
export function resultsOf(prev: PlayerView | null, view: PlayerView, L: Locale): ResultsModel | null {
  const me = view.me;
  if (!me || me.report.quarter < 0 || (prev && prev.quarter >= view.quarter)) return null;
  const q = me.report.quarter;
  const events = view.events.filter((e) => e.quarter === q);
  const mineEvents = events.filter((e) => e.seat === view.seat);
  const section = (e: GameEvent): ResultSection => (e.seat === view.seat ? (EVENT_SECTIONS[e.kind] ?? 'mine') : 'headline');
  const stock = (e: GameEvent): boolean => e.kind === 'stockRose' || e.kind === 'stockFell';
  const list = (s: ResultSection): string[] => events
    .filter((e) => (e.headline || e.seat === view.seat) && section(e) === s && !(e.seat === view.seat && stock(e)))
    // Rivals' stock moves last: the ticker shows them too.
    .sort((a, b) => Number(stock(a)) - Number(stock(b)))
    .map((e) => eventText(e, L));
  const before = prev?.me ?? null;
  const move = me.report.priceMoveBps;
  const figures = RESULT_FIGURES.map((row): ResultFigure => {
    const now = row.now(me);
    const d = before ? now - row.now(before) : 0;
    const better = row.higherIsBetter ? d > 0 : d < 0;
    // A change too small to show ("0.0%") is left out.
    const change = before ? formatDelta(d, row.format, L) : '';
    const shown = !isZero(change);
    return {
      id: row.id, label: t(L, `ui.results.fig.${row.id}`), value: formatFigure(now, row.format, L),
      change: shown ? change : '', tone: shown ? (better ? 'good' : 'bad') : 'plain',
    };
  });
  // The map: chips delivered (or installed since last quarter) go to the regions where the viewer has power, by powered MW.
  const shipped = mineEvents.filter((e) => e.kind === 'chipsDelivered').reduce((a, e) => a + Number(e.params['mw'] ?? 0), 0);
  const delivered = Math.max(shipped, before ? me.report.chipMw - before.report.chipMw : 0);
  const sites = (Object.entries(view.companies[me.ticker]?.poweredMwByRegion ?? {}) as [RegionId, number][]).filter(([, mw]) => mw > 0);
  const sitesMw = sites.reduce((a, [, mw]) => a + mw, 0);
  const deliveries = delivered > 0 && sitesMw > 0 ? sites.map(([region, mw]) => ({ region, mw: Math.max(1, Math.round((delivered * mw) / sitesMw)) })) : [];
  const online = mineEvents.filter((e) => e.kind === 'powerOnline' && e.region).map((e) => {
    const mw = Number(e.params['mw'] ?? 0);
    return { region: e.region as RegionId, mw, text: `+${formatMw(mw, L)}` };
  });
  const q2 = t(L, 'ui.map.queueShort');
  const queues = prev
    ? (Object.keys(view.regions) as RegionId[]).filter((r) => prev.regions[r].queueQuarters !== view.regions[r].queueQuarters)
      .map((r) => ({ region: r, from: prev.regions[r].queueQuarters, to: view.regions[r].queueQuarters, text: `${q2}${prev.regions[r].queueQuarters} → ${q2}${view.regions[r].queueQuarters}` }))
    : [];
  return {
    quarter: q,
    title: t(L, 'ui.results.title', { label: quarterLabel(view.scenarioId, q) }),
    price: before
      ? { before: formatPriceCents(before.priceCents, L), after: formatPriceCents(me.priceCents, L), move: formatChangeBps(move), tone: move > 0 ? 'good' : move < 0 ? 'bad' : 'plain' }
      : { before: '', after: formatPriceCents(me.priceCents, L), move: formatChangeBps(move), tone: move > 0 ? 'good' : move < 0 ? 'bad' : 'plain' },
    reasons: moveReasons(me.report.moveReasons, L).map((r) => ({ reason: r.reason, text: r.text, change: r.change, tone: r.bps < 0 ? 'bad' : 'good' })),
    online: list('online'),
    idle: list('idle').length > 0 ? list('idle') : me.report.idleChipMw > 0 ? [t(L, 'ui.results.idleLine', { mw: me.report.idleChipMw })] : [],
    mine: list('mine'),
    headlines: list('headline').slice(0, 8),
    figures,
    animation: { deliveries, online, queues },
  };
}
