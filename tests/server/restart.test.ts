import { afterAll, describe, expect, it } from 'vitest';
import { freePort, killAll, spawnServer, summaryOf as summary } from '../helpers/server-process.js';
import { createGame, joinGame, tempDataDir, until } from './helpers.js';

afterAll(killAll);

describe('restart recovery', () => {
  it('survives SIGKILL mid-quarter: same hash, same pending orders, the game goes on', async () => {
    const port = await freePort();
    const dataDir = tempDataDir();
    const url = `http://localhost:${port}`;
    const a = await spawnServer(port, { DATA_DIR: dataDir });
    const host = await createGame(url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4 } });
    const gameId = host.welcome.gameId;
    const bob = await joinGame(url, gameId, { name: 'Bob', company: 'MSFT' });
    host.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5000, 'running');
    host.send('orders:ready', { quarter: 0, ready: true });
    bob.send('orders:ready', { quarter: 0, ready: true });
    const q0 = await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    host.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 5_151 } });
    bob.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 6_161 } });
    await host.waitFor('orders:state', (m) => m.quarter === 1 && m.orders !== null);
    await bob.waitFor('orders:state', (m) => m.quarter === 1 && m.orders !== null);
    bob.send('orders:ready', { quarter: 1, ready: true });
    await bob.waitFor('orders:state', (m) => m.quarter === 1 && m.ready);
    const before = await summary(url, gameId);
    expect(before).toMatchObject({ hash: q0.hash, quarter: 1, status: 'running' });

    await a.kill();
    const b = await spawnServer(port, { DATA_DIR: dataDir });
    expect(b.log()).toContain('1 game(s) restored');
    const after = await summary(url, gameId);
    expect(after).toMatchObject({ hash: q0.hash, quarter: 1, status: 'running' });

    const host2 = await joinGame(url, gameId, { seatToken: host.welcome.seatToken! });
    const bob2 = await joinGame(url, gameId, { seatToken: bob.welcome.seatToken! });
    expect(host2.welcome).toMatchObject({ gameId, seat: 'AMZN' });
    expect(host2.all('view').at(-1)?.pending).toMatchObject({ quarter: 1, ready: false, orders: { guidanceCapexUsdM: 5_151 } });
    expect(bob2.all('view').at(-1)?.pending).toMatchObject({ quarter: 1, ready: true, orders: { guidanceCapexUsdM: 6_161 } });
    host2.send('orders:ready', { quarter: 1, ready: true });
    const q1 = await bob2.waitFor('quarter:resolved', (m) => m.quarter === 1);
    expect(q1.orders['AMZN']?.guidanceCapexUsdM).toBe(5_151);
    expect(q1.orders['MSFT']?.guidanceCapexUsdM).toBe(6_161);
    expect((await summary(url, gameId)).hash).toBe(q1.hash);
    await host2.leave();
    await bob2.leave();
    b.child.kill('SIGTERM');
  }, 90_000);
});
