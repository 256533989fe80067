/**
 * Rooms created but never joined (issue 17): `POST /matchmake/create/…` (or `client.create`) makes
 * a room, stores its game or class and reserves a seat for the creator; if the creator never
 * connects (a script, a closed tab, an attacker), the reservation lapses and the room — kept alive
 * on purpose, so that players and hosts can come back to a game — would stay live, listed and
 * stored for ever. A room nobody has joined within the grace period (`unjoinedGraceMs`,
 * docs/protocol.md) is closed and its record removed: nobody holds a token of it (the host's is
 * sent on joining), so nothing is lost. A seat reserved when the period ends (someone joining right
 * now) postpones it.
 *
 * Whether anyone ever joined is stored (`games.joined`, `classes.joined`: 0 from the creation, 1
 * from the first join on, written before that join is answered), so a game or class created before
 * a restart or a crash and never joined gets the same grace period again from its restore (boot,
 * or adoption by another process). Stored as joined, and so kept however long nobody comes: games
 * and classes someone joined; a class's games (created by its host, restored with the class); forks
 * and imports (their author gets the host token in the HTTP reply, a solo fork's player a seat
 * token too, and may come back to them later); and every game and class stored by a server from
 * before the marker (the column is added with 1 for them).
 */
import type { Room } from '@colyseus/core';

/** What the room tells the reaper. */
export interface UnjoinedHooks {
  /** Whether anyone has ever joined (stored before the join is answered). */
  joined(): boolean;
  /** Runs work in the room's queue (one thing at a time with joins and messages). */
  serial(work: () => Promise<void>): Promise<void>;
  /** Removes the stored record (game or class) and everything about it. */
  remove(): Promise<void>;
}

/** How soon to look again when a seat was reserved at the end of the grace period (ms). */
const RECHECK_MS = 1_000;

/** Arms the check on a room nobody has ever joined, created or restored (call at the end of onCreate). */
export function disposeIfNeverJoined(room: Room, graceMs: number, hooks: UnjoinedHooks): void {
  const reserved = (): number => Object.keys((room as unknown as { _reservedSeats: object })._reservedSeats).length;
  const check = (): void => {
    void hooks.serial(async () => {
      if (hooks.joined()) return;
      if (room.clients.length > 0 || reserved() > 0) {
        room.clock.setTimeout(check, RECHECK_MS);
        return;
      }
      // No new seat can be reserved from here on (joinById refuses a locked room); one reserved
      // while the lock was being written to the listing keeps the room.
      await room.lock();
      if (room.clients.length > 0 || reserved() > 0) {
        await room.unlock();
        room.clock.setTimeout(check, RECHECK_MS);
        return;
      }
      await hooks.remove();
      console.log(`${room.roomName} ${room.roomId}: nobody joined within ${graceMs / 1000} s (since it was created or restored): closed and removed`);
      room.disconnect().catch(() => undefined);
    });
  };
  room.clock.setTimeout(check, graceMs);
}
