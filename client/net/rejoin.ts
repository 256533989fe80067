/**
 * Keeping a seat across a server process going away (issue 18). When a connection is lost for good
 * (the SDK's own reconnection to the same process gave up, or the process closed it with 4001 on
 * shutdown), the game moves: another process adopts it once its lease is released or expires. This
 * loop asks the lobby API where the game is (`GET /api/games/:code`: `served`, `status`) and joins
 * again with the seat token as soon as a process serves it, backing off between attempts (250 ms
 * doubling to 1 s, with jitter), until it is back in its seat or the game is known to be finished
 * or gone. A transient failure never forgets the token. No DOM, no SDK: the deps are injected
 * (client/net/connection.ts wires them; tests/client/rejoin.test.ts drives them).
 */

/** What the lobby API says of the game. */
export type GameWhereabouts =
  /** A process serves it: a join can succeed. */
  | 'served'
  /** Stored and unfinished, but no process serves it yet (waiting to be adopted). */
  | 'waiting'
  | 'finished'
  /** No such game (404). */
  | 'gone'
  /** The API did not answer (network down, proxy without upstream). */
  | 'unreachable';

/** How a join attempt went. */
export type JoinAttempt = 'joined' | 'refused' | 'failed';

/** Where the loop is, for the player (client/net/connection.ts turns it into a notice). */
export interface RejoinProgress {
  phase: 'waiting' | 'unreachable' | 'joining';
  attempt: number;
}

/** How the loop ended. */
export type RejoinOutcome = 'joined' | 'finished' | 'gone' | 'refused' | 'cancelled';

export interface RejoinDeps {
  whereIs(gameId: string): Promise<GameWhereabouts>;
  join(gameId: string): Promise<JoinAttempt>;
  sleep(ms: number): Promise<void>;
  progress(p: RejoinProgress): void;
  /** True once the player has moved on (another game, the home screen): the loop stops. */
  cancelled(): boolean;
  /** 0 ≤ r < 1 (jitter). */
  random?(): number;
}

/** The first wait and the longest one (ms): the longest bounds how late a rejoin follows adoption. */
export const REJOIN_FIRST_DELAY_MS = 250;
export const REJOIN_MAX_DELAY_MS = 1000;
/** A served game refusing the seat this many times in a row: the token is not (or no longer) good. */
export const REJOIN_REFUSALS = 3;

/** The wait before attempt `attempt + 1` (attempt ≥ 1): doubling from 250 ms, capped at 1 s, ±20 % jitter. */
export function rejoinDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(REJOIN_MAX_DELAY_MS, REJOIN_FIRST_DELAY_MS * 2 ** Math.min(attempt - 1, 10));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Rejoins `gameId` until back in the seat, or the game is finished or gone, or the player moved on. */
export async function keepSeat(gameId: string, deps: RejoinDeps): Promise<RejoinOutcome> {
  let refusals = 0;
  for (let attempt = 1; ; attempt += 1) {
    if (deps.cancelled()) return 'cancelled';
    const where = await deps.whereIs(gameId);
    if (deps.cancelled()) return 'cancelled';
    if (where === 'gone' || where === 'finished') return where;
    // Not while "waiting": a join can only reach a listed room, and towards a killed process's stale
    // listing it stalls for seconds (Colyseus' IPC timeout and health check), past the adoption.
    const tryJoin = where === 'served' || where === 'unreachable';
    deps.progress({ phase: where === 'unreachable' ? 'unreachable' : tryJoin ? 'joining' : 'waiting', attempt });
    if (tryJoin) {
      const r = await deps.join(gameId);
      if (r === 'joined') return 'joined';
      if (deps.cancelled()) return 'cancelled';
      refusals = r === 'refused' && where === 'served' ? refusals + 1 : 0;
      if (refusals >= REJOIN_REFUSALS) return 'refused';
    }
    await deps.sleep(rejoinDelayMs(attempt, deps.random));
  }
}
