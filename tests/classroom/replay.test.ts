import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalStandings, importReplay, replayGame, type ReplayListItem } from '../../shared/index.js';
import { classContext } from '../../server/classroom/registry.js';
import { bootServer } from '../server/helpers.js';
import { createClass, joinClass, practiceThenStart } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
beforeAll(async () => {
  server = await bootServer({});
});
afterAll(async () => {
  await server.stop();
});

describe('class games in the replay library', () => {
  it('are private to the class host, and their injected shocks are in the log so the file verifies', async () => {
    const host = await createClass(server.url, { quarterCount: 4, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: null, pacing: 'host' });
    const code = host.welcome.code;
    const a = await joinClass(server.url, code, { name: 'Ada' });
    host.send('host:start', {});
    await a.waitFor('class:view');
    host.send('host:shock', { game: 0, card: 'heatWave', region: 'us-texas' });
    await host.state((s) => (s.games[0]!.shocks ?? []).length === 1);
    host.send('host:resolve', { game: null, quarter: 0 });
    await a.waitFor('class:resolved', (m) => m['quarter'] === 0);
    host.send('host:resolve', { game: null, quarter: 1 });
    await a.waitFor('class:resolved', (m) => m['quarter'] === 1);
    host.send('host:end', {});
    await host.state((s) => s.status === 'finished');
    const gameId = classContext().live.get(code)!.gameIds[0]!;

    // Not listed or opened for strangers or students; the class host opens it.
    expect((await fetch(`${server.url}/api/replays/${gameId}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/replays/${gameId}`, { headers: { 'x-capex-tokens': a.welcome.studentToken! } })).status).toBe(404);
    const res = await fetch(`${server.url}/api/replays/${gameId}`, { headers: { 'x-capex-tokens': host.welcome.hostToken! } });
    expect(res.status).toBe(200);
    const doc = await res.json() as { verifiable: boolean; file: { quarters: { shocks?: unknown[] }[] } };
    expect(doc.verifiable).toBe(true);
    expect(doc.file.quarters).toHaveLength(2);
    expect(doc.file.quarters[0]!.shocks).toEqual([{ quarter: 0, card: 'heatWave', region: 'us-texas' }]);
    const imported = importReplay(doc.file);
    expect(imported.ok).toBe(true);
    // The class host's library lists the class's games among its own (the console remembers the class secret).
    const mine = async (token: string) => ((await (await fetch(`${server.url}/api/replays/mine`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokens: [token] }) })).json()) as { games: { id: string; mine: boolean }[] }).games;
    expect((await mine(host.welcome.hostToken!)).filter((g) => g.id === gameId)).toEqual([expect.objectContaining({ id: gameId, mine: true })]);
    expect((await mine(a.welcome.studentToken!)).map((g) => g.id)).not.toContain(gameId);
    // The store's own load carries the shocks too (restores and every replay path).
    const loaded = await server.context.store.load(gameId);
    expect(loaded!.quarters[0]!.shocks).toHaveLength(1);
    for (const x of [host, a]) await x.leave();
  });
});

describe('titles and results in the library', () => {
  it('names class games after the class and number (practice apart) and gives each finished game its engine ranking', async () => {
    const host = await createClass(server.url, { title: 'Econ 101', games: 2, quarterCount: 4, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: null, pacing: 'host' });
    const code = host.welcome.code;
    const a = await joinClass(server.url, code, { name: 'Ada' });
    // A practice quarter, a restart, then the real games: two quarters, then the end.
    await practiceThenStart(host, 2);
    for (const q of [0, 1]) {
      host.send('host:resolve', { game: null, quarter: q });
      await host.state((s) => s.games.every((g) => g.quarter === q + 1));
    }
    host.send('host:end', {});
    await host.state((s) => s.status === 'finished');
    const session = classContext().live.get(code)!;
    const [real, practice] = [[...session.gameIds], [...session.practiceGameIds]];
    expect(real).toHaveLength(2);
    expect(practice).toHaveLength(2);

    const res = await fetch(`${server.url}/api/replays/mine`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokens: [host.welcome.hostToken!] }) });
    const games = ((await res.json()) as { games: ReplayListItem[] }).games;
    const byId = new Map(games.map((g) => [g.id, g]));
    real.forEach((id, i) => expect(byId.get(id)?.classGame).toEqual({ code, title: 'Econ 101', game: i + 1, practice: false }));
    practice.forEach((id, i) => expect(byId.get(id)?.classGame).toEqual({ code, title: 'Econ 101', game: i + 1, practice: true }));
    for (const id of [...real, ...practice]) {
      const g = byId.get(id)!;
      // The results are the final standings of the stored log's final state (winner first; after the board's years).
      const loaded = (await server.context.store.load(id))!;
      const played = replayGame({ header: loaded.game.header, quarters: loaded.quarters });
      expect(played.ok).toBe(true);
      if (!played.ok) continue;
      expect(played.state.quarter).toBe(practice.includes(id) ? 1 : 2);
      expect(g.results).toEqual(finalStandings(played.state).rows.map((r) => ({ company: r.ticker, scoreBps: r.scoreBps, returnBps: r.returnBps })));
      expect(g.results!.map((r) => r.company).sort()).toEqual([...loaded.game.header.seats.map((s) => s.company)].sort());
      expect(g.finishedAt).toBeGreaterThanOrEqual(g.createdAt);
    }
    // The same labels from the store alone (a class no longer open after a restart).
    const fromStore = await classContext().store.gameLabels([...real, ...practice, 'NOPE42']);
    expect([...fromStore.keys()].sort()).toEqual([...real, ...practice].sort());
    expect(fromStore.get(practice[1]!)).toEqual({ code, title: 'Econ 101', game: 2, practice: true });
    for (const x of [host, a]) await x.leave();
  });
});

describe('the join link', () => {
  it('the server says where students reach it (never only loopback without a warning)', async () => {
    const r = (await (await fetch(`${server.url}/api/class-reach`)).json()) as { base: string; source: string; warning: boolean };
    expect(r.base).toMatch(/^http:\/\/\S+$/);
    expect(['lan', 'loopback']).toContain(r.source);
    expect(r.warning).toBe(r.source === 'loopback');
  });
});
