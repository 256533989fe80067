/**
 * A new game (`shared/engine/create.ts`): the options it refuses and why, each company's opening state
 * taken from the scenario, a licence whose licensor is not in play, and the opening valuation. The
 * mutation run of 2026-12-06 (docs/testing.md) found these unchecked by the rule tests (the server
 * tests, outside the mutation set, check only that bad options are refused).
 */
import { describe, expect, it } from 'vitest';
import { checkNewGame, createGame, getScenario, model, type Ticker } from '../../shared/index.js';

const sc = getScenario('capex-race-2026');
const ok = { scenarioId: sc.id, seed: 's' };

describe('new-game options', () => {
  it('refuses each bad option with its reason, at the exact bounds', () => {
    expect(checkNewGame(ok)).toEqual([]);
    // An unknown scenario is the only reason given (the others need the scenario).
    expect(checkNewGame({ scenarioId: 'nope', seed: '' })).toEqual(['unknown scenario nope']);
    const quarters = `quarters must be ${sc.minQuarters}–${sc.maxQuarters}`;
    expect(checkNewGame({ ...ok, quarterCount: sc.minQuarters - 1 })).toEqual([quarters]);
    expect(checkNewGame({ ...ok, quarterCount: sc.maxQuarters + 1 })).toEqual([quarters]);
    expect(checkNewGame({ ...ok, quarterCount: sc.minQuarters + 0.5 })).toEqual([quarters]);
    expect(checkNewGame({ ...ok, quarterCount: sc.minQuarters })).toEqual([]);
    expect(checkNewGame({ ...ok, quarterCount: sc.maxQuarters })).toEqual([]);
    const seed = 'seed must be 1–64 characters';
    expect(checkNewGame({ ...ok, seed: '' })).toEqual([seed]);
    expect(checkNewGame({ ...ok, seed: 'x'.repeat(65) })).toEqual([seed]);
    expect(checkNewGame({ ...ok, seed: 12 as unknown as string })).toEqual([seed]);
    expect(checkNewGame({ ...ok, seed: 'x'.repeat(64) })).toEqual([]);
    const seats = 'seats must be distinct and at least one';
    expect(checkNewGame({ ...ok, seats: [] })).toEqual([seats]);
    expect(checkNewGame({ ...ok, seats: ['AMZN', 'AMZN'] })).toEqual([seats]);
    expect(checkNewGame({ ...ok, seats: ['AMZN', 'XYZ' as Ticker] })).toEqual(['unknown company XYZ']);
    expect(checkNewGame({ ...ok, seats: ['AMZN'] })).toEqual([]);
    // Every reason at once, and createGame refuses with all of them.
    expect(() => createGame({ ...ok, seed: '', seats: [] })).toThrow(`${seed}; ${seats}`);
  });
});

