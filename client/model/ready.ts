/**
 * "I'm ready" plays what the desk shows: the current draft is submitted with the ready flag, in one
 * message, when it differs from the orders the server holds, and a draft the engine refuses is
 * never sent — the player gets the engine's reasons instead (issue 14, defect 1).
 */
import { type Locale, type Orders } from '../../shared/index.js';
import { previewDraft } from './draft.js';
import type { AppState } from './store.js';
import type { Net } from '../net/types.js';

/** What ticking (or unticking) the ready box does. */
export type ReadyStep =
  | { kind: 'unready' }
  | { kind: 'ready' }
  | { kind: 'submitThenReady'; orders: Orders }
  | { kind: 'refuse'; reasons: string[] };

/** Whether two orders are the same (plain JSON). */
export function sameOrders(a: Orders | null, b: Orders | null): boolean {
  return a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** Decides what the ready box does in state `s`. */
export function readyStep(s: Pick<AppState, 'view' | 'draft' | 'submitted'>, want: boolean, locale: Locale): ReadyStep {
  if (!want) return { kind: 'unready' };
  const { view, draft, submitted } = s;
  if (!view || !view.me || !draft || sameOrders(draft, submitted)) return { kind: 'ready' };
  const p = previewDraft(view, draft, locale);
  if (!p || !p.ok) return { kind: 'refuse', reasons: p?.problems.map((x) => x.text) ?? [] };
  return { kind: 'submitThenReady', orders: draft };
}

/**
 * Runs the ready box's step against the server. Resolves with the reasons when it refused (nothing
 * was sent), or an empty list once the server holds the draft and the ready flag.
 */
export async function applyReady(net: Pick<Net, 'submitOrders' | 'setReady'>, s: Pick<AppState, 'view' | 'draft' | 'submitted'>, want: boolean, locale: Locale): Promise<string[]> {
  const step = readyStep(s, want, locale);
  if (step.kind === 'refuse') return step.reasons;
  // A draft the server does not hold yet goes with the ready flag in one message (stored together).
  if (step.kind === 'submitThenReady') await net.submitOrders(step.orders, true);
  else await net.setReady(step.kind !== 'unready');
  return [];
}
