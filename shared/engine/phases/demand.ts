/**
 * Phase 6: demand and revenue (GAME.md "Resolution" 6).
 * Self-use: uplift to the company's own business — the gains are its own (F3).
 * Cloud: third-party demand grows with agent adoption and tokens per task (F6), but customers churn
 * when they fail to monetize (F9); flat subscriptions fall into the inference trap (F5); AI-lab
 * contracts carry counterparty risk (F11).
 */
import { emit, LINE, moveCashOf, nextId, totalRevenueUsdM, type Ctx } from '../context.js';
import { allocateProRata, applyBps, BPS, clamp, mulDiv, ratioBps, saturate } from '../math.js';
import { genCostIndexBps, perfPerMw, revenuePerUnitUsd, tokensPerTaskX100 } from '../model.js';
import { streamFor } from '../rng.js';
import type { Ticker } from '../types.js';

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
  // Labs sign only for capacity a provider can show: free cloud capacity now plus half of what it is building.
  const bids = state.seats
    .map((s) => {
      const c = state.companies[s];
      const w = ctx.work[s];
      const bid = ctx.orders[s]?.ops.labBidMw ?? 0;
      if (!c || !w || bid <= 0) return { id: s, amount: 0 };
      const reserved = c.labContracts.reduce((a, lc) => a + lc.units, 0);
      const freeMw = mulDiv(Math.max(0, w.cloudUnits - reserved), 1, perfNow) + mulDiv(w.waitingMw, 1, 2);
      return { id: s, amount: Math.min(bid, freeMw) };
    })
    .filter((b) => b.amount > 0);
  const shares = allocateProRata(bids, labDemandMw);
  const awards: Partial<Record<Ticker, number>> = {};
  bids.forEach((b, i) => (awards[b.id] = shares[i] ?? 0));
  for (const { seat, c } of ctx.seated) {
    const mw = awards[seat] ?? 0;
    if (mw > 0) {
      c.labContracts.push({ id: nextId(ctx, 'lab'), mw, units: mw * perfNow, usdMPerQuarter: mw * K.labPriceUsdMPerMw, quartersLeft: K.labTermQ, vendorLinked: world.labFinancingUsdM > 0 });
      emit(ctx, { kind: 'labContractWon', key: 'event.labContractWon', seat, headline: true, params: { seat, mw, total: mw * K.labPriceUsdMPerMw * K.labTermQ } });
    }
    const defaultBps = mulDiv(K.labDefaultBps, 20_000 - world.sentimentBps, BPS);
    c.labContracts = c.labContracts.filter((lc) => {
      if (!rng.chanceBps(defaultBps)) return true;
      emit(ctx, { kind: 'labDefaulted', key: 'event.labDefaulted', seat, headline: true, params: { seat, lost: lc.usdMPerQuarter * lc.quartersLeft } });
      return false;
    });
  }

  // Price per compute unit: the newest generation's cost index times scarcity.
  let offeredTotal = 0;
  const offered: Partial<Record<Ticker, number>> = {};
  const labUnits: Partial<Record<Ticker, number>> = {};
  for (const { seat, c, w } of ctx.seated) {
    const reserved = c.labContracts.reduce((a, lc) => a + lc.units, 0);
    labUnits[seat] = Math.min(reserved, w.cloudUnits);
    offered[seat] = w.cloudUnits - (labUnits[seat] ?? 0);
    offeredTotal += offered[seat] ?? 0;
  }
  const scarcity = clamp(ratioBps(demand, Math.max(1, offeredTotal)), 5_000, 15_000);
  const costIndex = genCostIndexBps(scenario, world.currentGen);
  world.cloudPriceUsd = Math.max(1, mulDiv(mulDiv(K.cloudPriceStartUsd, costIndex, BPS), BPS + mulDiv(scarcity - BPS, 1, 2), BPS));

  // Enterprise demand shared by incumbency and by capacity × quality; flat pricing attracts more.
  const weights: { id: string; amount: number }[] = [];
  for (const { seat, c, o } of ctx.seated) {
    const capShare = ratioBps(offered[seat] ?? 0, Math.max(1, offeredTotal));
    let weight = c.cloudShareBps * 5_000 + mulDiv(capShare * 5_000, 5_000 + mulDiv(c.qualityBps, 1, 2), BPS);
    if (o.ops.pricing === 'flat') weight = applyBps(weight, K.flatDemandBps);
    weight = applyBps(weight, latencyFactorBps(ctx, seat));
    if ((offered[seat] ?? 0) > 0 || c.cloudShareBps > 0) weights.push({ id: seat, amount: weight });
  }
  const totalWeight = weights.reduce((a, x) => a + x.amount, 0);
  const wants: Partial<Record<Ticker, number>> = {};
  const served: Partial<Record<Ticker, number>> = {};
  let unmetTotal = 0;
  for (const x of weights) {
    const seat = x.id as Ticker;
    // Customers do not queue for a provider with little to offer: at most twice what it offers.
    const want = Math.min(mulDiv(demand, x.amount, Math.max(1, totalWeight)), 2 * (offered[seat] ?? 0));
    wants[seat] = want;
    served[seat] = Math.min(want, offered[seat] ?? 0);
    unmetTotal += want - (served[seat] ?? 0);
  }
  // Half of the unmet demand moves to providers with spare capacity.
  const spare = weights.map((x) => ({ id: x.id, amount: Math.max(0, (offered[x.id as Ticker] ?? 0) - (served[x.id as Ticker] ?? 0)) }));
  const spill = allocateProRata(spare, mulDiv(unmetTotal, 1, 2));
  let servedTotal = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const seat = weights[i]!.id as Ticker;
    served[seat] = (served[seat] ?? 0) + (spill[i] ?? 0);
    servedTotal += served[seat] ?? 0;
  }

  for (const { seat, c, w, o } of ctx.seated) {
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
    const srv = served[seat] ?? 0;
    w.cloudDemandUnits = wants[seat] ?? 0;
    w.cloudServedUnits = srv;
    w.cloudAiRevenueUsdM = mulDiv(srv, revenuePerUnitUsd(K, world.cloudPriceUsd, o.ops.pricing, world.tokensPerTaskX100), 1_000_000);
    w.cloudRevenueUsdM = c.cloudBaseUsdM + w.cloudAiRevenueUsdM;
    const reserved = c.labContracts.reduce((a, lc) => a + lc.units, 0);
    let labRevenue = 0;
    for (const lc of c.labContracts) labRevenue += mulDiv(lc.usdMPerQuarter, Math.min(labUnits[seat] ?? 0, reserved), Math.max(1, reserved));
    w.labRevenueUsdM = labRevenue;
    ctx.market.labPaymentsUsdM += labRevenue;
    for (const lc of c.labContracts) lc.quartersLeft -= 1;
    c.labContracts = c.labContracts.filter((lc) => lc.quartersLeft > 0);
    // Incumbency follows who actually served customers.
    if (servedTotal > 0) c.cloudShareBps = c.cloudShareBps + mulDiv(ratioBps(srv, servedTotal) - c.cloudShareBps, 1, 10);
    // An energy business (Tesla Energy) earns a share of rivals' renewables + storage projects.
    if (c.energyBusinessBps > 0) {
      let others = 0;
      const capex = ctx.market.renewablesCapexUsdM;
      for (const t in capex) if (t !== seat) others += capex[t as Ticker] ?? 0;
      w.energyRevenueUsdM = applyBps(others, c.energyBusinessBps);
    }
    moveCashOf(c, w, LINE.revenue, totalRevenueUsdM(w) - w.licenseRevenueUsdM);
  }
}
