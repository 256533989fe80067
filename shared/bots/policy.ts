/**
 * A parameterised family of policies (issue 13: the adversarial search's space of play). A policy is
 * a fixed list of integer genes, each 0–1,000 (per mille of its range), decoded into plain rules:
 * how much to spend (a share of revenue, ramped over the game), how to split it among chips, energy,
 * talent and data, which chips, which power where, how to run the compute, how to price, guide,
 * finance and license. It reads only the seat's own PlayerView, like any bot, and always returns
 * orders that pass the server's checks (shrinking its spending, then holding, when they would not).
 *
 * The family is deliberately cruder than the named bots (no demand model): the search is looking for
 * simple plans that win, so simple plans must be expressible — including guiding above what it
 * spends, borrowing to the limit and never investing.
 */
import { completeOrders, emptyOrders } from '../engine/orders-base.js';
import { checkOrders, fitBuyback, MAX_PROJECT_MW, MAX_PROJECTS, orderContextOfView } from '../engine/orders.js';
import { applyBps, clamp, mulDiv } from '../engine/math.js';
import { energyUsdMPerMw, licenseFeeUsdM } from '../engine/model.js';
import { ENERGY_SOURCES, TICKERS, type EnergyOrder, type EnergySource, type Orders, type RegionId, type Ticker } from '../engine/types.js';
import type { PlayerView } from '../engine/view.js';
import { queueWaitQ, senseOf, type Situation } from './sense.js';
import { botOrders } from './index.js';
import { FIRST_YEAR_Q } from './sense.js';
import { NAMED_STRATEGIES, type BotStrategyId } from './profiles.js';
import type { RegionDef } from '../scenarios/types.js';

/** The genes, in order: name and what its 0–1,000 range means. */
export const POLICY_GENES = [
  ['base', 'play from scratch (first sixth), or from a named strategy’s hard plan bent by the other genes'],
  ['spend', 'capex a quarter: 0–100% of last quarter revenue (from a strategy: its chips and power × 0.25–2)'],
  ['ramp', 'change of that share per year: −20 to +20 points'],
  ['chips', 'weight of chips in capex'],
  ['energy', 'weight of energy in capex'],
  ['talent', 'weight of the talent bid in capex (×1/10)'],
  ['data', 'weight of licensed data in capex (×1/10)'],
  ['second', 'share of chip spend on second-source GPUs'],
  ['custom', 'fund the custom-silicon program (above 500) and then buy custom chips'],
  ['customShare', 'share of chip spend on custom chips once ready'],
  ['training', 'weight of training in the compute split'],
  ['selfUse', 'weight of self-use in the compute split'],
  ['cloud', 'weight of cloud in the compute split'],
  ['adaptive', 'move compute from cloud to self-use when cloud lost money (above 500)'],
  ['flat', 'flat cloud pricing (above 500), else usage'],
  ['labBid', 'lab bids: 0–50% of powered MW'],
  ['guide', 'guidance: 0.5–2.5 × the capex it plans for the next four quarters (or × the strategy’s)'],
  ['borrow', 'share of credit headroom it will draw when short of cash'],
  ['vendor', 'share of merchant chips financed by the vendor (0–50%)'],
  ['reserve', 'cash kept: 0–50% of a quarter of revenue'],
  ['buyback', 'share of cash above the reserve and the plan returned each quarter'],
  ['repay', 'share of cash above the reserve and the plan used to repay debt'],
  ['equity', 'new shares issued when short: 0–5% of market value'],
  ['license', 'model licence: none / the AI lab / the best rival (thirds)'],
  ['synthetic', 'synthetic share of training data: 0–60%'],
  ['grid', 'weight of grid power in new MW'],
  ['gas', 'weight of on-site gas'],
  ['renewables', 'weight of renewables + storage'],
  ['nuclear', 'weight of nuclear'],
  ['regions', 'where: shortest wait / cheapest power / nearest customers (thirds)'],
  ['spread', 'regions each source is spread over: 1–4'],
  ['liquid', 'share of new MW liquid-cooled'],
  ['endStop', 'quarters before the end it stops buying chips and power: 0–4'],
] as const;

