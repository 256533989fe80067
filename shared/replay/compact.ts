/**
 * Compact orders for saved-game files (issue 7 "replay files ≤ 200 kB"): fields equal to a fixed
 * template are left out when a file is written and filled back in when it is read. The engine
 * always resolves the expanded orders, so state hashes do not change.
 */
import { completeOrders, emptyOrders, type OrdersDraft } from '../engine/orders-base.js';
import type { Orders, Ticker } from '../engine/types.js';
import type { ReplayFile } from '../engine/replay.js';

/** The template compact orders are relative to (never changes: files depend on it). */
const TEMPLATE: Orders = emptyOrders(0);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function diffGroup<T extends object>(value: T, base: T): Partial<T> | undefined {
  const out: Partial<T> = {};
  let any = false;
  for (const k of Object.keys(value) as (keyof T)[]) {
    if (value[k] !== base[k]) {
      out[k] = value[k];
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Orders without the fields equal to the template (lossless: `expandOrders` restores them). */
export function compactOrders(o: Orders): OrdersDraft {
  const d: OrdersDraft = {};
  const chips = diffGroup(o.chips, TEMPLATE.chips);
  if (chips) d.chips = chips;
  if (o.customProgramUsdM !== 0) d.customProgramUsdM = o.customProgramUsdM;
  if (o.energy.length > 0) d.energy = o.energy;
  if (o.talentBidUsdM !== 0) d.talentBidUsdM = o.talentBidUsdM;
  const data = diffGroup(o.data, TEMPLATE.data);
  if (data) d.data = data;
  const finance = diffGroup(o.finance, TEMPLATE.finance);
  if (finance) d.finance = finance;
  const ops = diffGroup(o.ops, TEMPLATE.ops);
  if (ops) d.ops = ops;
  if (o.licenseFrom !== null) d.licenseFrom = o.licenseFrom;
  if (o.guidanceCapexUsdM !== 0) d.guidanceCapexUsdM = o.guidanceCapexUsdM;
  return d;
}

/**
 * Fills compact orders back in over the template. Untrusted input: anything that is not an
 * object is returned unchanged (the engine then rejects it and the hash check fails).
 */
export function expandOrders(d: unknown): unknown {
  if (!isRecord(d)) return d;
  const groups = ['chips', 'data', 'finance', 'ops'] as const;
  for (const g of groups) if (d[g] !== undefined && !isRecord(d[g])) return d;
  if (d['energy'] !== undefined && !Array.isArray(d['energy'])) return d;
  if (Array.isArray(d['energy']) && !d['energy'].every(isRecord)) return d;
  const full = completeOrders(TEMPLATE, d as OrdersDraft) as unknown as Record<string, unknown>;
  // Keep unknown top-level keys so that validation still sees (and refuses) them.
  for (const k of Object.keys(d)) if (!(k in full)) full[k] = d[k];
  return full;
}

/** A copy of a file with compact orders (what the server serves and downloads). */
export function compactReplayFile(file: ReplayFile): ReplayFile {
  return {
    ...file,
    encoding: 'compact',
    quarters: file.quarters.map((q) => {
      const orders: Partial<Record<Ticker, Orders>> = {};
      for (const [t, o] of Object.entries(q.orders) as [Ticker, Orders][]) orders[t] = compactOrders(o) as Orders;
      return { ...q, orders };
    }),
  };
}
