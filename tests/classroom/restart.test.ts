import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir, until } from '../server/helpers.js';
import { createClass, joinClass } from './helpers.js';

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

async function spawnServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await until(() => out.includes('listening on'), 30_000, `server start (${out})`);
  return child;
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('classroom restart', () => {
  it('a killed and restarted server restores the class: students, teams, ready flags, pending hidden shocks', async () => {
    const port = await freePort();
    const dataDir = tempDataDir();
    const url = `http://localhost:${port}`;
    const first = await spawnServer(port, dataDir);
    const host = await createClass(url, { quarterCount: 4, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: 600, pacing: 'host' });
    const code = host.welcome.code;
    const a = await joinClass(url, code, { name: 'Ada' });
    const company = (await a.state((s) => !!s.me)).me!.company!;
    host.send('host:start', {});
    await a.waitFor('class:view');
    host.send('host:shock', { game: null, card: 'rateHike', region: null });
    await host.state((s) => (s.games[0]!.shocks ?? []).length === 1);
    a.send('team:submit', { quarter: 0, orders: { guidanceCapexUsdM: 999 } });
    await a.waitFor('orders:state', (m) => m['ready'] === true);
    const token = a.welcome.studentToken!;
    const hostToken = host.welcome.hostToken!;
    first.kill('SIGKILL');
    await until(() => first.exitCode !== null || first.signalCode !== null, 10_000, 'killed');
    await spawnServer(port, dataDir);
    const back = await joinClass(url, code, { studentToken: token });
    const me = (await back.state((s) => !!s.me)).me!;
    expect(me).toMatchObject({ company, name: 'Ada' });
    const h2 = await joinClass(url, code, { hostToken });
    const snap = await h2.state((s) => s.status === 'running');
    expect(snap.games[0]!.shocks).toEqual([{ card: 'rateHike', region: null }]);
    expect(snap.games[0]!.teams.find((t) => t.company === company)!.ready).toBe(true);
    h2.send('host:resolve', { game: null });
    await back.waitFor('class:resolved', (m) => m['quarter'] === 0);
    const json = await (await fetch(`${url}/api/classes/${code}/export.json`, { headers: { authorization: `Bearer ${hostToken}` } })).json() as {
      games: { orders: Record<string, { guidanceCapexUsdM: number }>[]; shocks: unknown[][]; gameId: string }[]; students: { name: string }[];
    };
    expect(json.games[0]!.orders[0]![company]!.guidanceCapexUsdM).toBe(999);
    expect(json.games[0]!.shocks[0]).toEqual([{ quarter: 0, card: 'rateHike', region: null }]);
    expect(json.students.map((s) => s.name)).toEqual(['Ada']);
    expect(JSON.stringify(json)).not.toContain(hostToken);
    expect(JSON.stringify(json)).not.toContain('"seed"');
    // An ended class survives a restart too: the console reopens and the exports still work.
    h2.send('host:end', {});
    await h2.state((st) => st.status === 'finished');
    for (const x of [back, h2]) await x.leave();
    const second = children.at(-1)!;
    second.kill('SIGKILL');
    await until(() => second.exitCode !== null || second.signalCode !== null, 10_000, 'killed');
    await spawnServer(port, dataDir);
    const h3 = await joinClass(url, code, { hostToken });
    expect((await h3.state((st) => st.status === 'finished')).games[0]!.quarter).toBe(1);
    const csv = await (await fetch(`${url}/api/classes/${code}/export.csv`, { headers: { authorization: `Bearer ${hostToken}` } })).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 2);
    await h3.leave();
  }, 180_000);
});