/** One gene's name. */
export type GeneName = (typeof POLICY_GENES)[number][0];

/** A policy: one integer 0–1,000 per gene, in POLICY_GENES order. */
export type PolicyGenes = readonly number[];

/** Number of genes. */
export const GENE_COUNT = POLICY_GENES.length;

const INDEX: Readonly<Record<GeneName, number>> = Object.freeze(Object.fromEntries(POLICY_GENES.map(([name], i) => [name, i])) as Record<GeneName, number>);

/** A gene's value (0–1,000). */
export function gene(p: PolicyGenes, name: GeneName): number {
  return clamp(Math.round(p[INDEX[name]] ?? 500), 0, 1_000);
}

/** Whether a list is a valid policy (GENE_COUNT integers in 0–1,000). */
export function isPolicy(p: unknown): p is PolicyGenes {
  return Array.isArray(p) && p.length === GENE_COUNT && p.every((x) => Number.isSafeInteger(x) && x >= 0 && x <= 1_000);
}

/** Which third of its range a gene is in: 0 (low), 1 (middle: no change) or 2 (high). */
function thirdOf(p: PolicyGenes, name: GeneName): 0 | 1 | 2 {
  return gene(p, name) < 334 ? 0 : gene(p, name) < 667 ? 1 : 2;
}

/** Maps a gene to [lo, hi] (integers). */
function span(p: PolicyGenes, name: GeneName, lo: number, hi: number): number {
  return lo + mulDiv(hi - lo, gene(p, name), 1_000);
}

/** Splits `total` by integer weights (the last part takes the rounding). */
function splitBy(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  const out: number[] = [];
  let given = 0;
  for (let i = 0; i < weights.length; i += 1) {
    // Floor for all but the last part, which takes the rest (never negative).
    const part = i === weights.length - 1 ? total - given : sum > 0 ? Math.floor((total * (weights[i] as number)) / sum) : 0;
    out.push(part);
    given += part;
  }
  if (sum === 0) return weights.map(() => 0);
  return out;
}

/** Regions ranked by the policy's rule (shortest wait, cheapest power or nearest customers), ties by id. */
function rankRegions(s: Situation, mode: number, source: EnergySource): RegionId[] {
  const defs = s.sc.regions;
  const keyed: { id: RegionId; key: number }[] = [];
  for (let r = 0; r < defs.length; r += 1) {
    const def = defs[r] as RegionDef;
    const live = s.regionStates[r]!;
    if (def.leadingChipsBarred || live.exportBanQ > 0) continue;
    const wait = source === 'grid' ? queueWaitQ(live) : source === 'renewables' ? def.renewablesLeadQ : 0;
    const key = mode === 0 ? wait * 1_000 + live.priceUsdPerMwh : mode === 1 ? live.priceUsdPerMwh * 100 + wait : def.latencyMs * 1_000 + wait;
    keyed.push({ id: def.id, key });
  }
  keyed.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((x) => x.id);
}

