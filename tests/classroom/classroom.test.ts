import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { playerView, replayGame, resolveQuarter, t, type GameEvent, type PlayerView } from '../../shared/index.js';
import { CLASS_CLIENT_MESSAGES, HOST_MESSAGES, type ClassSnapshot, type TeamDraft } from '../../shared/protocol/classroom.js';
import { classContext } from '../../server/classroom/registry.js';
import { bootServer, fakeClock, until } from '../server/helpers.js';
import { createClass, joinClass, type ClassClient } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
beforeAll(async () => {
  server = await bootServer({ autopilotGraceMs: 600_000 });
});
afterAll(async () => {
  await server.stop();
});

const BASE = { quarterCount: 4, games: 1, teamsPerGame: 2, studentsPerTeam: 2, deadlineSec: 300, pacing: 'auto', bots: true, chat: true, showNames: true };

/** A host and `n` students joined in order (auto-balanced). */
async function classWith(n: number, options: Record<string, unknown> = {}): Promise<{ host: ClassClient; code: string; students: ClassClient[] }> {
  const host = await createClass(server.url, { ...BASE, ...options });
  const code = host.welcome.code;
  const students: ClassClient[] = [];
  for (let i = 0; i < n; i += 1) students.push(await joinClass(server.url, code, { name: `Student ${i + 1}` }));
  return { host, code, students };
}

const session = (code: string) => classContext().live.get(code)!;
/** A refused join: the server's own refusal (403 with the message of its key), never a crash or a dropped socket. */
const BAD_TOKEN = { code: 403, message: t('en', 'class.error.badToken') };
const team = (s: ClassSnapshot, company: string) => s.games[0]!.teams.find((t) => t.company === company)!;

