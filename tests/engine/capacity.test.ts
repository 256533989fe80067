/**
 * The capacity phase (phase 4): where chips are placed (cheapest power first, the best chips first,
 * each kind of chip in the halls that suit it, no leading chips where export controls bar them) and
 * what the quarter reports from it. Mutation testing found the placement order unchecked. Sites, chips
 * and prices are built here; what they yield is worked out from the scenario's constants.
 */
import { describe, expect, it } from 'vitest';
import { applyBps, getScenario, model, placeChips, resolveQuarter, type ChipCohort, type ChipType, type GameState, type OrdersDraft, type RegionId, type RegionState, type Site, type Ticker } from '../../shared/index.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);
const RESEARCHERS = 3_000;

const site = (mw: number, liquidMw: number): Site => ({ poweredMw: { grid: mw, gas: 0, renewables: 0, nuclear: 0 }, liquidMw });
const chip = (type: ChipType, gen: number, mw: number, boughtQ = 0): ChipCohort => ({ type, gen, mw, bookUsdM: 0, deprUsdM: 0, boughtQ });
/** Compute units per MW of a cohort at full speed, and in an air-cooled hall. */
const perf = (type: ChipType, gen: number): number => model.cohortPerf(sc, K, { type, gen }, model.secondSourceUtilBps(K, RESEARCHERS));
const airPerf = (type: ChipType, gen: number): number => applyBps(perf(type, gen), model.airSpeedBps(K, type));

/** The start's regions with some grid prices (and other fields) changed. */
const regionsWith = (changes: Partial<Record<RegionId, Partial<RegionState>>>): Record<RegionId, RegionState> => {
  const regions = copy(newGame('capacity').regions);
  for (const [id, change] of Object.entries(changes)) Object.assign(regions[id as RegionId], change);
  return regions;
};
const place = (regions: Record<RegionId, RegionState>, sites: Partial<Record<RegionId, Site>>, chips: ChipCohort[]) => placeChips(sc, K, regions, sites, chips, RESEARCHERS);
/** Every order of a list (placement must not depend on how sites or chips happen to be listed). */
const orders = <T>(xs: readonly T[]): T[][] => (xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));
const sitesIn = (list: [RegionId, Site][]): Partial<Record<RegionId, Site>> => Object.fromEntries(list) as Partial<Record<RegionId, Site>>;
/** Every region at 0 MW except those given. */
const usedMw = (mw: Partial<Record<RegionId, number>>): Record<RegionId, number> => ({ ...model.mwByRegion(), ...mw });

