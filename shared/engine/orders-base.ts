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
    ops: ops ? { trainingBps: ops.trainingBps, selfUseBps: ops.selfUseBps, cloudBps: ops.cloudBps, pricing: ops.pricing, labBidMw: ops.labBidMw } : { trainingBps: 2000, selfUseBps: 4000, cloudBps: 4000, pricing: 'usage', labBidMw: 0 },
    licenseFrom,
    guidanceCapexUsdM,
  };
}

/** Completes a draft over a base order (fields not given keep the base's values). Field by field,
 * not by object spread: this runs for every seat every quarter (bots, validation, defaults). */
export function completeOrders(base: Orders, draft: OrdersDraft): Orders {
  const c = draft.chips;
  const d = draft.data;
  const f = draft.finance;
  const o = draft.ops;
  const energy = draft.energy ?? base.energy;
  const copied: Orders['energy'] = new Array(energy.length);
  for (let i = 0; i < energy.length; i += 1) {
    const e = energy[i] as Orders['energy'][number];
    copied[i] = { region: e.region, source: e.source, mw: e.mw, cooling: e.cooling };
  }
  return {
    chips: {
      merchantUsdM: c?.merchantUsdM ?? base.chips.merchantUsdM,
      secondSourceUsdM: c?.secondSourceUsdM ?? base.chips.secondSourceUsdM,
      customUsdM: c?.customUsdM ?? base.chips.customUsdM,
    },
    customProgramUsdM: draft.customProgramUsdM ?? base.customProgramUsdM,
    energy: copied,
    talentBidUsdM: draft.talentBidUsdM ?? base.talentBidUsdM,
    data: { licensedUsdM: d?.licensedUsdM ?? base.data.licensedUsdM, syntheticBps: d?.syntheticBps ?? base.data.syntheticBps },
    finance: {
      borrowUsdM: f?.borrowUsdM ?? base.finance.borrowUsdM,
      repayUsdM: f?.repayUsdM ?? base.finance.repayUsdM,
      equityUsdM: f?.equityUsdM ?? base.finance.equityUsdM,
      buybackUsdM: f?.buybackUsdM ?? base.finance.buybackUsdM,
      vendorFinancingUsdM: f?.vendorFinancingUsdM ?? base.finance.vendorFinancingUsdM,
    },
    ops: {
      trainingBps: o?.trainingBps ?? base.ops.trainingBps,
      selfUseBps: o?.selfUseBps ?? base.ops.selfUseBps,
      cloudBps: o?.cloudBps ?? base.ops.cloudBps,
      pricing: o?.pricing ?? base.ops.pricing,
      labBidMw: o?.labBidMw ?? base.ops.labBidMw,
    },
    licenseFrom: draft.licenseFrom !== undefined ? draft.licenseFrom : base.licenseFrom,
    guidanceCapexUsdM: draft.guidanceCapexUsdM ?? base.guidanceCapexUsdM,
  };
}

/** Whether a draft gives every field (then no base is needed to complete it). */
export function isCompleteDraft(d: OrdersDraft): d is Orders {
  const c = d.chips;
  const da = d.data;
  const f = d.finance;
  const o = d.ops;
  return (
    c !== undefined && c.merchantUsdM !== undefined && c.secondSourceUsdM !== undefined && c.customUsdM !== undefined &&
    d.customProgramUsdM !== undefined && d.energy !== undefined && d.talentBidUsdM !== undefined &&
    da !== undefined && da.licensedUsdM !== undefined && da.syntheticBps !== undefined &&
    f !== undefined && f.borrowUsdM !== undefined && f.repayUsdM !== undefined && f.equityUsdM !== undefined && f.buybackUsdM !== undefined && f.vendorFinancingUsdM !== undefined &&
    o !== undefined && o.trainingBps !== undefined && o.selfUseBps !== undefined && o.cloudBps !== undefined && o.pricing !== undefined && o.labBidMw !== undefined &&
    d.licenseFrom !== undefined && d.guidanceCapexUsdM !== undefined
  );
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
