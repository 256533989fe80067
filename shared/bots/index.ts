/**
 * Bot strategies (GAME.md "Bots"): pure functions from one seat's player view to orders.
 * A bot sees exactly what a human in its seat would see (its PlayerView), nothing more.
 *
 * API contract used by the server, the simulator and the client:
 *   botOrders(view, strategy, difficulty) → Orders (always valid for that view's seat)
 *   BOT_STRATEGIES, DIFFICULTIES, defaultStrategyFor(ticker), holdOrders(view)
 */
import { emptyOrders, orderSpendUsdM } from '../engine/orders-base.js';
import { checkOrders, fitBuyback, orderCapexUsdM, orderContextOfView } from '../engine/orders.js';
import { mulDiv } from '../engine/math.js';
import { companyDef } from '../engine/model.js';
import type { Scenario } from '../scenarios/types.js';
import type { Orders, Ticker } from '../engine/types.js';
import type { PlayerView } from '../engine/view.js';
import type { Difficulty } from './difficulty.js';
import { guidancePaceUsdM, planOrders } from './plan.js';
import { FIRST_YEAR_Q } from './sense.js';
import { PROFILES, profileWith, type BotStrategyId, type Profile } from './profiles.js';
import { senseOf } from './sense.js';
import { bentGenes, managementPlan, type PolicyGenes } from './policy.js';
import { getScenario, scenarioIds } from '../scenarios/index.js';

export { DIFFICULTIES, type Difficulty } from './difficulty.js';
export { GENE_COUNT, POLICY_GENES, gene, isPolicy, middlePolicy, planPolicy, policyOrders, type GeneName, type PolicyGenes } from './policy.js';
export { BOT_STRATEGIES, NAMED_STRATEGIES, BASELINE_STRATEGIES, PROFILES, type BotStrategyId, type Profile } from './profiles.js';

/** Each company's default strategy when a bot holds its seat (its real-world posture). */
const DEFAULT_STRATEGY: Record<Ticker, BotStrategyId> = {
  AAPL: 'cautiousLicensee',
  AMZN: 'cloudLandlord',
  GOOGL: 'cloudLandlord',
  META: 'selfUseMaximizer',
  MSFT: 'cloudLandlord',
  ORCL: 'cloudLandlord',
  TSLA: 'selfUseMaximizer',
};

/** The strategy a seat plays by default when a bot holds it. */
export function defaultStrategyFor(ticker: Ticker): BotStrategyId {
  return DEFAULT_STRATEGY[ticker];
}

/** Whether a string names a strategy. */
export function isBotStrategy(id: string): id is BotStrategyId {
  return Object.prototype.hasOwnProperty.call(PROFILES, id);
}

/** Orders that spend nothing (always valid): the fallback of every strategy. */
export function holdOrders(view: PlayerView): Orders {
  const me = view.me;
  return emptyOrders(me?.guidanceCapexUsdM ?? 0, me?.lastOrders?.ops, me?.licensedFrom ?? null);
}

/**
 * How far a normal management follows its company's bend (bps of the hard one's): a quarter. Measured
 * (docs/economy.md "Levels"): over the seven seats, the normal management beats the easy one and the
 * hard one the normal one in most games of the same seed (before, Amazon's, Microsoft's and Oracle's
 * normal managements lost to their easy ones); at half, generic plans fell too far below the normal
 * par at Microsoft to win 8% of the balance study (79 of 1,000).
 */
const NORMAL_BEND_BPS = 2_500;

/** A company's own management: its default strategy's profile with the company's posture, and its bend's genes by level. */
interface Management {
  profile: Profile;
  /** The bend's genes as a hard management plays them (all the way) and as a normal one does (NORMAL_BEND_BPS); null: no bend. */
  genes: { hard: PolicyGenes; normal: PolicyGenes } | null;
}

function managementOf(sc: Scenario, ticker: Ticker, trial?: Readonly<Partial<Profile>>): Management {
  const profile = profileWith(PROFILES[DEFAULT_STRATEGY[ticker]], companyDef(sc, ticker).posture, trial);
  const bend = profile.bend;
  return { profile, genes: bend ? { hard: bentGenes(bend, 10_000), normal: bentGenes(bend, NORMAL_BEND_BPS) } : null };
}

