/**
 * Order variants for `--sensitivity` (issue 13) and `--ablate` (ablate.ts): each takes the orders a bot planned for a seat and
 * changes one order field in one way (e.g. "pricing: flat", "talent bid ×3"), keeping the result
 * within the seat's funds. A variant is named by an id so worker threads can look it up.
 */
import { applyBps, mulDiv, checkOrders, defaultOrders, energyCapexUsdM, fitBuyback, fundingOf, getScenario, MAX_PROJECT_MW, MAX_PROJECTS, model, orderContextOfView, TICKERS, type EnergyOrder, type OrderContext, type EnergySource, type Orders, type PlayerView, type RegionId, type Ticker } from '../../shared/index.js';
import { dataNeedAndHeld } from '../../shared/engine/phases/models.js';

/** One way of changing one field. */
export interface Variant {
  /** The order field it studies (docs/orders.md names). */
  field: string;
  /** The option it plays. */
  option: string;
  apply(o: Orders, view: PlayerView): Orders;
  /** The option never borrows: when the seat is short, its plan is scaled down instead (applyVariant). */
  noCredit?: boolean;
  /**
   * The option changes only what the seat announces: its bot plans its spending as if its own
   * guidance were in force (run.ts), so the study measures the announcement, not a new spending level.
   */
  plansOnOwnGuidance?: boolean;
  /** Only for `--ablate` (ablate.ts): left out of the sensitivity study's options. */
  ablationOnly?: boolean;
}

const scale = (x: number, num: number, den: number): number => Math.floor((x * num) / den);

function copyOrders(o: Orders): Orders {
  return JSON.parse(JSON.stringify(o)) as Orders;
}

/** All projects moved to one source (nuclear projects below the minimum are merged or dropped). */
function toSource(o: Orders, view: PlayerView, source: EnergySource): Orders {
  const out = copyOrders(o);
  if (source !== 'nuclear') {
    for (const e of out.energy) e.source = source;
    return out;
  }
  const K = constantsFor(view);
  let mw = 0;
  for (const e of out.energy) mw += e.mw;
  out.energy = [];
  const region = (o.energy[0]?.region ?? 'us-texas') as RegionId;
  while (mw >= K.nuclearMinMw && out.energy.length < MAX_PROJECTS) {
    const chunk = Math.min(mw, MAX_PROJECT_MW);
    out.energy.push({ region, source: 'nuclear', mw: chunk, cooling: 'liquid' });
    mw -= chunk;
  }
  return out;
}

/** The scenario's constants for a view's game. */
function constantsFor(view: PlayerView): model.Constants {
  return model.constantsOf(getScenario(view.scenarioId));
}

/** Regions ranked by a rule, leading chips allowed. */
function regionsBy(view: PlayerView, rule: 'wait' | 'price' | 'latency'): RegionId[] {
  const sc = getScenario(view.scenarioId);
  return sc.regions
    .filter((r) => !r.leadingChipsBarred && view.regions[r.id].exportBanQ === 0)
    .map((r) => {
      const live = view.regions[r.id];
      const wait = Math.max(live.queueQuarters, Math.floor(live.queueMw / Math.max(1, live.capMw)));
      const key = rule === 'wait' ? wait * 1_000 + live.priceUsdPerMwh : rule === 'price' ? live.priceUsdPerMwh * 100 + wait : r.latencyMs * 1_000 + wait;
      return { id: r.id, key };
    })
    .sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1))
    .map((x) => x.id);
}

function toRegions(o: Orders, view: PlayerView, rule: 'wait' | 'price' | 'latency'): Orders {
  const out = copyOrders(o);
  const ranked = regionsBy(view, rule);
  out.energy = out.energy.map((e: EnergyOrder, i: number) => ({ ...e, region: ranked[i % Math.min(3, ranked.length)] ?? e.region }));
  return out;
}

