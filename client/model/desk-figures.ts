/**
 * What the desk's live preview shows for a draft: cash and credit after it, MW online next quarter
 * and when the rest comes, compute next quarter, idle chips and guidance credibility after the
 * quarter. Figures are rows of a table (`PREVIEW_FIGURES`): a new figure is one more row and one
 * more `ui.desk.fig.<id>` string, not a change to the desk. Values come from the engine's preview
 * (`previewDraft`: validateOrders, fundingOf, projectCapacity, projectCredibilityBps) and the
 * engine's lead times.
 */
import {
  formatBps, formatMw, formatUsdM, getScenario, model, quarterLabel, t,
  type Locale, type Orders, type PlayerView,
} from '../../shared/index.js';
import type { Preview } from './draft.js';

/** One row of the preview. */
export interface Figure {
  id: string;
  label: string;
  value: string;
  tone: 'plain' | 'good' | 'warn' | 'bad';
  /** A second line (when, what). */
  note: string;
}

/** What a figure is computed from. */
export interface FigureInput {
  view: PlayerView;
  draft: Orders;
  preview: Preview;
  locale: Locale;
}

type Row = { id: string; value: (x: FigureInput) => Omit<Figure, 'id' | 'label'> | null };

/** MW coming online in each later quarter: projects already waiting plus this draft's (engine lead times, before queues fill). */
export function powerTimeline(view: PlayerView, draft: Orders): { quarter: number; mw: number }[] {
  const me = view.me;
  if (!me) return [];
  const sc = getScenario(view.scenarioId);
  const K = model.constantsOf(sc);
  const by = new Map<number, number>();
  const add = (q: number, mw: number): void => { by.set(q, (by.get(q) ?? 0) + mw); };
  for (const p of me.projects) add(Math.max(view.quarter + 1, p.earliestQ), p.mw);
  for (const e of draft.energy) {
    add(view.quarter + Math.max(1, model.energyLeadQ(K, model.regionDef(sc, e.region), view.regions[e.region].queueQuarters, e.source)), e.mw);
  }
  return [...by].map(([quarter, mw]) => ({ quarter, mw })).sort((a, b) => a.quarter - b.quarter);
}

/** The preview's rows, in order. */
export const PREVIEW_FIGURES: readonly Row[] = [
  { id: 'cashAfter', value: ({ preview: p, locale: L }) => ({ value: formatUsdM(p.projectedCashUsdM, L), tone: p.projectedCashUsdM < 0 ? 'bad' : 'plain', note: '' }) },
  {
    id: 'creditAfter',
    value: ({ preview: p, draft, locale: L }) => {
      const left = p.headroomUsdM - draft.finance.borrowUsdM;
      return { value: formatUsdM(left, L), tone: left < 0 ? 'bad' : 'plain', note: '' };
    },
  },
  {
    id: 'online',
    value: ({ view, draft, preview: p, locale: L }) => {
      const later = powerTimeline(view, draft).filter((x) => x.quarter > view.quarter + 1).slice(0, 3);
      const note = later.map((x) => `${quarterLabel(view.scenarioId, x.quarter)} +${formatMw(x.mw, L)}`).join(' · ');
      return { value: formatMw(p.projectedPoweredMw, L), tone: 'plain', note: note ? t(L, 'ui.desk.fig.later', { list: note }) : '' };
    },
  },
  { id: 'compute', value: ({ preview: p, locale: L }) => ({ value: formatMw(Math.max(0, p.projectedChipMw - p.projectedIdleMw), L), tone: 'plain', note: t(L, 'ui.desk.fig.computeNote', { chips: formatMw(p.projectedChipMw, L) }) }) },
  { id: 'idle', value: ({ preview: p, locale: L }) => ({ value: formatMw(p.projectedIdleMw, L), tone: p.projectedIdleMw > 0 ? 'warn' : 'good', note: p.projectedIdleMw > 0 ? t(L, 'ui.desk.fig.idleNote') : '' }) },
  {
    // Guidance credibility after this quarter (GAME.md "Guidance"): capex that misses the guidance in force costs it.
    id: 'credibility',
    value: ({ preview: p, locale: L }) => {
      const d = p.credibilityBps - p.credibilityNowBps;
      const note = d === 0 ? '' : t(L, d < 0 ? 'ui.desk.fig.credibilityDown' : 'ui.desk.fig.credibilityUp', { now: p.credibilityNowBps, d });
      return { value: formatBps(p.credibilityBps), tone: d < 0 ? 'warn' : p.credibilityBps < 5_000 ? 'warn' : 'plain', note };
    },
  },
];

/** The preview's figures for a draft (rows with nothing to show are left out). */
export function deskFigures(x: FigureInput): Figure[] {
  const out: Figure[] = [];
  for (const row of PREVIEW_FIGURES) {
    const v = row.value(x);
    if (v) out.push({ id: row.id, label: t(x.locale, `ui.desk.fig.${row.id}`), ...v });
  }
  return out;
}
