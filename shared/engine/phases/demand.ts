/**
 * Phase 6: demand and revenue (GAME.md "Resolution" 6). The rules, in the order they apply:
 *
 * 1. The world drifts (F6, F9): agents spread and use more tokens per task; the share of enterprise
 *    customers who make AI pay (monetization) walks — a little up on average, by a seeded amount
 *    nobody can predict — and customers who fail abandon AI.
 * 2. AI labs sign multi-quarter contracts for capacity (pro rata when oversubscribed, at most 40% of a
 *    quarter's demand with one provider, at a lower price when more is offered than they want) and may default (F11): likelier when AI sentiment is low.
 *    A provider can offer only capacity it has not promised already. A contract signed before the game for
 *    capacity still to be built (Oracle's backlog, most of it OpenAI's) starts later: it is promised from the
 *    start, pays and can default only once started, and when it starts the lab takes only the capacity the
 *    provider has free for it — the rest it buys elsewhere.
 * 3. The cloud market (GAME.md "Cloud"): enterprise demand (tasks × tokens per task) meets the compute
 *    every seller offers. The price per unit is the newest generation's reference price (it falls as
 *    chips get cheaper per unit, F6) times a scarcity factor: customers queueing raise it, a glut
 *    lowers it — so one seller's land grab lowers everyone's price.
 * 4. Customers are shared by incumbency, capacity, model quality and latency; flat plans attract more.
 *    Cloud compute off merchant GPUs sells at a discount (customers' software targets the GPUs).
 * 5. Customers who fail to monetize stop paying part of their bills: written off, seller by seller,
 *    by a seeded draw (F9). The gains of selling AI depend on whether the buyers can make it pay.
 *    Flat plans are paid in advance and leave no bad debt; usage bills do (model.ts writeOffShareBps).
 * 6. Self-use: AI lifts the company's own business up to its cap, with diminishing returns; the compute
 *    its business can absorb grows with tokens per task (F3). The gains are the company's own.
 * 7. The core business grows, faster for model leaders, slower for laggards.
 * 8. Cloud customers follow AI capacity: a provider's legacy cloud grows faster when it serves more than
 *    its share of AI customers, slower when less (Google Cloud +48% overtaking Azure's growth, F4).
 */
import { emit, LINE, moveCashOf, payCashOf, nextId, totalRevenueUsdM, type Ctx, type Seated } from '../context.js';
import { allocateProRata, applyBps, BPS, clamp, mulDiv, ratioBps, shareRequest, type ShareRequest } from '../math.js';
import { cloudScarcityBps, companyDef, genCostIndexBps, labContractInForce, labDefaultChanceBps, labPriceUsdMPerMw, perfPerMw, revenuePerUnitUsd, selfNeedUnits, selfUpliftUsdM, tokensPerTaskX100, writeOffShareBps } from '../model.js';
import { streamFor } from '../rng.js';
import type { CompanyState, Ticker } from '../types.js';
import type { Constants } from '../model.js';

/** Agent adoption at the start of every game (bps). */
export const START_ADOPTION_BPS = 1_500;

/**
 * The game's fate: how fast enterprise demand for agents grows (bps of the scenario's pace) and how
 * fast customers learn to make AI pay (bps a quarter). Dealt from the seed, hidden like it: nobody
 * knows in 2026 whether the boom pays (F9); players can only read it from what happens.
 */
export function fateOf(K: Constants, seed: string): { demandPaceBps: number; monetizationTrendBps: number } {
  const dice = streamFor(seed, 0, 'fate');
  return { demandPaceBps: dice.range(K.fateDemandPaceMinBps, K.fateDemandPaceMaxBps), monetizationTrendBps: dice.range(K.fateTrendMinBps, K.fateTrendMaxBps) };
}

/**
 * A company's own luck in its core business (bps of growth a quarter: the ads cycle, consumer demand,
 * its other markets), dealt from the seed and hidden like it. It is why a well-run company can still
 * trail its par, and a poorly run one beat it, in a single game.
 */
export function coreLuckBps(K: Constants, seed: string, seat: Ticker): number {
  return streamFor(seed, 0, `luck:${seat}`).range(-K.coreLuckBps, K.coreLuckBps);
}

