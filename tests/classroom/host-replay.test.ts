/**
 * The host-driven replay (issue 15): the host (or co-host) shows a finished class game's replay at
 * a quarter and the projector and students follow it through their snapshots. Refusals change
 * nothing: a student cannot drive, a running game cannot be shown, a quarter past the game's end
 * or an unknown game is named. A shown game opens for the class's students (and nobody else).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer } from '../server/helpers.js';
import { createClass, joinClass, type ClassClient } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
const open: ClassClient[] = [];
beforeAll(async () => { server = await bootServer({}); });
afterAll(async () => {
  for (const c of open) await c.leave().catch(() => undefined);
  await server.stop();
});

const QUARTERS = 3;

describe('host-driven replay', () => {
  it('only the host or co-host moves it, within the game, and the projector and students follow', async () => {
    const host = await createClass(server.url, { quarterCount: 4, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: null, pacing: 'host' });
    const code = host.welcome.code;
    const ada = await joinClass(server.url, code, { name: 'Ada' });
    const projector = await joinClass(server.url, code, { hostToken: host.welcome.hostToken, view: 'projector' });
    open.push(host, ada, projector);
    host.send('host:start', {});
    const started = await host.state((s) => s.status === 'running');
    const gameId = started.games[0]!.gameId!;
    // A game still being played cannot be shown.
    const early = await host.expectError('host:replay', { game: 0, quarter: 0 });
    expect(early.code).toBe('class.error.replayNotOver');
    expect(early.message).toBe('Game 1 is not over yet: its replay can be shown to the class once it has finished.');
    for (let q = 0; q < QUARTERS; q += 1) {
      host.send('host:resolve', { game: null, quarter: q });
      await host.state((s) => s.games[0]!.quarter === q + 1);
    }
    host.send('host:end', {});
    await host.state((s) => s.status === 'finished');
    // Before it is shown, a student cannot open the class game.
    const asAda = { headers: { 'x-capex-tokens': ada.welcome.studentToken! } };
    expect((await fetch(`${server.url}/api/replays/${gameId}`, asAda)).status).toBe(404);

    // A student cannot drive it; out-of-range quarters and unknown games are refused by name.
    expect((await ada.expectError('host:replay', { game: 0, quarter: 1 })).code).toBe('class.error.notHost');
    const past = await host.expectError('host:replay', { game: 0, quarter: QUARTERS + 1 });
    expect(past.code).toBe('class.error.replayQuarter');
    expect(past.message).toBe(`Game 1 has no quarter ${QUARTERS + 1} to show: its replay goes from 0 (the start) to ${QUARTERS}.`);
    expect((await host.expectError('host:replay', { game: 5, quarter: 0 })).code).toBe('class.error.badTarget');
    expect((await host.expectError('host:replay', { game: 0, quarter: -1 })).code).toBe('class.error.badPayload');
    // None of that changed anything.
    const mark = ada.mark();
    host.send('class:sync', {});
    expect((await host.state(() => true)).replay).toBeNull();
    expect((await ada.state(() => true, mark)).replay).toBeNull();

    // The host moves quarter by quarter: the projector and the student follow.
    for (const q of [0, 1, 2]) {
      host.send('host:replay', { game: 0, quarter: q });
      const want = { game: 0, gameId, quarter: q, last: QUARTERS };
      expect((await projector.state((s) => s.replay?.quarter === q)).replay).toEqual(want);
      expect((await ada.state((s) => s.replay?.quarter === q)).replay).toEqual(want);
    }
    // Shown to the class: its students may open it now (a stranger's token still may not).
    expect((await fetch(`${server.url}/api/replays/${gameId}`, asAda)).status).toBe(200);
    expect((await fetch(`${server.url}/api/replays/${gameId}`, { headers: { 'x-capex-tokens': 'z'.repeat(40) } })).status).toBe(404);

    // A co-host drives it too.
    host.send('host:cohost', {});
    const ta = (await host.waitFor<{ token: string }>('class:cohost')).token;
    const coHost = await joinClass(server.url, code, { hostToken: ta });
    open.push(coHost);
    coHost.send('host:replay', { game: 0, quarter: QUARTERS });
    expect((await ada.state((s) => s.replay?.quarter === QUARTERS)).replay?.quarter).toBe(QUARTERS);
    // Stop: nobody follows any more.
    host.send('host:replay', { game: 0, quarter: null });
    expect((await projector.state((s) => s.replay === null)).replay).toBeNull();
  });

  it('a new class starts with nothing of another class (no practice games, no replay shown)', async () => {
    const a = await createClass(server.url, { quarterCount: 4, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: null, pacing: 'host' });
    open.push(a);
    a.send('host:start', {});
    await a.state((s) => s.status === 'running');
    a.send('host:restart', {});
    await a.state((s) => s.status === 'lobby' && s.practiceGames === 1);
    const b = await createClass(server.url, { quarterCount: 4, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: null, pacing: 'host' });
    open.push(b);
    const snap = await b.state(() => true);
    expect(snap.practiceGames).toBe(0);
    expect(snap.replay).toBeNull();
  });
});
