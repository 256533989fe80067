/**
 * Saved games and the replay fold (GAME.md "Determinism"; ARCHITECTURE.md rule 8): a header
 * (engine version, scenario + hash, seed, seats) and every quarter's orders + state hash.
 * Re-folding the log must hit every hash.
 */
import { createGame, type NewGameOptions } from './create.js';
import { scheduleShock } from './figures.js';
import { resolveQuarter } from './resolve.js';
import { ENGINE_VERSION, REPLAY_FORMAT } from './version.js';
import type { GameState, Level, Orders, ScheduledShock, Ticker } from './types.js';

/** Who held a seat. */
export interface SeatInfo {
  company: Ticker;
  name: string;
  kind: 'human' | 'bot';
  strategy?: string;
}

/** The header of a saved game. */
export interface ReplayHeader {
  format: number;
  engineVersion: number;
  scenarioId: string;
  scenarioHash: string;
  seed: string;
  quarterCount: number;
  seats: SeatInfo[];
  shocks?: ScheduledShock[];
  /** The table's level (whose par the scores are measured against); absent: hard. */
  parLevel?: Level;
  parent?: { id: string; quarter: number } | null;
  title?: string;
}

/** One resolved quarter. */
export interface ReplayQuarter {
  quarter: number;
  orders: Partial<Record<Ticker, Orders>>;
  hash: string;
  /** Hidden shocks a teacher injected while this quarter was played (scheduled before it resolved). */
  shocks?: ScheduledShock[];
}

/** A saved game. */
export interface ReplayFile {
  header: ReplayHeader;
  quarters: ReplayQuarter[];
  annotations?: { quarter: number; author: string; text: string }[];
  /** "compact": orders leave out fields equal to a fixed template (shared/replay/compact.ts). */
  encoding?: 'compact';
}

/** The options that recreate a saved game's starting state. */
export function newGameOptionsOf(header: ReplayHeader): NewGameOptions {
  return {
    scenarioId: header.scenarioId,
    seed: header.seed,
    quarterCount: header.quarterCount,
    seats: header.seats.map((s) => s.company),
    shocks: header.shocks ?? [],
    parLevel: header.parLevel ?? 'hard',
  };
}

/** A header for a game (the seats' names and kinds are the caller's). */
export function headerFor(state: GameState, seats: SeatInfo[], shocks: ScheduledShock[] = []): ReplayHeader {
  return {
    format: REPLAY_FORMAT,
    engineVersion: state.engineVersion,
    scenarioId: state.scenarioId,
    scenarioHash: state.scenarioHash,
    seed: state.seed,
    quarterCount: state.quarterCount,
    seats,
    shocks,
    parLevel: state.parLevel,
  };
}

/** The outcome of re-folding a log. */
export type ReplayOutcome =
  | { ok: true; state: GameState; states: GameState[]; hashes: string[] }
  | { ok: false; quarter: number; reason: string; expected?: string; actual?: string; states: GameState[] };

/**
 * Re-runs a saved game from its header and checks every quarter's hash. `keepStates` keeps every
 * intermediate state (for viewers' snapshot caches). Never throws on bad data: it reports it.
 */
export function replayGame(file: ReplayFile, keepStates = false): ReplayOutcome {
  const states: GameState[] = [];
  if (file.header.engineVersion !== ENGINE_VERSION) {
    return { ok: false, quarter: 0, reason: `engine version ${file.header.engineVersion} is not ${ENGINE_VERSION}`, states };
  }
  let state: GameState;
  try {
    state = createGame(newGameOptionsOf(file.header));
  } catch (e) {
    return { ok: false, quarter: 0, reason: `cannot start the game: ${(e as Error).message}`, states };
  }
  if (state.scenarioHash !== file.header.scenarioHash) {
    return { ok: false, quarter: 0, reason: 'scenario data differ from the ones the game was played with', expected: file.header.scenarioHash, actual: state.scenarioHash, states };
  }
  if (keepStates) states.push(state);
  const hashes: string[] = [];
  for (let i = 0; i < file.quarters.length; i += 1) {
    const q = file.quarters[i]!;
    if (q.quarter !== i) return { ok: false, quarter: i, reason: `quarter ${q.quarter} found where ${i} was expected`, states };
    if (state.finished) return { ok: false, quarter: i, reason: 'more quarters than the game has', states };
    let next;
    try {
      for (const shock of q.shocks ?? []) {
        const scheduled = scheduleShock(state, shock);
        if (!scheduled.ok) return { ok: false, quarter: i, reason: `bad injected shock ${shock.card}`, states };
        state = scheduled.value;
      }
      next = resolveQuarter(state, q.orders);
    } catch (e) {
      return { ok: false, quarter: i, reason: `resolution failed: ${(e as Error).message}`, states };
    }
    if (next.hash !== q.hash) return { ok: false, quarter: i, reason: 'state hash differs', expected: q.hash, actual: next.hash, states };
    state = next.state;
    hashes.push(next.hash);
    if (keepStates) states.push(state);
  }
  return { ok: true, state, states, hashes };
}