/** The market-wide drift of adoption, tokens, monetization and churn for this quarter (rule 1). */
function driftWorld(ctx: Ctx): void {
  const { K, state } = ctx;
  const w = state.world;
  const fate = fateOf(K, state.seed);
  // The world's own dice: one stream, drawn before anything players do can change the draw order.
  const dice = streamFor(state.seed, ctx.q, 'world');
  const qualityPush = Math.max(0, w.frontierQualityBps - 8_000);
  w.agentAdoptionBps = clamp(w.agentAdoptionBps + 250 + mulDiv(qualityPush, 1, 4), 0, BPS);
  w.tokensPerTaskX100 = tokensPerTaskX100(K, w.agentAdoptionBps);
  const luck = dice.range(-K.monetizationNoiseBps, K.monetizationNoiseBps);
  const learning = fate.monetizationTrendBps + mulDiv(Math.max(0, w.frontierQualityBps - 8_500), 1, 10);
  const disillusion = mulDiv(Math.max(0, w.abandonmentBps - 4_000), 1, 20);
  w.monetizationBps = clamp(w.monetizationBps + learning - disillusion + luck, 0, 6_000);
  w.monetizationSumBps += w.monetizationBps;
  w.abandonmentBps = clamp(w.abandonmentBps + mulDiv(2_000 - w.monetizationBps, 1, 40), 1_000, 5_500);
  // Customers who make AI pay expand their use; those who fail churn.
  const pace = applyBps(K.agentGrowthBps, fate.demandPaceBps);
  const growth = mulDiv(pace, BPS - mulDiv(w.agentAdoptionBps, 1, 2), BPS) + (w.era === 'inferenceScaleOut' ? 200 : 0) + mulDiv(w.monetizationBps, 1, 6);
  const churn = mulDiv(mulDiv(w.abandonmentBps, 1, 4), BPS - w.monetizationBps, BPS) + (w.era === 'monetizationReckoning' ? 200 : 0);
  const tasks = Math.max(1_000, mulDiv(w.enterpriseTasks, BPS + growth - churn, BPS));
  w.tasksGrowthBps = ratioBps(tasks - w.enterpriseTasks, Math.max(1, w.enterpriseTasks));
  w.enterpriseTasks = tasks;
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

/** Compute units a company's lab contracts in force in quarter `q` reserve (a backlog not yet started reserves none). */
function reservedUnits(c: CompanyState, q: number): number {
  let units = 0;
  for (const lc of c.labContracts) if (labContractInForce(lc, q)) units += lc.units;
  return units;
}

/** Compute units a company has promised to labs: every contract, started or not. */
function promisedUnits(c: CompanyState): number {
  let units = 0;
  for (const lc of c.labContracts) units += lc.units;
  return units;
}

/**
 * Contracts that start this quarter take delivery (rule 2): each keeps the capacity its provider has free
 * for it — cloud compute not held by contracts already in force — and shrinks, MW and payments in
 * proportion, to that; a contract with nothing free for it lapses.
 */
function startContracts(ctx: Ctx, seat: Ticker, c: CompanyState, cloudUnits: number): void {
  // Contracts in force when the game starts (quarter 0) need no delivery.
  if (ctx.q === 0) return;
  let lapsed = false;
  for (const lc of c.labContracts) {
    if (lc.startsQ !== ctx.q) continue;
    const free = Math.max(0, cloudUnits - reservedUnits(c, ctx.q) + lc.units);
    const kept = Math.min(lc.units, free);
    const keptMw = mulDiv(lc.mw, kept, Math.max(1, lc.units));
    emit(ctx, { kind: 'labContractStarted', key: kept === 0 ? 'event.labContractLapsed' : keptMw < lc.mw ? 'event.labContractCut' : 'event.labContractStarted', seat, region: null, headline: true, params: { seat, mw: keptMw, lost: lc.mw - keptMw } });
    lc.usdMPerQuarter = mulDiv(lc.usdMPerQuarter, kept, Math.max(1, lc.units));
    lc.mw = keptMw;
    lc.units = kept;
    if (kept === 0) lapsed = true;
  }
  if (lapsed) c.labContracts = c.labContracts.filter((lc) => lc.units > 0);
}

/** A list of `n` zeros. */
function zeros(n: number): number[] {
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i += 1) out[i] = 0;
  return out;
}

