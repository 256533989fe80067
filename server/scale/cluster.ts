/**
 * Scale-out: REDIS_URL switches on Colyseus' RedisPresence + RedisDriver (each process announces
 * its own publicAddress, so a join's WebSocket goes straight to the owning process), and games are
 * owned through leases in the shared database. A live process renews its leases; a sweep (on boot
 * and every `sweepMs`) claims unfinished games whose lease expired — their process is gone — and
 * recreates them from the database, so play continues on the survivor.
 */
import { matchMaker, type Presence } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { quarantineIfBrokenFork } from '../replays/service.js';
import { ROOM_NAME } from '../../shared/protocol/index.js';
import type { ServerContext } from '../game/registry.js';

/**
 * Presence/driver options for the Colyseus Server (empty without Redis: the embedded defaults).
 * `keyPrefix` (REDIS_KEY_PREFIX) puts this deployment's Redis keys (room listings, presence, process
 * stats) under a prefix, so two deployments can share one Redis's keys; pub/sub channels are not
 * prefixed (nor separated by the database number): give each deployment its own Redis to be safe.
 */
export function clusterOptions(redisUrl: string | undefined, publicAddress: string | undefined, keyPrefix?: string): {
  presence?: Presence; driver?: matchMaker.MatchMakerDriver; publicAddress?: string; selectProcessIdToCreateRoom?: matchMaker.SelectProcessIdCallback;
} {
  if (!redisUrl) return {};
  if (!publicAddress) throw new Error('with REDIS_URL every process needs its own public address (PUBLIC_ADDRESS or a fixed PORT)');
  const options = { ...redisOptionsOf(redisUrl), ...(keyPrefix ? { keyPrefix } : {}) };
  return {
    presence: new RedisPresence(options),
    driver: new RedisDriver(options),
    publicAddress,
    // A new game lives on the process that received the request (the reverse proxy spreads them).
    selectProcessIdToCreateRoom: async () => matchMaker.processId,
  };
}

