/**
 * Company dashboard: where the company stands (its score against par, the return it is made of, its
 * guidance credibility), cash, debt, capacity (installed / powered / idle), model quality, revenue by
 * self-use vs cloud, margins, stock, the quarterly report with what happened and why (write-offs and
 * foundry rationing named), and the shared markets every player's orders move.
 */
import { formatBps, formatChangeBps, formatCount, formatMw, formatPriceCents, formatScoreBps, formatUsdK, formatUsdM, getScenario, parAt, worldIndexBps, type PlayerView } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import { eventText, kpis, labBookWhileDeciding, levelName, moveReasons, quarterLabel } from '../model/view-models.js';
import { h, kv, replace, sourceNote } from './dom.js';

/** Renders the viewer's own company (or a notice for spectators). */
export function renderDashboard(root: HTMLElement, view: PlayerView): void {
  const L = locale();
  const me = view.me;
  if (!me) return replace(root, h('p', { class: 'muted', text: tr('ui.dash.spectator') }));
  const k = kpis(me, view.scenarioId);
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
      kv(tr('ui.kpi.staffed'), tr('ui.kpi.staffedValue', { share: formatBps(k.staffedBps), perGw: formatCount(k.researchersPerGw) }),
        { class: k.staffedBps < 8_000 ? 'kv warn' : 'kv', title: tr('ui.kpi.staffedWhy'), 'data-test': 'kpi-staffed' }),
      kv(tr('ui.kpi.stock'), `${formatPriceCents(k.priceCents, L)} (${formatChangeBps(k.priceMoveBps)})`),
      kv(tr('ui.kpi.tsr'), formatChangeBps(k.tsrBps))),
    standing(view),
    labs(view),
    def ? sourceNote(tr('ui.why.sources'), Object.entries(def.sources).slice(0, 6).map(([f, s]) => `${f}: ${s}`).join(' · ')) : null,
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
        kv(tr('ui.kpi.depreciation'), formatUsdM(r.depreciationUsdM, L)),
        kv(tr('ui.kpi.writeOffs'), formatUsdM(r.writeOffsUsdM, L), { class: r.writeOffsUsdM > 0 ? 'kv warn' : 'kv' }),
        kv(tr('ui.kpi.chipsDelivered'), `${formatMw(r.chipsAllocatedMw, L)} / ${formatMw(r.chipsOrderedMw, L)}`, { class: r.chipsAllocatedMw < r.chipsOrderedMw ? 'kv warn' : 'kv' }),
        kv(tr('ui.kpi.cloudServed'), r.cloudDemandUnits > 0 ? formatBps(10_000 - r.unmetCloudBps) : '—')),
      ...notes(view),
      h('h4', { text: tr('ui.dash.why', { move: r.priceMoveBps }) }),
      h('ul', { class: 'reasons', 'data-test': 'move-reasons' }, ...reasons.map((x) =>
        h('li', { class: x.bps < 0 ? 'down' : 'up', 'data-reason': x.reason }, h('span', { text: x.text }), ' ', h('strong', { text: x.change })))),
      h('h4', { text: tr('ui.dash.happened') }),
      h('ul', { class: 'events' }, ...(mine.length ? mine.map((e) => h('li', { text: eventText(e, L) })) : [h('li', { class: 'muted', text: tr('ui.dash.nothing') })])),
      h('details', {}, h('summary', { text: tr('ui.dash.ledger') }),
        h('dl', { class: 'kvs' }, ...ledger.map(([line, v]) => kv(tr(`ui.ledger.${line}`), formatUsdM(v, L)))))),
    market(view));
}

/**
 * Where the company stands: the score the ranking counts (return to fundamental value against the
 * company's par, in points of its usual swing), the return it is made of, the par, and the market's
 * belief in its guidance — each with the rule behind it.
 */
