/**
 * Command-line options of the simulator (`npm run sim -- --help`). Bad options throw a UsageError
 * with a readable message; sim.ts prints it and exits with code 2.
 */
import { availableParallelism } from 'node:os';
import { BOT_STRATEGIES, DIFFICULTIES, getScenario, hasScenario, isBotStrategy, TICKERS, type BotStrategyId, type Difficulty, type Ticker } from '../../shared/index.js';
import type { SearchMode } from './search.js';

/** A user error in the command line or an input file (exit code 2). */
export class UsageError extends Error {}

/** Parsed options. */
export interface SimOptions {
  scenarioId: string;
  quarterCount: number;
  /** Fixed strategy per seat; seats not listed (or all, with `random`) are dealt from the pool. */
  seats: Ticker[];
  fixed: Partial<Record<Ticker, BotStrategyId>>;
  pool: BotStrategyId[];
  difficulty: Difficulty | 'random';
  seed: string;
  games: number;
  save: string | null;
  play: string | null;
  verify: string | null;
  json: boolean;
  summary: boolean;
  balance: boolean;
  /** `--search quick|full`: the adversarial policy search (null: not asked). */
  search: SearchMode | null;
  /** `--search-for LIST`: the companies the search plays (default: every seat; the games still seat all of --seats). */
  searchFor: Ticker[] | null;
  sensitivity: boolean;
  /** `--par`: measure each company's par table (server/cli/par.ts). */
  par: boolean;
  /** `--climb TICKER`: climb that company's management (server/cli/climb.ts; null: not asked). */
  climb: Ticker | null;
  /** `--climb-posture LIST`: numeric posture fields the climb also tries. */
  climbPosture: string[];
  /** `--economy`: the economy report over `games` all-default games. */
  economy: boolean;
  /** `--levels`: the difficulty levels seat by seat (levels.ts). */
  levels: boolean;
  /** `--ablate`: what each part of the managements' orders adds (ablate.ts). */
  ablate: boolean;
  /** Seeds per situation of `--sensitivity`. */
  seeds: number;
  threads: number;
  help: boolean;
}

export const HELP = `Capex Race simulator — seeded all-bot games with the shared engine.

Usage: npm run sim -- [options]

  --scenario ID        scenario (default capex-race-2026)
  --quarters N         quarters per game (default: the scenario's, 20)
  --seats LIST         AMZN=cloudLandlord,META=selfUseMaximizer,…  or  random (default)
                       seats not listed are dealt strategies at random; list only tickers
                       (e.g. AMZN,META) to play with fewer companies
  --strategies LIST    pool the random seats are dealt from (default: all ${BOT_STRATEGIES.length})
  --difficulty D       easy | normal | hard | random (per seat)   (default normal; hard for
                       --search and --economy, which play one level: the table's, and its par)
  --seed S             base seed; game i plays seed "S-i"        (default "sim")
  --games N            number of games                            (default 1)
  --balance            the balance study: 1,000 games (unless --games), random seats
  --threads N          worker threads (default: all cores for 50+ games)
  --save DIR           write every game as a saved-game file (replay format)
  --play FILE          play a scripted game (header + some orders); prints each quarter as JSON
  --search MODE        adversarial policy search for one seat against bots (hard unless --difficulty), per company in
                       --seats: quick (seconds, for CI), medium (a few minutes), full (the
                       docs/balance.md figures) or deep (full fitted on 32 seeds, not 8)
  --search-for LIST    with --search: only these companies' seats are searched (e.g. ORCL,TSLA);
                       the games still seat every company of --seats
  --sensitivity        how far each order field moves a seat's final score (docs/balance.md)
  --seeds N            seeds per situation of --sensitivity (default 16), or per company
                       and plan of --levels and --ablate (default 60)
  --economy            what the economy does with every seat at its default strategy (--difficulty,
                       default hard; --games, default 200): first-year capex, scarcity, cloud growth, books
  --levels             the difficulty levels seat by seat: each company's management at easy, normal
                       and hard, or the seat doing nothing, against the other managements at the
                       --difficulty table (default normal), on --seeds seeds (default 60)
  --ablate             what each part of a management's orders adds: each company's management at
                       the --difficulty table (default normal) whole, without its power, chips,
                       talent, data, silicon programme or lab bids, with the compute split of a
                       seat that only says it is ready, after a first year standing still, or
                       standing still throughout; on --seeds seeds (default 60)
  --climb TICKER       climb that company's management one gene at a time (its posture.bend, and
                       the posture fields of --climb-posture), --games fit seeds (default 60),
                       checked on 150 other seeds; prints the bend to paste into the scenario
  --climb-posture LIST with --climb: numeric posture fields to try too (e.g. appetiteBps,labBidBps)
  --par                measure each company's par table for the scenario (CompanyDef.par: the
                       median return and spread of its own management per game length; --games
                       per length, default 400) and how forgiving each seat is (seat gaps:
                       the named strategies at normal difficulty, a tenth as many games each),
                       and print the rows to paste into the scenario
  --verify FILE        re-run a saved game and check every quarter's hash
  --json               print one JSON summary object on stdout
  --summary            with --json: leave out the per-game results
  --help               this text

Strategies: ${BOT_STRATEGIES.join(', ')}
Exit codes: 0 ok, 1 verification failed, 2 bad options or input files.`;