/** New energy projects worth about `budgetUsdM`, by the policy's sources, regions and cooling. */
function energyOrders(s: Situation, p: PolicyGenes, budgetUsdM: number): EnergyOrder[] {
  const out: EnergyOrder[] = [];
  if (budgetUsdM <= 0) return out;
  const weights = ENERGY_SOURCES.map((src) => gene(p, src));
  const parts = splitBy(budgetUsdM, weights);
  const mode = Math.min(2, mulDiv(gene(p, 'regions'), 3, 1_000 + 1));
  const spread = span(p, 'spread', 1, 4);
  const liquidBps = span(p, 'liquid', 0, 10_000);
  for (let i = 0; i < ENERGY_SOURCES.length; i += 1) {
    const source = ENERGY_SOURCES[i] as EnergySource;
    const budget = parts[i] as number;
    if (budget <= 0) continue;
    const liquidPerMw = energyUsdMPerMw(s.K, source, 'liquid');
    const airPerMw = energyUsdMPerMw(s.K, source, 'air');
    const perMw = mulDiv(liquidPerMw * liquidBps + airPerMw * (10_000 - liquidBps), 1, 10_000);
    let mw = mulDiv(budget, 1, Math.max(1, perMw));
    if (source === 'nuclear' && mw < s.K.nuclearMinMw) continue;
    const regions = rankRegions(s, mode, source).slice(0, spread);
    for (let k = 0; k < regions.length && mw > 0; k += 1) {
      const share = k === regions.length - 1 ? mw : mulDiv(mw, 1, regions.length - k);
      const liquidMw = applyBps(share, liquidBps);
      for (const [cooling, amount] of [['liquid', liquidMw], ['air', share - liquidMw]] as const) {
        let left = amount;
        while (left > 0 && out.length < MAX_PROJECTS) {
          const chunk = Math.min(left, MAX_PROJECT_MW);
          if (source === 'nuclear' && chunk < s.K.nuclearMinMw) break;
          out.push({ region: regions[k] as RegionId, source, mw: chunk, cooling });
          left -= chunk;
        }
      }
      mw -= share;
    }
  }
  return out;
}

/** The best rival model to license (public quality), or the AI lab's. */
function bestRival(s: Situation): Ticker | 'LAB' {
  let best: Ticker | 'LAB' = 'LAB';
  let q = s.K.labQualityBps;
  for (const t of TICKERS) {
    const c = s.view.companies[t];
    if (!c || t === s.me.ticker || c.licensedFrom !== null) continue;
    if (c.qualityBps > q) {
      best = t;
      q = c.qualityBps;
    }
  }
  return best;
}