/** Enterprise demand for cloud compute (units): tasks × tokens per task, relative to the start (F6). */
export function enterpriseDemandUnits(ctx: Ctx): number {
  const { K } = ctx;
  const world = ctx.state.world;
  return mulDiv(mulDiv(K.enterpriseDemandUnits, world.enterpriseTasks, BPS), world.tokensPerTaskX100, tokensPerTaskX100(K, START_ADOPTION_BPS));
}

/** Lab contracts: new awards pro rata to bids capped by free capacity, then defaults (rule 2). */
function labContracts(ctx: Ctx): void {
  const { K, state, scenario, q } = ctx;
  const world = state.world;
  const labsIndexBps = ratioBps(state.market.LABS.priceCents, state.market.LABS.startPriceCents);
  const labDemandMw = mulDiv(K.labDemandMw, labsIndexBps, BPS);
  const perfNow = perfPerMw(scenario, K, 'merchant', world.currentGen);
  const seated = ctx.seated;
  const n = seated.length;
  // Labs sign only for capacity a provider can show: its cloud capacity now plus half of what it is
  // building, less what it has promised to labs already (a backlog not yet started included).
  const bids: ShareRequest[] = [];
  const bidder: number[] = [];
  for (let k = 0; k < n; k += 1) {
    const { seat, c, w, o } = seated[k] as Seated;
    startContracts(ctx, seat, c, w.cloudUnits);
    const bid = o.ops.labBidMw;
    if (bid <= 0) continue;
    const freeMw = mulDiv(Math.max(0, w.cloudUnits + mulDiv(w.waitingMw, perfNow, 2) - promisedUnits(c)), 1, perfNow);
    const amount = Math.min(bid, freeMw);
    if (amount <= 0) continue;
    bids.push(shareRequest(seat, amount));
    bidder.push(k);
  }
  const shares = allocateProRata(bids, labDemandMw);
  const awards: number[] = zeros(n);
  // Labs spread their contracts: no provider signs more than a share of a quarter's demand (the rest
  // waits for next quarter) — but every MW offered still counts against the price below.
  const perProvider = applyBps(labDemandMw, K.labProviderShareBps);
  let offeredMw = 0;
  for (let i = 0; i < bids.length; i += 1) {
    awards[bidder[i] as number] = Math.min(shares[i] ?? 0, perProvider);
    offeredMw += (bids[i] as ShareRequest).amount;
  }
  // Labs play providers against each other: offered more than they want, they pay less (down to half
  // the list-linked price when twice the capacity they want is on offer).
  world.labPriceBps = clamp(ratioBps(labDemandMw, Math.max(1, offeredMw)), 5_000, BPS);
  // Labs live on funding and on their customers (F9, F11): a contract defaults more when AI sentiment is
  // low, and more the further enterprise AI is from paying its way (monetization below the labs' break-even).
  const defaultBps = labDefaultChanceBps(K, world.sentimentBps, world.monetizationBps);
  for (let k = 0; k < n; k += 1) {
    const { seat, c } = seated[k] as Seated;
    const mw = awards[k] as number;
    if (mw > 0) {
      const perQuarter = applyBps(mw * labPriceUsdMPerMw(scenario, K, world.currentGen), world.labPriceBps);
      c.labContracts.push({ id: nextId(ctx, 'lab'), mw, units: mw * perfNow, usdMPerQuarter: perQuarter, quartersLeft: K.labTermQ, vendorLinked: world.labFinancingUsdM > 0, startsQ: q });
      emit(ctx, { kind: 'labContractWon', key: 'event.labContractWon', seat, region: null, headline: true, params: { seat, mw, total: perQuarter * K.labTermQ } });
    }
    let kept: CompanyState['labContracts'] | null = null;
    for (let i = 0; i < c.labContracts.length; i += 1) {
      const lc = c.labContracts[i]!;
      // Each contract has its own dice, so one default never shifts another's draw. A lab defaults on
      // payments due: a backlog not yet started owes none.
      const defaulted = labContractInForce(lc, q) && streamFor(state.seed, q, `lab:${lc.id}`).chanceBps(defaultBps);
      if (defaulted) {
        kept ??= c.labContracts.slice(0, i);
        emit(ctx, { kind: 'labDefaulted', key: 'event.labDefaulted', seat, region: null, headline: true, params: { seat, lost: lc.usdMPerQuarter * lc.quartersLeft } });
      } else if (kept) kept.push(lc);
    }
    if (kept) c.labContracts = kept;
  }
}

