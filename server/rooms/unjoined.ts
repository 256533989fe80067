/**
 * Rooms created but never joined (issue 17): `POST /matchmake/create/…` (or `client.create`) makes
 * a room, stores its game or class and reserves a seat for the creator; if the creator never
 * connects (a script, a closed tab, an attacker), the reservation lapses and the room — kept alive
 * on purpose, so that players and hosts can come back to a game — would stay live, listed and
 * stored for ever. A room created here (not one restored from the store: boot, fork) that nobody
 * has joined within the grace period (`unjoinedGraceMs`, docs/protocol.md) is closed and its
 * record removed: nobody holds a token of it (the host's is sent on joining), so nothing is lost.
 * A seat reserved when the period ends (someone joining right now) postpones it.
 */
import type { Room } from '@colyseus/core';

/** What the room tells the reaper. */
export interface UnjoinedHooks {
  /** Whether anyone has joined since the room was created. */
  joined(): boolean;
  /** Runs work in the room's queue (one thing at a time with joins and messages). */
  serial(work: () => Promise<void>): Promise<void>;
  /** Removes the stored record (game or class) and everything about it. */
  remove(): Promise<void>;
}

/** How soon to look again when a seat was reserved at the end of the grace period (ms). */
const RECHECK_MS = 1_000;

/** Arms the check on a newly created room (call at the end of onCreate). */
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
      console.log(`${room.roomName} ${room.roomId}: created but not joined within ${graceMs / 1000} s: closed and removed`);
      room.disconnect().catch(() => undefined);
    });
  };
  room.clock.setTimeout(check, graceMs);
}
