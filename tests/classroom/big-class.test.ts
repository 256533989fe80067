import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classContext } from '../../server/classroom/registry.js';
import { bootServer, until } from '../server/helpers.js';
import { createClass, joinClass, type ClassClient } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
beforeAll(async () => {
  server = await bootServer({});
});
afterAll(async () => {
  await server.stop();
});

describe('a class of 60', () => {
  it('balances 60 students over 3 parallel games of 4 teams of 5, and every game resolves when all teams submit', async () => {
    const t0 = Date.now();
    const host = await createClass(server.url, { quarterCount: 4, games: 3, teamsPerGame: 4, studentsPerTeam: 5, deadlineSec: 600, pacing: 'auto' });
    const code = host.welcome.code;
    const students: ClassClient[] = [];
    for (let i = 0; i < 60; i += 1) students.push(await joinClass(server.url, code, { name: `S${i}` }));
    const joinedMs = Date.now() - t0;
    const snap = await host.state((s) => s.games.every((g) => g.teams.every((t) => t.members.length === 5)));
    expect(snap.observers).toHaveLength(0);
    host.send('host:start', {});
    await until(() => classContext().live.get(code)?.status === 'running', 10_000, 'running');
    const mes = await Promise.all(students.map(async (x) => (await x.state((s) => s.status === 'running' && !!s.me)).me!));
    // Everyone drafts once; the first member of each team submits for the team.
    students.forEach((x) => x.send('team:draft', { quarter: 0, draft: { guidanceCapexUsdM: 1000 } }));
    const seen = new Set<string>();
    students.forEach((x, i) => {
      const key = `${mes[i]!.game}:${mes[i]!.company}`;
      if (seen.has(key)) return;
      seen.add(key);
      x.send('team:submit', { quarter: 0, orders: {} });
    });
    expect(seen.size).toBe(12);
    const t1 = Date.now();
    await Promise.all(students.map((x) => x.waitFor('class:resolved', (m) => m['quarter'] === 0, 0, 20_000)));
    const resolvedMs = Date.now() - t1;
    const final = await host.state((s) => s.games.every((g) => g.quarter === 1));
    expect(final.leaderboard).toHaveLength(12);
    console.log(`60 students joined in ${joinedMs} ms; 3 games resolved and every student told in ${resolvedMs} ms`);
    expect(resolvedMs).toBeLessThan(15_000);
    for (const x of [host, ...students]) await x.leave();
  }, 120_000);
});