function intArg(name: string, v: string | undefined, min: number, max: number): number {
  if (v === undefined || !/^\d+$/.test(v)) throw new UsageError(`${name} needs a whole number, got ${v === undefined ? 'nothing' : `"${v}"`}`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function ticker(v: string): Ticker {
  const t = v.trim().toUpperCase();
  if (!(TICKERS as readonly string[]).includes(t)) throw new UsageError(`unknown company "${v}" (one of ${TICKERS.join(', ')})`);
  return t as Ticker;
}

function strategy(v: string): BotStrategyId {
  if (!isBotStrategy(v)) throw new UsageError(`unknown strategy "${v}" (one of ${BOT_STRATEGIES.join(', ')})`);
  return v;
}

/** Parses `--seats`: "random", "AMZN=cloudLandlord,META", … */
export function parseSeats(spec: string): { seats: Ticker[]; fixed: Partial<Record<Ticker, BotStrategyId>> } {
  if (spec === 'random') return { seats: [...TICKERS], fixed: {} };
  const seats: Ticker[] = [];
  const fixed: Partial<Record<Ticker, BotStrategyId>> = {};
  for (const part of spec.split(',').filter((x) => x.trim() !== '')) {
    const [t, s] = part.split('=');
    const company = ticker(t ?? '');
    if (seats.includes(company)) throw new UsageError(`--seats lists ${company} twice`);
    seats.push(company);
    if (s !== undefined) fixed[company] = strategy(s.trim());
  }
  if (seats.length === 0) throw new UsageError('--seats lists no company');
  return { seats: seats.sort(), fixed };
}

/** Parses argv (without node and the script). */
export function parseArgs(argv: readonly string[]): SimOptions {
  const o: SimOptions = {
    scenarioId: 'capex-race-2026', quarterCount: 0, seats: [...TICKERS], fixed: {}, pool: [...BOT_STRATEGIES],
    difficulty: 'normal', seed: 'sim', games: 0, save: null, play: null, verify: null, json: false, summary: false,
    balance: false, search: null, searchFor: null, sensitivity: false, par: false, climb: null, climbPosture: [], economy: false, levels: false, ablate: false, seeds: 16, threads: 0, help: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') && !a.startsWith('--seats=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      i += 1;
      return v;
    };
    switch (flag) {
      case '--scenario': o.scenarioId = value(); break;
      case '--quarters': o.quarterCount = intArg('--quarters', value(), 1, 1_000); break;
      case '--seats': Object.assign(o, parseSeats(value())); break;
      case '--seats=random': Object.assign(o, parseSeats('random')); break;
      case '--strategies': o.pool = value().split(',').map((x) => strategy(x.trim())); break;
      case '--difficulty': {
        const d = value();
        if (d !== 'random' && !(DIFFICULTIES as readonly string[]).includes(d)) throw new UsageError(`unknown difficulty "${d}" (easy, normal, hard or random)`);
        o.difficulty = d as Difficulty | 'random';
        break;
      }
      case '--seed': o.seed = value(); break;
      case '--games': o.games = intArg('--games', value(), 1, 1_000_000); break;
      case '--save': o.save = value(); break;
      case '--play': o.play = value(); break;
      case '--verify': o.verify = value(); break;
      case '--threads': o.threads = intArg('--threads', value(), 1, 64); break;
      case '--json': o.json = true; break;
      case '--summary': o.summary = true; break;
      case '--balance': o.balance = true; break;
      case '--search': {
        const m = value();
        if (m !== 'quick' && m !== 'medium' && m !== 'full' && m !== 'deep') throw new UsageError(`--search takes quick, medium, full or deep, got "${m}"`);
        o.search = m;
        break;
      }
      case '--search-for': o.searchFor = value().split(',').map((x) => ticker(x)); break;
      case '--sensitivity': o.sensitivity = true; break;
      case '--economy': o.economy = true; break;
      case '--levels': o.levels = true; break;
      case '--ablate': o.ablate = true; break;
      case '--par': o.par = true; break;
      case '--climb': o.climb = ticker(value()); break;
      case '--climb-posture': o.climbPosture = value().split(',').filter((x) => x !== ''); break;
      case '--seeds': o.seeds = intArg('--seeds', value(), 1, 1_000); break;
      case '--help': case '-h': o.help = true; break;
      default:
        if (a.startsWith('--seats=')) Object.assign(o, parseSeats(a.slice('--seats='.length)));
        else throw new UsageError(`unknown option "${a}" (see --help)`);
    }
  }
  if (!hasScenario(o.scenarioId)) throw new UsageError(`unknown scenario "${o.scenarioId}"`);
  const sc = getScenario(o.scenarioId);
  if (o.quarterCount === 0) o.quarterCount = sc.defaultQuarters;
  if (o.quarterCount < sc.minQuarters || o.quarterCount > sc.maxQuarters) throw new UsageError(`--quarters must be ${sc.minQuarters}–${sc.maxQuarters} for ${sc.id}`);
  if (o.seed.length === 0 || o.seed.length > 40) throw new UsageError('--seed must be 1–40 characters');
  if (o.games === 0) o.games = o.balance ? 1_000 : o.par ? 400 : o.economy ? 200 : o.climb ? 60 : 1;
  if (o.climbPosture.length > 0 && o.climb === null) throw new UsageError('--climb-posture goes with --climb');
  if ((o.economy || o.search !== null) && !argv.includes('--difficulty')) o.difficulty = 'hard';
  if ((o.economy || o.search !== null || o.levels || o.ablate) && o.difficulty === 'random') throw new UsageError('--economy, --search, --levels and --ablate play one difficulty: easy, normal or hard');
  if ((o.levels || o.ablate) && !argv.includes('--seeds')) o.seeds = 60;
  if (o.searchFor && o.search === null) throw new UsageError('--search-for goes with --search');
  if (o.searchFor) {
    const absent = o.searchFor.filter((t) => !o.seats.includes(t));
    if (absent.length > 0) throw new UsageError(`--search-for names ${absent.join(', ')}, not seated by --seats`);
  }
  if (o.threads === 0) o.threads = o.games >= 50 || o.search !== null || o.sensitivity || o.levels || o.ablate || o.climb !== null ? Math.max(1, availableParallelism()) : 1;
  if ([o.search !== null, o.sensitivity, o.economy, o.levels, o.ablate, o.par, o.climb !== null, o.balance, o.play !== null, o.verify !== null].filter(Boolean).length > 1) {
    throw new UsageError('--search, --sensitivity, --economy, --levels, --ablate, --par, --climb, --balance, --play and --verify are separate runs: give one of them');
  }
  if ([o.play, o.verify].filter((x) => x !== null).length > 0 && (o.balance || o.save)) throw new UsageError('--play and --verify run one file; they do not combine with --balance or --save');
  if (o.play && o.verify) throw new UsageError('use either --play or --verify');
  return o;
}
