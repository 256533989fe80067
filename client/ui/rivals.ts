/**
 * Rivals: every company's public KPIs (score against par and the return it is made of first: what the
 * ranking counts) and, after each resolution, the orders it played.
 */
import { formatBps, formatChangeBps, isZero, formatMw, formatPriceCents, formatScoreBps, formatUsdM, t, type Orders, type PlayerView } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import { ranking } from '../model/view-models.js';
import { h, kv, replace } from './dom.js';

function ordersSummary(o: Orders): HTMLElement {
  const L = locale();
  const energyMw = o.energy.reduce((a, e) => a + e.mw, 0);
  return h('dl', { class: 'kvs small' },
    kv(t(L, 'chip.merchant'), formatUsdM(o.chips.merchantUsdM, L)),
    kv(t(L, 'chip.secondSource'), formatUsdM(o.chips.secondSourceUsdM, L)),
    kv(t(L, 'chip.custom'), formatUsdM(o.chips.customUsdM, L)),
    kv(tr('ui.desk.energy'), formatMw(energyMw, L)),
    kv(tr('ui.desk.talentBid'), formatUsdM(o.talentBidUsdM, L)),
    kv(tr('ui.desk.licensedData'), formatUsdM(o.data.licensedUsdM, L)),
    kv(tr('ui.desk.borrow'), formatUsdM(o.finance.borrowUsdM, L)),
    kv(tr('ui.desk.vendor'), formatUsdM(o.finance.vendorFinancingUsdM, L)),
    kv(tr('ui.desk.cloud'), formatBps(o.ops.cloudBps)),
    kv(tr('ui.desk.pricing'), o.ops.pricing === 'flat' ? tr('ui.desk.pricingFlat') : tr('ui.desk.pricingUsage')),
    kv(tr('ui.desk.guidanceNext'), formatUsdM(o.guidanceCapexUsdM, L)));
}

/** The colour of a signed change: none when it shows as 0.0%. */
function toneOf(bps: number): 'good' | 'bad' | 'muted' {
  return isZero(formatChangeBps(bps)) ? 'muted' : bps > 0 ? 'good' : 'bad';
}

/** Renders the rivals table. */
export function renderRivals(root: HTMLElement, view: PlayerView): void {
  const L = locale();
  const cols = ['ui.rivals.company', 'ui.rivals.scoreReturn', 'ui.kpi.stock', 'ui.rivals.capBacklog', 'ui.rivals.cashDebt', 'ui.rivals.guidance', 'ui.rivals.qualityPower'];
  // In ranking order (the engine's: by score), so the table doubles as the standings.
  const rows = ranking(view).map((r) => r.ticker).map((s) => {
    const c = view.companies[s];
    if (!c) return null;
    const powered = Object.values(c.poweredMwByRegion).reduce((a: number, b) => a + (b ?? 0), 0);
    const move = c.report.priceMoveBps;
    const two = (top: string, bottom: string, cls = 'muted', test?: string): HTMLElement =>
      h('td', { class: 'num' }, top, h('br'), h('small', { class: cls, 'data-test': test, text: bottom }));
    return h('tr', { class: s === view.seat ? 'mine' : '', 'data-ticker': s },
      h('th', { scope: 'row', title: t(L, `company.${s}`) }, s, c.distressed ? h('span', { class: 'tag bad', text: tr('ui.rivals.distressed') }) : null),
      two(formatScoreBps(c.report.scoreBps, L), formatChangeBps(c.returnBps), toneOf(c.returnBps), 'rival-score'),
      two(formatPriceCents(c.priceCents, L), formatChangeBps(move), toneOf(move), 'rival-change'),
      two(formatUsdM(c.marketCapUsdM, L), formatUsdM(c.backlogUsdM, L)),
      two(formatUsdM(c.cashUsdM, L), formatUsdM(c.debtUsdM, L)),
      two(formatUsdM(c.guidanceCapexUsdM, L), formatUsdM(c.consensusCapexUsdM, L)),
      two(formatBps(c.qualityBps), formatMw(powered, L)));
  });
  const revealed = view.seats.filter((s) => s !== view.seat).map((s) => {
    const o = view.companies[s]?.revealedOrders;
    return h('details', { class: 'revealed' }, h('summary', { text: tr('ui.rivals.revealed', { company: t(L, `company.${s}`) }) }),
      o ? ordersSummary(o) : h('p', { class: 'muted', text: tr('ui.rivals.notYet') }));
  });
  replace(root,
    h('h2', { text: tr('ui.rivals.title') }),
    h('div', { class: 'scroll-x' }, h('table', { class: 'table compact', 'data-test': 'rivals' },
      h('thead', {}, h('tr', {}, ...cols.map((k) => h('th', { scope: 'col', text: tr(k) })))),
      h('tbody', {}, ...rows))),
    h('h3', { text: tr('ui.rivals.revealedTitle') }),
    ...revealed);
}
