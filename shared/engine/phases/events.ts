/**
 * Phase 9: world events (GAME.md "Resolution" 9): the seeded deck, scheduled (hidden) shocks and
 * threshold triggers — the data wall (F7) and the eras ("phases that change the rules"). Region
 * derates set here apply to the next quarter. (The circular-financing unwind, F11, is the market's:
 * its effects are reasons of the quarter's stock moves, market.ts.)
 */
import { emit, type Ctx } from '../context.js';
import { applyBps, BPS, clamp, mulDiv, ratioBps } from '../math.js';
import { streamFor, type Rng } from '../rng.js';
import type { RegionId } from '../types.js';

/** Ids of the event cards the engine knows how to apply. */
export const CARD_IDS = [
  'heatWave', 'waterRestriction', 'gridOutage', 'exportControl', 'transformerShortage', 'turbineBacklog',
  'foundryDisruption', 'agentBreakthrough', 'enterpriseAbandonment', 'rateHike', 'rateCut', 'dataDeal', 'monetizationBreakout',
] as const;

/** Applies one card's effect and emits its headline. */
export function applyCard(ctx: Ctx, card: string, region: RegionId | null): void {
  const { state } = ctx;
  const w = state.world;
  const r = region ? state.regions[region] : null;
  switch (card) {
    case 'heatWave':
      if (r) r.heatDerateBps = 1_500;
      break;
    case 'waterRestriction':
      if (r) r.waterRestrictBps = 3_500;
      break;
    case 'gridOutage':
      if (r) r.outageBps = 2_000;
      break;
    case 'exportControl':
      if (r) r.exportBanQ = 4;
      break;
    case 'transformerShortage':
      if (r && region) {
        r.queueQuarters += 2;
        for (const seat of state.seats) for (const p of state.companies[seat]?.projects ?? []) if (p.region === region && p.source === 'grid') p.earliestQ += 1;
      }
      break;
    case 'turbineBacklog':
      w.turbineBacklogMw += 1_500;
      break;
    case 'foundryDisruption':
      w.foundryDisruptedBps = 3_000;
      break;
    case 'agentBreakthrough':
      w.agentAdoptionBps = clamp(w.agentAdoptionBps + 800, 0, BPS);
      break;
    case 'enterpriseAbandonment':
      // Abandoned projects take their agents with them: fewer tasks run as agents (F9).
      w.agentAdoptionBps = clamp(w.agentAdoptionBps - 500, 0, BPS);
      w.abandonmentBps = clamp(w.abandonmentBps + 800, 0, 5_500);
      w.monetizationBps = clamp(w.monetizationBps - 300, 0, 6_000);
      break;
    case 'rateHike':
      w.baseRateBps = clamp(w.baseRateBps + 50, 100, 1_500);
      break;
    case 'rateCut':
      w.baseRateBps = clamp(w.baseRateBps - 50, 100, 1_500);
      break;
    case 'monetizationBreakout':
      w.monetizationBps = clamp(w.monetizationBps + 800, 0, 6_000);
      w.abandonmentBps = clamp(w.abandonmentBps - 500, 1_000, 5_500);
      break;
    case 'dataDeal':
      w.humanDataUsed = Math.max(0, w.humanDataUsed - mulDiv(ctx.K.dataWall, 1, 20));
      break;
    default:
      return;
  }
  emit(ctx, { kind: card, key: `event.${card}`, seat: null, region, headline: true, params: region ? { region } : {} });
}

/** Chooses the region a card hits, weighted by the region figure the card names. */
function pickRegion(ctx: Ctx, card: Ctx['scenario']['deck'][number], rng: Rng): RegionId | null {
  if (card.regions.length === 0) return null;
  const weights = card.regions.map((id) => {
    const r = ctx.scenario.regions.find((x) => x.id === id);
    const w = !r ? 0 : card.weightBy === 'heat' ? r.heatBps : card.weightBy === 'water' ? r.waterStressBps : card.weightBy === 'export' ? r.exportRiskBps : 1;
    return Math.max(1, w);
  });
  let roll = rng.int(weights.reduce((a, b) => a + b, 0));
  for (let i = 0; i < weights.length; i += 1) {
    roll -= weights[i] ?? 0;
    if (roll < 0) return card.regions[i] ?? null;
  }
  return card.regions[card.regions.length - 1] ?? null;
}

/** Runs the events phase. */
export function eventsPhase(ctx: Ctx): void {
  const { K, state, scenario, q } = ctx;
  const world = state.world;
  const rng = streamFor(state.seed, q, 'events');
  // Last quarter's temporary effects have been applied; clear them.
  for (const r of Object.values(state.regions)) {
    r.heatDerateBps = 0;
    r.waterRestrictBps = 0;
    r.outageBps = 0;
    if (r.exportBanQ > 0) r.exportBanQ -= 1;
  }
  world.foundryDisruptedBps = 0;
  world.foundryCapacityMw = applyBps(world.foundryCapacityMw, BPS + K.foundryGrowthBps);
  world.foundryExternalMw = applyBps(world.foundryExternalMw, BPS + K.foundryExternalGrowthBps);
  // The seeded deck: at most three cards a quarter.
  let drawn = 0;
  for (const card of scenario.deck) {
    if (drawn >= 3) break;
    if (q < card.minQuarter || !rng.chanceBps(card.chanceBps)) continue;
    const region = pickRegion(ctx, card, rng);
    applyCard(ctx, card.id, region);
    drawn += 1;
  }
  // Hidden shocks scheduled by the scenario or a teacher hit now.
  for (const shock of state.shocks.filter((s) => s.quarter === q)) applyCard(ctx, shock.card, shock.region);
  state.shocks = state.shocks.filter((s) => s.quarter !== q);
  // Threshold triggers (the circular-financing unwind is the market's: market.ts).
  const wallBps = ratioBps(world.humanDataUsed, K.dataWall);
  const stage = wallBps >= 8_000 ? 2 : wallBps >= 5_000 ? 1 : 0;
  if (stage > world.dataWallStage) {
    world.dataWallStage = stage;
    emit(ctx, { kind: 'dataWall', key: `event.dataWall${stage}`, seat: null, region: null, headline: true, params: { usedBps: wallBps } });
  }
  if (world.era === 'trainingBoom' && world.agentAdoptionBps >= 3_500) {
    world.era = 'inferenceScaleOut';
    emit(ctx, { kind: 'era', key: 'event.era.inferenceScaleOut', seat: null, region: null, headline: true, params: {} });
  } else if (world.era === 'inferenceScaleOut' && (world.abandonmentBps >= 5_000 || (world.sentimentBps <= 8_500 && world.monetizationBps < 2_000))) {
    world.era = 'monetizationReckoning';
    emit(ctx, { kind: 'era', key: 'event.era.monetizationReckoning', seat: null, region: null, headline: true, params: {} });
  }
  if (world.monetizationBps >= 2_500 && world.era === 'monetizationReckoning' && world.sentimentBps >= 10_000) {
    world.era = 'inferenceScaleOut';
    emit(ctx, { kind: 'era', key: 'event.era.recovery', seat: null, region: null, headline: true, params: {} });
  }
}
