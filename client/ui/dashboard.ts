/**
 * Company dashboard: cash, debt, capacity (installed / powered / idle), model quality, revenue by
 * self-use vs cloud, margins, stock, and the quarterly report with what happened and why.
 */
import { formatBps, formatChangeBps, formatCount, formatMw, formatPriceCents, formatUsdM, getScenario, type PlayerView } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import { eventText, kpis, moveReasons, quarterLabel } from '../model/view-models.js';
import { h, kv, replace, sourceNote } from './dom.js';

/** Renders the viewer's own company (or a notice for spectators). */
export function renderDashboard(root: HTMLElement, view: PlayerView): void {
  const L = locale();
  const me = view.me;
  if (!me) return replace(root, h('p', { class: 'muted', text: tr('ui.dash.spectator') }));
  const k = kpis(me);
  const r = me.report;
  const def = getScenario(view.scenarioId).companies.find((c) => c.ticker === me.ticker);
  const reasons = moveReasons(r.moveReasons, L);
  const ledger = Object.entries(r.ledger).filter(([, v]) => v !== 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const mine = view.events.filter((e) => e.quarter === view.quarter - 1 && e.seat === me.ticker);
  replace(root,
    h('h2', { text: tr('ui.dash.title', { company: tr(`company.${me.ticker}`) }) }),
    h('dl', { class: 'kvs kpis', 'data-test': 'kpis' },
      kv(tr('ui.kpi.cash'), formatUsdM(k.cashUsdM, L)),
      kv(tr('ui.kpi.debt'), formatUsdM(k.debtUsdM, L)),
      kv(tr('ui.kpi.chips'), formatMw(k.chipMw, L)),
      kv(tr('ui.kpi.powered'), formatMw(k.poweredMw, L)),
      kv(tr('ui.kpi.waiting'), formatMw(k.waitingMw, L)),
      kv(tr('ui.kpi.idle'), formatMw(k.idleChipMw, L), { class: k.idleChipMw > 0 ? 'kv warn' : 'kv' }),
      kv(tr('ui.kpi.quality'), formatBps(k.qualityBps)),
      kv(tr('ui.kpi.researchers'), formatCount(k.researchers)),
      kv(tr('ui.kpi.stock'), `${formatPriceCents(k.priceCents, L)} (${formatChangeBps(k.priceMoveBps)})`),
      kv(tr('ui.kpi.tsr'), formatChangeBps(k.tsrBps))),
    def ? sourceNote(tr('ui.why'), Object.entries(def.sources).slice(0, 6).map(([f, s]) => `${f}: ${s}`).join(' · ')) : null,
    r.quarter < 0 ? h('p', { class: 'muted', text: tr('ui.dash.noReport') }) : h('section', { class: 'report' },
      h('h3', { text: tr('ui.dash.report', { quarter: quarterLabel(view.scenarioId, r.quarter) }) }),
      h('dl', { class: 'kvs' },
        kv(tr('ui.kpi.revenue'), formatUsdM(r.revenueUsdM, L)),
        kv(tr('ui.kpi.selfUse'), formatUsdM(r.selfUseRevenueUsdM, L)),
        kv(tr('ui.kpi.cloudRev'), formatUsdM(r.cloudRevenueUsdM, L)),
        kv(tr('ui.kpi.core'), formatUsdM(r.coreRevenueUsdM, L)),
        kv(tr('ui.kpi.netIncome'), formatUsdM(r.netIncomeUsdM, L)),
        kv(tr('ui.kpi.netMargin'), formatBps(k.netMarginBps)),
        kv(tr('ui.kpi.cloudMargin'), formatBps(r.cloudMarginBps)),
        kv(tr('ui.kpi.fcf'), formatUsdM(r.freeCashFlowUsdM, L)),
        kv(tr('ui.kpi.capex'), formatUsdM(r.capexUsdM, L)),
        kv(tr('ui.kpi.energyCost'), formatUsdM(r.energyCostUsdM, L)),
        kv(tr('ui.kpi.inferenceCost'), formatUsdM(r.inferenceCostUsdM, L)),
        kv(tr('ui.kpi.depreciation'), formatUsdM(r.depreciationUsdM, L))),
      h('h4', { text: tr('ui.dash.why', { move: r.priceMoveBps }) }),
      h('ul', { class: 'reasons', 'data-test': 'move-reasons' }, ...reasons.map((x) =>
        h('li', { class: x.bps < 0 ? 'down' : 'up', 'data-reason': x.reason }, h('span', { text: x.text }), ' ', h('strong', { text: x.change })))),
      h('h4', { text: tr('ui.dash.happened') }),
      h('ul', { class: 'events' }, ...(mine.length ? mine.map((e) => h('li', { text: eventText(e, L) })) : [h('li', { class: 'muted', text: tr('ui.dash.nothing') })])),
      h('details', {}, h('summary', { text: tr('ui.dash.ledger') }),
        h('dl', { class: 'kvs' }, ...ledger.map(([line, v]) => kv(tr(`ui.ledger.${line}`), formatUsdM(v, L)))))));
}