/** The best rival model to license by public quality. */
function bestRival(view: PlayerView): Ticker | 'LAB' {
  let best: Ticker | 'LAB' = 'LAB';
  let q = 0;
  for (const t of TICKERS) {
    const c = view.companies[t];
    if (!c || t === view.seat || c.licensedFrom !== null) continue;
    if (c.qualityBps > q) {
      best = t;
      q = c.qualityBps;
    }
  }
  return best;
}

/**
 * What licensing enough human data for this quarter's planned training would cost ($M): the models
 * phase's own need and holding (`dataNeedAndHeld`, at last quarter's compute and this quarter's training
 * share, the holding after this quarter's decay), at the market's price.
 */
function dataGapUsdM(o: Orders, view: PlayerView): number {
  if (!view.me) return 0;
  const K = constantsFor(view);
  const held = view.me.humanData - applyBps(view.me.humanData, K.dataDecayBps);
  const { need, effective } = dataNeedAndHeld(held, o.data.syntheticBps, scale(view.me.report.computeUnits, o.ops.trainingBps, 10_000), K.dataPerUnit);
  return scale(Math.max(0, need - effective), view.world.dataPriceUsdK, 1_000);
}

/**
 * Cash the seat holds beyond what its planned orders spend (the validator's own sum, `fundingOf`) and a
 * reserve of half a quarter's revenue ($M): what it could hand back or repay without touching its plan.
 */
function spareCashUsdM(o: Orders, view: PlayerView): number {
  const ctx = orderContextOfView(view);
  if (!view.me || !ctx) return 0;
  const reserve = scale(view.me.report.revenueUsdM, 1, 2);
  return Math.max(0, view.me.cashUsdM - fundingOf(ctx, o).spendUsdM - reserve);
}

/**
 * What a plan spends beyond what the seat can pay without credit ($M; negative: to spare): the validator's
 * own sum (`fundingOf`) less its cash, new shares and vendor money.
 */
function creditNeededUsdM(ctx: OrderContext, o: Orders, cashUsdM: number): number {
  return fundingOf(ctx, o).spendUsdM - (Math.max(0, cashUsdM) + o.finance.equityUsdM + o.finance.vendorFinancingUsdM);
}

/**
 * Cuts a plan to what the seat can pay without credit (its cash, new shares and vendor money; the
 * revolver would otherwise draw itself): chips first (merchant, second-source, custom), then power
 * projects from the last, then talent and data.
 */
function fitCash(o: Orders, view: PlayerView): void {
  const ctx = orderContextOfView(view);
  if (!view.me || !ctx) return;
  const K = constantsFor(view);
  const cash = view.me.cashUsdM;
  const short = (): number => creditNeededUsdM(ctx, o, cash);
  for (const type of ['merchantUsdM', 'secondSourceUsdM', 'customUsdM'] as const) {
    const cut = Math.min(o.chips[type], Math.max(0, short()));
    o.chips[type] -= cut;
    if (type === 'merchantUsdM') o.finance.vendorFinancingUsdM = Math.min(o.finance.vendorFinancingUsdM, applyBps(o.chips.merchantUsdM, K.vendorFinancingMaxBps));
  }
  while (short() > 0 && o.energy.length > 0) o.energy.pop();
  for (const cut of [(x: Orders) => { x.talentBidUsdM = 0; }, (x: Orders) => { x.data.licensedUsdM = 0; }, (x: Orders) => { x.finance.buybackUsdM = 0; x.finance.repayUsdM = 0; }]) {
    if (short() > 0) cut(o);
  }
}

function capBuyback(o: Orders, view: PlayerView): void {
  const ctx = orderContextOfView(view);
  if (ctx) fitBuyback(ctx, o);
}