/** The orders a policy plans for this quarter (before the funding check); `scale` (bps) shrinks spending. */
export function planPolicy(s: Situation, p: PolicyGenes, scaleBps: number): Orders {
  const me = s.me;
  const quartersIn = s.quarter;
  const revenue = Math.max(1, s.revenueQUsdM);
  // Capex: a share of revenue, ramped by the year, shrunk on retry.
  const shareBps = clamp(span(p, 'spend', 0, 10_000) + mulDiv(span(p, 'ramp', -2_000, 2_000), quartersIn, 4), 0, 15_000);
  const ending = s.quartersLeft <= span(p, 'endStop', 0, 4);
  const capex = applyBps(applyBps(revenue, shareBps), scaleBps);
  const [chipsW, energyW, talentW, dataW] = [gene(p, 'chips'), gene(p, 'energy'), mulDiv(gene(p, 'talent'), 1, 10), mulDiv(gene(p, 'data'), 1, 10)];
  const [chipsUsd, energyUsd, talentUsd, dataUsd] = splitBy(capex, [chipsW, energyW, talentW, dataW]) as [number, number, number, number];
  // Chips: custom once ready, second source by its share, the rest merchant.
  const wantsCustom = gene(p, 'custom') > 500;
  const customReady = me.customProgram.readyQ !== null;
  const chipsNow = ending ? 0 : chipsUsd;
  const customUsd = wantsCustom && customReady ? applyBps(chipsNow, span(p, 'customShare', 0, 10_000)) : 0;
  const secondUsd = applyBps(chipsNow - customUsd, span(p, 'second', 0, 10_000));
  const merchantUsd = chipsNow - customUsd - secondUsd;
  const program = wantsCustom && !customReady && s.quartersLeft > s.K.customLeadQ - me.customProgram.quartersFunded ? s.K.customProgramMinUsdM : 0;
  const energy = ending ? [] : energyOrders(s, p, energyUsd);
  // Compute split; an adaptive policy moves cloud to self-use after a quarter the cloud lost money.
  let weights = [gene(p, 'training'), gene(p, 'selfUse'), gene(p, 'cloud')];
  if (gene(p, 'adaptive') > 500 && me.report.quarter >= 0 && me.report.cloudMarginBps < 0) weights = [weights[0] as number, (weights[1] as number) + (weights[2] as number), 0];
  if (weights[0]! + weights[1]! + weights[2]! === 0) weights = [0, 1, 0];
  const [trainingBps, selfUseBps, cloudBps] = splitBy(10_000, weights) as [number, number, number];
  const licenseGene = gene(p, 'license');
  const licenseFrom: Orders['licenseFrom'] = licenseGene < 334 ? null : licenseGene < 667 ? 'LAB' : bestRival(s);
  // Financing: vendor money on merchant chips, then borrowing, equity when short; excess cash returned.
  const vendor = applyBps(merchantUsd, span(p, 'vendor', 0, Math.min(5_000, s.K.vendorFinancingMaxBps)));
  const reserve = applyBps(revenue, span(p, 'reserve', 0, 5_000));
  let energyCapex = 0;
  for (const e of energy) energyCapex += e.mw * energyUsdMPerMw(s.K, e.source, e.cooling);
  const spend = merchantUsd + secondUsd + customUsd + program + energyCapex + talentUsd + dataUsd + (licenseFrom ? licenseFeeUsdM(s.K, me.upliftUsdM) : 0);
  const cash = Math.max(0, me.cashUsdM);
  const short = spend - vendor - Math.max(0, cash - reserve);
  const borrow = short > 0 ? Math.min(short, applyBps(s.headroomUsdM, span(p, 'borrow', 0, 10_000))) : 0;
  const cap = mulDiv(me.priceCents, me.sharesM, 100);
  const equity = short - borrow > 0 ? Math.min(short - borrow, applyBps(cap, span(p, 'equity', 0, 500))) : 0;
  const excess = Math.max(0, cash - spend - reserve);
  const repay = me.distressed ? 0 : Math.min(me.debtUsdM, applyBps(excess, span(p, 'repay', 0, 10_000)));
  const buyback = me.distressed ? 0 : applyBps(Math.max(0, excess - repay), span(p, 'buyback', 0, 10_000));
  const planned = applyBps(revenue, clamp(shareBps + span(p, 'ramp', -2_000, 2_000), 0, 15_000)) * 4;
  return {
    chips: { merchantUsdM: merchantUsd, secondSourceUsdM: secondUsd, customUsdM: customUsd },
    customProgramUsdM: program,
    energy,
    talentBidUsdM: talentUsd,
    data: { licensedUsdM: dataUsd, syntheticBps: span(p, 'synthetic', 0, 6_000) },
    finance: { borrowUsdM: borrow, repayUsdM: repay, equityUsdM: equity, buybackUsdM: buyback, vendorFinancingUsdM: vendor },
    ops: { trainingBps, selfUseBps, cloudBps, pricing: gene(p, 'flat') > 500 ? 'flat' : 'usage', labBidMw: applyBps(me.report.poweredMw, span(p, 'labBid', 0, 5_000)) },
    licenseFrom,
    guidanceCapexUsdM: clamp(applyBps(planned, span(p, 'guide', 5_000, 25_000)), 0, 2_000_000),
  };
}

/** The named strategy a policy starts from (null: it plays from scratch). */
export function policyBase(p: PolicyGenes): BotStrategyId | null {
  const i = mulDiv(gene(p, 'base'), NAMED_STRATEGIES.length + 1, 1_001);
  return i === 0 ? null : (NAMED_STRATEGIES[i - 1] as BotStrategyId);
}

/**
 * A named strategy's hard plan bent by the genes: its chips and power scaled, its guidance scaled, its
 * compute moved between self-use and cloud, and pricing, licence, lab bids and financing overridden
 * where a gene leaves its middle third.
 */
