import { afterAll, describe, expect, it } from 'vitest';
import { freePort, killAll, spawnServer } from '../helpers/server-process.js';
import { tempDataDir } from '../server/helpers.js';
import { createClass, joinClass } from './helpers.js';

afterAll(killAll);

describe('classroom restart', () => {
  it('a killed and restarted server restores the class: students, teams, ready flags, pending hidden shocks', async () => {
    const port = await freePort();
    const dataDir = tempDataDir();
    const url = `http://localhost:${port}`;
    const first = await spawnServer(port, { DATA_DIR: dataDir });
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
    await first.kill();
    const second = await spawnServer(port, { DATA_DIR: dataDir });
    const back = await joinClass(url, code, { studentToken: token });
    const me = (await back.state((s) => !!s.me)).me!;
    expect(me).toMatchObject({ company, name: 'Ada' });
    const h2 = await joinClass(url, code, { hostToken });
    const snap = await h2.state((s) => s.status === 'running');
    expect(snap.games[0]!.shocks).toEqual([{ card: 'rateHike', region: null }]);
    expect(snap.games[0]!.teams.find((t) => t.company === company)!.ready).toBe(true);
    h2.send('host:resolve', { game: null, quarter: 0 });
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
    await second.kill();
    await spawnServer(port, { DATA_DIR: dataDir });
    const h3 = await joinClass(url, code, { hostToken });
    expect((await h3.state((st) => st.status === 'finished')).games[0]!.quarter).toBe(1);
    const csv = await (await fetch(`${url}/api/classes/${code}/export.csv`, { headers: { authorization: `Bearer ${hostToken}` } })).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 2);
    await h3.leave();
  }, 180_000);
});
