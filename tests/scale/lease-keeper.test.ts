/**
 * LeaseKeeper.stop() (graceful shutdown) resolves only once every release has reached the store —
 * the releases of rooms still closing included — so the store is never closed under one.
 */
import { describe, expect, it } from 'vitest';
import type { ServerContext } from '../../server/game/registry.js';
import { LeaseKeeper } from '../../server/scale/cluster.js';

/** A store whose releases take a while; records which finished. */
function slowStore(ms: number): { released: string[]; store: Pick<ServerContext['store'], 'releaseLease'> } {
  const released: string[] = [];
  return {
    released,
    store: {
      releaseLease: async (gameId: string) => {
        await new Promise((r) => setTimeout(r, ms));
        released.push(gameId);
      },
    },
  };
}

describe('LeaseKeeper.stop', () => {
  it('awaits the releases in flight and releases the live games, then refuses late releases', async () => {
    const { released, store } = slowStore(100);
    const ctx = { store, live: new Map([['LIVE01', {}]]) } as unknown as ServerContext;
    const keeper = new LeaseKeeper(ctx, 'me', { ttlMs: 1000, sweepMs: 100 });
    let roomWorkDone!: () => void;
    const roomWork = new Promise<void>((r) => (roomWorkDone = r));
    // A closing room: its release waits for its work in hand.
    void keeper.release('CLOSING', roomWork);
    const stopped = keeper.stop();
    setTimeout(roomWorkDone, 50);
    await stopped;
    expect(released.sort()).toEqual(['CLOSING', 'LIVE01']);
    await keeper.release('LATE');
    expect(released).not.toContain('LATE');
  });
});
