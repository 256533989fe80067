/**
 * End of game: the engine's ranking (score against par, with the return it is made of and the stock's
 * own return beside it), players vs suppliers (the road-builders),
 * per-quarter charts and the link to the replay.
 */
import { MARKET_TICKERS, formatChangeBps, formatMw, formatScoreBps, formatUsdM, getScenario, quarterLabel, t, type HistoryFigures } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import { store } from '../model/store.js';
import { changeBps, levelName, ranking, snapshotLabel, supplierReturns } from '../model/view-models.js';
import { resultsOf } from '../model/results.js';
import { hookMark } from '../test-hook.js';
import { colorAt, lineChart } from './charts.js';
import { renderResults } from './results-moment.js';
import { h, replace } from './dom.js';

/** Renders the end screen; `replayHref` points at the stored replay. */
export function renderEnd(root: HTMLElement, replayHref: string | null, onHome: () => void): void {
  const s = store.get();
  const view = s.view;
  const L = locale();
  if (!view) return;
  const rows = ranking(view);
  const board = view.board ?? null;
  const suppliers = supplierReturns(view);
  const home = h('button', { type: 'button', text: tr('ui.end.home') });
  home.addEventListener('click', onHome);
  const charts = h('div', { class: 'charts' });
  // The last quarter's results moment leads the end screen (the map is gone: nothing to animate).
  const last = s.resultsOpen && s.resolved ? resultsOf(s.resolved.before, s.resolved.after, L) : null;
  const moment = h('section', { class: 'card results', 'data-test': 'results', 'aria-labelledby': 'results-h', hidden: !last });
  const closeMoment = (): void => {
    moment.hidden = true;
    hookMark('results', false);
    store.set({ resultsOpen: false });
  };
  if (last) renderResults(moment, last, false, { close: closeMoment, report: closeMoment, skip: () => undefined }, true);
  hookMark('results', last !== null);
  replace(root,
    moment,
    h('section', { class: 'card' },
      h('h1', { text: tr('ui.end.title') }),
      // A short game's final standings come a moment after its last quarter (the server plays the board's years).
      !board && view.quarter < getScenario(view.scenarioId).defaultQuarters
        ? h('p', { 'data-test': 'board-pending', class: 'muted', role: 'status', text: tr('ui.end.boardPending', { end: quarterLabel(view.scenarioId, getScenario(view.scenarioId).defaultQuarters - 1) }) })
        : null,
      board ? h('p', { 'data-test': 'board-years', text: tr('ui.end.board', { bell: quarterLabel(view.scenarioId, board.fromQuarter - 1), end: quarterLabel(view.scenarioId, board.toQuarter - 1), n: board.toQuarter - board.fromQuarter, level: levelName(view.parLevel, L) }) }) : null,
      h('div', { class: 'scroll-x' }, h('table', { class: 'table', 'data-test': 'ranking' },
        h('thead', {}, h('tr', {}, ...[
          h('th', { scope: 'col', text: tr('ui.end.rank') }), h('th', { scope: 'col', text: tr('ui.rivals.company') }),
          h('th', { scope: 'col', text: board ? tr('ui.end.scoreAt', { end: quarterLabel(view.scenarioId, board.toQuarter - 1) }) : tr('ui.end.score') }),
          h('th', { scope: 'col', text: board ? tr('ui.end.at', { what: tr('ui.end.return'), when: quarterLabel(view.scenarioId, board.toQuarter - 1) }) : tr('ui.end.return') }),
          board ? h('th', { scope: 'col', text: tr('ui.end.scoreAtBell', { bell: quarterLabel(view.scenarioId, board.fromQuarter - 1) }) }) : null,
          // The stock's return and value are the market's when play stopped: the boards' years have no market.
          ...['ui.end.stockTsr', 'ui.kpi.marketCap'].map((k) => h('th', { scope: 'col', text: board ? tr('ui.end.at', { what: tr(k), when: quarterLabel(view.scenarioId, board.fromQuarter - 1) }) : tr(k) }))])),
        h('tbody', {}, ...rows.map((r) => h('tr', { class: r.mine ? 'mine' : '', 'data-ticker': r.ticker },
          h('td', { text: String(r.rank) }), h('th', { scope: 'row', text: t(L, `company.${r.ticker}`) }),
          h('td', { class: r.scoreBps < 0 ? 'num bad' : 'num good', 'data-test': 'score', text: formatScoreBps(r.scoreBps, L) }),
          h('td', { class: r.returnBps < 0 ? 'num bad' : 'num good', text: formatChangeBps(r.returnBps) }),
          r.bellScoreBps !== null ? h('td', { class: 'num muted', 'data-test': 'bell-score', text: formatScoreBps(r.bellScoreBps, L) }) : null,
          h('td', { class: r.tsrBps < 0 ? 'num bad' : 'num good', text: formatChangeBps(r.tsrBps) }), h('td', { class: 'num', text: formatUsdM(r.marketCapUsdM, L) })))))),
      h('p', { class: 'muted small', text: tr('ui.end.scoreNote', { level: levelName(view.parLevel, L) }) }),
      h('h2', { text: tr('ui.end.suppliers') }),
      h('table', { class: 'table' },
        h('tbody', {}, ...suppliers.map((x) => h('tr', {}, h('th', { scope: 'row', text: t(L, `ticker.${x.symbol}`) }), h('td', { class: x.returnBps < 0 ? 'num bad' : 'num good', text: formatChangeBps(x.returnBps) }))))),
      h('p', { class: 'lesson', text: tr('ui.end.lesson') }),
      h('p', {}, replayHref ? h('a', { href: replayHref, 'data-test': 'replay-link', text: tr('ui.end.replay') }) : null, ' ', home)),
    charts);
  const hist = s.history;
  const xs = hist.map((x) => snapshotLabel(view.scenarioId, x.quarter, L));
  const base = hist[0];
  const ret = (sym: string): (number | null)[] => hist.map((x) => {
    const p = x.priceCents[sym as keyof typeof x.priceCents];
    const b = base?.priceCents[sym as keyof typeof x.priceCents];
    return p === undefined || b === undefined ? null : changeBps(p, b) / 100;
  });
  const pct = (v: number): string => formatChangeBps(Math.round(v * 100));
  const drawCharts = async (): Promise<void> => {
    if (board) {
      // The board's years, quarter by quarter: how each company's build-out paid off after play stopped.
      const boardXs = board.path.map((_, i) => quarterLabel(view.scenarioId, board.fromQuarter - 1 + i));
      await lineChart(charts, tr('ui.end.chartBoard', { bell: boardXs[0] ?? '', end: boardXs.at(-1) ?? '' }), boardXs,
        view.seats.map((sym, i) => ({ label: sym, values: board.path.map((p) => (p[sym] ?? 0) / 100), color: colorAt(i) })), pct);
    }
    await lineChart(charts, tr('ui.end.chartPlayersVsSuppliers'), xs, [
      ...view.seats.map((sym, i) => ({ label: sym, values: ret(sym), color: colorAt(i) })),
      ...MARKET_TICKERS.map((sym, i) => ({ label: sym, values: ret(sym), color: colorAt(view.seats.length + i) })),
    ], pct);
    if (view.me) {
      const me = view.me.ticker;
      const fig = (k: keyof HistoryFigures): (number | null)[] => hist.map((x) => x.companies[me]?.[k] ?? null);
      await lineChart(charts, tr('ui.end.chartRevenue'), xs, [
        { label: tr('ui.kpi.selfUse'), values: fig('selfUseRevenueUsdM'), color: colorAt(1) },
        { label: tr('ui.kpi.cloudRev'), values: fig('cloudRevenueUsdM'), color: colorAt(2) },
      ], (v) => formatUsdM(v, L));
      await lineChart(charts, tr('ui.end.chartCapacity'), xs, [
        { label: tr('ui.kpi.powered'), values: fig('poweredMw'), color: colorAt(1) },
        { label: tr('ui.kpi.idle'), values: fig('idleChipMw'), color: colorAt(3) },
      ], (v) => formatMw(Math.round(v), L));
    }
  };
  drawCharts().catch((e: unknown) => {
    charts.append(h('p', { class: 'muted', 'data-test': 'chart-error', text: String(e) }));
  });
}
