/** Server wiring of the classroom: the room, the routes, and recreating open classes on boot. */
import { matchMaker } from '@colyseus/core';
import { CLASS_ROOM_NAME } from '../../shared/protocol/classroom.js';
import type { ServerContext } from '../game/registry.js';
import { classContext } from './registry.js';

/** Finished classes stay open this long after their last change (console, debrief and exports after a restart). */
export const FINISHED_KEPT_MS = 7 * 24 * 3_600_000;

/** Recreates every open class's room (which restores its games); returns the ids of all class games. */
export async function recoverClasses(ctx: ServerContext): Promise<{ restored: string[]; failed: { id: string; reason: string }[]; gameIds: Set<string> }> {
  const cctx = classContext();
  const out = { restored: [] as string[], failed: [] as { id: string; reason: string }[], gameIds: await cctx.store.classGameIds() };
  for (const id of await cctx.store.openIds(Date.now() - FINISHED_KEPT_MS)) {
    // Several processes (Redis): a class another process already runs is left to it.
    if (cctx.live.has(id) || (await matchMaker.query({ roomId: id }).catch(() => [])).length > 0) continue;
    try {
      await matchMaker.handleCreateRoom(CLASS_ROOM_NAME, { restore: { classId: id, key: ctx.restoreKey } });
      out.restored.push(id);
    } catch (e) {
      out.failed.push({ id, reason: (e as Error).message });
      console.error(`class ${id} could not be restored:`, (e as Error).message);
    }
  }
  return out;
}