export function bendPlan(s: Situation, base: Orders, p: PolicyGenes, scaleBps: number): Orders {
  // A copy, field by field: with normal managements bending too (engine 11), the JSON round trip made
  // bendPlan the heaviest function of a normal-table game's profile (4.6% self time).
  const o: Orders = completeOrders(base, {});
  const hw = applyBps(around(p, 'spend', 2_500, 20_000), scaleBps);
  o.chips.merchantUsdM = applyBps(o.chips.merchantUsdM, hw);
  o.chips.secondSourceUsdM = applyBps(o.chips.secondSourceUsdM, hw);
  o.chips.customUsdM = applyBps(o.chips.customUsdM, hw);
  const energyBps = applyBps(around(p, 'energy', 0, 20_000), scaleBps);
  o.energy = o.energy.map((e) => ({ ...e, mw: Math.min(MAX_PROJECT_MW, applyBps(e.mw, energyBps)) })).filter((e) => e.mw > 0 && (e.source !== 'nuclear' || e.mw >= s.K.nuclearMinMw));
  o.talentBidUsdM = applyBps(o.talentBidUsdM, applyBps(around(p, 'talent', 0, 30_000), scaleBps));
  o.data.licensedUsdM = applyBps(o.data.licensedUsdM, applyBps(around(p, 'data', 0, 30_000), scaleBps));
  o.guidanceCapexUsdM = clamp(applyBps(o.guidanceCapexUsdM, around(p, 'guide', 5_000, 25_000)), 0, 2_000_000);
  // Compute: move up to all of the cloud share to self-use, or of the self-use share to the cloud.
  const shift = span(p, 'cloud', -10_000, 10_000);
  const moved = shift >= 0 ? applyBps(o.ops.selfUseBps, shift) : 0 - applyBps(o.ops.cloudBps, -shift);
  o.ops.selfUseBps -= moved;
  o.ops.cloudBps += moved;
  if (thirdOf(p, 'flat') !== 1) o.ops.pricing = thirdOf(p, 'flat') === 2 ? 'flat' : 'usage';
  o.ops.labBidMw = applyBps(o.ops.labBidMw, around(p, 'labBid', 0, 30_000));
  if (thirdOf(p, 'license') === 0) o.licenseFrom = null;
  else if (thirdOf(p, 'license') === 2) o.licenseFrom = bestRival(s);
  if (thirdOf(p, 'synthetic') !== 1) o.data.syntheticBps = thirdOf(p, 'synthetic') === 2 ? 6_000 : 0;
  if (thirdOf(p, 'vendor') !== 1) o.finance.vendorFinancingUsdM = thirdOf(p, 'vendor') === 2 ? applyBps(o.chips.merchantUsdM, s.K.vendorFinancingMaxBps) : 0;
  o.finance.vendorFinancingUsdM = Math.min(o.finance.vendorFinancingUsdM, applyBps(o.chips.merchantUsdM, s.K.vendorFinancingMaxBps));
  o.finance.borrowUsdM = Math.max(o.finance.borrowUsdM, applyBps(s.headroomUsdM, Math.max(0, span(p, 'borrow', -5_000, 5_000))));
  o.finance.buybackUsdM = applyBps(o.finance.buybackUsdM, around(p, 'buyback', 0, 30_000));
  o.finance.equityUsdM = Math.max(o.finance.equityUsdM, applyBps(mulDiv(s.me.priceCents, s.me.sharesM, 100), Math.max(0, span(p, 'equity', -200, 200))));
  // Raising equity only to hand it back pays the issue discount for nothing: the plan nets the two.
  const netted = Math.min(o.finance.equityUsdM, o.finance.buybackUsdM);
  o.finance.equityUsdM -= netted;
  o.finance.buybackUsdM -= netted;
  if (s.quartersLeft <= span(p, 'endStop', 0, 4)) {
    o.chips = { merchantUsdM: 0, secondSourceUsdM: 0, customUsdM: 0 };
    o.energy = [];
    o.finance.vendorFinancingUsdM = 0;
  }
  return o;
}