/** Twenty more points of the bot's split to one use, taken from the other two in proportion. */
function tilt(o: Orders, to: 'trainingBps' | 'selfUseBps' | 'cloudBps'): Orders {
  const out = copyOrders(o);
  const add = Math.min(2_000, 10_000 - out.ops[to]);
  const [a, b] = (['trainingBps', 'selfUseBps', 'cloudBps'] as const).filter((k) => k !== to) as ['trainingBps' | 'selfUseBps' | 'cloudBps', 'trainingBps' | 'selfUseBps' | 'cloudBps'];
  const rest = out.ops[a] + out.ops[b];
  const fromA = rest > 0 ? mulDiv(out.ops[a], add, rest) : scale(add, 1, 2);
  out.ops[a] -= fromA;
  out.ops[b] -= add - fromA;
  out.ops[to] += add;
  return out;
}

function edit(f: (o: Orders, view: PlayerView) => void): (o: Orders, view: PlayerView) => Orders {
  return (o, view) => {
    const out = copyOrders(o);
    f(out, view);
    return out;
  };
}

/** The variants, by id. */
export const VARIANTS: Readonly<Record<string, Variant>> = Object.freeze({
  'merchant-x0': { field: 'chips.merchantUsdM', option: '×0', apply: edit((o) => { o.chips.merchantUsdM = 0; o.finance.vendorFinancingUsdM = 0; }) },
  'merchant-x05': { field: 'chips.merchantUsdM', option: '×0.5', apply: edit((o) => { o.chips.merchantUsdM = scale(o.chips.merchantUsdM, 1, 2); o.finance.vendorFinancingUsdM = Math.min(o.finance.vendorFinancingUsdM, scale(o.chips.merchantUsdM, 1, 2)); }) },
  'merchant-x2': { field: 'chips.merchantUsdM', option: '×2', apply: edit((o) => { o.chips.merchantUsdM *= 2; }) },
  'second-all': { field: 'chips.secondSourceUsdM', option: 'all GPUs second-source', apply: edit((o) => { o.chips.secondSourceUsdM += o.chips.merchantUsdM; o.chips.merchantUsdM = 0; o.finance.vendorFinancingUsdM = 0; }) },
  'second-none': { field: 'chips.secondSourceUsdM', option: 'no second-source', apply: edit((o) => { o.chips.merchantUsdM += o.chips.secondSourceUsdM; o.chips.secondSourceUsdM = 0; }) },
  'custom-none': { field: 'chips.customUsdM', option: 'no custom chips', apply: edit((o) => { o.chips.merchantUsdM += o.chips.customUsdM; o.chips.customUsdM = 0; }) },
  'program-build': { field: 'customProgramUsdM', option: 'fund the program', apply: edit((o, v) => { if (v.me && v.me.customProgram.readyQ === null) o.customProgramUsdM = Math.max(o.customProgramUsdM, constantsFor(v).customProgramMinUsdM); }) },
  'program-none': { field: 'customProgramUsdM', option: 'no program', apply: edit((o) => { o.customProgramUsdM = 0; }) },
  'energy-x0': { field: 'energy', option: '×0', apply: edit((o) => { o.energy = []; }) },
  'energy-x2': { field: 'energy', option: '×2', apply: edit((o) => { o.energy = [...o.energy, ...o.energy].slice(0, MAX_PROJECTS); }) },
  'source-grid': { field: 'energy.source', option: 'grid', apply: (o, v) => toSource(o, v, 'grid') },
  'source-gas': { field: 'energy.source', option: 'gas', apply: (o, v) => toSource(o, v, 'gas') },
  'source-renewables': { field: 'energy.source', option: 'renewables', apply: (o, v) => toSource(o, v, 'renewables') },
  'source-nuclear': { field: 'energy.source', option: 'nuclear', apply: (o, v) => toSource(o, v, 'nuclear') },
  'region-wait': { field: 'energy.region', option: 'shortest wait', apply: (o, v) => toRegions(o, v, 'wait') },
  'region-price': { field: 'energy.region', option: 'cheapest power', apply: (o, v) => toRegions(o, v, 'price') },
  'region-latency': { field: 'energy.region', option: 'nearest customers', apply: (o, v) => toRegions(o, v, 'latency') },
  'cooling-air': { field: 'energy.cooling', option: 'air', apply: edit((o) => { for (const e of o.energy) e.cooling = 'air'; }) },
  'cooling-liquid': { field: 'energy.cooling', option: 'liquid', apply: edit((o) => { for (const e of o.energy) e.cooling = 'liquid'; }) },
  'talent-x0': { field: 'talentBidUsdM', option: '×0', apply: edit((o) => { o.talentBidUsdM = 0; }) },
  'talent-x3': { field: 'talentBidUsdM', option: '×3', apply: edit((o) => { o.talentBidUsdM *= 3; }) },
  'data-x0': { field: 'data.licensedUsdM', option: '×0', apply: edit((o) => { o.data.licensedUsdM = 0; }) },
  'data-x3': { field: 'data.licensedUsdM', option: '×3', apply: edit((o) => { o.data.licensedUsdM *= 3; }) },
  'data-cover': { field: 'data.licensedUsdM', option: 'cover what training needs', apply: edit((o, v) => { o.data.licensedUsdM = Math.max(o.data.licensedUsdM, dataGapUsdM(o, v)); }) },
  'synthetic-0': { field: 'data.syntheticBps', option: '0%', apply: edit((o) => { o.data.syntheticBps = 0; }) },
  'synthetic-30': { field: 'data.syntheticBps', option: '30%', apply: edit((o) => { o.data.syntheticBps = 3_000; }) },
  'synthetic-60': { field: 'data.syntheticBps', option: '60%', apply: edit((o) => { o.data.syntheticBps = 6_000; }) },
  // Borrowing is a choice only with what it pays for: never borrow (the plan shrinks to the cash), or
  // borrow to build a quarter more — chips and the power to run them, in the plan's proportions (a
  // debt-funded build-out, within the credit headroom; chips alone would wait for power). It borrows what
  // the larger plan needs beyond the seat's cash, by the validator's own sum (`fundingOf`), not a share of
  // what it orders: the foundry often fills a fraction of a chip order, and debt taken for chips that
  // never come sits as cash paying the spread (an earlier version borrowed $1.2T that way for Amazon).
  // Half as much again was best nowhere even so: in a boom the foundry rations, and half as much again
  // ordered brought Amazon a sixth more chips at the boom's premium (docs/balance.md).
  'borrow-none': { field: 'finance.borrowUsdM', option: 'never borrow (the plan shrinks to the cash)', noCredit: true, apply: edit((o, v) => { o.finance.borrowUsdM = 0; fitCash(o, v); }) },
  'borrow-build': { field: 'finance.borrowUsdM', option: 'borrow to build 25% more (chips and power)', apply: edit((o, v) => {
    const ctx = orderContextOfView(v);
    if (!v.me || !ctx) return;
    const built = o.chips.merchantUsdM + o.chips.secondSourceUsdM + o.chips.customUsdM + energyCapexUsdM(v.scenarioId, o);
    if (built <= 0) return;
    for (const type of ['merchantUsdM', 'secondSourceUsdM', 'customUsdM'] as const) o.chips[type] = scale(o.chips[type], 5, 4);
    for (const e of o.energy) e.mw = Math.min(MAX_PROJECT_MW, scale(e.mw, 5, 4));
    o.finance.borrowUsdM = Math.max(o.finance.borrowUsdM, Math.min(fundingOf(ctx, o).headroomUsdM, creditNeededUsdM(ctx, o, v.me.cashUsdM)));
  }) },
  // Handing cash back never borrows to do it (applyVariant would otherwise draw credit to pay for it).
  'repay-deleverage': { field: 'finance.repayUsdM', option: 'deleverage: repay a tenth of debt a quarter, nothing borrowed or bought back, the plan cut to afford it', noCredit: true, apply: edit((o, v) => {
    if (!v.me) return;
    o.finance.borrowUsdM = 0;
    o.finance.buybackUsdM = 0;
    o.finance.repayUsdM = Math.max(o.finance.repayUsdM, Math.min(scale(v.me.debtUsdM, 1, 10), Math.max(0, v.me.cashUsdM)));
    fitCash(o, v);
  }) },
  'repay-fifth': { field: 'finance.repayUsdM', option: 'repay 20% of debt (spare cash allowing)', apply: edit((o, v) => { if (v.me) o.finance.repayUsdM = Math.max(o.finance.repayUsdM, Math.min(scale(v.me.debtUsdM, 1, 5), spareCashUsdM(o, v))); }) },
  'repay-all': { field: 'finance.repayUsdM', option: 'repay all debt spare cash allows', apply: edit((o, v) => { if (v.me) o.finance.repayUsdM = Math.max(o.finance.repayUsdM, Math.min(v.me.debtUsdM, spareCashUsdM(o, v))); }) },
  'equity-2pct': { field: 'finance.equityUsdM', option: 'issue 2% of market value', apply: edit((o, v) => { if (v.me) o.finance.equityUsdM = scale(v.me.priceCents * v.me.sharesM, 2, 10_000); }) },
  'buyback-x0': { field: 'finance.buybackUsdM', option: '×0', apply: edit((o) => { o.finance.buybackUsdM = 0; }) },
  // Buybacks only from net cash (the order rule, fitBuyback).
  'buyback-5pct': { field: 'finance.buybackUsdM', option: 'return 5% of cash (spare cash allowing)', apply: edit((o, v) => { if (v.me) o.finance.buybackUsdM += Math.min(scale(Math.max(0, v.me.cashUsdM), 1, 20), spareCashUsdM(o, v)); capBuyback(o, v); }) },
  'buyback-all': { field: 'finance.buybackUsdM', option: 'return all spare cash', apply: edit((o, v) => { o.finance.buybackUsdM += Math.max(0, spareCashUsdM(o, v) - o.finance.repayUsdM); capBuyback(o, v); }) },
  'vendor-max': { field: 'finance.vendorFinancingUsdM', option: 'maximum', apply: edit((o, v) => { o.finance.vendorFinancingUsdM = applyBps(o.chips.merchantUsdM, constantsFor(v).vendorFinancingMaxBps); }) },
  'vendor-none': { field: 'finance.vendorFinancingUsdM', option: 'none', apply: edit((o) => { o.finance.vendorFinancingUsdM = 0; }) },
  // The split moved from the bot's own, like every other option (a fixed split for every company would
  // rewrite its business: Amazon told to sell a tenth of its compute).
  'tilt-training': { field: 'ops split', option: '+20 points to training', apply: (o) => tilt(o, 'trainingBps') },
  'tilt-self': { field: 'ops split', option: '+20 points to self-use', apply: (o) => tilt(o, 'selfUseBps') },
  'tilt-cloud': { field: 'ops split', option: '+20 points to cloud', apply: (o) => tilt(o, 'cloudBps') },
  'pricing-usage': { field: 'ops.pricing', option: 'usage', apply: edit((o) => { o.ops.pricing = 'usage'; }) },
  'pricing-flat': { field: 'ops.pricing', option: 'flat', apply: edit((o) => { o.ops.pricing = 'flat'; }) },
  'lab-0': { field: 'ops.labBidMw', option: 'no lab bids', apply: edit((o) => { o.ops.labBidMw = 0; }) },
  'lab-30pct': { field: 'ops.labBidMw', option: '30% of powered MW', apply: edit((o, v) => { if (v.me) o.ops.labBidMw = scale(v.me.report.poweredMw, 3, 10); }) },
  'license-none': { field: 'licenseFrom', option: 'none', apply: edit((o) => { o.licenseFrom = null; }) },
  'license-lab': { field: 'licenseFrom', option: 'the AI lab', apply: edit((o) => { o.licenseFrom = 'LAB'; }) },
  'license-rival': { field: 'licenseFrom', option: 'the best rival', apply: edit((o, v) => { o.licenseFrom = bestRival(v); }) },
  // What the seat announces, its spending unchanged (plansOnOwnGuidance): sandbagging reserves fewer
  // foundry slots (the rest at spot: dearer in a boom, cheaper in a glut); over-promising reserves more
  // (served first at list, take-or-pay on what goes unused); either way a missed guidance costs
  // credibility and a higher rate on debt.
  'guide-x05': { field: 'guidanceCapexUsdM', option: '×0.5 (spending as planned)', plansOnOwnGuidance: true, apply: edit((o) => { o.guidanceCapexUsdM = scale(o.guidanceCapexUsdM, 1, 2); }) },
  'guide-x15': { field: 'guidanceCapexUsdM', option: '×1.5 (spending as planned)', plansOnOwnGuidance: true, apply: edit((o) => { o.guidanceCapexUsdM = Math.min(2_000_000, scale(o.guidanceCapexUsdM, 3, 2)); }) },
  'chips-x0': { field: 'chips', option: 'no chips of any kind', ablationOnly: true, apply: edit((o) => { o.chips = { merchantUsdM: 0, secondSourceUsdM: 0, customUsdM: 0 }; o.finance.vendorFinancingUsdM = 0; }) },
  'ops-ready': { field: 'ops', option: 'the split, pricing and lab bid of a seat that only says it is ready', ablationOnly: true, apply: edit((o, v) => { const ctx = orderContextOfView(v); if (ctx) o.ops = { ...defaultOrders(ctx).ops }; }) },
  'guide-x2': { field: 'guidanceCapexUsdM', option: '×2 (spending as planned)', plansOnOwnGuidance: true, apply: edit((o) => { o.guidanceCapexUsdM = Math.min(2_000_000, o.guidanceCapexUsdM * 2); }) },
});