async function get(url: string, token?: string): Promise<Response> {
  return fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

describe('joining a class', () => {
  it('gives the host a secret and a short code; students get a token, a sanitized unique name and a balanced team', async () => {
    const host = await createClass(server.url, { ...BASE, studentsPerTeam: 1 });
    expect(host.welcome.role).toBe('host');
    expect(host.welcome.hostToken).toMatch(/^[\w-]{40,}$/);
    const code = host.welcome.code;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    const a = await joinClass(server.url, code, { name: '  <b>Ann</b>\u0000\u202e ' });
    const b = await joinClass(server.url, code, { name: 'ann' });
    const c = await joinClass(server.url, code, { name: 'Z'.repeat(80) });
    expect(a.welcome.name).toBe('bAnn/b');
    expect(b.welcome.name).toBe('ann');
    const d = await joinClass(server.url, code, { name: 'bAnn/b' });
    expect(d.welcome.name).toBe('bAnn/b 2');
    expect([...(c.welcome.name ?? '')]).toHaveLength(20);
    expect(a.welcome.studentToken).toBeTruthy();
    expect(a.welcome.hostToken).toBeUndefined();
    // Two teams of one: the third and fourth students observe.
    expect([a.welcome.role, b.welcome.role, c.welcome.role, d.welcome.role]).toEqual(['student', 'student', 'observer', 'observer']);
    const snap = await host.state((s) => s.observers.length === 2);
    expect(snap.games[0]!.teams.map((t) => t.members.length)).toEqual([1, 1]);
    await expect(joinClass(server.url, code, { name: '\u0000 \u200b ' })).rejects.toMatchObject({ code: 403, message: t('en', 'class.error.badName') });
    for (const x of [host, a, b, c, d]) await x.leave();
  });

  it('brings a reloaded student back to the same team with their token; a made-up token is refused', async () => {
    const { host, code, students: [a] } = await classWith(1);
    const token = a!.welcome.studentToken!;
    const company = (await a!.state((s) => !!s.me)).me!.company;
    await a!.leave();
    const back = await joinClass(server.url, code, { studentToken: token });
    expect(back.welcome.studentId).toBe(a!.welcome.studentId);
    expect((await back.state((s) => !!s.me)).me!.company).toBe(company);
    await expect(joinClass(server.url, code, { studentToken: 'x'.repeat(43) })).rejects.toMatchObject({ code: 403, message: t('en', 'class.error.badToken') });
    await back.leave();
    await host.leave();
  });
});

describe('permissions', () => {
  it('students, observers and projector screens cannot use any host action', async () => {
    const { host, code, students } = await classWith(5, { studentsPerTeam: 2 });
    const observer = students[4]!;
    expect(observer.welcome.role).toBe('observer');
    const projector = await joinClass(server.url, code, { hostToken: host.welcome.hostToken, view: 'projector' });
    expect(projector.welcome.role).toBe('projector');
    expect(projector.welcome.hostToken).toBeUndefined();
    const payloads: Record<string, unknown> = {
      'host:start': {}, 'host:pause': { paused: true }, 'host:extend': { game: null, seconds: 60 }, 'host:resolve': { game: null, quarter: 0 },
      'host:bot': { game: 0, company: 'AAPL', bot: true }, 'host:move': { student: students[0]!.welcome.studentId, game: 0, company: null },
      'host:remove': { student: students[1]!.welcome.studentId }, 'host:broadcast': { text: 'hi' },
      'host:shock': { game: null, card: 'heatWave', region: 'us-east' }, 'host:end': {},
      'host:lock': { locked: true }, 'host:roster': { text: 'Zed' }, 'host:restart': {}, 'host:cohost': {}, 'host:unshock': { game: null }, 'host:replay': { game: 0, quarter: 0 }, 'host:undo': {},
    };
    expect(Object.keys(payloads).sort()).toEqual([...HOST_MESSAGES].sort());
    for (const who of [students[0]!, observer, projector]) {
      for (const [type, payload] of Object.entries(payloads)) {
        const e = await who.expectError(type, payload);
        expect(e.code, `${type}`).toBe('class.error.notHost');
      }
    }
    expect(session(code).status).toBe('lobby');
    expect(session(code).roster()).toHaveLength(5);
    for (const x of [host, projector, ...students]) await x.leave();
  });

  it('a wrong host secret cannot open the console, and the exports need the secret', async () => {
    const { host, code, students } = await classWith(1);
    const logged: string[] = [];
    const spies = (['log', 'error', 'warn', 'info'] as const).map((k) => vi.spyOn(console, k).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((x) => (x instanceof Error ? `${x.message} ${JSON.stringify(x)}` : typeof x === 'string' ? x : JSON.stringify(x) ?? String(x))).join(' '));
    }));
    const forged = 'A'.repeat(43);
    await expect(joinClass(server.url, code, { hostToken: forged })).rejects.toMatchObject(BAD_TOKEN);
    await expect(joinClass(server.url, code, { studentToken: `Z${forged.slice(1)}` })).rejects.toMatchObject(BAD_TOKEN);
    await new Promise((r) => setTimeout(r, 100));
    for (const sp of spies) sp.mockRestore();
    expect(logged.join('\n')).not.toContain(forged.slice(0, 20));
    expect(logged.join('\n')).not.toContain(`Z${forged.slice(1, 20)}`);
    await expect(joinClass(server.url, code, { hostToken: students[0]!.welcome.studentToken })).rejects.toMatchObject(BAD_TOKEN);
    const again = await joinClass(server.url, code, { hostToken: host.welcome.hostToken });
    expect(again.welcome.role).toBe('host');
    for (const path of ['export.csv', 'export.json', 'debrief']) {
      expect((await get(`${server.url}/api/classes/${code}/${path}`)).status).toBe(403);
      expect((await get(`${server.url}/api/classes/${code}/${path}`, 'B'.repeat(43))).status).toBe(403);
      expect((await get(`${server.url}/api/classes/${code}/${path}`, students[0]!.welcome.studentToken)).status).toBe(403);
      expect((await get(`${server.url}/api/classes/${code}/${path}`, host.welcome.hostToken)).status).toBe(200);
    }
    const pub = await (await get(`${server.url}/api/classes/${code.toLowerCase()}`)).json() as Record<string, unknown>;
    expect(pub).toMatchObject({ code, status: 'lobby', students: 1 });
    expect(JSON.stringify(pub)).not.toContain(host.welcome.hostToken!);
    for (const x of [host, again, ...students]) await x.leave();
  });

  it('rejects unknown messages and bad payloads without dropping the connection', async () => {
    const { host, students: [a] } = await classWith(1);
    expect((await a!.expectError('nope', {})).code).toBe('class.error.badPayload');
    expect((await host.expectError('host:extend', { game: null, seconds: -5 })).code).toBe('class.error.badPayload');
    expect((await a!.expectError('team:draft', { quarter: 0, draft: 'x' })).code).toBe('class.error.badPayload');
    expect(Object.keys(CLASS_CLIENT_MESSAGES)).toContain('team:draft');
    expect((await a!.expectError('team:draft', { quarter: 0, draft: {} })).code).toBe('class.error.notRunning');
    for (const x of [host, a!]) await x.leave();
  });
});

