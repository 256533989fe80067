/**
 * The deployment in deploy/, started as the README says (tests/helpers/deployment.ts): Debian's
 * nginx with deploy/nginx/capex-race.conf and two processes from deploy/systemd/capex-race@.service
 * + deploy/capex-race.env. Through the proxy: the API answers, new games spread over both
 * processes even when creates alternate with joins, a join's WebSocket goes to the owning process
 * through its /p<port>/ location, and the lobby lists every game. The TLS variant passes `nginx -t`,
 * serves the API over HTTPS and redirects HTTP.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGame, joinGame, type Player } from '../server/helpers.js';
import { deploy, type Deployment } from '../helpers/deployment.js';
import { TEST_DATABASE_URL, dropSchema, freshSchema, requirePostgres } from '../store/backends.js';
import { liveGames, requireRedis } from './spawn.js';

const schemas: string[] = [];
const deployments: Deployment[] = [];
const players: Player[] = [];
let redisUrl: string;

async function testEnv(): Promise<Record<string, string>> {
  const schema = freshSchema('deploy');
  schemas.push(schema);
  return {
    DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `capex-deploy-${randomBytes(4).toString('hex')}:`, LEASE_TTL_MS: '1500', LEASE_SWEEP_MS: '250',
  };
}

beforeAll(async () => {
  await requirePostgres();
  redisUrl = await requireRedis();
});
afterAll(async () => {
  for (const p of players) p.room.connection.close();
  for (const d of deployments) await d.close();
  for (const s of schemas) await dropSchema(s);
});

function httpsGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https.get(url, { rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('deploy/: nginx + two systemd-style processes', () => {
  it('HTTP: the API, creates spread over both processes, WebSockets to the owner, the lobby lists all', async () => {
    const d = await deploy({ env: await testEnv() });
    deployments.push(d);
    const health = (await (await fetch(`${d.url}/api/health`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    expect((await fetch(`${d.url}/`)).status).toBe(200);

    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const host = await createGame(d.url, { name: `Host${i}`, company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT'], public: true } });
      const guest = await joinGame(d.url, host.welcome.gameId, { name: `Guest${i}`, company: 'MSFT' });
      players.push(host, guest);
      ids.push(host.welcome.gameId);
      // The guest's WebSocket went through nginx's location of the process that owns the game.
      const via = new RegExp(`^ws://${d.host.replaceAll('.', '\\.')}/p(\\d+)/`).exec(guest.room.connection.url ?? '');
      expect(d.ports).toContain(Number(via?.[1]));
      const there = (await (await fetch(`http://127.0.0.1:${via?.[1]}/api/games/${host.welcome.gameId}`)).json()) as { seats: { connected: boolean }[] };
      expect(there.seats.filter((s) => s.connected)).toHaveLength(2);
    }
    const [a, b] = [await liveGames(`http://127.0.0.1:${d.ports[0]}`), await liveGames(`http://127.0.0.1:${d.ports[1]}`)];
    expect(a + b).toBe(4);
    expect(Math.min(a, b)).toBeGreaterThanOrEqual(1);
    const listed = ((await (await fetch(`${d.url}/api/games`)).json()) as { games: { gameId: string }[] }).games.map((g) => g.gameId);
    expect(listed.sort()).toEqual([...ids].sort());
  }, 120_000);

  it('the systemd unit passes systemd-analyze verify (as an instance, capex-race@2567)', () => {
    const analyze = '/usr/bin/systemd-analyze';
    if (!fs.existsSync(analyze)) throw new Error(`${analyze} is missing: apt-get install -y systemd`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capex-unit-'));
    try {
      fs.copyFileSync(path.resolve(import.meta.dirname, '../../deploy/systemd/capex-race@.service'), path.join(dir, 'capex-race@.service'));
      fs.symlinkSync('capex-race@.service', path.join(dir, 'capex-race@2567.service'));
      const r = spawnSync(analyze, ['verify', '--man=no', path.join(dir, 'capex-race@2567.service')], { encoding: 'utf8' });
      expect({ status: r.status, out: `${r.stdout}${r.stderr}`.trim() }).toEqual({ status: 0, out: '' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('TLS: nginx -t passes with a certificate, the API answers over HTTPS, plain HTTP redirects', async () => {
    const d = await deploy({ tls: true, env: await testEnv() });
    deployments.push(d);
    const r = await httpsGet(`${d.url}/api/health`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true });
    const plain = await fetch(`${d.httpUrl}/api/health`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toMatch(/^https:\/\//);
  }, 120_000);
});
