/**
 * Phase 6: demand and revenue (GAME.md "Resolution" 6).
 * Self-use: uplift to the company's own business — the gains are its own (F3).
 * Cloud: third-party demand grows with agent adoption and tokens per task (F6), but customers churn
 * when they fail to monetize (F9); flat subscriptions fall into the inference trap (F5); AI-lab
 * contracts carry counterparty risk (F11).
 */
import { emit, LINE, moveCashOf, nextId, totalRevenueUsdM, type Ctx, type Seated } from '../context.js';
import { allocateProRata, applyBps, BPS, clamp, mulDiv, ratioBps, saturate } from '../math.js';
import { genCostIndexBps, perfPerMw, revenuePerUnitUsd, tokensPerTaskX100 } from '../model.js';
import { streamFor } from '../rng.js';
import type { CompanyState, Ticker } from '../types.js';

/** The market-wide drift of adoption, tokens, monetization and churn for this quarter. */
function driftWorld(ctx: Ctx): void {
  const { K, state } = ctx;
  const w = state.world;
  const qualityPush = Math.max(0, w.frontierQualityBps - 8_000);
  w.agentAdoptionBps = clamp(w.agentAdoptionBps + 250 + mulDiv(qualityPush, 1, 4), 0, BPS);
  w.tokensPerTaskX100 = tokensPerTaskX100(K, w.agentAdoptionBps);
  w.monetizationBps = clamp(w.monetizationBps + 60 + mulDiv(Math.max(0, w.frontierQualityBps - 8_500), 1, 10), 0, 6_000);
  w.abandonmentBps = clamp(w.abandonmentBps + mulDiv(2_000 - w.monetizationBps, 1, 40), 1_000, 5_500);
  const growth = mulDiv(K.agentGrowthBps, BPS - mulDiv(w.agentAdoptionBps, 1, 2), BPS) + (w.era === 'inferenceScaleOut' ? 200 : 0);
  const churn = mulDiv(mulDiv(w.abandonmentBps, 1, 4), BPS - w.monetizationBps, BPS) + (w.era === 'monetizationReckoning' ? 200 : 0);
  w.enterpriseTasks = Math.max(1_000, mulDiv(w.enterpriseTasks, BPS + growth - churn, BPS));
}

/** Customers prefer capacity near them: average latency of the capacity in use (GAME.md regions). */
export function latencyFactorBps(ctx: Ctx, seat: Ticker): number {
  const w = ctx.work[seat];
  let mw = 0;
  let weighted = 0;
  if (w) {
    for (const def of ctx.scenario.regions) {
      const m = w.usedMwByRegion[def.id];
      mw += m;
      weighted += m * def.latencyMs;
    }
  }
  const avg = mw > 0 ? mulDiv(weighted, 1, mw) : 20;
  return clamp(BPS - Math.max(0, avg - 20) * ctx.K.latencyPenaltyBpsPerMs, 5_000, BPS);
}

/** Compute units a company's lab contracts reserve. */
function reservedUnits(c: CompanyState): number {
  let units = 0;
  for (const lc of c.labContracts) units += lc.units;
  return units;
}

/** A list of `n` zeros. */
function zeros(n: number): number[] {
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i += 1) out[i] = 0;
  return out;
}