/** ioredis options of a redis:// or rediss:// URL (the drivers bundle their own ioredis: options, not a client). */
export function redisOptionsOf(url: string): { host: string; port: number; db: number; username?: string; password?: string; tls?: object } {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${u.protocol})`);
  const db = Number(u.pathname.replace(/^\//, '') || 0);
  return {
    host: u.hostname || '127.0.0.1', port: Number(u.port || 6379), db: Number.isInteger(db) ? db : 0,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** Lease timing: a lease lives `ttlMs`; it is renewed and orphans are swept every `sweepMs`. */
export interface LeaseTiming {
  ttlMs: number;
  sweepMs: number;
}
export const DEFAULT_LEASES: LeaseTiming = { ttlMs: 15_000, sweepMs: 5_000 };

/** What a recovery pass did. */
export interface Recovered {
  restored: string[];
  failed: { id: string; reason: string }[];
  /** Stored forks whose log does not replay: moved to `replay_quarantine` (never retried). */
  quarantined: { id: string; reason: string }[];
}

/** Holds this process's game leases, renews them and adopts orphaned games. */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;
  private stopped = false;
  /** Releases in flight (a closing room's): graceful shutdown awaits them before the store closes. */
  private readonly releasing = new Set<Promise<void>>();
  /** Games that failed to restore, and when to try again (a broken log should not spam every sweep). */
  private readonly failed = new Map<string, number>();

  constructor(private readonly ctx: ServerContext, readonly owner: string, readonly timing: LeaseTiming) {}

  /** Takes a new game's lease (before the game is stored, so no sweep can adopt it meanwhile). */
  async hold(gameId: string): Promise<void> {
    await this.ctx.store.claimLease(gameId, this.owner, Date.now(), this.timing.ttlMs, true);
  }

  /**
   * Gives a closed room's lease up, once `after` (the room's work in hand) has settled. Tracked:
   * `stop()` waits for it, so the store is never closed under a release.
   */
  release(gameId: string, after: Promise<unknown> = Promise.resolve()): Promise<void> {
    if (this.stopped) return Promise.resolve(); // stop() released them all; the store may be closed already
    const p = after.catch(() => undefined)
      .then(() => this.ctx.store.releaseLease(gameId, this.owner))
      .catch((e: Error) => console.error(`lease of ${gameId} not released: ${e.message}`))
      .finally(() => this.releasing.delete(p));
    this.releasing.add(p);
    return p;
  }

  /** Stops adopting and renewing (graceful shutdown begins: this process takes nothing new). */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Restores games into local rooms: `force` takes every unfinished game (one process restarting
   * over its own database); otherwise only games whose lease is missing or expired.
   */
  async recover(force: boolean): Promise<Recovered> {
    const out: Recovered = { restored: [], failed: [], quarantined: [] };
    const now = Date.now();
    const ids = force ? await this.ctx.store.unfinishedIds() : await this.ctx.store.orphanedIds(now);
    for (const id of ids) {
      if (this.ctx.live.has(id) || (this.failed.get(id) ?? 0) > now) continue;
      if (!(await this.ctx.store.claimLease(id, this.owner, now, this.timing.ttlMs, force))) continue;
      try {
        // Always in this process (createRoom could pick another one, which does not know our key).
        await matchMaker.handleCreateRoom(ROOM_NAME, { restore: { gameId: id, key: this.ctx.restoreKey } });
        out.restored.push(id);
      } catch (e) {
        await this.release(id);
        // A broken fork is set aside once (with its log) rather than failing at every restart.
        const broken = await quarantineIfBrokenFork(this.ctx, id, now).catch(() => null);
        if (broken !== null) {
          out.quarantined.push({ id, reason: broken });
          continue;
        }
        this.failed.set(id, now + 20 * this.timing.sweepMs);
        out.failed.push({ id, reason: (e as Error).message });
        console.error(`game ${id} could not be restored (it stays stored but is not served): ${(e as Error).message}`);
      }
    }
    if (out.quarantined.length > 0) {
      console.error(`quarantined ${out.quarantined.length} stored fork(s) that do not replay (moved to table replay_quarantine with their logs; no longer served or restored): ${out.quarantined.map((q) => `${q.id} (${q.reason})`).join('; ')}`);
    }
    if (!force && out.restored.length > 0) console.log(`recovery sweep: adopted ${out.restored.length} game(s): ${out.restored.join(' ')}`);
    return out;
  }

  /** Renews this process's leases; a room whose lease another process took is closed here. */
  async renew(): Promise<void> {
    const now = Date.now();
    const held = await this.ctx.store.renewLeases(this.owner, now, this.timing.ttlMs);
    if (held >= this.ctx.live.size) return;
    for (const id of [...this.ctx.live.keys()]) {
      if (await this.ctx.store.claimLease(id, this.owner, now, this.timing.ttlMs)) continue;
      console.error(`game ${id} is now owned by another process: closing it here`);
      this.ctx.live.delete(id);
      await matchMaker.getLocalRoomById(id)?.disconnect();
    }
  }

  /** Starts the periodic renew + sweep. */
  start(): void {
    this.timer = setInterval(() => void this.tick(), this.timing.sweepMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.renew();
      await this.recover(false);
    } catch (e) {
      console.error('lease sweep failed (will retry):', (e as Error).message);
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * Stops the timer and gives every lease up, awaiting the releases of closing rooms too
   * (graceful shutdown: a survivor adopts at its next sweep; the store may be closed afterwards).
   */
  async stop(): Promise<void> {
    this.pause();
    if (this.sweeping) await new Promise<void>((resolve) => {
      const poll = setInterval(() => { if (!this.sweeping) { clearInterval(poll); resolve(); } }, 10);
    });
    for (const id of [...this.ctx.live.keys()]) void this.release(id);
    while (this.releasing.size > 0) await Promise.all([...this.releasing]);
    this.stopped = true;
  }
}