/** Runs demand and revenue. */
export function demandPhase(ctx: Ctx): void {
  const { K, state, scenario, q } = ctx;
  driftWorld(ctx);
  const world = state.world;
  const demand = enterpriseDemandUnits(ctx);
  ctx.market.enterpriseDemandUnits = demand;
  labContracts(ctx);

  // The cloud market (rule 3): compute offered to enterprise customers, and its price.
  const seated = ctx.seated;
  const n = seated.length;
  let offeredTotal = 0;
  const offered: number[] = zeros(n);
  const labUnits: number[] = zeros(n);
  for (let k = 0; k < n; k += 1) {
    const { c, w } = seated[k] as Seated;
    const lab = Math.min(reservedUnits(c, q), w.cloudUnits);
    labUnits[k] = lab;
    offered[k] = w.cloudUnits - lab;
    offeredTotal += w.cloudUnits - lab;
  }
  world.cloudTightnessBps = ratioBps(demand, Math.max(1, offeredTotal));
  world.cloudPriceUsd = Math.max(1, mulDiv(mulDiv(K.cloudPriceStartUsd, genCostIndexBps(scenario, world.currentGen), BPS), cloudScarcityBps(K, demand, offeredTotal), BPS));

  // Customers shared by incumbency and by capacity × quality (rule 4); flat plans attract more.
  const weights: ShareRequest[] = [];
  const weighed: number[] = [];
  for (let k = 0; k < n; k += 1) {
    const { seat, c, o } = seated[k] as Seated;
    const capShare = ratioBps(offered[k] as number, Math.max(1, offeredTotal));
    let weight = c.cloudShareBps * 5_000 + mulDiv(capShare * 5_000, 5_000 + mulDiv(c.qualityBps, 1, 2), BPS);
    if (o.ops.pricing === 'flat') weight = applyBps(weight, K.flatDemandBps);
    weight = applyBps(weight, latencyFactorBps(ctx, seat));
    if ((offered[k] as number) > 0 || c.cloudShareBps > 0) {
      weights.push(shareRequest(seat, weight));
      weighed.push(k);
    }
  }
  let totalWeight = 0;
  for (const x of weights) totalWeight += x.amount;
  const wants: number[] = zeros(n);
  const served: number[] = zeros(n);
  let unmetTotal = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const k = weighed[i] as number;
    // Customers do not queue for a provider with little to offer: at most twice what it offers.
    const want = Math.min(mulDiv(demand, (weights[i] as ShareRequest).amount, Math.max(1, totalWeight)), 2 * (offered[k] as number));
    wants[k] = want;
    served[k] = Math.min(want, offered[k] as number);
    unmetTotal += want - (served[k] as number);
  }
  // Half of the unmet demand moves to providers with spare capacity.
  const spare: ShareRequest[] = new Array(weights.length);
  for (let i = 0; i < weights.length; i += 1) {
    const k = weighed[i] as number;
    spare[i] = shareRequest((weights[i] as ShareRequest).id, Math.max(0, (offered[k] as number) - (served[k] as number)));
  }
  const spill = allocateProRata(spare, mulDiv(unmetTotal, 1, 2));
  let servedTotal = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const k = weighed[i] as number;
    served[k] = (served[k] as number) + (spill[i] ?? 0);
    servedTotal += served[k] as number;
  }

  const tokens0 = tokensPerTaskX100(K, START_ADOPTION_BPS);
  // Rule 8: cloud customers follow AI capacity — a provider's legacy cloud grows faster when its share
  // of AI cloud customers served is above its share of legacy cloud, slower when below.
  let legacyTotal = 0;
  for (let k = 0; k < n; k += 1) legacyTotal += (seated[k] as Seated).c.cloudBaseUsdM;
  for (let k = 0; k < n; k += 1) {
    const { seat, c, w, o } = seated[k] as Seated;
    const def = companyDef(scenario, seat);
    // Rule 7: AI is a competitive necessity — a model that lags the field costs core growth.
    const edge = clamp(mulDiv(c.qualityBps - world.avgQualityBps, K.coreQualityBetaBps, BPS), -200, 150);
    c.coreRevenueUsdM = applyBps(c.coreRevenueUsdM, BPS + c.coreGrowthBps + edge + coreLuckBps(K, state.seed, seat));
    w.coreEdgeBps = edge;
    w.coreRevenueUsdM = c.coreRevenueUsdM;
    // Rule 6: self-use. On-device AI needs a good model, not data-center compute; the rest scales with
    // self-use compute × quality against what the business can absorb.
    const cap = applyBps(c.coreRevenueUsdM, c.upliftCapBps);
    const deviceCap = applyBps(cap, c.onDeviceBps);
    const device = mulDiv(deviceCap, clamp(c.qualityBps - 6_000, 0, 4_000), 4_000);
    const need = selfNeedUnits(def.selfNeedUnits, world.tokensPerTaskX100, tokens0);
    c.upliftUsdM = device + selfUpliftUsdM(cap - deviceCap, mulDiv(w.selfUnits, c.qualityBps, BPS), need);
    w.selfUseRevenueUsdM = c.upliftUsdM;
    if (c.cloudBaseUsdM > 0) {
      const aiShare = servedTotal > 0 ? ratioBps(served[k] as number, servedTotal) : 0;
      const follow = clamp(mulDiv(aiShare - ratioBps(c.cloudBaseUsdM, Math.max(1, legacyTotal)), K.legacyCloudFollowBps, BPS), -500, 500);
      c.cloudBaseUsdM = applyBps(c.cloudBaseUsdM, BPS + K.legacyCloudGrowthBps + follow);
    }
    // Rules 4–5: cloud revenue, off merchant GPUs first, and the bills of customers who fail.
    const srv = served[k] as number;
    w.cloudDemandUnits = wants[k] as number;
    w.cloudServedUnits = srv;
    const perUnit = revenuePerUnitUsd(K, world.cloudPriceUsd, o.ops.pricing, world.tokensPerTaskX100);
    const onMerchant = Math.min(srv, w.merchantUnits);
    const billed = mulDiv(onMerchant, perUnit, 1_000_000) + mulDiv(applyBps(srv - onMerchant, K.nonMerchantCloudBps), perUnit, 1_000_000);
    const dice = streamFor(state.seed, q, `defaults:${seat}`);
    const writeOff = applyBps(applyBps(billed, writeOffShareBps(K, o.ops.pricing, world.monetizationBps)), dice.range(0, 2 * BPS));
    w.cloudAiRevenueUsdM = billed;
    w.writeOffsUsdM = writeOff;
    if (writeOff > 0 && writeOff * 20 >= billed) {
      emit(ctx, { kind: 'customerDefaults', key: 'event.customerDefaults', seat, region: null, headline: writeOff * 10 >= billed, params: { seat, amount: writeOff, shareBps: ratioBps(writeOff, Math.max(1, billed)) } });
    }
    w.cloudRevenueUsdM = c.cloudBaseUsdM + w.cloudAiRevenueUsdM;
    // Lab contracts pay for the capacity they reserve (less if the seller cannot provide it).
    const reserved = reservedUnits(c, q);
    const lab = Math.min(labUnits[k] as number, reserved);
    w.labServedUnits = lab;
    let labRevenue = 0;
    for (const lc of c.labContracts) if (labContractInForce(lc, q)) labRevenue += mulDiv(lc.usdMPerQuarter, lab, Math.max(1, reserved));
    w.labRevenueUsdM = labRevenue;
    ctx.market.labPaymentsUsdM += labRevenue;
    let expired = false;
    for (const lc of c.labContracts) {
      if (lc.startsQ > q) continue;
      lc.quartersLeft -= 1;
      if (lc.quartersLeft <= 0) expired = true;
    }
    if (expired) c.labContracts = c.labContracts.filter((lc) => lc.quartersLeft > 0);
    // Incumbency follows who actually served customers.
    if (servedTotal > 0) c.cloudShareBps = c.cloudShareBps + mulDiv(ratioBps(srv, servedTotal) - c.cloudShareBps, 1, 10);
    // An energy business (Tesla Energy) earns a share of rivals' renewables + storage projects.
    if (c.energyBusinessBps > 0) w.energyRevenueUsdM = applyBps(ctx.market.renewablesCapexUsdM - w.renewablesCapexUsdM, c.energyBusinessBps);
    moveCashOf(c, w, LINE.revenue, totalRevenueUsdM(w) - w.licenseRevenueUsdM);
    if (writeOff > 0) payCashOf(c, w, LINE.writeOffs, writeOff);
  }
}