/** Runs demand and revenue. */
export function demandPhase(ctx: Ctx): void {
  const { K, state, scenario, q } = ctx;
  driftWorld(ctx);
  const world = state.world;
  const rng = streamFor(state.seed, q, 'demand');
  // Enterprise demand in compute units: tasks × tokens per task (relative to the start).
  const tokens0 = tokensPerTaskX100(K, 1_500);
  const demand = mulDiv(mulDiv(K.enterpriseDemandUnits, world.enterpriseTasks, BPS), world.tokensPerTaskX100, tokens0);
  ctx.market.enterpriseDemandUnits = demand;

  // Lab contracts: new awards (pro rata when oversubscribed), defaults, reserved capacity.
  const labsIndexBps = ratioBps(state.market.LABS.priceCents, state.market.LABS.startPriceCents);
  const labDemandMw = mulDiv(K.labDemandMw, labsIndexBps, BPS);
  const perfNow = perfPerMw(scenario, K, 'merchant', world.currentGen);
  // Figures per seat below are lists in the order of ctx.seated (index k), not records by ticker.
  const seated = ctx.seated;
  const n = seated.length;
  // Labs sign only for capacity a provider can show: free cloud capacity now plus half of what it is building.
  const bids: { id: string; amount: number }[] = [];
  const bidder: number[] = [];
  for (let k = 0; k < n; k += 1) {
    const { seat, c, w, o } = seated[k] as Seated;
    const bid = o.ops.labBidMw;
    if (bid <= 0) continue;
    const reserved = reservedUnits(c);
    const freeMw = mulDiv(Math.max(0, w.cloudUnits - reserved), 1, perfNow) + mulDiv(w.waitingMw, 1, 2);
    const amount = Math.min(bid, freeMw);
    if (amount <= 0) continue;
    bids.push({ id: seat, amount });
    bidder.push(k);
  }
  const shares = allocateProRata(bids, labDemandMw);
  const awards: number[] = zeros(n);
  for (let i = 0; i < bids.length; i += 1) awards[bidder[i] as number] = shares[i] ?? 0;
  const defaultBps = mulDiv(K.labDefaultBps, 20_000 - world.sentimentBps, BPS);
  for (let k = 0; k < n; k += 1) {
    const { seat, c } = seated[k] as Seated;
    const mw = awards[k] as number;
    if (mw > 0) {
      c.labContracts.push({ id: nextId(ctx, 'lab'), mw, units: mw * perfNow, usdMPerQuarter: mw * K.labPriceUsdMPerMw, quartersLeft: K.labTermQ, vendorLinked: world.labFinancingUsdM > 0 });
      emit(ctx, { kind: 'labContractWon', key: 'event.labContractWon', seat, region: null, headline: true, params: { seat, mw, total: mw * K.labPriceUsdMPerMw * K.labTermQ } });
    }
    c.labContracts = c.labContracts.filter((lc) => {
      if (!rng.chanceBps(defaultBps)) return true;
      emit(ctx, { kind: 'labDefaulted', key: 'event.labDefaulted', seat, region: null, headline: true, params: { seat, lost: lc.usdMPerQuarter * lc.quartersLeft } });
      return false;
    });
  }

  // Price per compute unit: the newest generation's cost index times scarcity.
  let offeredTotal = 0;
  const offered: number[] = zeros(n);
  const labUnits: number[] = zeros(n);
  for (let k = 0; k < n; k += 1) {
    const { c, w } = seated[k] as Seated;
    const lab = Math.min(reservedUnits(c), w.cloudUnits);
    labUnits[k] = lab;
    offered[k] = w.cloudUnits - lab;
    offeredTotal += w.cloudUnits - lab;
  }
  const scarcity = clamp(ratioBps(demand, Math.max(1, offeredTotal)), 5_000, 15_000);
  const costIndex = genCostIndexBps(scenario, world.currentGen);
  world.cloudPriceUsd = Math.max(1, mulDiv(mulDiv(K.cloudPriceStartUsd, costIndex, BPS), BPS + mulDiv(scarcity - BPS, 1, 2), BPS));

  // Enterprise demand shared by incumbency and by capacity × quality; flat pricing attracts more.
  const weights: { id: string; amount: number }[] = [];
  const weighed: number[] = [];
  for (let k = 0; k < n; k += 1) {
    const { seat, c, o } = seated[k] as Seated;
    const capShare = ratioBps(offered[k] as number, Math.max(1, offeredTotal));
    let weight = c.cloudShareBps * 5_000 + mulDiv(capShare * 5_000, 5_000 + mulDiv(c.qualityBps, 1, 2), BPS);
    if (o.ops.pricing === 'flat') weight = applyBps(weight, K.flatDemandBps);
    weight = applyBps(weight, latencyFactorBps(ctx, seat));
    if ((offered[k] as number) > 0 || c.cloudShareBps > 0) {
      weights.push({ id: seat, amount: weight });
      weighed.push(k);
    }
  }
  const totalWeight = weights.reduce((a, x) => a + x.amount, 0);
  const wants: number[] = zeros(n);
  const served: number[] = zeros(n);
  let unmetTotal = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const k = weighed[i] as number;
    // Customers do not queue for a provider with little to offer: at most twice what it offers.
    const want = Math.min(mulDiv(demand, (weights[i] as { amount: number }).amount, Math.max(1, totalWeight)), 2 * (offered[k] as number));
    wants[k] = want;
    served[k] = Math.min(want, offered[k] as number);
    unmetTotal += want - (served[k] as number);
  }
  // Half of the unmet demand moves to providers with spare capacity.
  const spare: { id: string; amount: number }[] = new Array(weights.length);
  for (let i = 0; i < weights.length; i += 1) {
    const k = weighed[i] as number;
    spare[i] = { id: (weights[i] as { id: string }).id, amount: Math.max(0, (offered[k] as number) - (served[k] as number)) };
  }
  const spill = allocateProRata(spare, mulDiv(unmetTotal, 1, 2));
  let servedTotal = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const k = weighed[i] as number;
    served[k] = (served[k] as number) + (spill[i] ?? 0);
    servedTotal += served[k] as number;
  }

  for (let k = 0; k < n; k += 1) {
    const { c, w, o } = seated[k] as Seated;
    // AI is a competitive necessity: a company whose model lags the field loses core growth, a leader gains.
    const edge = clamp(mulDiv(c.qualityBps - world.avgQualityBps, K.coreQualityBetaBps, BPS), -200, 150);
    c.coreRevenueUsdM = applyBps(c.coreRevenueUsdM, BPS + c.coreGrowthBps + edge);
    w.coreEdgeBps = edge;
    w.coreRevenueUsdM = c.coreRevenueUsdM;
    const cap = applyBps(c.coreRevenueUsdM, c.upliftCapBps);
    // On-device AI needs a good model, not data-center compute; the rest scales with self-use compute.
    const deviceCap = applyBps(cap, c.onDeviceBps);
    const device = mulDiv(deviceCap, clamp(c.qualityBps - 6_000, 0, 4_000), 4_000);
    const raw = mulDiv(mulDiv(w.selfUnits, K.selfYieldUsdK, 1_000), c.qualityBps, BPS);
    c.upliftUsdM = device + saturate(raw, mulDiv(cap - deviceCap, 1, 3), cap - deviceCap);
    w.selfUseRevenueUsdM = c.upliftUsdM;
    c.cloudBaseUsdM = applyBps(c.cloudBaseUsdM, BPS + K.legacyCloudGrowthBps);
    const srv = served[k] as number;
    w.cloudDemandUnits = wants[k] as number;
    w.cloudServedUnits = srv;
    w.cloudAiRevenueUsdM = mulDiv(srv, revenuePerUnitUsd(K, world.cloudPriceUsd, o.ops.pricing, world.tokensPerTaskX100), 1_000_000);
    w.cloudRevenueUsdM = c.cloudBaseUsdM + w.cloudAiRevenueUsdM;
    const reserved = reservedUnits(c);
    const lab = Math.min(labUnits[k] as number, reserved);
    let labRevenue = 0;
    for (const lc of c.labContracts) labRevenue += mulDiv(lc.usdMPerQuarter, lab, Math.max(1, reserved));
    w.labRevenueUsdM = labRevenue;
    ctx.market.labPaymentsUsdM += labRevenue;
    for (const lc of c.labContracts) lc.quartersLeft -= 1;
    c.labContracts = c.labContracts.filter((lc) => lc.quartersLeft > 0);
    // Incumbency follows who actually served customers.
    if (servedTotal > 0) c.cloudShareBps = c.cloudShareBps + mulDiv(ratioBps(srv, servedTotal) - c.cloudShareBps, 1, 10);
    // An energy business (Tesla Energy) earns a share of rivals' renewables + storage projects.
    if (c.energyBusinessBps > 0) w.energyRevenueUsdM = applyBps(ctx.market.renewablesCapexUsdM - w.renewablesCapexUsdM, c.energyBusinessBps);
    moveCashOf(c, w, LINE.revenue, totalRevenueUsdM(w) - w.licenseRevenueUsdM);
  }
}
