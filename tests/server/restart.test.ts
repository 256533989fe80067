import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGame, joinGame, tempDataDir, until } from './helpers.js';

const root = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Spawns the real server (the npm start entry point) and waits until it listens. */
async function spawnServer(port: number, dataDir: string): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await until(() => out.includes('listening on'), 30_000, `server start (${out})`);
  return { child, log: () => out };
}

async function summary(url: string, id: string): Promise<{ hash: string | null; quarter: number; status: string }> {
  return (await fetch(`${url}/api/games/${id}`)).json();
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('restart recovery', () => {
  it('survives SIGKILL mid-quarter: same hash, same pending orders, the game goes on', async () => {
    const port = await freePort();
    const dataDir = tempDataDir();
    const url = `http://localhost:${port}`;
    const a = await spawnServer(port, dataDir);
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

    a.child.kill('SIGKILL');
    await until(() => a.child.exitCode !== null || a.child.signalCode !== null, 10_000, 'killed');
    const b = await spawnServer(port, dataDir);
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
