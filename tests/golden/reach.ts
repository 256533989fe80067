/**
 * What a set of played games reached: order fields used and events seen. The golden games must
 * reach every mechanism in REQUIRED together; the property generators count theirs the same way.
 */
import type { GameEvent, Orders, Ticker } from '../../shared/index.js';

/** Every order field, each energy source and cooling, both pricings, both kinds of licence, a changed guidance. */
export const ORDER_REACH = [
  'chips.merchant', 'chips.secondSource', 'chips.custom', 'customProgram',
  'energy.grid', 'energy.gas', 'energy.renewables', 'energy.nuclear', 'cooling.air', 'cooling.liquid',
  'talentBid', 'data.licensed', 'data.synthetic',
  'finance.borrow', 'finance.repay', 'finance.equity', 'finance.buyback', 'finance.vendorFinancing',
  'ops.training', 'ops.selfUse', 'ops.cloud', 'pricing.flat', 'pricing.usage', 'ops.labBid',
  'license.rival', 'license.lab', 'guidance.changed',
] as const;

/** Mechanisms the golden games must exercise (order fields actually resolved, events that happened). */
export const REQUIRED = [
  ...ORDER_REACH,
  'event.distressed', 'event.dataWall', 'event.foundryAllocated', 'event.powerOnline', 'event.programReady',
  'event.modelLicensed', 'event.labContractWon', 'event.talentHired', 'event.chipsDelivered', 'event.newGeneration',
  'event.era', 'event.modelDegraded', 'event.vendorFinanced', 'event.equityIssued',
  'event.heatWave', 'event.waterRestriction', 'event.foundryDisruption', 'event.exportControl',
] as const;

/** Adds what one seat's resolved orders use to `reach` (counts). */
export function countOrders(reach: Map<string, number>, o: Orders, previous: Orders | null, seat: Ticker): void {
  const hit = (k: string, on: boolean): void => {
    if (on) reach.set(k, (reach.get(k) ?? 0) + 1);
  };
  hit('chips.merchant', o.chips.merchantUsdM > 0);
  hit('chips.secondSource', o.chips.secondSourceUsdM > 0);
  hit('chips.custom', o.chips.customUsdM > 0);
  hit('customProgram', o.customProgramUsdM > 0);
  for (const e of o.energy) {
    hit(`energy.${e.source}`, true);
    hit(`cooling.${e.cooling}`, true);
  }
  hit('talentBid', o.talentBidUsdM > 0);
  hit('data.licensed', o.data.licensedUsdM > 0);
  hit('data.synthetic', o.data.syntheticBps > 0);
  hit('finance.borrow', o.finance.borrowUsdM > 0);
  hit('finance.repay', o.finance.repayUsdM > 0);
  hit('finance.equity', o.finance.equityUsdM > 0);
  hit('finance.buyback', o.finance.buybackUsdM > 0);
  hit('finance.vendorFinancing', o.finance.vendorFinancingUsdM > 0);
  hit('ops.training', o.ops.trainingBps > 0);
  hit('ops.selfUse', o.ops.selfUseBps > 0);
  hit('ops.cloud', o.ops.cloudBps > 0);
  hit(`pricing.${o.ops.pricing}`, true);
  hit('ops.labBid', o.ops.labBidMw > 0);
  hit('license.lab', o.licenseFrom === 'LAB');
  hit('license.rival', o.licenseFrom !== null && o.licenseFrom !== 'LAB' && o.licenseFrom !== seat);
  hit('guidance.changed', previous !== null && previous.guidanceCapexUsdM !== o.guidanceCapexUsdM);
}

/** Adds one quarter's events to `reach` (counts by kind). */
export function countEvents(reach: Map<string, number>, events: readonly GameEvent[]): void {
  for (const e of events) reach.set(`event.${e.kind}`, (reach.get(`event.${e.kind}`) ?? 0) + 1);
}

/** The required mechanisms a reach map lacks. */
export function missingReach(reach: ReadonlyMap<string, number>): string[] {
  return REQUIRED.filter((k) => !(reach.get(k)! > 0));
}
