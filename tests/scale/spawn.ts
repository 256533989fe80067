/**
 * Helpers for the scale, fault and security suites: real server processes (shared with the
 * restart tests), Redis on a private logical database, polling of async conditions.
 */
import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../store/backends.js';

export { freePort, killAll, spawnServer, summaryOf, type Proc } from '../helpers/server-process.js';

/**
 * A Redis URL on a random logical database (1–15) so parallel runs do not share room listings;
 * throws a readable error when Redis does not answer.
 */
export async function requireRedis(base = TEST_REDIS_URL): Promise<string> {
  const r = new Redis(base, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new Error(`Redis is not reachable at ${base} (${(e as Error).message}): start it (.ci/run does) or set TEST_REDIS_URL`, { cause: e });
  } finally {
    r.disconnect();
  }
  return `${base.replace(/\/\d*$/, '')}/${randomInt(1, 16)}`;
}

/** Live games of a process (/api/health). */
export async function liveGames(url: string): Promise<number> {
  return ((await (await fetch(`${url}/api/health`)).json()) as { liveGames: number }).liveGames;
}

/** Waits until an async condition holds (polling every 50 ms). */
export async function untilAsync(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      if (await cond()) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
