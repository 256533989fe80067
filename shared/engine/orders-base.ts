/**
 * Building blocks for orders that several modules share (scenario plans, defaults, bots).
 */
import type { Orders } from './types.js';

/** A partial order, as a plan or a player's draft may give it. */
export interface OrdersDraft {
  chips?: Partial<Orders['chips']>;
  customProgramUsdM?: number;
  energy?: Orders['energy'];
  talentBidUsdM?: number;
  data?: Partial<Orders['data']>;
  finance?: Partial<Orders['finance']>;
  ops?: Partial<Orders['ops']>;
  licenseFrom?: Orders['licenseFrom'];
  guidanceCapexUsdM?: number;
}

/** Orders that spend nothing: keep running, no new capex (GAME.md phase 1 default). */
export function emptyOrders(guidanceCapexUsdM: number, ops?: Orders['ops'], licenseFrom: Orders['licenseFrom'] = null): Orders {
  return {
    chips: { merchantUsdM: 0, secondSourceUsdM: 0, customUsdM: 0 },
    customProgramUsdM: 0,
    energy: [],
    talentBidUsdM: 0,
    data: { licensedUsdM: 0, syntheticBps: 2000 },
    finance: { borrowUsdM: 0, repayUsdM: 0, equityUsdM: 0, buybackUsdM: 0, vendorFinancingUsdM: 0 },
    ops: ops ? { ...ops } : { trainingBps: 2000, selfUseBps: 4000, cloudBps: 4000, pricing: 'usage', labBidMw: 0 },
    licenseFrom,
    guidanceCapexUsdM,
  };
}

/** Completes a draft over a base order (fields not given keep the base's values). */
export function completeOrders(base: Orders, draft: OrdersDraft): Orders {
  return {
    chips: { ...base.chips, ...draft.chips },
    customProgramUsdM: draft.customProgramUsdM ?? base.customProgramUsdM,
    energy: (draft.energy ?? base.energy).map((e) => ({ region: e.region, source: e.source, mw: e.mw, cooling: e.cooling })),
    talentBidUsdM: draft.talentBidUsdM ?? base.talentBidUsdM,
    data: { ...base.data, ...draft.data },
    finance: { ...base.finance, ...draft.finance },
    ops: { ...base.ops, ...draft.ops },
    licenseFrom: draft.licenseFrom !== undefined ? draft.licenseFrom : base.licenseFrom,
    guidanceCapexUsdM: draft.guidanceCapexUsdM ?? base.guidanceCapexUsdM,
  };
}

/** Capex of an order by category, at list prices ($M); energy needs the per-MW cost. */
export function orderSpendUsdM(orders: Orders, energyCostUsdM: number): {
  chips: number; energy: number; talent: number; data: number; program: number; total: number;
} {
  const chips = orders.chips.merchantUsdM + orders.chips.secondSourceUsdM + orders.chips.customUsdM;
  const talent = orders.talentBidUsdM;
  const data = orders.data.licensedUsdM;
  const program = orders.customProgramUsdM;
  return { chips, energy: energyCostUsdM, talent, data, program, total: chips + energyCostUsdM + talent + data + program };
}