/** Genes from a name → value map (500 where a gene is not named): a company management's bend. */
function genesOf(named: Readonly<Record<string, number>>): number[] {
  return POLICY_GENES.map(([name]) => named[name] ?? 500);
}

/** A bend's genes as a management plays it `strengthBps` of the way (every gene moves that far from the neutral 500; a hard management all the way). */
export function bentGenes(bend: Readonly<Record<string, number>>, strengthBps: number): number[] {
  return genesOf(bend).map((g) => 500 + mulDiv(g - 500, strengthBps, 10_000));
}

/**
 * The plan as a company's own management plays it, bent by its bend's genes (`bentGenes`: how far, by level) —
 * except that in the first year its capex and guidance are what it announced (the stated 2026 plans, F1): only
 * how it runs, prices, finances and licenses is bent then.
 */
export function managementPlan(s: Situation, plan: Orders, genes: PolicyGenes): Orders {
  const bent = bendPlan(s, plan, genes, 10_000);
  if (s.quarter < FIRST_YEAR_Q) {
    bent.chips = plan.chips;
    bent.energy = plan.energy;
    bent.talentBidUsdM = plan.talentBidUsdM;
    bent.data = { ...bent.data, licensedUsdM: plan.data.licensedUsdM };
    bent.finance.vendorFinancingUsdM = plan.finance.vendorFinancingUsdM;
    bent.guidanceCapexUsdM = plan.guidanceCapexUsdM;
    return bent;
  }
  // A management's bend moves its guidance a step at a time (a quarter at most), beyond the move of its
  // plan's own guidance (a hard plan squares the market's check on its record: it may move more).
  const now = s.me.guidanceCapexUsdM;
  bent.guidanceCapexUsdM = clamp(bent.guidanceCapexUsdM, Math.min(plan.guidanceCapexUsdM, mulDiv(now, 3, 4)), Math.max(plan.guidanceCapexUsdM, mulDiv(now, 5, 4)));
  return bent;
}

/** A multiplier (bps) from a gene: `lowBps` at 0, ×1 (10,000) at 500, `highBps` at 1,000. */
function around(p: PolicyGenes, name: GeneName, lowBps: number, highBps: number): number {
  const g = gene(p, name);
  return g <= 500 ? lowBps + mulDiv(10_000 - lowBps, g, 500) : 10_000 + mulDiv(highBps - 10_000, g - 500, 500);
}

/**
 * The orders a policy plays this quarter: its plan, shrunk (to 1/2, 1/4, then nothing new) until the
 * server's checks pass, so a policy never forfeits a quarter to defaults.
 */
export function policyOrders(view: PlayerView, p: PolicyGenes): Orders {
  const ctx = orderContextOfView(view);
  const s = senseOf(view);
  const me = view.me;
  if (!ctx || !s || !me) return emptyOrders(me?.guidanceCapexUsdM ?? 0, me?.lastOrders?.ops, me?.licensedFrom ?? null);
  const base = policyBase(p);
  const bot = base ? botOrders(view, base, 'hard') : null;
  for (const scale of [10_000, 5_000, 2_500, 0]) {
    const plan = bot ? bendPlan(s, bot, p, scale) : planPolicy(s, p, scale);
    if (scale === 0) {
      plan.finance = { borrowUsdM: 0, repayUsdM: 0, equityUsdM: 0, buybackUsdM: 0, vendorFinancingUsdM: 0 };
      plan.energy = [];
      plan.talentBidUsdM = 0;
      plan.data.licensedUsdM = 0;
    }
    fitBuyback(ctx, plan);
    if (checkOrders(ctx, plan).length === 0) return plan;
  }
  return emptyOrders(me.guidanceCapexUsdM, me.lastOrders?.ops, null);
}

/** A policy with every gene at 500 (the middle of each range). */
export function middlePolicy(): number[] {
  return POLICY_GENES.map(() => 500);
}
