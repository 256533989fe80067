/**
 * Who may do what: no seat without its token, no host action without the host secret, and no
 * secret (seat tokens, host token, seed) in the server's logs — captured from a real server
 * process through a whole game with refusals and errors on the way.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@colyseus/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { createGame, joinGame, tempDataDir, until, type Player } from '../server/helpers.js';
import { freePort, killAll, spawnServer, type Proc } from '../scale/spawn.js';

const players: Player[] = [];
let proc: Proc;
afterAll(async () => {
  for (const p of players) p.room.connection.close();
  killAll();
});

async function refusedJoin(url: string, gameId: string, options: Record<string, unknown>): Promise<string> {
  try {
    const room = await new Client(url).joinById(gameId, options);
    await room.leave();
    return 'joined';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('security over a real server process', () => {
  it('seats, host rights and logs', async () => {
    const dataDir = tempDataDir();
    proc = await spawnServer(await freePort(), { DATA_DIR: dataDir, REDIS_URL: '', DATABASE_URL: '' });
    const url = proc.url;
    const host = await createGame(url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT', 'META'] } });
    const gameId = host.welcome.gameId;
    const bob = await joinGame(url, gameId, { name: '<img src=x onerror=1>', company: 'MSFT' });
    const other = await createGame(url, { name: 'Zed', company: 'AMZN', game: { quarterCount: 4 } });
    players.push(host, bob, other);
    const hostToken = host.welcome.hostToken!;
    const seatTokens = [host.welcome.seatToken!, bob.welcome.seatToken!, other.welcome.seatToken!, other.welcome.hostToken!];

    // Seat hijack: a forged token, another game's token, a human seat by company, a claim.
    expect(await refusedJoin(url, gameId, { seatToken: 'f'.repeat(43) })).toMatch(/seat token is not valid/);
    expect(await refusedJoin(url, gameId, { seatToken: other.welcome.seatToken })).toMatch(/seat token is not valid/);
    expect(await refusedJoin(url, gameId, { company: 'MSFT', name: 'Mallory' })).toMatch(/already played/);
    expect(await refusedJoin(url, gameId, { name: 'Mallory', hostToken: other.welcome.hostToken! })).toMatch(/host token is not valid/);
    const mallory = await joinGame(url, gameId, { name: 'Mallory' });
    players.push(mallory);
    expect(mallory.welcome).toMatchObject({ seat: null, host: false });
    expect(mallory.welcome.seatToken).toBeUndefined();
    let at = mallory.mark();
    mallory.send('seat:claim', { company: 'MSFT' });
    expect((await mallory.waitFor('error', () => true, at)).code).toBe('error.seatTaken');
    // Host rights: only with the host secret.
    at = mallory.mark();
    mallory.send('game:start', {});
    expect((await mallory.waitFor('error', () => true, at)).code).toBe('error.notHost');
    at = bob.mark();
    bob.send('game:start', {});
    expect((await bob.waitFor('error', () => true, at)).code).toBe('error.notHost');
    expect(host.room.state.status).toBe('lobby');
    const host2 = await joinGame(url, gameId, { hostToken });
    players.push(host2);
    expect(host2.welcome.host).toBe(true);
    host2.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5000, 'running');
    // The name is data, sent as typed (clients render it as text).
    expect(host.room.state.seats.get('MSFT')?.name).toBe('<img src=x onerror=1>');

    // Play to the end with some refusals and errors on the way.
    host.sendRaw('orders:submit', { quarter: 0, orders: { talentBidUsdM: -5 } });
    host.sendRaw('orders:nope', { seatToken: hostToken });
    for (let q = 0; q < 4; q += 1) {
      host.send('orders:ready', { quarter: q, ready: true });
      bob.send('orders:ready', { quarter: q, ready: true });
      await host.waitFor('quarter:resolved', (m) => m.quarter === q);
    }
    // A reload with the token, and one dropped connection.
    players.push(await joinGame(url, gameId, { seatToken: bob.welcome.seatToken! }));
    (host.room.connection.transport as unknown as { ws: { _socket: { destroy(): void } } }).ws._socket.destroy();

    const db = new Database(path.join(dataDir, 'capex-race.sqlite'), { readonly: true });
    const seeds = (db.prepare('select header_json from games').all() as { header_json: string }[]).map((r) => (JSON.parse(r.header_json) as { seed: string }).seed);
    db.close();
    expect(seeds.length).toBe(2);
    await until(() => proc.log().length > 0, 1000, 'some log');
    const log = proc.log();
    for (const secret of [hostToken, ...seatTokens, ...seeds]) expect(log.includes(secret), `a secret (${secret.slice(0, 4)}…) is in the log:\n${log}`).toBe(false);
  }, 60_000);

  it('the server does not mount an admin monitor (nothing under /admin but the client fallback)', async () => {
    const res = await fetch(`${proc.url}/admin/api`);
    const text = await res.text();
    expect(text).not.toMatch(/"rooms"|colyseus-monitor/i);
    const rooms = await fetch(`${proc.url}/matchmake/`);
    expect(await rooms.text()).not.toMatch(/seatToken|hostToken/);
  });
});
