/**
 * Draft orders: the player's working copy for this quarter, previewed with the shared engine
 * (validateOrders, fundingOf, energyCapexUsdM). The client never decides outcomes: the preview
 * is an estimate at list prices and the server re-checks everything.
 */
import {
  baseOrdersFor, defaultOrders, energyCapexUsdM, fundingOf, orderContextOfView, projectCapacity, projectCredibilityBps, t, validateOrders,
  type ChipType, type EnergyOrder, type Locale, type Orders, type PlayerView,
} from '../../shared/index.js';

/** A numeric field of an order, by its path ("chips.merchantUsdM"). */
export type NumericPath =
  | 'chips.merchantUsdM' | 'chips.secondSourceUsdM' | 'chips.customUsdM' | 'customProgramUsdM' | 'talentBidUsdM'
  | 'data.licensedUsdM' | 'data.syntheticBps'
  | 'finance.borrowUsdM' | 'finance.repayUsdM' | 'finance.equityUsdM' | 'finance.buybackUsdM' | 'finance.vendorFinancingUsdM'
  | 'ops.trainingBps' | 'ops.selfUseBps' | 'ops.cloudBps' | 'ops.labBidMw' | 'guidanceCapexUsdM';

export const NUMERIC_PATHS: readonly NumericPath[] = [
  'chips.merchantUsdM', 'chips.secondSourceUsdM', 'chips.customUsdM', 'customProgramUsdM', 'talentBidUsdM',
  'data.licensedUsdM', 'data.syntheticBps', 'finance.borrowUsdM', 'finance.repayUsdM', 'finance.equityUsdM',
  'finance.buybackUsdM', 'finance.vendorFinancingUsdM', 'ops.trainingBps', 'ops.selfUseBps', 'ops.cloudBps',
  'ops.labBidMw', 'guidanceCapexUsdM',
];

/** Deep copy of an order (plain JSON). */
export function cloneOrders(o: Orders): Orders {
  return JSON.parse(JSON.stringify(o)) as Orders;
}

/**
 * The draft a seat starts from: its submitted orders, or last quarter's orders again — what the
 * server plays for a seat that says it is ready without orders (the engine's `defaultOrders`: last
 * quarter's orders when still valid, else nothing new).
 */
export function initialDraft(view: PlayerView, submitted: Orders | null = null): Orders | null {
  const ctx = orderContextOfView(view);
  if (!ctx) return null;
  return cloneOrders(submitted ?? defaultOrders(ctx));
}

/** Orders that spend nothing new (the engine's base: guidance, compute split, pricing and license kept). */
export function emptyDraft(view: PlayerView): Orders | null {
  const ctx = orderContextOfView(view);
  return ctx ? cloneOrders(baseOrdersFor(ctx)) : null;
}

/** Reads a numeric field. */
export function getField(o: Orders, path: NumericPath): number {
  const [a, b] = path.split('.') as [string, string | undefined];
  const rec = o as unknown as Record<string, unknown>;
  if (b === undefined) return rec[a] as number;
  return (rec[a] as Record<string, number>)[b] ?? 0;
}

/** A copy of `o` with one numeric field set (non-numbers become 0, decimals are truncated). */
export function setField(o: Orders, path: NumericPath, value: number): Orders {
  const next = cloneOrders(o);
  const v = Number.isFinite(value) ? Math.trunc(value) : 0;
  const [a, b] = path.split('.') as [string, string | undefined];
  const rec = next as unknown as Record<string, unknown>;
  if (b === undefined) rec[a] = v;
  else (rec[a] as Record<string, number>)[b] = v;
  return next;
}

/** A copy with the energy list replaced. */
export function setEnergy(o: Orders, energy: EnergyOrder[]): Orders {
  const next = cloneOrders(o);
  next.energy = energy.map((e) => ({ ...e }));
  return next;
}

/** One readable problem, tied to the order field it points at. */
export interface PreviewProblem {
  path: string;
  text: string;
}

/** What the order desk shows under the form. */
export interface Preview {
  ok: boolean;
  problems: PreviewProblem[];
  availableUsdM: number;
  spendUsdM: number;
  headroomUsdM: number;
  remainingUsdM: number;
  energyCapexUsdM: number;
  /** Estimates at list price for next quarter. */
  projectedCashUsdM: number;
  projectedChipMw: number;
  projectedPoweredMw: number;
  projectedIdleMw: number;
  newChipMw: Record<ChipType, number>;
  /** Guidance credibility after the quarter (the market's rule on this draft's capex and guidance). */
  credibilityBps: number;
  /** Credibility now, before this quarter. */
  credibilityNowBps: number;
}

/** Previews a draft with the shared engine's validator and funding rules. */
export function previewDraft(view: PlayerView, o: Orders, locale: Locale): Preview | null {
  const ctx = orderContextOfView(view);
  const me = view.me;
  if (!ctx || !me) return null;
  const res = validateOrders(ctx, o);
  const problems = res.ok ? [] : res.problems.map((p) => ({ path: p.path, text: t(locale, p.key, p.params) }));
  const f = fundingOf(ctx, o);
  // Capacity next quarter, projected by the engine (placement, cooling, export rules, lead times).
  const proj = projectCapacity(view, o)!;
  const cashIn = o.finance.borrowUsdM + o.finance.equityUsdM + o.finance.vendorFinancingUsdM;
  return {
    ok: res.ok,
    problems,
    availableUsdM: f.availableUsdM,
    spendUsdM: f.spendUsdM,
    headroomUsdM: f.headroomUsdM,
    remainingUsdM: f.availableUsdM - f.spendUsdM,
    energyCapexUsdM: energyCapexUsdM(view.scenarioId, o),
    projectedCashUsdM: me.cashUsdM + cashIn - f.spendUsdM,
    projectedChipMw: proj.chipMw,
    projectedPoweredMw: proj.poweredMw,
    projectedIdleMw: proj.idleChipMw,
    newChipMw: proj.newChipMw,
    credibilityBps: projectCredibilityBps(view, o) ?? me.credibilityBps,
    credibilityNowBps: me.credibilityBps,
  };
}

/** Problems that point at one field (its path, or a parent/child of it). */
export function problemsFor(preview: Preview | null, path: string): PreviewProblem[] {
  if (!preview) return [];
  return preview.problems.filter((p) => p.path === path || (p.path !== '' && (path.startsWith(`${p.path}.`) || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))));
}