describe('chip placement', () => {
  it('fills the cheapest powered site first, however the sites are listed', () => {
    const regions = regionsWith({ 'us-texas': { priceUsdPerMwh: 30 }, 'us-east': { priceUsdPerMwh: 60 }, 'eu-west': { priceUsdPerMwh: 90 }, 'us-west': { priceUsdPerMwh: 120 } });
    const list: [RegionId, Site][] = [['eu-west', site(100, 100)], ['us-west', site(100, 100)], ['us-texas', site(100, 100)], ['us-east', site(100, 100)]];
    for (const listed of orders(list)) {
      const p = place(regions, sitesIn(listed), [chip('merchant', 0, 250)]);
      expect(p.usedMwByRegion).toStrictEqual(usedMw({ 'us-texas': 100, 'us-east': 100, 'eu-west': 50 }));
      expect(p.usedMw).toBe(250);
      expect(p.poweredMw).toBe(400);
    }
  });

  it('sites at the same price are filled in region-id order', () => {
    const regions = regionsWith({ canada: { priceUsdPerMwh: 50 }, nordics: { priceUsdPerMwh: 50 }, latam: { priceUsdPerMwh: 50 }, india: { priceUsdPerMwh: 20 } });
    const list: [RegionId, Site][] = [['nordics', site(100, 100)], ['latam', site(100, 100)], ['canada', site(100, 100)], ['india', site(100, 100)]];
    for (const listed of orders(list)) {
      const p = place(regions, sitesIn(listed), [chip('merchant', 0, 250)]);
      expect(p.usedMwByRegion).toStrictEqual(usedMw({ india: 100, canada: 100, latam: 50 }));
    }
  });

  it('the best chips take the liquid-cooled room, older ones the air-cooled room (throttled), the worst sit idle', () => {
    expect(perf('merchant', 2)).toBeGreaterThan(perf('merchant', 1));
    expect(perf('merchant', 1)).toBeGreaterThan(perf('merchant', 0));
    expect(airPerf('merchant', 1)).toBeLessThan(perf('merchant', 1));
    const regions = regionsWith({});
    // One site: 100 MW liquid-cooled, 100 MW air-cooled; 300 MW of chips.
    const sites = { 'us-texas': site(200, 100) };
    const expected = 100 * perf('merchant', 2) + 100 * airPerf('merchant', 1);
    for (const boughtQs of [[0, 0, 0], [-4, 0, 4], [4, 0, -4]]) {
      const chips = [chip('merchant', 0, 100, boughtQs[0]), chip('merchant', 1, 100, boughtQs[1]), chip('merchant', 2, 100, boughtQs[2])];
      for (const listed of orders(chips)) {
        const p = place(regions, sites, listed);
        expect(p.computeUnits).toBe(expected);
        expect(p.merchantUnits).toBe(expected);
        expect(p.usedMw).toBe(200);
      }
    }
  });

  it('leading chips fill liquid-cooled halls first, second-source chips air-cooled ones (at full speed)', () => {
    // Texas is cheap and liquid-cooled only, the east dear and air-cooled only.
    const regions = regionsWith({ 'us-texas': { priceUsdPerMwh: 30 }, 'us-east': { priceUsdPerMwh: 300 } });
    const sites = { 'us-texas': site(100, 100), 'us-east': site(100, 0) };
    const second = place(regions, sites, [chip('secondSource', 0, 100)]);
    expect(second.usedMwByRegion).toStrictEqual(usedMw({ 'us-east': 100 }));
    expect(second.computeUnits).toBe(100 * perf('secondSource', 0));
    expect(second.merchantUnits).toBe(0);
    const leading = place(regions, sites, [chip('merchant', 0, 100)]);
    expect(leading.usedMwByRegion).toStrictEqual(usedMw({ 'us-texas': 100 }));
    expect(leading.computeUnits).toBe(100 * perf('merchant', 0));
    // When their halls are full, both overflow into the other kind: leading chips throttled in air.
    const many = place(regions, sites, [chip('merchant', 0, 150)]);
    expect(many.usedMwByRegion).toStrictEqual(usedMw({ 'us-texas': 100, 'us-east': 50 }));
    expect(many.computeUnits).toBe(100 * perf('merchant', 0) + 50 * airPerf('merchant', 0));
    const manySecond = place(regions, sites, [chip('secondSource', 0, 150)]);
    expect(manySecond.usedMwByRegion).toStrictEqual(usedMw({ 'us-texas': 50, 'us-east': 100 }));
    expect(manySecond.computeUnits).toBe(150 * perf('secondSource', 0));
    // Both kinds together each get their own halls, whichever is placed first.
    for (const listed of orders([chip('merchant', 0, 100), chip('secondSource', 0, 100)])) {
      const both = place(regions, sites, listed);
      expect(both.usedMwByRegion).toStrictEqual(usedMw({ 'us-texas': 100, 'us-east': 100 }));
      expect(both.computeUnits).toBe(100 * perf('merchant', 0) + 100 * perf('secondSource', 0));
      expect(both.merchantUnits).toBe(100 * perf('merchant', 0));
    }
  });

  it('merchant units count merchant GPUs only, not custom or second-source chips', () => {
    const regions = regionsWith({});
    const sites = { 'us-texas': site(600, 600) };
    const p = place(regions, sites, [chip('custom', 0, 100), chip('merchant', 0, 200), chip('secondSource', 0, 100)]);
    expect(p.merchantUnits).toBe(200 * perf('merchant', 0));
    expect(p.computeUnits).toBe(200 * perf('merchant', 0) + 100 * perf('custom', 0) + 100 * perf('secondSource', 0));
    expect(p.usedMwByRegion).toStrictEqual(usedMw({ 'us-texas': 400 }));
  });

  it('leading chips are not placed where export controls bar them; second-source chips are', () => {
    const barred = sc.regions.find((r) => r.leadingChipsBarred);
    expect(barred).toBeDefined();
    const cheapBarred = barred!.id;
    // A barred region and a region under an export ban, both cheaper than the open one.
    const regions = regionsWith({ [cheapBarred]: { priceUsdPerMwh: 10 }, india: { priceUsdPerMwh: 20, exportBanQ: 2 }, 'us-texas': { priceUsdPerMwh: 80 } });
    const sites = sitesIn([[cheapBarred, site(100, 100)], ['india', site(100, 100)], ['us-texas', site(100, 100)]]);
    for (const type of ['merchant', 'custom'] as const) {
      const p = place(regions, sites, [chip(type, 0, 200)]);
      expect(p.usedMwByRegion).toStrictEqual(usedMw({ 'us-texas': 100 }));
      expect(p.usedMw).toBe(100);
    }
    const second = place(regions, sites, [chip('secondSource', 0, 200)]);
    expect(second.usedMwByRegion).toStrictEqual(usedMw({ [cheapBarred]: 100, india: 100 }));
    // Lifted ban: the region takes leading chips again.
    const lifted = place(regionsWith({ [cheapBarred]: { priceUsdPerMwh: 10 }, india: { priceUsdPerMwh: 20 }, 'us-texas': { priceUsdPerMwh: 80 } }), sites, [chip('merchant', 0, 200)]);
    expect(lifted.usedMwByRegion).toStrictEqual(usedMw({ india: 100, 'us-texas': 100 }));
  });
});

