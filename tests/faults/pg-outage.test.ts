/**
 * PostgreSQL goes away for a while: the server reaches it through a TCP proxy that we cut (every
 * connection dropped, new ones refused) and then restore. No crash (idle pool clients erroring
 * must not kill the process), readable errors meanwhile, nothing refused is played, and play
 * resumes on fresh connections once the database is back.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, createGame, joinGame, until, type Player } from '../server/helpers.js';
import { TEST_DATABASE_URL, dropSchema, freshSchema, requirePostgres } from '../store/backends.js';

/** A cuttable TCP proxy to PostgreSQL. */
class Proxy {
  private readonly sockets = new Set<net.Socket>();
  private up = true;
  readonly server: net.Server;
  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      if (!this.up) return client.destroy();
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }
  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as net.AddressInfo).port;
  }
  cut(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
  }
  restore(): void {
    this.up = true;
  }
}

const schema = freshSchema('outage');
const target = new URL(TEST_DATABASE_URL);
const proxy = new Proxy({ host: target.hostname, port: Number(target.port || 5432) });
let server: Awaited<ReturnType<typeof bootServer>>;
let host: Player;
let bob: Player;

beforeAll(async () => {
  await requirePostgres();
  const port = await proxy.listen();
  const viaProxy = new URL(TEST_DATABASE_URL);
  viaProxy.port = String(port);
  server = await bootServer({ databaseUrl: viaProxy.toString(), pgSchema: schema });
  host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT'] } });
  bob = await joinGame(server.url, host.welcome.gameId, { name: 'Bob', company: 'MSFT' });
  host.send('game:start', {});
  await until(() => host.room.state.status === 'running', 5000, 'running');
});
afterAll(async () => {
  await host?.leave();
  await bob?.leave();
  await server?.stop();
  proxy.server.close();
  await dropSchema(schema);
});

describe('PostgreSQL unavailable for a while', () => {
  it('errors while it is down, no crash, recovery and only stored orders played', async () => {
    host.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 1_212 } });
    await host.waitFor('orders:state', (m) => m.orders?.guidanceCapexUsdM === 1_212);
    const errors = console.error;
    const logged: string[] = [];
    console.error = (...a: unknown[]) => void logged.push(a.map(String).join(' '));
    try {
      proxy.cut();
      const at = bob.mark();
      bob.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 9_999 } });
      const err = await bob.waitFor('error', () => true, at, 15_000);
      expect(err).toMatchObject({ code: 'error.internal', type: 'orders:submit' });
      const at2 = bob.mark();
      bob.send('game:sync', {});
      expect((await bob.waitFor('view', () => true, at2)).pending?.orders).toBeNull();
      expect((await fetch(`${server.url}/api/health`)).ok).toBe(true);
    } finally {
      proxy.restore();
      console.error = errors;
    }
    expect(logged.length).toBeGreaterThan(0);
    // Back: fresh pool connections; the same message is accepted now.
    bob.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 3_434 } });
    await bob.waitFor('orders:state', (m) => m.orders?.guidanceCapexUsdM === 3_434, 0, 15_000);
    host.send('orders:ready', { quarter: 0, ready: true });
    bob.send('orders:ready', { quarter: 0, ready: true });
    const q0 = await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    expect(q0.orders['AMZN']?.guidanceCapexUsdM).toBe(1_212);
    expect(q0.orders['MSFT']?.guidanceCapexUsdM).toBe(3_434);
    const stored = await server.context.store.load(host.welcome.gameId);
    expect(stored?.quarters.at(-1)?.hash).toBe(q0.hash);
  }, 60_000);
});
