/**
 * The named bot strategies as data (GAME.md "Bots"): each profile sets how much a company invests,
 * where the capex goes, how it runs its compute and how it finances. One planner (plan.ts) turns a
 * profile plus a difficulty into orders, so strategies differ by intent, not by code paths.
 */
import type { EnergySource, PricingModel } from '../engine/types.js';

/** Strategy ids: five named strategies and two baselines for tests and balance runs. */
export const BOT_STRATEGIES = [
  'selfUseMaximizer',
  'cloudLandlord',
  'customSilicon',
  'energyFirst',
  'cautiousLicensee',
  'recklessAllIn',
  'neverInvest',
] as const;
export type BotStrategyId = (typeof BOT_STRATEGIES)[number];

/** The five strategies meant to play well (the last two are baselines). */
export const NAMED_STRATEGIES: readonly BotStrategyId[] = ['selfUseMaximizer', 'cloudLandlord', 'customSilicon', 'energyFirst', 'cautiousLicensee'];
/** Baselines that must lose on average (GAME.md "Balance target"). */
export const BASELINE_STRATEGIES: readonly BotStrategyId[] = ['recklessAllIn', 'neverInvest'];

/** How a strategy invests. Shares are basis points; amounts are integers. */
export interface Profile {
  /** Capex per quarter as a share of revenue, for strategies that ignore demand (0: size to demand). */
  capexRevenueBps: number;
  /** Self-use compute wanted: raw uplift as a % of the company's uplift cap (100 → half the cap earned). */
  selfRawX100: number;
  /** Cloud compute wanted as a share of last quarter's customer demand (bps; above 10,000 grows share). */
  cloudCoverBps: number;
  /** Demand growth a strategy plans power for, per quarter of lead time (bps). */
  growthBps: number;
  /** Whether self-use gets compute before cloud customers. */
  selfFirst: boolean;
  /** Most of the available funds (cash + credit) one quarter may commit. */
  maxFundsBps: number;
  /** Share of the credit headroom the strategy is willing to draw. */
  creditUseBps: number;
  /** Cash kept aside as a share of quarterly revenue before borrowing. */
  reserveRevenueBps: number;
  /**
   * How much of what its sizing calls for the strategy buys (bps; 10,000 = exactly that): above it the
   * company builds ahead of demand, below it it waits to see.
   */
  appetiteBps: number;
  /** Guidance above the capex it plans (bps of the plan; above 10,000 books foundry slots ahead, GAME.md Guidance). */
  guideAboveBps: number;
  /** Most new equity raised in a quarter when short of funds for its plan (bps of market value). */
  equityUseBps: number;
  /** Share of the hardware budget put in chips when not sizing chips to power (easy play). */
  chipShareBps: number;
  /** Chip mix when custom silicon is not ready: second-source share of chip spend. */
  secondSourceBps: number;
  /** Whether to build (and then buy) custom silicon. */
  customSilicon: 'never' | 'ifReady' | 'build';
  /** Share of the hardware budget for energy even when chips are short (pipeline ahead). */
  energyAheadBps: number;
  /** Energy sources in order of preference, with their share of new MW. */
  energyMix: readonly { source: EnergySource; shareBps: number }[];
  /** Talent bids and licensed-data purchases as shares of quarterly revenue (bps). */
  talentBps: number;
  /** Researchers a normal or hard bot hires toward, per GW of chips it runs (F10: labs staff by compute). */
  researchersPerGw: number;
  dataBps: number;
  /** Synthetic data share of training data. */
  syntheticBps: number;
  /** Compute split (sums to 10,000). */
  ops: { trainingBps: number; selfUseBps: number; cloudBps: number };
  pricing: PricingModel;
  /** Share of its cloud capacity the company puts under AI-lab contracts (bps). */
  labBidBps: number;
  /** License a model instead of training: 'never', when it beats our own, or always. */
  license: 'never' | 'ifBetter' | 'always';
  /** Share of merchant chip spend financed by the vendor (circular financing). */
  vendorFinancingBps: number;
  /** Share of excess cash (above reserve and plan) returned by buybacks each quarter. */
  buybackBps: number;
  /**
   * How a company's own management bends its hard plan (a company posture only): policy genes by name
   * (0–1,000, 500 = unchanged; see policy.ts bendPlan), found by self-play search (docs/balance.md).
   */
  bend?: Readonly<Record<string, number>>;
  /** Share of debt repaid when cash is ample. */
  repayBps: number;
}

/** A field of a profile: `last`'s if it gives it, else `over`'s, else `base`'s (what `{ ...base, ...over, ...last }` keeps). */
function fieldOf<K extends keyof Profile>(k: K, base: Profile, over: Readonly<Partial<Profile>> | undefined, last: Readonly<Partial<Profile>> | undefined): Profile[K] {
  if (last !== undefined && Object.hasOwn(last, k)) return last[k] as Profile[K];
  if (over !== undefined && Object.hasOwn(over, k)) return over[k] as Profile[K];
  return base[k];
}

