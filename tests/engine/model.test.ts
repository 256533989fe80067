/**
 * The engine's unit formulas (shared/engine/model.ts), each against the scenario's constants and a
 * control that differs only in the input the formula reads: chip performance and prices by type,
 * energy capex, price and carbon by source, the rooms a site's derates leave, licence fees, tokens,
 * self-use uplift, staffing, credibility, the interest rate's spreads and the credit headroom.
 * Preconditions check that the constants tell the cases apart, so each assertion can fail.
 */
import { describe, expect, it } from 'vitest';
import { applyBps, getScenario, model, mulDiv, type Site } from '../../shared/index.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);

function site(grid: number, gas: number, renewables: number, nuclear: number, liquidMw = 0): Site {
  return { poweredMw: { grid, gas, renewables, nuclear }, liquidMw } as unknown as Site;
}

describe('unit formulas of the model', () => {
  it('chips: performance, price and what each type may do, by type', () => {
    expect(new Set([K.secondSourcePerfBps, K.customPerfBps, 10_000]).size).toBe(3);
    for (const gen of [0, 1, 2]) {
      const base = model.genInfo(sc, gen).perfX100;
      expect(model.perfPerMw(sc, K, 'merchant', gen)).toBe(base);
      expect(model.perfPerMw(sc, K, 'secondSource', gen)).toBe(applyBps(base, K.secondSourcePerfBps));
      expect(model.perfPerMw(sc, K, 'custom', gen)).toBe(applyBps(base, K.customPerfBps));
      // Second-source chips run at the company's utilisation; the others at full speed.
      expect(model.cohortPerf(sc, K, { type: 'secondSource', gen }, 6_000)).toBe(applyBps(applyBps(base, K.secondSourcePerfBps), 6_000));
      expect(model.cohortPerf(sc, K, { type: 'merchant', gen }, 6_000)).toBe(base);
      const merchant = model.chipListUsdMPerMw(sc, K, 'merchant', gen);
      expect(model.chipListUsdMPerMw(sc, K, 'secondSource', gen)).toBe(Math.max(1, applyBps(merchant, K.secondSourcePriceBps)));
      expect(model.labPriceUsdMPerMw(sc, K, gen)).toBe(Math.max(1, applyBps(merchant, K.labPriceBpsOfList)));
    }
    // A generation past the roadmap's end is its last.
    const last = sc.roadmap[sc.roadmap.length - 1]!;
    expect(model.genInfo(sc, last.gen + 5)).toBe(last);
    // Talent fixes second-source friction: more researchers, more utilisation, capped at 95%.
    expect(model.secondSourceUtilBps(K, 3_000)).toBe(Math.min(9_500, K.secondSourceBaseUtilBps + 2_500));
    expect(model.secondSourceUtilBps(K, 0)).toBe(K.secondSourceBaseUtilBps);
    expect(model.airSpeedBps(K, 'secondSource')).toBe(10_000);
    expect(model.airSpeedBps(K, 'merchant')).toBe(K.airEfficiencyBps);
    const china = sc.regions.find((r) => r.leadingChipsBarred)!;
    const us = sc.regions.find((r) => !r.leadingChipsBarred)!;
    expect(model.chipAllowedIn(china, 0, 'secondSource')).toBe(true);
    expect(model.chipAllowedIn(china, 0, 'merchant')).toBe(false);
    expect(model.chipAllowedIn(us, 2, 'custom')).toBe(false);
    expect(model.chipAllowedIn(us, 0, 'merchant')).toBe(true);
  });

  it('energy: capex, price and carbon by source; a site\'s blend weighs each source by its MW', () => {
    const src = { grid: K.gridUsdMPerMw, gas: K.gasUsdMPerMw, renewables: K.renewablesUsdMPerMw, nuclear: K.nuclearUsdMPerMw };
    // Gas and nuclear cost the same per MW at list; turbines at a premium tell them apart (below).
    expect(new Set(Object.values(src)).size).toBeGreaterThanOrEqual(3);
    for (const [source, usd] of Object.entries(src) as [keyof typeof src, number][]) {
      expect(model.energyUsdMPerMw(K, source, 'air')).toBe(K.facilityUsdMPerMw + usd);
      expect(model.energyUsdMPerMw(K, source, 'liquid')).toBe(K.facilityUsdMPerMw + K.liquidUsdMPerMw + usd);
    }
    // Turbines at the quarter's price: only gas.
    expect(model.energyUsdMPerMw(K, 'gas', 'air', 15_000)).toBe(K.facilityUsdMPerMw + applyBps(K.gasUsdMPerMw, 15_000));
    expect(model.energyUsdMPerMw(K, 'grid', 'air', 15_000)).toBe(K.facilityUsdMPerMw + K.gridUsdMPerMw);
    expect(model.energyUsdMPerMw(K, 'nuclear', 'air', 15_000)).toBe(K.facilityUsdMPerMw + K.nuclearUsdMPerMw);
    expect(model.energyUsdMPerMw(K, 'renewables', 'air', 15_000)).toBe(K.facilityUsdMPerMw + K.renewablesUsdMPerMw);
    const regionPrice = 71;
    const price = { grid: regionPrice, gas: K.gasPriceUsdPerMwh, renewables: K.renewablesPriceUsdPerMwh, nuclear: K.nuclearPriceUsdPerMwh };
    expect(new Set(Object.values(price)).size).toBe(4);
    for (const [source, p] of Object.entries(price) as [keyof typeof price, number][]) expect(model.sourcePriceUsdPerMwh(K, regionPrice, source)).toBe(p);
    // MW of 1, 2, 4 and 8: any source weighed wrong gives another blend.
    const s = site(1, 2, 4, 8);
    expect(model.siteBlendedPrice(K, s, regionPrice)).toBe(mulDiv(price.grid + 2 * price.gas + 4 * price.renewables + 8 * price.nuclear, 1, 15));
    expect(model.siteBlendedPrice(K, site(0, 0, 0, 0), regionPrice)).toBe(regionPrice);
    const regionCarbon = 400;
    expect(model.siteCarbonGPerKwh(K, s, regionCarbon)).toBe(mulDiv(regionCarbon + 2 * K.gasCarbonGPerKwh + 12 * K.cleanCarbonGPerKwh, 1, 15));
    expect(model.siteCarbonGPerKwh(K, site(0, 0, 0, 0), regionCarbon)).toBe(regionCarbon);
    expect(model.carbonTons(K, 100, 400)).toBe(mulDiv(100 * K.hoursPerQuarter, 400, 1_000));
  });

  it('a site\'s rooms: water restrictions cut liquid halls, heat and outages cut both', () => {
    const s = site(600, 0, 400, 0, 300);
    expect(model.siteRoomMw(s, { heatDerateBps: 0, waterRestrictBps: 0, outageBps: 0 })).toEqual({ liquidMw: 300, airMw: 700 });
    expect(model.siteRoomMw(s, { heatDerateBps: 0, waterRestrictBps: 5_000, outageBps: 0 })).toEqual({ liquidMw: 150, airMw: 700 });
    // Heat and outage add up (10% + 20% = 30% off each hall).
    expect(model.siteRoomMw(s, { heatDerateBps: 1_000, waterRestrictBps: 0, outageBps: 2_000 })).toEqual({ liquidMw: 210, airMw: 490 });
  });

  it('licences, tokens, self-use uplift and staffing', () => {
    expect(model.licenseFeeUsdM(K, 1_000)).toBe(K.licenseFeeUsdM + applyBps(1_000, K.licenseRoyaltyBps));
    // A loss is no uplift: the royalty is never negative.
    expect(model.licenseFeeUsdM(K, -1_000)).toBe(K.licenseFeeUsdM);
    expect(model.tokensPerTaskX100(K, 0)).toBe(100);
    expect(model.tokensPerTaskX100(K, 10_000)).toBe(K.tokensAgentMaxX100);
    expect(model.tokensPerTaskX100(K, 5_000)).toBe(100 + mulDiv(K.tokensAgentMaxX100 - 100, 1, 2));
    expect(model.selfUpliftUsdM(1_000, 300, 100)).toBe(750);
    expect(model.selfUpliftUsdM(0, 300, 100)).toBe(0);
    expect(model.selfUpliftUsdM(-1_000, 300, 100)).toBe(0);
    expect(model.selfUpliftUsdM(1_000, -300, 100)).toBe(0);
    expect(model.researchersPerGw(500, 2_000)).toBe(250);
    expect(model.researchersPerGw(500, 0)).toBe(500);
    expect(model.computeOpsUsdM(K, 1_000, 0)).toBe(mulDiv(1_000 * K.opsUsdKPerMw, 1, 1_000));
    expect(model.computeOpsUsdM(K, 1_000, K.servingHalf)).toBe(mulDiv(1_000 * K.opsUsdKPerMw, 10_000 - mulDiv(K.servingEfficiencyMaxBps, 1, 2), 10_000 * 1_000));
    expect(model.trainingTalentBps(K, 0)).toBe(K.talentFloorEfficiencyBps);
    expect(model.trainingTalentBps(K, K.talentHalf)).toBe(K.talentFloorEfficiencyBps + mulDiv(10_000 - K.talentFloorEfficiencyBps, 1, 2));
  });

  it('credibility recovers within the tolerance, at its edge too, and falls by the miss beyond it', () => {
    const guided = 10_000;
    const edge = guided - applyBps(guided, K.guidanceToleranceBps);
    expect(model.nextCredibilityBps(K, 5_000, edge, guided)).toBe(5_000 + K.credibilityRecoveryBps);
    const beyond = model.nextCredibilityBps(K, 5_000, edge - 1_000, guided);
    expect(beyond).toBeLessThan(5_000);
  });

  it('the interest rate adds leverage, sentiment and credibility spreads to the base; credit headroom', () => {
    const base = model.interestRateBps(K, 400, 0, 1_000, 10_000, 10_000);
    expect(base).toBe(400);
    // Leverage: debt of one year of EBITDA is 100 bps.
    expect(model.interestRateBps(K, 400, 4_000, 1_000, 10_000, 10_000)).toBe(500);
    // Sentiment: 20 points below neutral add 100 bps; above neutral it lowers the rate (at most 100 bps).
    expect(model.interestRateBps(K, 400, 0, 1_000, 8_000, 10_000)).toBe(500);
    expect(model.interestRateBps(K, 400, 0, 1_000, 12_000, 10_000)).toBe(300);
    expect(model.interestRateBps(K, 400, 0, 1_000, 15_000, 10_000)).toBe(300);
    // Credibility: half of it lost adds half the credibility spread.
    expect(model.interestRateBps(K, 400, 0, 1_000, 10_000, 5_000)).toBe(400 + mulDiv(K.credibilitySpreadBps, 1, 2));
    const limit = mulDiv(1_000 * 4, K.creditMultipleX10, 10);
    expect(model.creditHeadroomUsdM(K, 1_000, 100, 50, false)).toBe(limit - 150);
    expect(model.creditHeadroomUsdM(K, 1_000, 100, 50, true)).toBe(0);
    expect(model.creditHeadroomUsdM(K, 1_000, limit + 10, 0, false)).toBe(0);
  });
});
