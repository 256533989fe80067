/**
 * Scenario data types. Every number is an integer ($M, MW, bps, cents, counts) and every
 * constant names where it comes from: a GAME.md fact id, "approx. public figure", or "tuned".
 */
import type { ChipType, Cooling, EnergySource, Level, MarketTicker, Orders, RegionId, Ticker } from '../engine/types.js';
import type { Profile } from '../bots/profiles.js';

/** A number with the source it comes from. */
export interface Sourced {
  readonly value: number;
  readonly source: string;
}

/** A region's fixed parameters (GAME.md "The world map"; CALIBRATION.md regions). */
export interface RegionDef {
  readonly id: RegionId;
  /** Map anchor (longitude, latitude ×100) for the client. */
  readonly lonX100: number;
  readonly latX100: number;
  readonly queueQuarters: number;
  readonly capMw: number;
  readonly priceUsdPerMwh: number;
  readonly carbonGPerKwh: number;
  readonly waterStressBps: number;
  readonly heatBps: number;
  readonly latencyMs: number;
  readonly exportRiskBps: number;
  /** Leading chips barred by export controls (only second-source chips may run there). */
  readonly leadingChipsBarred: boolean;
  readonly renewablesLeadQ: number;
  readonly sources: Readonly<Record<string, string>>;
}

/** Chips installed at the start. */
export interface StartChips {
  readonly type: ChipType;
  readonly gen: number;
  readonly mw: number;
}

/** Powered MW at the start in one region. */
export interface StartSite {
  readonly region: RegionId;
  readonly gridMw: number;
  readonly gasMw: number;
  readonly renewablesMw: number;
  readonly nuclearMw: number;
  readonly liquidMw: number;
}

/** An energy project already in the pipeline at the start. */
export interface StartProject {
  readonly region: RegionId;
  readonly source: EnergySource;
  readonly mw: number;
  readonly cooling: Cooling;
  readonly earliestQ: number;
}

/** One company's starting position (quarterly $M unless named otherwise). */
export interface CompanyDef {
  readonly ticker: Ticker;
  readonly name: string;
  readonly consumer: boolean;
  readonly cashUsdM: number;
  readonly debtUsdM: number;
  readonly sharesM: number;
  readonly marketCapUsdM: number;
  readonly coreRevenueUsdM: number;
  readonly coreGrowthBps: number;
  readonly coreMarginBps: number;
  readonly upliftCapBps: number;
  /**
   * Self-use compute (units, at the start's tokens per task) at which the company earns half its
   * uplift cap: how much AI its own business can absorb (GAME.md "Self-use").
   */
  readonly selfNeedUnits: number;
  /**
   * The company's par by table level and game length: per level (the bots' difficulty), rows
   * [quarters, returnBps, swingBps, worldBps, worldSlopeX100] sorted by quarters. For a game of that many
   * quarters with every seat at its default strategy at that level (npm run sim -- --par): how the total
   * shareholder return, to fundamental value, of the company's own management moves with the world (the
   * slope: return bps per bps of the game's average monetization, ×100, fitted over the games measured;
   * `worldBps` is that average's mean), the median of that return once the world is taken out (the par:
   * in an average world), and how far its good games go above it (the swing: the 84th percentile less the
   * median — only a seat's good games can win it the game —, at least the default-length game's swing ×
   * √(quarters / default length), so that in a short game a small lead over par does not count as a
   * landslide, and at least the hard table's swing, so that a weaker management that always plays the
   * same way does not turn every small difference into a landslide). Between two lengths all are
   * interpolated. The score is the return less the par in the game's world, in swings, so every company is
   * measured against what was expected of it at a table of that level, in a game of that length, in such a
   * world (GAME.md "Game end").
   */
  readonly par: Readonly<Record<Level, readonly (readonly [quarters: number, returnBps: number, swingBps: number, worldBps: number, worldSlopeX100: number])[]>>;
  /** Share of the self-use uplift that runs on the customer's device and so needs model quality, not data-center compute. */
  readonly onDeviceBps: number;
  /** Share of every rival's renewables + storage capex earned by the company's own energy business. */
  readonly energyBusinessBps: number;
  readonly cloudLegacyUsdM: number;
  readonly cloudShareBps: number;
  readonly capex2025UsdM: number;
  readonly guidanceCapexUsdM: number;
  readonly consensusCapexUsdM: number;
  readonly researchers: number;
  readonly compUsdK: number;
  readonly qualityBps: number;
  readonly humanData: number;
  readonly firstPartyData: number;
  readonly customReady: boolean;
  readonly customQuartersFunded: number;
  readonly licensedFrom: Ticker | 'LAB' | null;
  readonly labContractMw: number;
  readonly labContractUsdMPerQ: number;
  readonly labContractQuarters: number;
  /**
   * Lab contracts signed before the game for capacity the company has yet to build, each starting at its
   * `startsQ` (source key `labBacklog`): Oracle's remaining performance obligations, most of them OpenAI's,
   * site by site.
   */
  readonly labBacklog?: readonly StartLabBacklog[];
  readonly chips: readonly StartChips[];
  readonly sites: readonly StartSite[];
  readonly projects: readonly StartProject[];
  /** The stated plan for the first quarter (the week the article describes). */
  readonly historicalOrders: Orders;
  /**
   * How the company's own management plays its default strategy where it differs from the strategy's
   * profile (e.g. Oracle borrows to build for AI labs), with the source of each figure in `sources`
   * (keys `posture.<field>`).
   */
  readonly posture: Partial<Profile>;
  /** Where each numeric field comes from (validated: every number has a source). */
  readonly sources: Readonly<Record<string, string>>;
  /** i18n keys for the seat-choice card. */
  readonly profileKey: string;
}

