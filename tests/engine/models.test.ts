/**
 * The models phase (phase 5): training, the data wall, model collapse, talent, licensing and the
 * field's frontier — each against the same quarter without its cause. Mutation testing found the
 * data-coverage formula, the research-talent factor and licensing's quality floor unchecked.
 */
import { describe, expect, it } from 'vitest';
import { applyBps, BPS, getScenario, model, mulDiv, resolveQuarter, type GameState, type OrdersDraft, type Ticker } from '../../shared/index.js';
import { dataFactors } from '../../shared/engine/phases/models.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);
const SEAT: Ticker = 'MSFT';
const OTHER: Ticker = 'META';
/** Plenty of human data: training is never short of it. */
const PLENTY = 100_000_000;

/** Plays the first quarter from the start as edited, MSFT with the given orders (META holds unless given). */
const play = (edit: (s: GameState) => void = () => undefined, draft: OrdersDraft = {}, other: OrdersDraft = {}) => {
  const before = newGame('models', { seats: [SEAT, OTHER] });
  edit(before);
  return { before, after: resolveQuarter(copy(before), ordersFor(before, { [SEAT]: draft, [OTHER]: other })).state };
};
const NO_TRAINING = { ops: { trainingBps: 0, selfUseBps: 6_000, cloudBps: 4_000 } };
const TRAINING = { ops: { trainingBps: 5_000, selfUseBps: 1_000, cloudBps: 4_000 } };
/** What a quarter's training added to the model: the stock after training less the stock after the same quarter without it. */
const gain = (edit: (s: GameState) => void, data: OrdersDraft = {}): number => {
  const stock = (ops: OrdersDraft) => play(edit, { ...data, ...ops }).after.companies[SEAT]!.trainingStock;
  return stock(TRAINING) - stock(NO_TRAINING);
};
const withData = (humanData: number) => (s: GameState): void => void (s.companies[SEAT]!.humanData = humanData);
const synthetic = (syntheticBps: number): OrdersDraft => ({ data: { licensedUsdM: 0, syntheticBps } });
const stockOf = (quality: number): number => model.stockForQuality(K, quality);

describe('data coverage and model collapse (dataFactors)', () => {
  const f = (human: number, syntheticBps: number, units = 100_000) => dataFactors(human, syntheticBps, units, K.dataPerUnit, K.syntheticSafeBps, K.collapseBps);

  it('without training, data covers everything', () => {
    expect(f(0, 0, 0).coverageBps).toBe(BPS);
    expect(f(1, 0, 0).coverageBps).toBe(BPS);
  });

  it('coverage grows with human data up to all of it; synthetic data stretches human data (up to 90 %)', () => {
    const short = f(100, 0).coverageBps;
    expect(short).toBeGreaterThan(0);
    expect(short).toBeLessThan(BPS);
    expect(f(200, 0).coverageBps).toBeGreaterThan(short);
    expect(f(PLENTY, 0).coverageBps).toBe(BPS);
    expect(f(100, 2_000).coverageBps).toBeGreaterThan(short);
    expect(f(100, 5_000).coverageBps).toBeGreaterThan(f(100, 2_000).coverageBps);
    expect(f(100, 9_500).coverageBps).toBe(f(100, 9_000).coverageBps);
  });

  it('synthetic data up to the safe share costs nothing; beyond it the penalty grows, at most everything', () => {
    expect(K.syntheticSafeBps).toBeGreaterThan(0);
    expect(f(PLENTY, 0).collapseBps).toBe(0);
    expect(f(PLENTY, K.syntheticSafeBps).collapseBps).toBe(0);
    const some = f(PLENTY, K.syntheticSafeBps + 1_000).collapseBps;
    expect(some).toBeGreaterThan(0);
    expect(f(PLENTY, K.syntheticSafeBps + 2_000).collapseBps).toBeGreaterThan(some);
    expect(dataFactors(PLENTY, BPS, 100_000, K.dataPerUnit, 0, BPS * 3).collapseBps).toBe(BPS);
  });
});