describe('teams', () => {
  it('shares a live draft within a team only; any member submits for the team; nobody reaches another team', async () => {
    const { host, code, students } = await classWith(4);
    const [a, c, b, d] = students as [ClassClient, ClassClient, ClassClient, ClassClient];
    // Balanced in join order: a, b on AAPL… (team of a) — find out from the snapshots.
    const me = async (x: ClassClient) => (await x.state((s) => !!s.me)).me!;
    const ma = await me(a);
    const mates = [];
    for (const x of [c, b, d]) if ((await me(x)).company === ma.company) mates.push(x);
    expect(mates).toHaveLength(1);
    const mate = mates[0]!;
    const rivals = [c, b, d].filter((x) => x !== mate);
    host.send('host:start', {});
    await a.waitFor('class:view');
    await until(() => session(code).status === 'running', 5000, 'running');
    const at = [mate, ...rivals].map((x) => x.mark());
    a.send('team:draft', { quarter: 0, draft: { guidanceCapexUsdM: 7777 } });
    const seen = await mate.waitFor<TeamDraft>('team:draft', (m) => m.version > 0, at[0]);
    expect(seen).toMatchObject({ quarter: 0, by: ma.name, draft: { guidanceCapexUsdM: 7777 } });
    const snap = await mate.state((s) => s.games[0]!.teams.some((t) => t.members.some((m) => m.editedAt > 0)));
    expect(team(snap, ma.company!).members.find((m) => m.name === ma.name)!.editedAt).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    rivals.forEach((x, i) => expect(x.all<TeamDraft>('team:draft', at[i + 1]).filter((m) => m.version > 0)).toEqual([]));
    // A rival's draft stays on the rival's team.
    const rivalCompany = (await me(rivals[0]!)).company!;
    rivals[0]!.send('team:draft', { quarter: 0, draft: { guidanceCapexUsdM: 1 } });
    await until(() => session(code).draftOf(0, rivalCompany).version === 1, 3000, 'rival draft');
    expect(session(code).draftOf(0, ma.company!).draft).toEqual({ guidanceCapexUsdM: 7777 });
    // The mate submits; a sees the team ready.
    const atA = a.mark();
    mate.send('team:submit', { quarter: 0, orders: { guidanceCapexUsdM: 4242 } });
    const st = await a.waitFor<{ ready: boolean; orders: { guidanceCapexUsdM: number } }>('orders:state', (m) => m.ready, atA);
    expect(st.orders.guidanceCapexUsdM).toBe(4242);
    expect(session(code).controllers[0]!.pendingOf(ma.company as 'AAPL')!.orders!.guidanceCapexUsdM).toBe(4242);
    expect(session(code).controllers[0]!.pendingOf(rivalCompany as 'AAPL')?.orders ?? null).toBeNull();
    // Invalid orders get the engine's readable problems.
    const bad = await a.expectError('team:submit', { quarter: 0, orders: { chips: { merchantUsdM: -5 } } });
    expect(bad.code).toBe('error.ordersInvalid');
    for (const x of [host, ...students]) await x.leave();
  });
});