/**
 * `base` with the fields `over` gives in place of its own (then `last`'s: a climb's trial posture), built as one
 * literal that lists every field, so that every management's profile has one shape. Spread together
 * (`{ ...base, ...posture }`), each company's management had a shape of its own (postures give different fields):
 * the bots' reads of a profile went polymorphic, and with the spreads themselves the board's years of a short game
 * took ~20% longer (docs/performance.md).
 */
export function profileWith(base: Profile, over?: Readonly<Partial<Profile>>, last?: Readonly<Partial<Profile>>): Profile {
  return {
    capexRevenueBps: fieldOf('capexRevenueBps', base, over, last),
    selfRawX100: fieldOf('selfRawX100', base, over, last),
    cloudCoverBps: fieldOf('cloudCoverBps', base, over, last),
    growthBps: fieldOf('growthBps', base, over, last),
    selfFirst: fieldOf('selfFirst', base, over, last),
    maxFundsBps: fieldOf('maxFundsBps', base, over, last),
    creditUseBps: fieldOf('creditUseBps', base, over, last),
    reserveRevenueBps: fieldOf('reserveRevenueBps', base, over, last),
    appetiteBps: fieldOf('appetiteBps', base, over, last),
    guideAboveBps: fieldOf('guideAboveBps', base, over, last),
    equityUseBps: fieldOf('equityUseBps', base, over, last),
    chipShareBps: fieldOf('chipShareBps', base, over, last),
    secondSourceBps: fieldOf('secondSourceBps', base, over, last),
    customSilicon: fieldOf('customSilicon', base, over, last),
    energyAheadBps: fieldOf('energyAheadBps', base, over, last),
    energyMix: fieldOf('energyMix', base, over, last),
    talentBps: fieldOf('talentBps', base, over, last),
    researchersPerGw: fieldOf('researchersPerGw', base, over, last),
    dataBps: fieldOf('dataBps', base, over, last),
    syntheticBps: fieldOf('syntheticBps', base, over, last),
    ops: fieldOf('ops', base, over, last),
    pricing: fieldOf('pricing', base, over, last),
    labBidBps: fieldOf('labBidBps', base, over, last),
    license: fieldOf('license', base, over, last),
    vendorFinancingBps: fieldOf('vendorFinancingBps', base, over, last),
    buybackBps: fieldOf('buybackBps', base, over, last),
    bend: fieldOf('bend', base, over, last),
    repayBps: fieldOf('repayBps', base, over, last),
  };
}