/**
 * A variant's orders kept within the seat's funds: the variant as is if the server's checks pass;
 * else with borrowing up to the credit headroom; else its chips, power, talent and data scaled down
 * (halved up to three times); else the bot's own orders.
 */
export function applyVariant(id: string, planned: Orders, view: PlayerView): Orders {
  const v = VARIANTS[id];
  const ctx = orderContextOfView(view);
  if (!v || !ctx || !view.me) return planned;
  let o = v.apply(planned, view);
  if (checkOrders(ctx, o).length === 0) return o;
  const K = constantsFor(view);
  const headroom = model.creditHeadroomUsdM(K, view.me.lastEbitdaUsdM, view.me.debtUsdM, view.me.revolverUsdM, view.me.distressed);
  o = copyOrders(o);
  if (!v.noCredit) o.finance.borrowUsdM = Math.max(o.finance.borrowUsdM, headroom);
  for (let i = 0; i < 4; i += 1) {
    if (checkOrders(ctx, o).length === 0) return o;
    o.chips.merchantUsdM = scale(o.chips.merchantUsdM, 1, 2);
    o.chips.secondSourceUsdM = scale(o.chips.secondSourceUsdM, 1, 2);
    o.chips.customUsdM = scale(o.chips.customUsdM, 1, 2);
    o.finance.vendorFinancingUsdM = Math.min(o.finance.vendorFinancingUsdM, applyBps(o.chips.merchantUsdM, K.vendorFinancingMaxBps));
    o.energy = o.energy.filter((_, k) => k % 2 === 0);
    o.talentBidUsdM = scale(o.talentBidUsdM, 1, 2);
    o.data.licensedUsdM = scale(o.data.licensedUsdM, 1, 2);
    o.finance.buybackUsdM = 0;
    o.finance.repayUsdM = 0;
  }
  if (checkOrders(ctx, o).length === 0) return o;
  if (!v.noCredit) return planned;
  // An option that never borrows, still short: nothing new bought this quarter (the bot's plan would borrow).
  const idle = copyOrders(o);
  idle.chips = { merchantUsdM: 0, secondSourceUsdM: 0, customUsdM: 0 };
  idle.finance.vendorFinancingUsdM = 0;
  idle.energy = [];
  idle.talentBidUsdM = 0;
  idle.data.licensedUsdM = 0;
  idle.customProgramUsdM = 0;
  return checkOrders(ctx, idle).length === 0 ? idle : planned;
}
