/**
 * The advisor: the bot of the game's level proposes this quarter's orders for the player's seat
 * (`botOrders(view, defaultStrategyFor(seat), level)` from shared/), with what they do and the
 * situation they answer, in readable lines. The player adopts them in one click, then tweaks.
 * The bots do not explain their plans; the lines describe the proposal and the facts in the view
 * (what the engine's preview projects, what sat idle, what demand went unserved).
 */
import {
  botOrders, defaultStrategyFor, getScenario, model, projectCapacity, quarterLabel,
  type BotStrategyId, type Difficulty, type Orders, type PlayerView,
} from '../../shared/index.js';
import { budgetOf, partsOf, splitOf } from './budget.js';
import { labBookWhileDeciding } from './view-models.js';

/** One line of advice: an i18n key and its parameters. */
export interface AdviceLine {
  key: string;
  params: Record<string, string | number>;
}

/** What the advisor proposes. */
export interface Advice {
  strategy: BotStrategyId;
  level: Difficulty;
  orders: Orders;
  /** Facts in the view the proposal answers. */
  situation: AdviceLine[];
  /** What the proposal does, biggest items first. */
  lines: AdviceLine[];
}

/** The quarter label `lead` quarters after the one being played (the scenario's calendar). */
function onlineLabel(view: PlayerView, lead: number): string {
  return quarterLabel(view.scenarioId, view.quarter + Math.max(1, lead));
}

/** The advisor's proposal for the viewer's seat at a level (null for spectators or a finished game). */
export function advise(view: PlayerView, level: Difficulty): Advice | null {
  const me = view.me;
  if (!view.seat || !me || view.finished) return null;
  const strategy = defaultStrategyFor(view.seat);
  const orders = botOrders(view, strategy, level);
  const sc = getScenario(view.scenarioId);
  const K = model.constantsOf(sc);
  const r = me.report;
  const situation: AdviceLine[] = [];
  if (r.idleChipMw > 0) situation.push({ key: 'ui.advisor.sitIdle', params: { mw: r.idleChipMw } });
  if (r.unmetCloudBps > 0) situation.push({ key: 'ui.advisor.sitUnmet', params: { share: r.unmetCloudBps } });
  const waiting = me.projects.reduce((a, p) => a + p.mw, 0);
  if (waiting > 0) situation.push({ key: 'ui.advisor.sitWaiting', params: { mw: waiting } });
  // A backlog still to start (Oracle's): the next contract — possibly starting as this quarter resolves —
  // and everything promised against the chips there are.
  const book = labBookWhileDeciding(me, view.quarter);
  const next = book.pending[0];
  if (next) situation.push({ key: 'ui.advisor.sitBacklog', params: { mw: next.mw, quarter: quarterLabel(view.scenarioId, next.startsQ), promised: book.promisedMw, chips: book.chipMw } });
  situation.push({ key: 'ui.advisor.sitCash', params: { cash: me.cashUsdM } });

  const lines: AdviceLine[] = [];
  const total = budgetOf(view, orders);
  const split = splitOf(partsOf(view, orders));
  lines.push(total > 0
    ? { key: 'ui.advisor.budget', params: { total, chips: split.chips, energy: split.energy, talent: split.talent, data: split.data } }
    : { key: 'ui.advisor.noCapex', params: {} });
  const proj = projectCapacity(view, orders);
  for (const type of ['merchant', 'secondSource', 'custom'] as const) {
    const usd = type === 'merchant' ? orders.chips.merchantUsdM : type === 'secondSource' ? orders.chips.secondSourceUsdM : orders.chips.customUsdM;
    if (usd > 0) lines.push({ key: 'ui.advisor.chips', params: { usd, mw: proj?.newChipMw[type] ?? 0, type } });
  }
  for (const e of orders.energy) {
    const lead = model.energyLeadQ(K, model.regionDef(sc, e.region), view.regions[e.region].queueQuarters, e.source);
    lines.push({ key: 'ui.advisor.energy', params: { mw: e.mw, source: e.source, region: e.region, when: onlineLabel(view, lead) } });
  }
  if (orders.customProgramUsdM > 0) lines.push({ key: 'ui.advisor.program', params: { usd: orders.customProgramUsdM } });
  if (orders.talentBidUsdM > 0) lines.push({ key: 'ui.advisor.talent', params: { usd: orders.talentBidUsdM } });
  if (orders.data.licensedUsdM > 0) lines.push({ key: 'ui.advisor.data', params: { usd: orders.data.licensedUsdM } });
  const f = orders.finance;
  if (f.borrowUsdM > 0) lines.push({ key: 'ui.advisor.borrow', params: { usd: f.borrowUsdM } });
  if (f.vendorFinancingUsdM > 0) lines.push({ key: 'ui.advisor.vendor', params: { usd: f.vendorFinancingUsdM } });
  if (f.repayUsdM > 0) lines.push({ key: 'ui.advisor.repay', params: { usd: f.repayUsdM } });
  if (f.buybackUsdM > 0) lines.push({ key: 'ui.advisor.buyback', params: { usd: f.buybackUsdM } });
  lines.push({ key: 'ui.advisor.ops', params: { training: orders.ops.trainingBps, self: orders.ops.selfUseBps, cloud: orders.ops.cloudBps } });
  if (orders.licenseFrom) lines.push({ key: 'ui.advisor.license', params: { from: orders.licenseFrom } });
  lines.push(orders.guidanceCapexUsdM !== me.guidanceCapexUsdM
    ? { key: 'ui.advisor.guide', params: { to: orders.guidanceCapexUsdM, from: me.guidanceCapexUsdM } }
    : { key: 'ui.advisor.keepGuide', params: { to: orders.guidanceCapexUsdM } });
  return { strategy, level, orders, situation, lines };
}