function standing(view: PlayerView): HTMLElement | null {
  const me = view.me;
  const pub = me ? view.companies[me.ticker] : undefined;
  if (!me || !pub) return null;
  const L = locale();
  const def = getScenario(view.scenarioId).companies.find((c) => c.ticker === me.ticker);
  // The par of this game's world so far (the average monetization of the quarters played).
  const par = def ? parAt(def.par[view.parLevel], view.quarterCount, worldIndexBps(view.world, view.quarter)) : null;
  const tone = (v: number): string => (v < 0 ? 'kv bad' : v > 0 ? 'kv good' : 'kv');
  return h('section', { class: 'standing', 'data-test': 'standing' },
    h('h3', { text: tr('ui.dash.standing') }),
    h('dl', { class: 'kvs' },
      kv(tr('ui.kpi.score'), formatScoreBps(me.report.scoreBps, L), { class: tone(me.report.scoreBps), 'data-test': 'score' }),
      kv(tr('ui.kpi.return'), formatChangeBps(pub.returnBps), { class: tone(pub.returnBps) }),
      // Par and swing for a game of this length (the score's yardstick at the end).
      par ? kv(tr('ui.kpi.par', { level: levelName(view.parLevel, L) }), `${formatChangeBps(par.parBps)} ± ${formatBps(par.swingBps)}`) : null,
      kv(tr('ui.kpi.fundamental'), formatUsdM(me.report.fundamentalUsdM, L)),
      kv(tr('ui.kpi.credibility'), formatBps(me.credibilityBps), { class: me.credibilityBps < 5_000 ? 'kv warn' : 'kv', 'data-test': 'credibility' })),
    sourceNote(tr('ui.why.score'), tr('ui.dash.scoreNote', { level: levelName(view.parLevel, L) })),
    sourceNote(tr('ui.why.credibility'), tr('ui.dash.credibilityNote')));
}

/**
 * The company's AI-lab contracts: those in force, and a backlog still to start (Oracle's), each with the
 * capacity the lab will want free when it starts — what it cannot get then it buys elsewhere.
 */
function labs(view: PlayerView): HTMLElement | null {
  const me = view.me;
  if (!me || me.labContracts.length === 0) return null;
  const L = locale();
  const b = labBookWhileDeciding(me, view.quarter);
  return h('section', { class: 'labs', 'data-test': 'lab-contracts' },
    h('h3', { text: tr('ui.dash.labs') }),
    h('dl', { class: 'kvs' },
      kv(tr('ui.dash.labsInForce', { count: b.inForce.count }), `${formatMw(b.inForce.mw, L)} · ${tr('ui.dash.perQuarter', { usd: b.inForce.usdMPerQuarter })}`),
      ...b.pending.map((p) => kv(tr('ui.dash.labsFrom', { quarter: quarterLabel(view.scenarioId, p.startsQ) }),
        `${formatMw(p.mw, L)} · ${tr('ui.dash.perQuarter', { usd: p.usdMPerQuarter })} · ${tr('ui.dash.labsQuarters', { n: p.quarters })}`, { 'data-test': 'lab-backlog' })),
      kv(tr('ui.dash.labsPromised'), `${formatMw(b.promisedMw, L)} / ${formatMw(b.chipMw, L)}`, { class: b.promisedMw > b.chipMw ? 'kv warn' : 'kv' })),
    b.pending.length > 0 ? sourceNote(tr('ui.why.labs'), tr('ui.dash.labsNote')) : null);
}

/** The quarter's rationing and write-offs in words (the report's figures, named). */
function notes(view: PlayerView): HTMLElement[] {
  const r = view.me?.report;
  if (!r) return [];
  const out: HTMLElement[] = [];
  if (r.chipsAllocatedMw < r.chipsOrderedMw) out.push(h('p', { class: 'warn', 'data-test': 'rationed', text: tr('ui.dash.rationed', { got: r.chipsAllocatedMw, asked: r.chipsOrderedMw }) }));
  if (r.writeOffsUsdM > 0) out.push(h('p', { class: 'warn', 'data-test': 'write-offs', text: tr('ui.dash.writeOffsLine', { usd: r.writeOffsUsdM }) }));
  return out;
}

/** The shared markets every player's orders move: cloud, foundry, turbines, talent, labs. */
function market(view: PlayerView): HTMLElement {
  const L = locale();
  const w = view.world;
  const vsList = (bps: number): string => formatChangeBps(bps - 10_000);
  return h('section', { class: 'market', 'data-test': 'world-market' },
    h('h3', { text: tr('ui.dash.market') }),
    h('dl', { class: 'kvs' },
      kv(tr('ui.world.cloudPrice'), formatUsdK(Math.round(w.cloudPriceUsd / 1_000), L), { 'data-test': 'cloud-price' }),
      kv(tr('ui.world.cloudTightness'), formatBps(w.cloudTightnessBps)),
      kv(tr('ui.world.monetization'), formatBps(w.monetizationBps)),
      kv(tr('ui.world.foundry'), vsList(w.foundryPriceBps), { class: w.foundryPriceBps > 12_000 ? 'kv warn' : 'kv' }),
      kv(tr('ui.world.turbines'), vsList(w.turbinePriceBps)),
      kv(tr('ui.world.talent'), formatUsdK(w.talentPriceUsdK, L)),
      kv(tr('ui.world.labPrice'), vsList(w.labPriceBps))),
    sourceNote(tr('ui.why'), tr('ui.dash.marketNote')));
}
