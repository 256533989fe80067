/**
 * Golden games (docs/testing.md "Golden games"): whole games whose every quarter's state hash is
 * pinned. Each is a saved-game file (the replay format, orders stored in full), so `npm test` replays
 * the stored orders and checks the hash chain without running bots: a golden game changes only when
 * the engine's results change. The orders are recorded once by `npm run golden:update`, from bots
 * (every strategy, both difficulties) with scripted moves on top that reach the mechanisms bots
 * rarely use (borrowing, repaying, buybacks, vendor financing, licensing, nuclear, air cooling, flat
 * pricing, heavy data buying, a company spending itself into distress).
 */
import {
  botOrders,
  checkOrders,
  completeOrders,
  createGame,
  finalScores,
  fundingOf,
  getScenario,
  headerFor,
  model,
  orderContextOfState,
  playerViews,
  replayGame,
  resolveQuarter,
  type BotStrategyId,
  type Difficulty,
  type GameState,
  type Level,
  type Orders,
  type OrdersDraft,
  type ReplayFile,
  type ScheduledShock,
  type Ticker,
} from '../../shared/index.js';
import { countEvents, countOrders } from './reach.js';

/** One pinned game as stored in tests/golden/<name>.json. */
export interface GoldenGame {
  name: string;
  /** Why the game exists and what it is meant to exercise. */
  about: string;
  replay: ReplayFile;
  /** Readable end figures (a regeneration's diff shows what moved, not only that a hash did). */
  final: Record<string, { priceCents: number; cashUsdM: number; debtUsdM: number; distressed: boolean; restructured: boolean; scoreBps: number }>;
}

/** A seat of a golden game: which bot plays it, and scripted moves laid over the bot's orders. */
interface SeatScript {
  strategy: BotStrategyId;
  difficulty: Difficulty;
  /** Changes to the bot's orders in quarter q (null: none). An invalid result falls back to the bot's orders. */
  moves?: (q: number, s: GameState, bot: Orders) => OrdersDraft | null;
}

interface GoldenSpec {
  name: string;
  about: string;
  seed: string;
  quarters: number;
  /** The table's level: whose par the scores are measured against. */
  level: Level;
  shocks: ScheduledShock[];
  seats: Record<Ticker, SeatScript>;
}

/** Half of what the seat can still spend this quarter, above what its orders already spend ($M). */
function spare(s: GameState, seat: Ticker, o: Orders): number {
  const f = fundingOf(orderContextOfState(s, seat), o);
  return Math.max(0, Math.floor((f.availableUsdM - f.spendUsdM) / 2));
}

/** The game's scenario constants. */
const K = (s: GameState): ReturnType<typeof model.constantsOf> => model.constantsOf(getScenario(s.scenarioId));