describe('training', () => {
  it('training adds to the model; without it the model decays by the decay rate', () => {
    const { before, after } = play(withData(PLENTY), { ...NO_TRAINING, ...synthetic(0) });
    const s0 = before.companies[SEAT]!.trainingStock;
    expect(after.companies[SEAT]!.trainingStock).toBe(s0 - applyBps(s0, K.trainingDecayBps));
    expect(gain(withData(PLENTY))).toBeGreaterThan(0);
  });

  it('short of human data, training gains less; synthetic data within the safe share makes up part of it', () => {
    const plenty = gain(withData(PLENTY));
    const short = gain(withData(10), synthetic(0));
    expect(short).toBeLessThan(plenty);
    expect(short).toBeGreaterThan(0);
    expect(gain(withData(10), synthetic(K.syntheticSafeBps))).toBeGreaterThan(short);
  });

  it('researchers turn compute into a better model: a thin team gains less from the same training', () => {
    // Only leading chips, so researchers change nothing in how much compute there is.
    const team = (n: number) => (s: GameState): void => {
      withData(PLENTY)(s);
      const c = s.companies[SEAT]!;
      c.chips = c.chips.filter((ch) => ch.type !== 'secondSource');
      c.researchers = n;
    };
    const big = gain(team(50_000));
    const thin = gain(team(100));
    expect(thin).toBeGreaterThan(0);
    expect(thin).toBeLessThan(big);
  });

  it('the same training gains more in the training boom than in later eras', () => {
    const boom = gain(withData(PLENTY));
    const later = gain((s) => { withData(PLENTY)(s); s.world.era = 'inferenceScaleOut'; });
    expect(later).toBeGreaterThan(0);
    expect(later).toBeLessThan(boom);
  });

  it('synthetic data beyond the safe share degrades training and erodes the model (at most an eighth a quarter), and is announced', () => {
    const safe = play(withData(PLENTY), { ...NO_TRAINING, ...synthetic(K.syntheticSafeBps) });
    const over = play(withData(PLENTY), { ...NO_TRAINING, ...synthetic(9_000) });
    const s0 = safe.before.companies[SEAT]!.trainingStock;
    const kept = safe.after.companies[SEAT]!.trainingStock;
    const eroded = over.after.companies[SEAT]!.trainingStock;
    expect(eroded).toBeLessThan(kept);
    expect(kept - eroded).toBeLessThanOrEqual(Math.ceil(s0 / 8));
    expect(gain(withData(PLENTY), synthetic(9_000))).toBeLessThan(gain(withData(PLENTY), synthetic(K.syntheticSafeBps)));
    expect(over.after.companies[SEAT]!.syntheticBps).toBe(9_000);
    expect(safe.after.companies[SEAT]!.syntheticBps).toBe(K.syntheticSafeBps);
    const degraded = (s: GameState) => s.events.find((e) => e.kind === 'modelDegraded' && e.seat === SEAT);
    expect(degraded(over.after)).toMatchObject({ key: 'event.modelDegraded', headline: false, region: null, params: { seat: SEAT, syntheticBps: 9_000 } });
    expect(degraded(safe.after)).toBeUndefined();
  });

  it('human data decays; a consumer business adds its own first-party data each quarter', () => {
    const consumer = play((s) => void (s.companies[SEAT]!.consumer = true)).after.companies;
    const plain = play((s) => void (s.companies[SEAT]!.consumer = false)).after.companies;
    const start = newGame('models', { seats: [SEAT, OTHER] }).companies[SEAT]!.humanData;
    expect(plain[SEAT]!.humanData).toBeLessThan(start);
    for (const seat of [SEAT, OTHER]) expect(model.companyDef(sc, seat).firstPartyData).toBeGreaterThan(0);
    expect(consumer[SEAT]!.humanData - plain[SEAT]!.humanData).toBe(model.companyDef(sc, SEAT).firstPartyData);
    // The other seat's data is its own business.
    const otherPlain = play((s) => void (s.companies[OTHER]!.consumer = false)).after.companies[OTHER]!.humanData;
    const otherConsumer = play((s) => void (s.companies[OTHER]!.consumer = true)).after.companies[OTHER]!.humanData;
    expect(otherConsumer - otherPlain).toBe(model.companyDef(sc, OTHER).firstPartyData);
  });
});