/** A lab contract in the backlog at the start (CompanyDef.labBacklog): MW of the first generation's compute. */
export interface StartLabBacklog {
  readonly mw: number;
  readonly usdMPerQ: number;
  readonly startsQ: number;
  readonly quarters: number;
}

/** A chip generation on the public roadmap (GAME.md "Visible future market"). */
export interface ChipGen {
  readonly gen: number;
  readonly quarter: number;
  readonly perfX100: number;
  readonly merchantUsdMPerMw: number;
  readonly nameKey: string;
  readonly source: string;
}

/** An event card of the seeded deck (GAME.md phase 9). */
export interface EventCard {
  readonly id: string;
  readonly chanceBps: number;
  readonly minQuarter: number;
  /** Regions it can hit (empty: market-wide). */
  readonly regions: readonly RegionId[];
  /** Which region figure makes a region likelier to be hit (GAME.md regions: heat, water, export risk). */
  readonly weightBy: 'heat' | 'water' | 'export' | 'none';
  readonly headlineKey: string;
  readonly source: string;
}

/** A whole scenario. */
export interface Scenario {
  readonly id: string;
  readonly version: number;
  readonly titleKey: string;
  readonly startYear: number;
  readonly startQuarter: number;
  readonly defaultQuarters: number;
  readonly minQuarters: number;
  readonly maxQuarters: number;
  readonly constants: Readonly<Record<ConstantName, Sourced>>;
  readonly regions: readonly RegionDef[];
  readonly companies: readonly CompanyDef[];
  readonly roadmap: readonly ChipGen[];
  readonly deck: readonly EventCard[];
  /**
   * Non-player tickers at the start: price, the quarterly business that drives it (players' part
   * included), and the part that comes from customers outside the game, with its growth a quarter.
   */
  readonly marketStart: Readonly<Record<MarketTicker, { priceCents: number; driverUsdM: number; externalUsdM: number; externalGrowthBps: number; source: string }>>;
}