/** The specs. Keep them few and long: 7 seats, 20+ quarters, every mechanism (golden.test.ts checks the reach). */
export const GOLDEN_SPECS: readonly GoldenSpec[] = [
  {
    name: 'seven-strategies',
    about: 'All seven bot strategies, one per company, for 24 quarters, with scheduled shocks and scripted finance, licensing, nuclear, flat pricing and a reckless company driven into distress.',
    seed: 'golden-seven',
    quarters: 24,
    level: 'normal',
    shocks: [
      { quarter: 3, card: 'heatWave', region: 'us-texas' },
      { quarter: 5, card: 'waterRestriction', region: 'us-west' },
      { quarter: 9, card: 'foundryDisruption', region: null },
      { quarter: 14, card: 'exportControl', region: 'middle-east' },
    ],
    seats: {
      AAPL: {
        strategy: 'cautiousLicensee', difficulty: 'normal',
        moves: (q) => (q >= 6 && q < 10 ? { licenseFrom: 'META' } : q >= 10 && q < 12 ? { licenseFrom: 'LAB' } : null),
      },
      AMZN: {
        strategy: 'cloudLandlord', difficulty: 'hard',
        moves: (q, _s, bot) => (q >= 4 && q < 8 ? { ops: { ...bot.ops, pricing: 'flat', labBidMw: 300 } } : q === 12 ? { finance: { ...bot.finance, buybackUsdM: 2_000 } } : null),
      },
      GOOGL: {
        strategy: 'customSilicon', difficulty: 'hard',
        moves: (q, s, bot) => (q >= 1 && q < 9 ? { data: { licensedUsdM: Math.min(6_000, spare(s, 'GOOGL', bot)), syntheticBps: 3_000 } } : null),
      },
      META: {
        strategy: 'selfUseMaximizer', difficulty: 'normal',
        moves: (q, s, bot) =>
          q === 2 ? { finance: { ...bot.finance, equityUsdM: 5_000 } }
          : q >= 1 && q < 9 ? { data: { licensedUsdM: Math.min(5_000, spare(s, 'META', bot)), syntheticBps: 8_500 } }
          : null,
      },
      MSFT: {
        strategy: 'energyFirst', difficulty: 'normal',
        moves: (q, s, bot) => {
          if (q === 1) return { energy: [...bot.energy, { region: 'us-east', source: 'nuclear', mw: K(s).nuclearMinMw, cooling: 'liquid' }] };
          if (q === 3) return { energy: [...bot.energy, { region: 'nordics', source: 'renewables', mw: 200, cooling: 'air' }] };
          if (q === 4) return { finance: { ...bot.finance, borrowUsdM: 10_000 } };
          if (q === 8) return { finance: { ...bot.finance, repayUsdM: Math.min(s.companies.MSFT!.debtUsdM, 5_000) } };
          return null;
        },
      },
      ORCL: {
        strategy: 'recklessAllIn', difficulty: 'normal',
        moves: (q, s, bot) => {
          const vendor = Math.floor((bot.chips.merchantUsdM * K(s).vendorFinancingMaxBps) / 10_000);
          if (q < 8) return { finance: { ...bot.finance, vendorFinancingUsdM: vendor } };
          // Then it borrows all it can and spends everything on chips: the distress ladder.
          // (Metered, so its customers' bad debts hit it too.)
          if (q >= 8 && q < 16) {
            const f = fundingOf(orderContextOfState(s, 'ORCL'), bot);
            return { chips: { ...bot.chips, merchantUsdM: bot.chips.merchantUsdM + Math.max(0, f.availableUsdM - f.spendUsdM) }, finance: { ...bot.finance, borrowUsdM: f.headroomUsdM }, ops: { ...bot.ops, pricing: 'usage' } };
          }
          return null;
        },
      },
      TSLA: { strategy: 'neverInvest', difficulty: 'easy', moves: (q) => (q === 5 ? { licenseFrom: 'GOOGL' } : null) },
    },
  },
  {
    name: 'company-managements',
    about: 'Every company played by its own management (its default strategy, hard) for 20 quarters, with no script: the game the lead tunes the economy against.',
    seed: 'golden-managements',
    quarters: 20,
    level: 'hard',
    shocks: [{ quarter: 6, card: 'enterpriseAbandonment', region: null }],
    seats: {
      AAPL: { strategy: 'cautiousLicensee', difficulty: 'hard' },
      AMZN: { strategy: 'cloudLandlord', difficulty: 'hard' },
      GOOGL: { strategy: 'cloudLandlord', difficulty: 'hard' },
      META: { strategy: 'selfUseMaximizer', difficulty: 'hard' },
      MSFT: { strategy: 'cloudLandlord', difficulty: 'hard' },
      ORCL: { strategy: 'cloudLandlord', difficulty: 'hard' },
      TSLA: { strategy: 'selfUseMaximizer', difficulty: 'hard' },
    },
  },
];

/** Plays a spec from scratch: bots, scripted moves, shocks. Pure: the same spec always gives the same game. */
export function recordGolden(spec: GoldenSpec): GoldenGame {
  let s = createGame({ scenarioId: 'capex-race-2026', seed: spec.seed, quarterCount: spec.quarters, shocks: spec.shocks, parLevel: spec.level });
  const seats = s.seats.map((t) => ({ company: t, name: `${spec.seats[t].strategy}/${spec.seats[t].difficulty}`, kind: 'bot' as const, strategy: spec.seats[t].strategy }));
  const replay: ReplayFile = { header: headerFor(s, seats, spec.shocks), quarters: [] };
  while (!s.finished) {
    const views = playerViews(s);
    const orders: Partial<Record<Ticker, Orders>> = {};
    for (const t of s.seats) {
      const script = spec.seats[t];
      const bot = botOrders(views[t], script.strategy, script.difficulty);
      const move = script.moves?.(s.quarter, s, bot) ?? null;
      const moved = move ? completeOrders(bot, move) : null;
      orders[t] = moved && checkOrders(orderContextOfState(s, t), moved).length === 0 ? moved : bot;
    }
    const r = resolveQuarter(s, orders);
    replay.quarters.push({ quarter: s.quarter, orders: r.orders, hash: r.hash });
    s = r.state;
  }
  const final: GoldenGame['final'] = {};
  const scores = finalScores(s);
  for (const t of s.seats) {
    const c = s.companies[t]!;
    final[t] = { priceCents: c.priceCents, cashUsdM: c.cashUsdM, debtUsdM: c.debtUsdM, distressed: c.distressed, restructured: c.restructured, scoreBps: scores[t]! };
  }
  return { name: spec.name, about: spec.about, replay, final };
}

/** What a set of golden games reached together (order fields and events), by replaying their stored orders. */
export function reachOfGames(games: readonly GoldenGame[]): Map<string, number> {
  const reach = new Map<string, number>();
  for (const game of games) {
    const out = replayGame(game.replay, true);
    if (!out.ok) throw new Error(`${game.name} does not replay: quarter ${out.quarter}, ${out.reason}`);
    const last = new Map<Ticker, Orders>();
    game.replay.quarters.forEach((q, i) => {
      for (const [t, o] of Object.entries(q.orders) as [Ticker, Orders][]) {
        countOrders(reach, o, last.get(t) ?? null, t);
        last.set(t, o);
      }
      countEvents(reach, out.states[i + 1]!.events);
    });
  }
  return reach;
}