describe('host controls', () => {
  it('start, pause (freezes the deadline), resume, extend, resolve now, shocks, bots, move, remove, broadcast, end', async () => {
    const { host, code, students } = await classWith(3, { pacing: 'auto', deadlineSec: 300, studentsPerTeam: 1 });
    const [a, b, obs] = students as [ClassClient, ClassClient, ClassClient];
    const clock = fakeClock(code);
    let now = Date.now();
    clock.set(now);
    host.send('host:start', {});
    let snap = await host.state((s) => s.status === 'running');
    const deadline = snap.games[0]!.deadlineAt!;
    expect(deadline).toBe(now + 300_000);

    // Pause: deadline frozen; passing it resolves nothing.
    host.send('host:pause', { paused: true });
    snap = await host.state((s) => s.paused);
    expect(snap.games[0]!.deadlineAt).toBeNull();
    expect(snap.games[0]!.pausedLeftMs).toBe(300_000);
    now += 400_000;
    clock.set(now);
    await new Promise((r) => setTimeout(r, 300));
    expect(session(code).controllers[0]!.state.quarter).toBe(0);
    // Extend while paused adds to what is left; resume gives it back.
    host.send('host:extend', { game: null, seconds: 60 });
    await host.state((s) => s.games[0]!.pausedLeftMs === 360_000);
    host.send('host:pause', { paused: false });
    snap = await host.state((s) => !s.paused && s.games[0]!.deadlineAt !== null);
    expect(snap.games[0]!.deadlineAt).toBe(now + 360_000);
    host.send('host:extend', { game: 0, seconds: 30 });
    await host.state((s) => s.games[0]!.deadlineAt === now + 390_000);

    // Broadcast reaches students.
    const atB = b.mark();
    host.send('host:broadcast', { text: 'Two minutes left <script>' });
    expect(await b.waitFor<{ text: string }>('class:broadcast', () => true, atB)).toMatchObject({ text: 'Two minutes left <script>' });

    // A hidden shock: the host sees it pending; students see nothing until it hits.
    host.send('host:shock', { game: 0, card: 'gridOutage', region: 'us-east' });
    snap = await host.state((s) => (s.games[0]!.shocks ?? []).length === 1);
    expect(snap.games[0]!.shocks).toEqual([{ card: 'gridOutage', region: 'us-east' }]);
    const studentSnap = await a.state();
    expect(JSON.stringify(studentSnap)).not.toContain('gridOutage');
    expect(JSON.stringify(a.all('class:view'))).not.toContain('gridOutage');
    // Undo: a second shock taken back before the quarter resolves leaves no trace in the game.
    host.send('host:shock', { game: 0, card: 'rateHike', region: null });
    await host.state((s) => (s.games[0]!.shocks ?? []).length === 2);
    host.send('host:unshock', { game: 0 });
    snap = await host.state((s) => (s.games[0]!.shocks ?? []).length === 1);
    expect(snap.games[0]!.shocks).toEqual([{ card: 'gridOutage', region: 'us-east' }]);
    expect(session(code).controllers[0]!.state.shocks.filter((x) => x.card === 'rateHike' && x.quarter === 0)).toEqual([]);
    const badShock = await host.expectError('host:shock', { game: 0, card: 'notACard', region: null });
    expect(badShock.code).toBe('class.error.badPayload');

    // Resolve now (nobody ready): the quarter resolves and the shock hits.
    const atA = a.mark();
    host.send('host:resolve', { game: null, quarter: 0 });
    await a.waitFor('class:resolved', (m) => m['quarter'] === 0, atA);
    const view = (await a.waitFor<{ view: PlayerView }>('class:view', (m) => m.view.quarter === 1, atA)).view;
    const ctl = session(code).controllers[0]!;
    expect(ctl.log[0]!.shocks).toEqual([{ quarter: 0, card: 'gridOutage', region: 'us-east' }]);
    // The shock's effect, against a control: the same start and the same orders without the shock.
    const hit = replayGame({ header: ctl.header, quarters: [ctl.log[0]!] }, true);
    if (!hit.ok) throw new Error(hit.reason);
    const control = resolveQuarter(hit.states[0]!, ctl.log[0]!.orders);
    const outage = (e: GameEvent): boolean => e.kind === 'gridOutage' && e.params?.['region'] === 'us-east';
    expect(hit.state.regions['us-east']!.outageBps).toBe(2_000);
    expect(control.state.regions['us-east']!.outageBps).toBe(0);
    expect(control.hash).not.toBe(ctl.log[0]!.hash);
    expect(playerView(control.state, null).events.filter(outage)).toHaveLength(0);
    expect(playerView(hit.state, null).events.filter(outage)).toHaveLength(1);
    expect(view.events.filter(outage)).toHaveLength(1);
    snap = await host.state((s) => s.games[0]!.quarter === 1);
    expect(snap.games[0]!.shocks).toEqual([]);
    expect((await host.expectError('host:unshock', { game: null })).code).toBe('class.error.nothingToUndo');

    // Bots: the host hands a team to a bot and back.
    const aCompany = (await a.state((s) => !!s.me)).me!.company!;
    host.send('host:bot', { game: 0, company: aCompany as 'AAPL', bot: true });
    snap = await host.state((s) => team(s, aCompany).kind === 'bot');
    expect(team(snap, aCompany).ready).toBe(true);
    expect((await a.expectError('team:draft', { quarter: 1, draft: {} })).code).toBe('class.error.refused');
    host.send('host:bot', { game: 0, company: aCompany as 'AAPL', bot: false });
    await host.state((s) => team(s, aCompany).kind === 'human');

    // Move the observer onto a's team, then remove b.
    host.send('host:move', { student: obs.welcome.studentId!, game: 0, company: aCompany as 'AAPL' });
    await host.state((s) => team(s, aCompany).members.length === 2);
    expect((await obs.state((s) => s.me?.company === aCompany)).role).toBe('student');
    const bId = b.welcome.studentId!;
    const bCompany = (await b.state((s) => !!s.me)).me!.company!;
    host.send('host:remove', { student: bId });
    await b.waitFor('class:removed');
    snap = await host.state((s) => !s.games[0]!.teams.some((t) => t.members.some((m) => m.id === bId)));
    expect(team(snap, bCompany).kind).toBe('bot');
    await expect(joinClass(server.url, code, { studentToken: b.welcome.studentToken })).rejects.toMatchObject({ code: 403, message: t('en', 'class.error.badToken') });
    expect((await host.expectError('host:move', { student: bId, game: 0, company: null })).code).toBe('class.error.unknownStudent');
    expect((await host.expectError('host:move', { student: a.welcome.studentId!, game: 3, company: null })).code).toBe('class.error.badTarget');

    // End.
    host.send('host:end', {});
    snap = await host.state((s) => s.status === 'finished');
    expect(snap.games[0]!.status).toBe('finished');
    for (const x of [host, a, obs]) await x.leave();
  });

  it('resolve now names its quarter: a double click resolves it once, a click after the game resolved itself resolves nothing', async () => {
    const { host, code, students: [a] } = await classWith(1, { pacing: 'auto', teamsPerGame: 2, deadlineSec: null });
    host.send('host:start', {});
    await a!.waitFor('class:view');
    await until(() => session(code).status === 'running', 5000, 'running');
    const ctl = session(code).controllers[0]!;
    // A double click: the same quarter twice, back to back.
    const at = host.mark();
    host.send('host:resolve', { game: null, quarter: 0 });
    host.send('host:resolve', { game: null, quarter: 0 });
    const refused = await host.waitFor<{ code: string; message: string; type: string }>('class:error', (e) => e.type === 'host:resolve', at);
    expect(refused.code).toBe('class.error.alreadyResolved');
    expect(refused.message).toMatch(/Quarter 1 has already been resolved/);
    expect(ctl.state.quarter).toBe(1);
    expect(ctl.log).toHaveLength(1);
    // The team is ready: the game resolves quarter 2 by itself; a late "resolve quarter 2" does nothing.
    const mine = (await a!.state((s) => !!s.me)).me!.company as 'AAPL';
    const atA = a!.mark();
    a!.send('team:submit', { quarter: 1, orders: { guidanceCapexUsdM: 1234 } });
    await a!.waitFor('class:resolved', (m) => m['quarter'] === 1, atA);
    const late = await host.expectError('host:resolve', { game: 0, quarter: 1 });
    expect(late.code).toBe('class.error.alreadyResolved');
    expect(ctl.state.quarter).toBe(2);
    expect(ctl.log).toHaveLength(2);
    // The students' team was not handed bot orders for quarter 3.
    expect(ctl.pendingOf(mine)).toMatchObject({ quarter: 2, orders: null, ready: false });
    for (const x of [host, a!]) await x.leave();
  });

  it('the last quarter ends the class (even resolved while paused); an ended class takes nobody new', async () => {
    const { host, code, students: [a] } = await classWith(1, { pacing: 'host', teamsPerGame: 2, deadlineSec: 120 });
    host.send('host:start', {});
    await a!.waitFor('class:view');
    host.send('host:pause', { paused: true });
    await host.state((s) => s.paused);
    for (let q = 0; q < 4; q += 1) {
      const at = a!.mark();
      host.send('host:resolve', { game: 0, quarter: q });
      await a!.waitFor('class:resolved', (m) => m['quarter'] === q, at);
    }
    const snap = await host.state((s) => s.status === 'finished');
    expect(snap.paused).toBe(false);
    expect(snap.games[0]!.status).toBe('finished');
    expect(session(code).status).toBe('finished');
    await expect(joinClass(server.url, code, { name: 'Late Larry' })).rejects.toMatchObject({ message: t('en', 'class.error.ended') });
    expect(session(code).roster().map((s) => s.name)).toEqual(['Student 1']);
    // The student who was there comes back (token) to the results.
    const back = await joinClass(server.url, code, { studentToken: a!.welcome.studentToken });
    expect((await back.state((s) => s.status === 'finished')).me?.name).toBe('Student 1');
    for (const x of [host, a!, back]) await x.leave();
  });

  it('host pacing: nothing resolves when all teams are ready or at the deadline until the host says so', async () => {
    const { host, code, students: [a] } = await classWith(1, { pacing: 'host', teamsPerGame: 2, deadlineSec: 60 });
    const clock = fakeClock(code);
    let now = Date.now();
    clock.set(now);
    host.send('host:start', {});
    await a!.waitFor('class:view');
    await until(() => session(code).status === 'running', 5000, 'running');
    a!.send('team:submit', { quarter: 0, orders: {} });
    await a!.waitFor('orders:state', (m) => m['ready'] === true);
    now += 120_000;
    clock.set(now);
    await new Promise((r) => setTimeout(r, 300));
    expect(session(code).controllers[0]!.state.quarter).toBe(0);
    host.send('host:resolve', { game: 0, quarter: 0 });
    await a!.waitFor('class:resolved', (m) => m['quarter'] === 0);
    for (const x of [host, a!]) await x.leave();
  });

  it('auto pacing resolves when every team is ready and at the deadline; parallel games and the class leaderboard', async () => {
    const { host, code, students } = await classWith(4, { games: 2, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: 60 });
    const mes = await Promise.all(students.map(async (x) => (await x.state((s) => !!s.me)).me!));
    expect(mes.map((m) => m.game).sort()).toEqual([0, 0, 1, 1]);
    const clock = fakeClock(code);
    let now = Date.now();
    clock.set(now);
    host.send('host:start', {});
    const snap0 = await host.state((s) => s.status === 'running' && s.games.every((g) => g.gameId));
    expect(new Set(snap0.games.map((g) => g.gameId)).size).toBe(2);
    const g0 = students.filter((_, i) => mes[i]!.game === 0);
    for (const x of g0) x.send('team:submit', { quarter: 0, orders: {} });
    await g0[0]!.waitFor('class:resolved', (m) => m['quarter'] === 0 && m['game'] === 0);
    expect(session(code).controllers[1]!.state.quarter).toBe(0);
    now += 61_000;
    clock.set(now);
    await until(() => session(code).controllers[1]!.state.quarter === 1, 5000, 'deadline in game 2');
    // The deadline passed in both games: game 1 resolves its first quarter, game 0 its second.
    const snap = await host.state((s) => s.leaderboard.length === 4 && s.games[0]!.quarter === 2 && s.games[1]!.quarter === 1);
    const scores = snap.leaderboard.map((r) => r.scoreBps);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(new Set(snap.leaderboard.map((r) => r.game))).toEqual(new Set([0, 1]));
    // The CSV has one row per team per quarter.
    const csv = await (await get(`${server.url}/api/classes/${code}/export.csv`, host.welcome.hostToken)).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['class', 'game', 'gameId', 'quarter', 'company']);
    expect(lines).toHaveLength(1 + 2 * 2 + 2 * 1);
    for (const x of [host, ...students]) await x.leave();
  });

  it('names hidden: the projector and students see no other names; the host does', async () => {
    const { host, code, students } = await classWith(2, { showNames: false, studentsPerTeam: 1 });
    const projector = await joinClass(server.url, code, { hostToken: host.welcome.hostToken, view: 'projector' });
    const p = await projector.state((s) => s.games[0]!.teams.length === 2);
    expect(JSON.stringify(p)).not.toContain('Student 1');
    expect(JSON.stringify(await students[1]!.state())).not.toContain('Student 1');
    expect(JSON.stringify(await host.state((s) => s.games[0]!.teams.every((t) => t.members.length === 1)))).toContain('Student 1');
    for (const x of [host, projector, ...students]) await x.leave();
  });
});