describe('the opening state', () => {
  // Made inside each test: Stryker switches a mutant on per test, so a state made while the file is
  // collected would never see it (docs/testing.md).
  const opening = () => createGame({ ...ok, seed: 'opening' });
  const K = model.constantsOf(sc);

  it('each company\'s sites, chips, projects and lab contracts come from the scenario, bought or ordered before the start', () => {
    const s = opening();
    const projectIds = new Set<string>();
    const contractIds = new Set<string>();
    const facilityPerMw = new Set<number>();
    for (const def of sc.companies) {
      const c = s.companies[def.ticker]!;
      let powered = 0;
      for (const site of def.sites) {
        expect(c.sites[site.region]!.poweredMw, `${def.ticker} ${site.region}`).toStrictEqual({ grid: site.gridMw, gas: site.gasMw, renewables: site.renewablesMw, nuclear: site.nuclearMw });
        powered += site.gridMw + site.gasMw + site.renewablesMw + site.nuclearMw;
      }
      // The facilities on the books: the same value per powered MW, whatever powers it.
      if (powered > 0) {
        expect(c.facilitiesBookUsdM, def.ticker).toBeGreaterThan(0);
        facilityPerMw.add(c.facilitiesBookUsdM / powered);
      }
      for (const [i, ch] of c.chips.entries()) {
        expect(ch.boughtQ, `${def.ticker} chips ${i}`).toBeLessThan(0);
        expect(ch.mw).toBe(def.chips[i]!.mw);
        // Bought a year ago: on the books at 60% of list, depreciated by a list/life share each quarter.
        expect(Math.abs(ch.bookUsdM / (ch.deprUsdM * K.chipDeprQuarters) - 0.6), `${def.ticker} chips ${i}`).toBeLessThan(0.01);
      }
      for (const p of c.projects) {
        expect(p.orderedQ, p.id).toBeLessThan(0);
        expect(projectIds.has(p.id), p.id).toBe(false);
        projectIds.add(p.id);
      }
      expect(c.projects.length).toBe(def.projects.length);
      const backlog = def.labBacklog ?? [];
      expect(c.labContracts.length).toBe((def.labContractMw > 0 ? 1 : 0) + backlog.length);
      for (const lc of c.labContracts) {
        expect(lc.vendorLinked, def.ticker).toBe(false);
        expect(lc.id.length).toBeGreaterThan(0);
        expect(contractIds.has(lc.id)).toBe(false);
        contractIds.add(lc.id);
      }
      // The contract in force, then the backlog in the scenario's order, each starting when it says.
      const inForce = c.labContracts.filter((lc) => lc.startsQ === 0);
      expect(inForce.map((lc) => lc.usdMPerQuarter * lc.quartersLeft)).toStrictEqual(def.labContractMw > 0 ? [def.labContractUsdMPerQ * def.labContractQuarters] : []);
      expect(c.labContracts.filter((lc) => lc.startsQ > 0).map((lc) => [lc.mw, lc.units, lc.usdMPerQuarter, lc.startsQ, lc.quartersLeft]))
        .toStrictEqual(backlog.map((b) => [b.mw, b.mw * 100, b.usdMPerQ, b.startsQ, b.quarters]));
      // A year of history behind each figure the market trails.
      expect(c.guidanceHistoryUsdM).toEqual([def.guidanceCapexUsdM, def.guidanceCapexUsdM, def.guidanceCapexUsdM]);
      for (const h of [c.revenueHistoryUsdM, c.incomeHistoryUsdM, c.riskyRevenueHistoryUsdM, c.riskyProfitHistoryUsdM, c.capexHistoryUsdM]) {
        expect(h.length, def.ticker).toBe(4);
        for (const x of h) expect(Number.isSafeInteger(x)).toBe(true);
      }
      // The revenue history grows at the core's pace to the opening quarter.
      expect(c.revenueHistoryUsdM[0]!).toBeLessThanOrEqual(c.revenueHistoryUsdM[3]!);
    }
    expect(facilityPerMw.size).toBe(1);
    expect(projectIds.size).toBeGreaterThan(0);
    expect(contractIds.size).toBeGreaterThan(0);
    // Oracle's backlog (CALIBRATION: RPO, most of it OpenAI's): more capacity than its contract in force, from 2027.
    const orcl = sc.companies.find((d) => d.ticker === 'ORCL')!;
    const backlogMw = (orcl.labBacklog ?? []).reduce((a, b) => a + b.mw, 0);
    expect(backlogMw).toBeGreaterThan(orcl.labContractMw);
    for (const b of orcl.labBacklog ?? []) expect(b.startsQ).toBeGreaterThanOrEqual(4);
  });

  it('the opening value is the market cap: the market values each company at its scenario market cap, and returns start from it', () => {
    const s = opening();
    for (const def of sc.companies) {
      const c = s.companies[def.ticker]!;
      const market = model.marketCapUsdM(c.priceCents, c.sharesM);
      expect(Math.abs(market - def.marketCapUsdM) / def.marketCapUsdM, def.ticker).toBeLessThan(0.02);
      expect(c.report.quarter).toBe(-1);
      expect(Math.abs(c.report.marketCapUsdM - def.marketCapUsdM) / def.marketCapUsdM, def.ticker).toBeLessThan(0.001);
      // The start price is the opening fundamental value per share: a return of 0 at the start.
      expect(Math.abs(c.startPriceCents * c.sharesM / 100 - c.report.fundamentalUsdM) / c.report.fundamentalUsdM).toBeLessThan(0.001);
      // The opening net cash is cash less every debt.
      expect(c.value.netCash).toBe(c.cashUsdM - c.debtUsdM - c.revolverUsdM - c.vendorDebtUsdM);
    }
  });

  it('a licence from a company not in play becomes a licence from an AI lab, with the lab model\'s quality floor', () => {
    const apple = sc.companies.find((c) => c.ticker === 'AAPL')!;
    expect(apple.licensedFrom).toBe('GOOGL');
    const without = createGame({ ...ok, seats: ['AAPL', 'AMZN'] });
    expect(without.companies.AAPL!.licensedFrom).toBe('LAB');
    expect(without.companies.AAPL!.lastOrders!.licenseFrom).toBe('LAB');
    expect(without.companies.AAPL!.qualityBps).toBeGreaterThanOrEqual(Math.floor((K.labQualityBps * K.licenseQualityBps) / 10_000));
    const withGoogle = createGame({ ...ok, seats: ['AAPL', 'GOOGL'] });
    expect(withGoogle.companies.AAPL!.licensedFrom).toBe('GOOGL');
    expect(withGoogle.companies.AAPL!.lastOrders!.licenseFrom).toBe('GOOGL');
    // Licensed from a rival in play: at least that rival's model at the licence's share of its quality.
    expect(withGoogle.companies.AAPL!.qualityBps).toBeGreaterThanOrEqual(Math.floor((withGoogle.companies.GOOGL!.qualityBps * K.licenseQualityBps) / 10_000));
    expect(withGoogle.companies.AAPL!.qualityBps).toBeGreaterThan(apple.qualityBps);
  });

  it('the world starts from the companies in play: grid queues hold their grid projects, the frontier is the best model, the hidden deck is a sorted copy', () => {
    const shocks = [{ quarter: 5, card: 'heatWave', region: null }, { quarter: 2, card: 'waterRestriction', region: null }] as const;
    const given: { quarter: number; card: string; region: null }[] = shocks.map((x) => ({ ...x }));
    const s = createGame({ ...ok, seed: 'world', shocks: given });
    const queued: Record<string, number> = {};
    let grid = 0;
    for (const t of s.seats) {
      for (const p of s.companies[t]!.projects) {
        if (p.source !== 'grid') continue;
        queued[p.region] = (queued[p.region] ?? 0) + p.mw;
        grid += p.mw;
      }
    }
    expect(grid).toBeGreaterThan(0);
    for (const r of sc.regions) expect(s.regions[r.id].queueMw, r.id).toBe(queued[r.id] ?? 0);
    // Two seats: only their projects queue.
    const two = createGame({ ...ok, seats: ['AAPL', 'META'] });
    const twoGrid = Object.values(two.regions).reduce((a, r) => a + r.queueMw, 0);
    expect(twoGrid).toBe(['AAPL', 'META'].flatMap((t) => two.companies[t as Ticker]!.projects).filter((p) => p.source === 'grid').reduce((a, p) => a + p.mw, 0));
    expect(Object.keys(two.companies).sort()).toEqual(['AAPL', 'META']);
    const best = Math.max(K.labQualityBps, ...s.seats.map((t) => s.companies[t]!.qualityBps));
    expect(s.world.frontierQualityBps).toBe(best);
    expect(s.shocks.map((x) => x.quarter)).toEqual([2, 5]);
    given[0]!.quarter = 1;
    expect(s.shocks.map((x) => x.quarter)).toEqual([2, 5]);
    for (const t of s.seats) expect(s.companies[t]!.report.quarter, t).toBe(-1);
  });
});