/**
 * The managements of every registered scenario's companies, made once when the module loads (they depend on the
 * scenario and the company only; read-only, shared by every game). Made at every call, a management's profile and its
 * bend's genes took ~6% of the board's years (docs/performance.md). A trial posture (`npm run sim -- --climb`) gets its
 * management made for the call.
 */
const MANAGEMENTS: Readonly<Record<string, Readonly<Partial<Record<Ticker, Management>>>>> = Object.fromEntries(
  scenarioIds().map((id) => {
    const sc = getScenario(id);
    return [id, Object.fromEntries(sc.companies.map((c) => [c.ticker, managementOf(sc, c.ticker)]))];
  }),
);

/** Scales a profile's spending down (a retry when the full plan does not pass validation). */
function shrink(p: Profile, factor: number): Profile {
  return profileWith(p, { capexRevenueBps: mulDiv(p.capexRevenueBps, factor, 4), maxFundsBps: mulDiv(p.maxFundsBps, factor, 4), talentBps: mulDiv(p.talentBps, factor, 4), dataBps: mulDiv(p.dataBps, factor, 4), buybackBps: 0, repayBps: 0 });
}

/**
 * The orders a bot plays this quarter. The plan is checked with the same rules as the server
 * (`checkOrders`); a plan that fails is retried smaller, and hold orders are the last resort.
 */
export function botOrders(view: PlayerView, strategy: BotStrategyId, difficulty: Difficulty, posture?: Readonly<Partial<Profile>>): Orders {
  const ctx = orderContextOfView(view);
  if (!ctx || view.finished || !view.me) return holdOrders(view);
  // The never-invest baseline spends nothing on AI, not even a model licence.
  if (strategy === 'neverInvest') return { ...holdOrders(view), licenseFrom: null };
  const s = senseOf(view);
  if (!s) return holdOrders(view);
  // A company's own management plays its default strategy with the company's posture (`posture`, when
  // given, replaces fields of it: what `npm run sim -- --climb` tries).
  const own = strategy === DEFAULT_STRATEGY[s.me.ticker]
    ? (posture === undefined ? MANAGEMENTS[s.sc.id]?.[s.me.ticker] : undefined) ?? managementOf(s.sc, s.me.ticker, posture)
    : null;
  const profile = own?.profile ?? PROFILES[strategy];
  if (!profile) return holdOrders(view);
  for (let factor = 4; factor >= 1; factor = factor >> 1) {
    const plan = planOrders(s, factor === 4 ? profile : shrink(profile, factor), difficulty);
    // Buybacks only from net cash (the order rule).
    fitBuyback(ctx, plan);
    // A company management bends its plan as its posture says, when the bent plan is valid: a hard one
    // fully, a normal one a quarter of the way (it learned a little of its company's lessons), an easy one not at all.
    if (difficulty !== 'easy' && own?.genes) {
      const bent = managementPlan(s, plan, difficulty === 'hard' ? own.genes.hard : own.genes.normal);
      // A normal management keeps its own guidance rule over the bend's guidance: a raise never far beyond
      // the pace it spends at, the bent plan's spending included (engine 9). The bend moves guidance from
      // 2027 only (managementPlan); in 2026 the guidance is the plan's: the company's stated plan (F1),
      // announced in the first quarter at every level. (Until engine 13 this cap applied to that
      // announcement too: at normal tables Meta announced $84–126B of its $135B, Oracle $28–42B of $55B.)
      if (difficulty === 'normal' && s.quarter >= FIRST_YEAR_Q && bent.guidanceCapexUsdM > view.me.guidanceCapexUsdM) {
        bent.guidanceCapexUsdM = Math.max(view.me.guidanceCapexUsdM, Math.min(plan.guidanceCapexUsdM, guidancePaceUsdM(s, 'normal', orderCapexUsdM(view.scenarioId, bent), orderSpendUsdM(bent, 0).chips)));
      }
      fitBuyback(ctx, bent);
      if (checkOrders(ctx, bent).length === 0) return bent;
    }
    if (checkOrders(ctx, plan).length === 0) return plan;
  }
  return holdOrders(view);
}
