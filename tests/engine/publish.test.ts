/**
 * The publish phase (phase 10) and the score: the quarterly report's sums and ratios (revenue, operating
 * costs, unmet cloud demand, the cloud AI margin, market cap, returns, the score), the histories the
 * market reads next quarter (last four kept), the clock; par interpolated between the table's lengths,
 * the score in swings, the return to fundamental value and the restructured company's cap. Expected
 * values come from the scenario's constants and the engine's own helpers. Mutation testing found these
 * rules unchecked (docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import { applyBps, BPS, getScenario, model, parAt, ratioBps, resolveQuarter, scoreBpsOf, worldIndexBps, type CompanyState, type GameState } from '../../shared/index.js';
import { countedReturnBps, fundamentalTsrBps } from '../../shared/engine/phases/publish.js';
import { fundamentalUsdM } from '../../shared/engine/phases/market.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);

describe('par, swing and the score', () => {
  // Rows [quarters, par, swing, world, slope ×100]: at 4 quarters the par moves 0.5 bps per bps of average monetization away from 800, at 8 quarters 1.5.
  const table = [[4, 400, 200, 800, 50], [8, 1_200, 600, 1_000, 150]] as const;

  it('par and swing are interpolated between the table\'s lengths, from 0 before the first, the last row beyond', () => {
    expect(parAt(table, 0)).toStrictEqual({ parBps: 0, swingBps: 200 });
    expect(parAt(table, 3)).toStrictEqual({ parBps: 300, swingBps: 200 });
    expect(parAt(table, 4)).toStrictEqual({ parBps: 400, swingBps: 200 });
    expect(parAt(table, 5)).toStrictEqual({ parBps: 600, swingBps: 300 });
    expect(parAt(table, 7)).toStrictEqual({ parBps: 1_000, swingBps: 500 });
    expect(parAt(table, 8)).toStrictEqual({ parBps: 1_200, swingBps: 600 });
    expect(parAt(table, 40)).toStrictEqual({ parBps: 1_200, swingBps: 600 });
    // No table: par 0 and one swing of 100%; a swing is never below 1 bps.
    expect(parAt([], 12)).toStrictEqual({ parBps: 0, swingBps: 10_000 });
    expect(parAt([[4, 100, 0, 0, 0]], 2)).toStrictEqual({ parBps: 50, swingBps: 1 });
    expect(parAt([[4, 100, 0, 0, 0]], 9)).toStrictEqual({ parBps: 100, swingBps: 1 });
  });

  it('the par follows the game\'s world: slope × (its average monetization − the average world), both interpolated like the par', () => {
    // At 4 quarters: 400 + 0.5 × (1,800 − 800) = 900; a poor world lowers it: 400 + 0.5 × (0 − 800) = 0.
    expect(parAt(table, 4, 1_800)).toStrictEqual({ parBps: 900, swingBps: 200 });
    expect(parAt(table, 4, 0)).toStrictEqual({ parBps: 0, swingBps: 200 });
    expect(parAt(table, 4, 800)).toStrictEqual(parAt(table, 4));
    // At 6 quarters: par 800, world 900, slope 1.0 ×: 800 + (1,900 − 900) = 1,800; the swing is not moved.
    expect(parAt(table, 6, 1_900)).toStrictEqual({ parBps: 1_800, swingBps: 400 });
    // Before the first length the slope grows from 0 like the par: at 2 quarters 0.25 × (1,800 − 800) = 250 on a par of 200.
    expect(parAt(table, 2, 1_800)).toStrictEqual({ parBps: 450, swingBps: 200 });
    // Beyond the last, the last row: 1,200 + 1.5 × (2,000 − 1,000).
    expect(parAt(table, 40, 2_000)).toStrictEqual({ parBps: 2_700, swingBps: 600 });
    // The score measures the return against the par of its own world.
    expect(scoreBpsOf(900 + 200, table, 4, 1_800)).toBe(10_000);
    expect(scoreBpsOf(900 + 200, table, 4)).toBe(35_000);
  });

  it('the world index is the average monetization over the quarters played (the start\'s before any)', () => {
    expect(worldIndexBps({ monetizationBps: 700, monetizationSumBps: 0 }, 0)).toBe(700);
    expect(worldIndexBps({ monetizationBps: 700, monetizationSumBps: 3_001 }, 3)).toBe(1_000);
  });

  it('the score is the return less par, in swings', () => {
    expect(scoreBpsOf(1_000 + 500, table, 7)).toBe(10_000);
    expect(scoreBpsOf(1_000, table, 7)).toBe(0);
    expect(scoreBpsOf(0, table, 7)).toBe(-20_000);
    expect(scoreBpsOf(1_000 + 250, table, 7)).toBe(5_000);
  });

  it('the return counts the fundamental value per share (whole cents, never below 0); a restructured company at most −100%', () => {
    const c = { sharesM: 1_000, startPriceCents: 10_000, restructured: false };
    // $1,234M over 1,000M shares: 123.4 cents, counted as 123.
    expect(fundamentalTsrBps(c, 1_234)).toBe(model.tsrBps(123, 10_000));
    expect(fundamentalTsrBps(c, 1_239)).toBe(model.tsrBps(123, 10_000));
    expect(fundamentalTsrBps(c, -5_000)).toBe(model.tsrBps(0, 10_000));
    expect(fundamentalTsrBps({ ...c, sharesM: 0 }, 2)).toBe(model.tsrBps(200, 10_000));
    const rich = 300_000;
    expect(countedReturnBps(c, rich)).toBe(fundamentalTsrBps(c, rich));
    expect(fundamentalTsrBps(c, rich)).toBeGreaterThan(0);
    expect(countedReturnBps({ ...c, restructured: true }, rich)).toBe(-10_000);
    expect(countedReturnBps({ ...c, restructured: true }, -1)).toBe(-10_000);
  });
});

describe('the quarterly report', () => {
  const play = (change: (s: GameState) => void = () => {}, quarters?: number) => {
    const s = newGame('publish', { seats: ['MSFT', 'META'], quarters });
    change(s);
    const orders = ordersFor(s, { META: { chips: { merchantUsdM: 2_000 }, ops: { trainingBps: 0, selfUseBps: 2_000, cloudBps: 8_000 } } });
    const after = resolveQuarter(copy(s), orders).state;
    return { s, after, orders };
  };
  const parts = (r: CompanyState['report']) => r.coreRevenueUsdM + r.selfUseRevenueUsdM + r.cloudRevenueUsdM + r.licenseRevenueUsdM + r.energyRevenueUsdM;

  it('sums and ratios from the quarter\'s figures', () => {
    const { s, after, orders } = play((g) => {
      // Customers who do not pay: write-offs and unmet demand both show.
      g.world.monetizationBps = 0;
      g.world.enterpriseTasks = 30_000;
    });
    const c0 = s.companies.META!;
    const c = after.companies.META!;
    const r = c.report;
    expect(r.quarter).toBe(0);
    // META has no lab contracts: its revenue is the report's parts.
    expect(c0.labContracts).toStrictEqual([]);
    expect(r.revenueUsdM).toBe(parts(r));
    const coreCost = applyBps(c.coreRevenueUsdM, BPS - c.coreMarginBps) + applyBps(c.cloudBaseUsdM, BPS - K.legacyCloudMarginBps);
    expect(r.opexUsdM).toBe(r.energyCostUsdM + r.inferenceCostUsdM + r.payrollUsdM + coreCost);
    expect(r.capexUsdM).toBe(Object.values(r.capexByCategory).reduce((a, b) => a + b, 0));
    expect(r.capexUsdM).toBeGreaterThan(0);
    // Unmet cloud demand and the cloud AI margin (its share of energy, running cost and chip depreciation, and its bad debt).
    expect(r.cloudDemandUnits).toBeGreaterThan(r.cloudServedUnits);
    expect(r.unmetCloudBps).toBe(ratioBps(r.cloudDemandUnits - r.cloudServedUnits, r.cloudDemandUnits));
    const ai = r.cloudRevenueUsdM - c.cloudBaseUsdM;
    expect(r.writeOffsUsdM).toBeGreaterThan(0);
    const share = ratioBps(r.cloudServedUnits, r.computeUnits);
    const costs = applyBps(r.energyCostUsdM + r.inferenceCostUsdM + r.depreciationUsdM, share) + r.writeOffsUsdM;
    expect(r.cloudMarginBps).toBe(ratioBps(ai - costs, ai));
    // Free cash flow: the operating lines of the ledger, not the financing ones.
    const financing = ['borrow', 'repay', 'equity', 'forcedEquity', 'buyback', 'vendorFinancing', 'revolverDraw', 'revolverRepay', 'vendorRepay', 'vendorCalled'];
    expect(r.freeCashFlowUsdM).toBe(Object.entries(r.ledger).filter(([k]) => !financing.includes(k)).reduce((a, [, v]) => a + v, 0));
    // The market's figures.
    const fundamental = fundamentalUsdM(c.value);
    expect(r.marketCapUsdM).toBe(model.marketCapUsdM(c.priceCents, c.sharesM));
    expect(r.tsrBps).toBe(model.tsrBps(c.priceCents, c.startPriceCents));
    expect(r.fundamentalUsdM).toBe(fundamental);
    expect(r.scoreBps).toBe(scoreBpsOf(countedReturnBps(c, fundamental), sc.companies.find((x) => x.ticker === 'META')!.par.hard, 1, worldIndexBps(after.world, 1)));
    expect(r.value).toStrictEqual(c.value);
    expect(r.qualityBps).toBe(c.qualityBps);
    expect(r.credibilityBps).toBe(c.credibilityBps);
    expect(c.lastOrders).toStrictEqual(orders.META);
    expect(c.lastRevenueUsdM).toBe(r.revenueUsdM);
    // The histories the market reads next quarter: the last four quarters, this one last.
    const last4 = (h: number[], x: number) => [...h.slice(-3), x];
    expect(c.capexHistoryUsdM).toStrictEqual(last4(c0.capexHistoryUsdM, r.capexUsdM));
    expect(c.guidanceHistoryUsdM).toStrictEqual(last4(c0.guidanceHistoryUsdM, c.guidanceCapexUsdM));
    expect(c.revenueHistoryUsdM).toStrictEqual(last4(c0.revenueHistoryUsdM, r.revenueUsdM));
    expect(c.incomeHistoryUsdM).toStrictEqual(last4(c0.incomeHistoryUsdM, r.netIncomeUsdM + applyBps(r.interestUsdM + r.impairmentUsdM, BPS - K.taxBps)));
    expect(c.riskyRevenueHistoryUsdM).toStrictEqual(last4(c0.riskyRevenueHistoryUsdM, ai));
    const risky = ai - r.writeOffsUsdM - applyBps(r.energyCostUsdM + r.inferenceCostUsdM + r.depreciationUsdM, share);
    expect(c.riskyProfitHistoryUsdM).toStrictEqual(last4(c0.riskyProfitHistoryUsdM, risky));
    expect(c0.capexHistoryUsdM).toHaveLength(4);
    // MSFT's lab contract: its payments are revenue, and third-party AI revenue.
    const m = after.companies.MSFT!;
    const lab = m.report.revenueUsdM - parts(m.report);
    expect(lab).toBeGreaterThan(0);
    expect(m.riskyRevenueHistoryUsdM.at(-1)).toBe(m.report.cloudRevenueUsdM - m.cloudBaseUsdM + lab);
    // The quarter's events are the state's; the clock moves on.
    expect(after.events.length).toBeGreaterThan(0);
    expect(after.events.every((e) => e.quarter === 0)).toBe(true);
    expect(after.quarter).toBe(1);
  });

  it('a company that serves no cloud customers and sells no AI reports no unmet share and no margin', () => {
    const { after } = play((g) => {
      g.companies.META!.chips = [];
      g.companies.META!.cloudShareBps = 0;
    });
    const r = after.companies.META!.report;
    expect(r.cloudDemandUnits).toBe(0);
    expect(r.unmetCloudBps).toBe(0);
    expect(r.cloudMarginBps).toBe(0);
  });

  it('the game ends after its last quarter, not before', () => {
    // A four-quarter game from its third quarter.
    const { after } = play((g) => {
      g.quarter = 2;
    }, 4);
    expect(after.quarter).toBe(3);
    expect(after.finished).toBe(false);
    const end = resolveQuarter(after, ordersFor(after)).state;
    expect(end.quarter).toBe(4);
    expect(end.finished).toBe(true);
    // Scores count the quarters played.
    const c = end.companies.MSFT!;
    const table = sc.companies.find((x) => x.ticker === 'MSFT')!.par.hard;
    expect(c.report.scoreBps).toBe(scoreBpsOf(countedReturnBps(c, fundamentalUsdM(c.value)), table, 4, worldIndexBps(end.world, 4)));
    // The game's world counts: this one is not the average world, and the same return would score otherwise there.
    expect(worldIndexBps(end.world, 4)).not.toBe(table[0]![3]);
    expect(c.report.scoreBps).not.toBe(scoreBpsOf(countedReturnBps(c, fundamentalUsdM(c.value)), table, 4));
  });
});