/** Names of the scenario's global constants (the engine reads only these). */
export type ConstantName =
  | 'secondSourcePriceBps' | 'secondSourcePerfBps' | 'secondSourceBaseUtilBps' | 'customPriceBps' | 'customPerfBps'
  | 'customLeadQ' | 'customRefreshQ' | 'customProgramMinUsdM' | 'customProgramMinResearchers' | 'merchantLeadQ' | 'customChipLeadQ'
  | 'foundryCapacityMw' | 'foundryGrowthBps' | 'foundryExternalMw' | 'foundryExternalGrowthBps'
  | 'foundryLadderStartBps' | 'foundryLadderSlopeBps' | 'foundryLadderMaxBps' | 'foundryGlutStartBps' | 'foundryGlutSlopeBps' | 'foundryGlutFloorBps'
  | 'reservationChipShareBps' | 'reservationFeeBps' | 'reservationFloorBps'
  | 'chipDeprQuarters' | 'obsoleteGens' | 'vendorFinancingMaxBps' | 'vendorRepayBps'
  | 'facilityUsdMPerMw' | 'liquidUsdMPerMw' | 'gridUsdMPerMw' | 'gasUsdMPerMw' | 'renewablesUsdMPerMw' | 'nuclearUsdMPerMw'
  | 'gasLeadQ' | 'nuclearLeadQ' | 'nuclearMinMw' | 'turbineSlotsMw' | 'turbinePremiumBpsPerQ' | 'turbinePremiumMaxBps' | 'facilityDeprQuarters'
  | 'gasPriceUsdPerMwh' | 'renewablesPriceUsdPerMwh' | 'nuclearPriceUsdPerMwh' | 'airEfficiencyBps' | 'hoursPerQuarter' | 'standbyEnergyBps'
  | 'talentSupply' | 'talentFloorUsdK' | 'compFloorUsdK' | 'labTalentBidUsdM' | 'labTalentGrowthBps' | 'talentFloorEfficiencyBps' | 'staffFloorBps' | 'staffHalf' | 'poachThresholdBps' | 'poachBps' | 'attritionBps' | 'talentHalf' | 'servingEfficiencyMaxBps' | 'servingHalf'
  | 'licenseFeeUsdM' | 'licenseRoyaltyBps' | 'licenseQualityBps' | 'labQualityBps'
  | 'dataPriceUsdK' | 'dataWall' | 'dataPerUnit' | 'dataDecayBps' | 'syntheticSafeBps' | 'collapseBps'
  | 'trainingHalf' | 'qualityMaxBps' | 'trainingDecayBps'
  | 'flatPremiumBps' | 'flatDemandBps' | 'tokensAgentMaxX100' | 'opsUsdKPerMw'
  | 'enterpriseDemandUnits' | 'agentGrowthBps' | 'monetizationStartBps' | 'monetizationNoiseBps' | 'abandonmentStartBps'
  | 'fateDemandPaceMinBps' | 'fateDemandPaceMaxBps' | 'fateTrendMinBps' | 'fateTrendMaxBps' | 'coreLuckBps' | 'talentStartUsdK'
  | 'customerDefaultBps' | 'cloudPriceStartUsd' | 'cloudGlutFloorBps' | 'cloudScarcityCapBps' | 'nonMerchantCloudBps'
  | 'labDemandMw' | 'labPriceBpsOfList' | 'labTermQ' | 'labDefaultBps' | 'labUnpaidBps' | 'labBreakEvenBps' | 'labProviderShareBps'
  | 'legacyCloudGrowthBps' | 'legacyCloudFollowBps' | 'legacyCloudMarginBps' | 'energyBusinessMarginBps' | 'coreQualityBetaBps'
  | 'carbonPriceUsdPerTon' | 'gasCarbonGPerKwh' | 'cleanCarbonGPerKwh' | 'latencyPenaltyBpsPerMs'
  | 'taxBps' | 'baseRateBps' | 'creditMultipleX10' | 'minCashUsdM' | 'credibilitySpreadBps' | 'equityDiscountBps'
  | 'fireSaleBps' | 'forcedEquityDiscountBps' | 'restructureKeepBps'
  | 'peMinX1000' | 'peMaxX1000' | 'aiCloudPeX1000' | 'aiCloudPsX10000' | 'atRiskWeightBps' | 'sentimentBetaBps'
  | 'guidanceHorizonX10' | 'guidanceExcessGapBps' | 'guidanceExcessWeightBps' | 'selfValueBps' | 'cloudValueBaseBps' | 'cloudValuePerMonetization'
  | 'guidanceToleranceBps' | 'credibilityLossBps' | 'credibilityRecoveryBps' | 'guidanceFadeBps' | 'guidanceCapBps' | 'moodBps' | 'moodDecayBps'
  | 'unwindSentimentBps' | 'unwindExposureBps';