describe('quality and licensing', () => {
  const floor = applyBps(K.labQualityBps, K.licenseQualityBps);
  const stocks = (mine: number, other: number) => (s: GameState): void => {
    s.companies[SEAT]!.trainingStock = mine;
    s.companies[OTHER]!.trainingStock = other;
  };
  const weak = stockOf(floor - 2_000);
  const strong = stockOf(Math.min(K.qualityMaxBps - 50, floor + 1_000));
  const licensed = (s: GameState, seat: Ticker = SEAT) => s.events.find((e) => e.kind === 'modelLicensed' && e.seat === seat);

  it('a model’s quality follows its training stock', () => {
    const { after } = play(stocks(weak, strong));
    for (const seat of [SEAT, OTHER]) expect(after.companies[seat]!.qualityBps).toBe(model.qualityFromStock(K, after.companies[seat]!.trainingStock));
    expect(after.companies[OTHER]!.qualityBps).toBeGreaterThan(after.companies[SEAT]!.qualityBps);
  });

  it('licensing the labs’ model lifts a weaker model to the licensed floor, for the fee, and is announced', () => {
    const control = play(stocks(weak, weak));
    const { before, after } = play(stocks(weak, weak), { licenseFrom: 'LAB' });
    const fee = model.licenseFeeUsdM(K, before.companies[SEAT]!.upliftUsdM);
    expect(fee).toBeGreaterThan(0);
    const c = after.companies[SEAT]!;
    expect(control.after.companies[SEAT]!.qualityBps).toBeLessThan(floor);
    expect(c.qualityBps).toBe(floor);
    expect(c.licensedFrom).toBe('LAB');
    expect(c.report.ledger['license']).toBe(-fee);
    expect(control.after.companies[SEAT]!.report.ledger['license'] ?? 0).toBe(0);
    expect(licensed(after)).toMatchObject({ key: 'event.modelLicensed', headline: true, region: null, params: { seat: SEAT, from: 'LAB', fee } });
    expect(licensed(control.after)).toBeUndefined();
    // The labs are paid: their index's driver is higher than without the licence.
    expect(after.market.LABS.driverUsdM).toBeGreaterThan(control.after.market.LABS.driverUsdM);
  });

  it('a licence kept from last quarter is not announced again, but still paid', () => {
    const { before, after } = play((s) => { stocks(weak, weak)(s); s.companies[SEAT]!.licensedFrom = 'LAB'; }, { licenseFrom: 'LAB' });
    expect(licensed(after)).toBeUndefined();
    expect(after.companies[SEAT]!.report.ledger['license']).toBe(-model.licenseFeeUsdM(K, before.companies[SEAT]!.upliftUsdM));
    expect(after.companies[SEAT]!.qualityBps).toBe(floor);
    // Dropped: the company is back to its own model.
    const dropped = play((s) => { stocks(weak, weak)(s); s.companies[SEAT]!.licensedFrom = 'LAB'; }, { licenseFrom: null }).after.companies[SEAT]!;
    expect(dropped.licensedFrom).toBeNull();
    expect(dropped.qualityBps).toBe(model.qualityFromStock(K, dropped.trainingStock));
  });

  it('a licence does not lower a better own model; its fee is an expense', () => {
    const control = play(stocks(strong, weak));
    const { before, after } = play(stocks(strong, weak), { licenseFrom: 'LAB' });
    const own = control.after.companies[SEAT]!.qualityBps;
    expect(own).toBeGreaterThan(floor);
    expect(after.companies[SEAT]!.qualityBps).toBe(own);
    const fee = model.licenseFeeUsdM(K, before.companies[SEAT]!.upliftUsdM);
    expect(control.after.companies[SEAT]!.lastEbitdaUsdM - after.companies[SEAT]!.lastEbitdaUsdM).toBe(fee);
  });

  it('licensing a rival’s model: the floor from its own model, the fee paid to the rival', () => {
    const control = play(stocks(strong, weak));
    const { before, after } = play(stocks(strong, weak), {}, { licenseFrom: SEAT });
    const fee = model.licenseFeeUsdM(K, before.companies[OTHER]!.upliftUsdM);
    const source = model.qualityFromStock(K, after.companies[SEAT]!.trainingStock);
    expect(after.companies[OTHER]!.qualityBps).toBe(applyBps(source, K.licenseQualityBps));
    expect(after.companies[OTHER]!.qualityBps).toBeGreaterThan(control.after.companies[OTHER]!.qualityBps);
    expect(after.companies[OTHER]!.report.ledger['license']).toBe(-fee);
    expect(after.companies[SEAT]!.report.ledger['licenseIncome']).toBe(fee);
    expect(control.after.companies[SEAT]!.report.ledger['licenseIncome'] ?? 0).toBe(0);
    expect(after.companies[SEAT]!.report.licenseRevenueUsdM - control.after.companies[SEAT]!.report.licenseRevenueUsdM).toBe(fee);
    expect(licensed(after, OTHER)).toMatchObject({ params: { seat: OTHER, from: SEAT, fee } });
    // The labs are not paid for a rival's model.
    expect(after.market.LABS.driverUsdM).toBe(control.after.market.LABS.driverUsdM);
  });

  it('the frontier is the best model in play or the labs’; the average is over the seats', () => {
    const low = play(stocks(weak, weak)).after;
    expect(low.world.frontierQualityBps).toBe(K.labQualityBps);
    const top = stockOf(Math.min(K.qualityMaxBps - 10, K.labQualityBps + 500));
    const high = play(stocks(top, weak)).after;
    const q = [SEAT, OTHER].map((seat) => high.companies[seat]!.qualityBps);
    expect(q[0]).toBeGreaterThan(K.labQualityBps);
    expect(high.world.frontierQualityBps).toBe(q[0]);
    expect(high.world.avgQualityBps).toBe(mulDiv(q[0]! + q[1]!, 1, 2));
  });
});
