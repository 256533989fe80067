/**
 * Bot strategies (GAME.md "Bots"): pure functions from one seat's player view to orders.
 * A bot sees exactly what a human in its seat would see (its PlayerView), nothing more.
 *
 * API contract used by the server, the simulator and the client:
 *   botOrders(view, strategy, difficulty) → Orders (always valid for that view's seat)
 *   BOT_STRATEGIES, DIFFICULTIES, defaultStrategyFor(ticker)
 */
import { completeOrders, emptyOrders } from '../engine/orders-base.js';
import { checkOrders, fundingOf, orderContextOfView } from '../engine/orders.js';
import { applyBps, mulDiv } from '../engine/math.js';
import type { Orders, Ticker } from '../engine/types.js';
import type { PlayerView } from '../engine/view.js';

/** Strategy ids (the bots issue adds more). */
export const BOT_STRATEGIES = ['balanced'] as const;
export type BotStrategyId = (typeof BOT_STRATEGIES)[number];

export const DIFFICULTIES = ['easy', 'normal', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** The strategy a seat plays by default when a bot holds it. */
export function defaultStrategyFor(_ticker: Ticker): BotStrategyId {
  return 'balanced';
}

/** Orders that spend nothing (always valid): the fallback of every strategy. */
export function holdOrders(view: PlayerView): Orders {
  const me = view.me;
  return emptyOrders(me?.guidanceCapexUsdM ?? 0, me?.lastOrders?.ops, me?.licensedFrom ?? null);
}

/** A simple balanced plan: a share of the funds on chips and energy, some talent and data. */
function balanced(view: PlayerView): Orders {
  const me = view.me;
  const ctx = orderContextOfView(view);
  if (!me || !ctx) return holdOrders(view);
  const base = holdOrders(view);
  const funds = fundingOf(ctx, base).availableUsdM - fundingOf(ctx, base).spendUsdM;
  const budget = Math.max(0, mulDiv(funds, 1, 5));
  const chips = applyBps(budget, 5_000);
  const energyMw = Math.max(0, mulDiv(applyBps(budget, 3_500), 1, 16));
  return completeOrders(base, {
    chips: me.customProgram.readyQ !== null ? { customUsdM: chips } : { merchantUsdM: chips },
    energy: energyMw > 0 ? [{ region: 'us-texas', source: 'gas', mw: Math.min(5_000, energyMw), cooling: 'liquid' }] : [],
    talentBidUsdM: applyBps(budget, 500),
    data: { licensedUsdM: applyBps(budget, 300) },
    guidanceCapexUsdM: budget * 4,
  });
}

/** The orders a bot plays this quarter; falls back to hold orders if a plan is not valid. */
export function botOrders(view: PlayerView, strategy: BotStrategyId, _difficulty: Difficulty): Orders {
  const ctx = orderContextOfView(view);
  if (!ctx || view.finished) return holdOrders(view);
  const plan = strategy === 'balanced' ? balanced(view) : holdOrders(view);
  return checkOrders(ctx, plan).length === 0 ? plan : holdOrders(view);
}