/** The profile of each strategy. */
export const PROFILES: Readonly<Record<BotStrategyId, Profile>> = {
  selfUseMaximizer: {
    capexRevenueBps: 0, selfRawX100: 110, cloudCoverBps: 5_000, growthBps: 400, selfFirst: true,
    maxFundsBps: 2_500, creditUseBps: 3_000, reserveRevenueBps: 1_500, appetiteBps: 10_000, guideAboveBps: 10_000, equityUseBps: 0,
    chipShareBps: 6_000, secondSourceBps: 2_000, customSilicon: 'ifReady', energyAheadBps: 3_000,
    energyMix: [{ source: 'renewables', shareBps: 5_000 }, { source: 'gas', shareBps: 3_000 }, { source: 'grid', shareBps: 2_000 }],
    talentBps: 40, researchersPerGw: 700, dataBps: 15, syntheticBps: 2_500,
    ops: { trainingBps: 2_500, selfUseBps: 7_000, cloudBps: 500 }, pricing: 'usage', labBidBps: 0,
    license: 'ifBetter', vendorFinancingBps: 0, buybackBps: 1_500, repayBps: 0,
  },
  cloudLandlord: {
    capexRevenueBps: 0, selfRawX100: 60, cloudCoverBps: 8_000, growthBps: 300, selfFirst: false,
    maxFundsBps: 2_500, creditUseBps: 4_000, reserveRevenueBps: 1_500, appetiteBps: 10_000, guideAboveBps: 10_000, equityUseBps: 0,
    chipShareBps: 6_500, secondSourceBps: 3_000, customSilicon: 'ifReady', energyAheadBps: 3_000,
    energyMix: [{ source: 'gas', shareBps: 4_000 }, { source: 'grid', shareBps: 3_000 }, { source: 'renewables', shareBps: 3_000 }],
    talentBps: 25, researchersPerGw: 400, dataBps: 10, syntheticBps: 2_500,
    ops: { trainingBps: 1_500, selfUseBps: 2_000, cloudBps: 6_500 }, pricing: 'usage', labBidBps: 3_500,
    license: 'ifBetter', vendorFinancingBps: 1_000, buybackBps: 500, repayBps: 0,
  },
  customSilicon: {
    capexRevenueBps: 0, selfRawX100: 80, cloudCoverBps: 6_000, growthBps: 300, selfFirst: true,
    maxFundsBps: 2_000, creditUseBps: 2_000, reserveRevenueBps: 2_000, appetiteBps: 10_000, guideAboveBps: 10_000, equityUseBps: 0,
    chipShareBps: 6_000, secondSourceBps: 5_000, customSilicon: 'build', energyAheadBps: 3_000,
    energyMix: [{ source: 'renewables', shareBps: 5_000 }, { source: 'grid', shareBps: 3_000 }, { source: 'gas', shareBps: 2_000 }],
    talentBps: 50, researchersPerGw: 700, dataBps: 15, syntheticBps: 2_500,
    ops: { trainingBps: 2_500, selfUseBps: 5_000, cloudBps: 2_500 }, pricing: 'usage', labBidBps: 300,
    license: 'ifBetter', vendorFinancingBps: 0, buybackBps: 1_500, repayBps: 0,
  },
  energyFirst: {
    capexRevenueBps: 0, selfRawX100: 90, cloudCoverBps: 5_000, growthBps: 200, selfFirst: true,
    maxFundsBps: 2_500, creditUseBps: 3_000, reserveRevenueBps: 1_500, appetiteBps: 10_000, guideAboveBps: 10_000, equityUseBps: 0,
    chipShareBps: 5_000, secondSourceBps: 2_000, customSilicon: 'ifReady', energyAheadBps: 3_000,
    energyMix: [{ source: 'renewables', shareBps: 7_000 }, { source: 'grid', shareBps: 3_000 }],
    talentBps: 25, researchersPerGw: 400, dataBps: 10, syntheticBps: 2_500,
    ops: { trainingBps: 2_000, selfUseBps: 5_000, cloudBps: 3_000 }, pricing: 'usage', labBidBps: 500,
    license: 'ifBetter', vendorFinancingBps: 0, buybackBps: 1_500, repayBps: 0,
  },
  cautiousLicensee: {
    capexRevenueBps: 0, selfRawX100: 70, cloudCoverBps: 5_000, growthBps: 300, selfFirst: true,
    maxFundsBps: 1_500, creditUseBps: 0, reserveRevenueBps: 3_000, appetiteBps: 10_000, guideAboveBps: 10_000, equityUseBps: 0,
    chipShareBps: 6_000, secondSourceBps: 5_000, customSilicon: 'ifReady', energyAheadBps: 2_000,
    energyMix: [{ source: 'renewables', shareBps: 6_000 }, { source: 'grid', shareBps: 4_000 }],
    talentBps: 10, researchersPerGw: 200, dataBps: 0, syntheticBps: 2_000,
    ops: { trainingBps: 0, selfUseBps: 8_000, cloudBps: 2_000 }, pricing: 'usage', labBidBps: 0,
    license: 'always', vendorFinancingBps: 0, buybackBps: 500, repayBps: 1_000,
  },
  recklessAllIn: {
    capexRevenueBps: 9_000, selfRawX100: 500, cloudCoverBps: 20_000, growthBps: 2_000, selfFirst: false,
    maxFundsBps: 6_000, creditUseBps: 10_000, reserveRevenueBps: 0, appetiteBps: 10_000, guideAboveBps: 10_000, equityUseBps: 0,
    chipShareBps: 7_500, secondSourceBps: 0, customSilicon: 'never', energyAheadBps: 2_500,
    energyMix: [{ source: 'gas', shareBps: 6_000 }, { source: 'grid', shareBps: 4_000 }],
    talentBps: 150, researchersPerGw: 1_000, dataBps: 50, syntheticBps: 5_000,
    ops: { trainingBps: 3_000, selfUseBps: 1_000, cloudBps: 6_000 }, pricing: 'flat', labBidBps: 2_000,
    license: 'never', vendorFinancingBps: 5_000, buybackBps: 0, repayBps: 0,
  },
  neverInvest: {
    capexRevenueBps: 0, selfRawX100: 0, cloudCoverBps: 0, growthBps: 0, selfFirst: true,
    maxFundsBps: 0, creditUseBps: 0, reserveRevenueBps: 0, appetiteBps: 10_000, guideAboveBps: 10_000, equityUseBps: 0,
    chipShareBps: 0, secondSourceBps: 0, customSilicon: 'never', energyAheadBps: 0,
    energyMix: [], talentBps: 0, researchersPerGw: 0, dataBps: 0, syntheticBps: 2_000,
    ops: { trainingBps: 2_000, selfUseBps: 4_000, cloudBps: 4_000 }, pricing: 'usage', labBidBps: 0,
    license: 'never', vendorFinancingBps: 0, buybackBps: 0, repayBps: 0,
  },
};