describe('capacity phase', () => {
  const SEAT: Ticker = 'MSFT';
  /** A start where only the edited sites and chips count: nothing is delivered or powered up during the quarter. */
  const play = (edit: (s: GameState) => void, draft: OrdersDraft = {}) => {
    const before = newGame('capacity', { seats: ['MSFT', 'META'] });
    for (const c of Object.values(before.companies)) {
      c.shipments = [];
      c.projects = [];
    }
    edit(before);
    return { before, after: resolveQuarter(copy(before), ordersFor(before, { [SEAT]: draft })).state };
  };
  const fleet = (sites: Partial<Record<RegionId, Site>>, chips: ChipCohort[]) => (s: GameState): void => {
    s.companies[SEAT]!.sites = sites;
    s.companies[SEAT]!.chips = chips;
  };
  const idleEvent = (s: GameState) => s.events.find((e) => e.kind === 'chipsIdle' && e.seat === SEAT);

  it('reports chips, power, the MW used and the idle MW of stranded chips', () => {
    const { after } = play(fleet({ 'us-texas': site(700, 300) }, [chip('merchant', 0, 600), chip('merchant', 1, 200)]));
    const r = after.companies[SEAT]!.report;
    expect(r.chipMw).toBe(800);
    expect(r.poweredMw).toBe(700);
    expect(r.usedMw).toBe(700);
    expect(r.idleChipMw).toBe(100);
  });

  it('chips idle for want of power are announced from a tenth of the fleet, with the MW', () => {
    // 1,000 MW of chips: 100 MW idle is a tenth; 99 MW is not.
    const at = play(fleet({ 'us-texas': site(900, 900) }, [chip('merchant', 0, 1_000)])).after;
    expect(idleEvent(at)).toMatchObject({ key: 'event.chipsIdle', headline: true, region: null, params: { seat: SEAT, mw: 100 } });
    const under = play(fleet({ 'us-texas': site(901, 901) }, [chip('merchant', 0, 1_000)])).after;
    expect(under.companies[SEAT]!.report.idleChipMw).toBe(99);
    expect(idleEvent(under)).toBeUndefined();
    const none = play(fleet({ 'us-texas': site(1_200, 1_200) }, [chip('merchant', 0, 1_000)])).after;
    expect(none.companies[SEAT]!.report.idleChipMw).toBe(0);
    expect(idleEvent(none)).toBeUndefined();
    // A company with no chips has nothing idle.
    const empty = play(fleet({ 'us-texas': site(100, 100) }, [])).after;
    expect(idleEvent(empty)).toBeUndefined();
  });

  it('MW still waiting for power are reported', () => {
    const project = { id: 'p-test', region: 'us-texas' as RegionId, source: 'grid' as const, mw: 300, cooling: 'liquid' as const, orderedQ: 0, earliestQ: 40 };
    const { after } = play((s) => void (s.companies[SEAT]!.projects = [project, { ...project, id: 'p-test-2', mw: 200 }]));
    expect(after.companies[SEAT]!.report.waitingMw).toBe(500);
    expect(play(() => undefined).after.companies[SEAT]!.report.waitingMw).toBe(0);
  });

  it('with too few researchers for the fleet, part of the compute goes unused', () => {
    const f = fleet({ 'us-texas': site(1_000, 1_000) }, [chip('merchant', 0, 1_000)]);
    const staffed = play((s) => { f(s); s.companies[SEAT]!.researchers = 20_000; }).after.companies[SEAT]!.report.computeUnits;
    const thin = play((s) => { f(s); s.companies[SEAT]!.researchers = 50; }).after.companies[SEAT]!.report.computeUnits;
    expect(thin).toBeLessThan(staffed);
    expect(staffed).toBeLessThanOrEqual(1_000 * perf('merchant', 0));
  });

  it('only the compute its researchers can run is split: a thin team serves less and earns less self-use revenue', () => {
    const f = fleet({ 'us-texas': site(1_000, 1_000) }, [chip('merchant', 0, 1_000)]);
    const run = (researchers: number, ops: OrdersDraft['ops']) => play((s) => { f(s); s.companies[SEAT]!.researchers = researchers; }, { ops }).after.companies[SEAT]!.report;
    const cloud = { trainingBps: 0, selfUseBps: 0, cloudBps: 10_000 };
    const self = { trainingBps: 0, selfUseBps: 10_000, cloudBps: 0 };
    const [fullCloud, thinCloud] = [run(20_000, cloud), run(50, cloud)];
    expect(thinCloud.cloudServedUnits).toBeGreaterThan(0);
    expect(thinCloud.cloudServedUnits).toBeLessThanOrEqual(thinCloud.computeUnits);
    expect(thinCloud.cloudServedUnits).toBeLessThan(fullCloud.cloudServedUnits);
    expect(run(50, self).selfUseRevenueUsdM).toBeLessThan(run(20_000, self).selfUseRevenueUsdM);
  });

  it('compute moved from the cloud to self-use earns more self-use revenue', () => {
    const cloudy = play(() => undefined, { ops: { trainingBps: 2_000, selfUseBps: 2_000, cloudBps: 6_000 } }).after.companies[SEAT]!;
    const selfish = play(() => undefined, { ops: { trainingBps: 2_000, selfUseBps: 6_000, cloudBps: 2_000 } }).after.companies[SEAT]!;
    expect(selfish.report.selfUseRevenueUsdM).toBeGreaterThan(cloudy.report.selfUseRevenueUsdM);
    expect(selfish.report.cloudServedUnits).toBeLessThanOrEqual(cloudy.report.cloudServedUnits);
  });
});
