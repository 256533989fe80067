/**
 * Cloud pricing (demand.ts rules 4–5, model.ts revenuePerUnitUsd and writeOffShareBps): a flat plan
 * earns about what metered use earns while tasks take few tokens and less and less once agents multiply
 * them (F5); flat plans are paid in advance, so customers who fail to make AI pay leave no bad debt,
 * while usage bills do (F9). Hard bots offer whichever pays more this quarter. Abandoned AI projects
 * take their agents with them (events.ts).
 */
import { describe, expect, it } from 'vitest';
import { botOrders, getScenario, model, playerViews, resolveQuarter, type GameState } from '../../shared/index.js';
import { copy, newGame, ordersFor, SCENARIO } from '../helpers/game.js';

const K = model.constantsOf(getScenario(SCENARIO));
const cloudOnly = { trainingBps: 0, selfUseBps: 0, cloudBps: 10_000 } as const;

/** Total write-offs and cloud revenue of MSFT over a few seeds, with every customer failing, under one pricing. */
function writeOffs(pricing: 'flat' | 'usage'): { writeOffs: number; billed: number } {
  let total = 0;
  let billed = 0;
  for (const seed of ['p1', 'p2', 'p3', 'p4']) {
    const s: GameState = copy(newGame(seed, { seats: ['MSFT', 'AMZN'] }));
    s.world.monetizationBps = 0;
    const after = resolveQuarter(s, ordersFor(s, { MSFT: { ops: { ...cloudOnly, pricing } } })).state;
    total += after.companies.MSFT!.report.writeOffsUsdM;
    billed += after.companies.MSFT!.report.cloudRevenueUsdM;
  }
  return { writeOffs: total, billed };
}

describe('cloud pricing', () => {
  it('usage bills leave bad debts when customers fail to monetize; prepaid flat plans leave none', () => {
    const usage = writeOffs('usage');
    const flat = writeOffs('flat');
    expect(usage.writeOffs).toBeGreaterThan(0);
    expect(flat.billed).toBeGreaterThan(0);
    expect(flat.writeOffs).toBe(0);
  });

  it('the expected share written off falls as customers learn to make AI pay, and is nil for flat plans', () => {
    expect(model.writeOffShareBps(K, 'flat', 0)).toBe(0);
    expect(model.writeOffShareBps(K, 'usage', 0)).toBe(K.customerDefaultBps);
    expect(model.writeOffShareBps(K, 'usage', 5_000)).toBeLessThan(model.writeOffShareBps(K, 'usage', 1_000));
  });

  it('a flat plan earns at least what metered use earns at the start, and less once agents multiply the tokens (F5)', () => {
    const start = newGame('tokens').world.tokensPerTaskX100;
    const agents = model.tokensPerTaskX100(K, 10_000);
    expect(model.revenuePerUnitUsd(K, 1_000, 'flat', start)).toBeGreaterThanOrEqual(model.revenuePerUnitUsd(K, 1_000, 'usage', start));
    expect(model.revenuePerUnitUsd(K, 1_000, 'flat', agents)).toBeLessThan(model.revenuePerUnitUsd(K, 1_000, 'usage', agents));
  });

  it('hard bots offer flat plans while tasks take few tokens and metered use once agents are everywhere', () => {
    const pricingAt = (adoptionBps: number, difficulty: 'hard' | 'normal'): string => {
      const s = copy(newGame('bot-pricing', { seats: ['MSFT', 'AMZN'] }));
      s.world.agentAdoptionBps = adoptionBps;
      s.world.tokensPerTaskX100 = model.tokensPerTaskX100(K, adoptionBps);
      return botOrders(playerViews(s).MSFT, 'cloudLandlord', difficulty).ops.pricing;
    };
    expect(pricingAt(0, 'hard')).toBe('flat');
    expect(pricingAt(10_000, 'hard')).toBe('usage');
    // A normal bot keeps its profile's pricing whatever the tokens.
    expect(pricingAt(0, 'normal')).toBe(pricingAt(10_000, 'normal'));
  });

  it('enterprises abandoning their AI projects take their agents with them (fewer tokens per task)', () => {
    const s0 = copy(newGame('abandon', { seats: ['MSFT', 'AMZN'] }));
    const hit = copy(s0);
    hit.shocks = [{ quarter: 0, card: 'enterpriseAbandonment', region: null }];
    const after = resolveQuarter(hit, ordersFor(hit)).state;
    const control = resolveQuarter(s0, ordersFor(s0)).state;
    expect(after.world.agentAdoptionBps).toBe(control.world.agentAdoptionBps - 500);
    // Events close the quarter: tasks take fewer tokens from the next one on.
    const next = (s: GameState): number => resolveQuarter(s, ordersFor(s)).state.world.tokensPerTaskX100;
    expect(next(after)).toBeLessThan(next(control));
  });
});
