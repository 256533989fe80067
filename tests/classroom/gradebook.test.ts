/**
 * What teachers grade with (issue 15, defect 5 and the grading features): exports credit the
 * people who were on a team in each quarter and say who decided (bot quarters are not human);
 * the gradebook has one row a student with participation and team results taken from the game;
 * reflections are exported with it; a roster (paste/CSV) with teams and a join lock; a practice
 * quarter then restart; a co-host link with host powers except removing and ending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalStandings, t } from '../../shared/index.js';
import { parseCsv, parseRoster } from '../../shared/protocol/classroom.js';
import { classContext } from '../../server/classroom/registry.js';
import { bootServer, until } from '../server/helpers.js';
import { createClass, joinClass, type ClassClient } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
beforeAll(async () => {
  server = await bootServer({ autopilotGraceMs: 600_000 });
});
afterAll(async () => {
  await server.stop();
});

const BASE = { quarterCount: 4, games: 1, teamsPerGame: 2, studentsPerTeam: 2, deadlineSec: null, pacing: 'host', bots: true, chat: true, showNames: true };
const session = (code: string) => classContext().live.get(code)!;
const get = async (url: string, token: string): Promise<string> => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.text()).replace(/^\uFEFF/, '');
};
/** CSV rows as objects by header. */
const table = (csv: string): Record<string, string>[] => {
  const [head, ...rows] = parseCsv(csv).filter((r) => r.length > 1);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
};

async function resolve(host: ClassClient, watcher: ClassClient, q: number): Promise<void> {
  const at = watcher.mark();
  host.send('host:resolve', { game: null, quarter: q });
  await watcher.waitFor('class:resolved', (m) => m['quarter'] === q, at);
}

describe('exports credit the people of each quarter', () => {
  it('a late joiner is not credited for quarters a bot played; a bot quarter is not human; the JSON numbers from 1', async () => {
    const host = await createClass(server.url, BASE);
    const code = host.welcome.code;
    const ann = await joinClass(server.url, code, { name: 'Ann' });
    const annTeam = (await ann.state((s) => !!s.me)).me!.company!;
    host.send('host:start', {});
    await ann.waitFor('class:view');
    const other = session(code).controllers[0]!.state.seats.find((c) => c !== annTeam)!;
    // Quarter 1: Ann edits twice, chats, submits.
    ann.send('team:draft', { quarter: 0, draft: { guidanceCapexUsdM: 1 } });
    ann.send('team:draft', { quarter: 0, draft: { guidanceCapexUsdM: 2 } });
    ann.send('chat:send', { text: 'hello' });
    const atS = ann.mark();
    ann.send('team:submit', { quarter: 0, orders: { guidanceCapexUsdM: 2 } });
    await ann.waitFor('orders:state', (m) => m['ready'] === true, atS);
    await resolve(host, ann, 0);
    // Quarter 2: the host hands Ann's team to a bot.
    host.send('host:bot', { game: 0, company: annTeam as 'AAPL', bot: true });
    await host.state((s) => s.games[0]!.teams.find((x) => x.company === annTeam)!.kind === 'bot');
    await resolve(host, ann, 1);
    host.send('host:bot', { game: 0, company: annTeam as 'AAPL', bot: false });
    await host.state((s) => s.games[0]!.teams.find((x) => x.company === annTeam)!.kind === 'human');
    // Quarter 3: Lou joins late, on the other team (a bot played it until now); nobody decides anything.
    const lou = await joinClass(server.url, code, { name: 'Lou' });
    expect((await lou.state((s) => !!s.me)).me!.company).toBe(other);
    await resolve(host, ann, 2);
    await resolve(host, ann, 3);
    await host.state((s) => s.status === 'finished');

    const rows = table(await get(`${server.url}/api/classes/${code}/export.csv`, host.welcome.hostToken!));
    const cell = (q: number, c: string) => rows.find((r) => r['quarter'] === String(q) && r['company'] === c)!;
    expect([1, 2, 3, 4].map((q) => [cell(q, annTeam)['team'], cell(q, annTeam)['kind']])).toEqual([['Ann', 'human'], ['Ann', 'bot'], ['Ann', 'timeout'], ['Ann', 'timeout']]);
    expect([1, 2, 3, 4].map((q) => [cell(q, other)['team'], cell(q, other)['kind']])).toEqual([['', 'bot'], ['', 'bot'], ['Lou', 'timeout'], ['Lou', 'timeout']]);

    const json = await (await fetch(`${server.url}/api/classes/${code}/export.json`, { headers: { authorization: `Bearer ${host.welcome.hostToken}` } })).json() as {
      students: { name: string; game: number; activity: { game: number; quarter: number; drafts: number; submits: number; chats: number; played: string }[] }[];
      leaderboard: { game: number }[]; games: { game: number; quarters: { quarter: number }[]; teamsByQuarter: { quarter: number }[] }[];
    };
    expect(json.students.map((s) => s.game)).toEqual([1, 1]);
    expect(json.leaderboard.every((r) => r.game === 1)).toBe(true);
    expect(json.games.map((g) => g.game)).toEqual([1]);
    expect(json.games[0]!.quarters.map((q) => q.quarter)).toEqual([1, 2, 3, 4]);
    expect(json.games[0]!.teamsByQuarter.map((q) => q.quarter)).toEqual([1, 2, 3, 4]);
    const annLog = json.students.find((s) => s.name === 'Ann')!.activity;
    expect(annLog[0]).toMatchObject({ game: 1, quarter: 1, drafts: 2, submits: 1, chats: 1, played: 'human' });
    expect(annLog.map((q) => q.quarter)).toEqual([1, 2, 3, 4]);
    expect(json.students.find((s) => s.name === 'Lou')!.activity.map((q) => q.quarter)).toEqual([3, 4]);

    // The gradebook: one row a student, participation and the team's result from the game.
    const book = table(await get(`${server.url}/api/classes/${code}/gradebook.csv`, host.welcome.hostToken!));
    expect(book.map((r) => r['name'])).toEqual(['Ann', 'Lou']);
    const a = book[0]!;
    expect(a).toMatchObject({ quartersOnTeam: '4', quartersPlayedByTeam: '1', quartersParticipated: '1', participationBps: '2500', drafts: '2', submits: '1', chats: '1' });
    expect(a['perQuarter']).toBe('G1Q1:S G1Q2:b G1Q3:- G1Q4:-');
    const ctl = session(code).controllers[0]!;
    // A four-quarter class game: the team's result is its final standing after the board's years (shared/board.ts).
    const { board, rows: ranks } = finalStandings(ctl.state);
    expect(board?.toQuarter).toBe(20);
    const mine = ranks.find((r) => r.ticker === annTeam)!;
    expect(Number(a['teamScoreBps'])).toBe(mine.scoreBps);
    expect(Number(a['teamTsrBps'])).toBe(mine.returnBps);
    expect(Number(a['teamRank'])).toBe([...ranks].sort((x, y) => y.scoreBps - x.scoreBps).findIndex((r) => r.ticker === annTeam) + 1);
    expect(Number(a['teamFinalPriceCents'])).toBe(ctl.state.companies[annTeam as 'AAPL']!.priceCents);
    expect(book[1]).toMatchObject({ quartersOnTeam: '2', quartersPlayedByTeam: '0', quartersParticipated: '0', participationBps: '0' });
    for (const x of [host, ann, lou]) await x.leave();
  });
});

describe('reflections', () => {
  it('open once the game is over, are stored and exported with the gradebook (one column a question)', async () => {
    const host = await createClass(server.url, { ...BASE, reflections: ['What did you learn?', 'What would you change?'] });
    const code = host.welcome.code;
    const ann = await joinClass(server.url, code, { name: 'Ann' });
    host.send('host:start', {});
    await ann.waitFor('class:view');
    expect((await ann.expectError('student:reflect', { answers: ['too early'] })).code).toBe('class.error.notYet');
    for (let q = 0; q < 4; q += 1) await resolve(host, ann, q);
    await ann.state((s) => s.status === 'finished');
    // The student's own debrief: their game's figures, only their team's decisions, the lessons, the questions.
    const me = await fetch(`${server.url}/api/classes/${code}/debrief/me`, { headers: { authorization: `Bearer ${ann.welcome.studentToken}` } });
    expect(me.status).toBe(200);
    const mine = (await me.json()) as { company: string; myOrders: unknown[]; quarters: unknown[]; lessons: unknown[]; questions: string[] };
    const annTeam = (await ann.state((s) => !!s.me)).me!.company;
    expect(mine.company).toBe(annTeam);
    expect(mine.quarters).toHaveLength(4);
    expect(mine.myOrders).toEqual(session(code).controllers[0]!.log.map((q) => q.orders[annTeam as 'AAPL']));
    expect(mine.questions).toEqual(['What did you learn?', 'What would you change?']);
    expect(Object.keys(mine)).not.toContain('orders');
    expect((await fetch(`${server.url}/api/classes/${code}/debrief/me`, { headers: { authorization: `Bearer ${host.welcome.hostToken}` } })).status).toBe(403);
    ann.send('student:reflect', { answers: ['Power first, chips later, =cmd', 'Borrow less'] });
    expect((await ann.state((s) => (s.reflection ?? null) !== null)).reflection).toEqual(['Power first, chips later, =cmd', 'Borrow less']);
    const csv = await get(`${server.url}/api/classes/${code}/gradebook.csv`, host.welcome.hostToken!);
    const book = table(csv);
    expect(book[0]!['R1: What did you learn?']).toBe('Power first, chips later, =cmd');
    expect(book[0]!['R2: What would you change?']).toBe('Borrow less');
    for (const x of [host, ann]) await x.leave();
  });
});

describe('before class: roster, lock, practice and restart, co-host', () => {
  it('parses a pasted roster or CSV with teams and names the first bad line', () => {
    const companies = ['AAPL', 'AMZN'];
    expect(parseRoster('name,team\nAnn,1\nBen\t2\nCy;AMZN\n\nEve,2/MSFT', companies, 2)).toMatchObject({ ok: false, line: 6 });
    const ok = parseRoster('name,team\r\nAnn,1\r\nBen\t4\r\nCy;amzn\r\nDee', companies, 2);
    expect(ok).toEqual({ ok: true, entries: [
      { name: 'Ann', team: { game: 0, company: 'AAPL' } }, { name: 'Ben', team: { game: 1, company: 'AMZN' } },
      { name: 'Cy', team: { game: 0, company: 'AMZN' } }, { name: 'Dee', team: null },
    ] });
    expect(parseRoster('Ann,5', companies, 2)).toEqual({ ok: false, line: 1, reason: 'team' });
  });

  it('a roster with teams and the join lock: roster names join into their team, others are refused by name', async () => {
    const host = await createClass(server.url, { ...BASE, studentsPerTeam: 3 });
    const code = host.welcome.code;
    const at = host.mark();
    host.send('host:roster', { text: 'Ann,2\nBen,2\nCy,1', random: false });
    expect(await host.waitFor('class:roster', () => true, at)).toEqual({ added: 3, moved: 0 });
    expect((await host.expectError('host:roster', { text: 'Ann,1\nBob,9', random: false })).code).toBe('class.error.roster');
    host.send('host:lock', { locked: true });
    const snap = await host.state((s) => s.locked);
    const teamOf = (n: string) => snap.games[0]!.teams.find((x) => x.members.some((m) => m.name === n))!.company;
    const companies = snap.games[0]!.teams.map((x) => x.company);
    expect([teamOf('Ann'), teamOf('Ben'), teamOf('Cy')]).toEqual([companies[1], companies[1], companies[0]]);
    await expect(joinClass(server.url, code, { name: 'Zed' })).rejects.toMatchObject({ code: 403, message: t('en', 'class.error.locked') });
    const ben = await joinClass(server.url, code, { name: 'ben' });
    expect(ben.welcome.name).toBe('Ben');
    expect((await ben.state((s) => !!s.me)).me!.company).toBe(companies[1]);
    // The roster place is taken: a second "Ben" is a stranger to a locked class.
    await expect(joinClass(server.url, code, { name: 'Ben' })).rejects.toMatchObject({ message: t('en', 'class.error.locked') });
    host.send('host:lock', { locked: false });
    await host.state((s) => !s.locked);
    const zed = await joinClass(server.url, code, { name: 'Zed' });
    expect(zed.welcome.role).toBe('student');
    for (const x of [host, ben, zed]) await x.leave();
  });

  it('a practice quarter, then restart: new games, same teams, the practice kept aside and out of the exports', async () => {
    const host = await createClass(server.url, BASE);
    const code = host.welcome.code;
    const ann = await joinClass(server.url, code, { name: 'Ann' });
    const team = (await ann.state((s) => !!s.me)).me!.company;
    host.send('host:start', {});
    await ann.waitFor('class:view');
    await resolve(host, ann, 0);
    const practiceId = session(code).gameIds[0]!;
    host.send('host:restart', {});
    const lobby = await host.state((s) => s.status === 'lobby' && s.practiceGames === 1);
    expect(lobby.games[0]!.gameId).toBeNull();
    expect(session(code).practiceGameIds).toEqual([practiceId]);
    expect((await server.context.store.load(practiceId))!.game.status).toBe('finished');
    host.send('host:start', {});
    const running = await host.state((s) => s.status === 'running' && s.games[0]!.gameId !== null);
    expect(running.games[0]!.gameId).not.toBe(practiceId);
    expect(running.games[0]!.quarter).toBe(0);
    expect((await ann.state((s) => s.status === 'running')).me!.company).toBe(team);
    await until(() => session(code).controllers[0]!.state.quarter === 0, 3000, 'fresh game');
    const rows = table(await get(`${server.url}/api/classes/${code}/export.csv`, host.welcome.hostToken!));
    expect(rows).toHaveLength(0);
    for (const x of [host, ann]) await x.leave();
  });

  it('a co-host link: host powers (pause, exports) but no removing students and no ending the class', async () => {
    const host = await createClass(server.url, BASE);
    const code = host.welcome.code;
    const ann = await joinClass(server.url, code, { name: 'Ann' });
    const at = host.mark();
    host.send('host:cohost', {});
    const { token } = await host.waitFor<{ token: string }>('class:cohost', () => true, at);
    const ta = await joinClass(server.url, code, { hostToken: token });
    expect(ta.welcome.role).toBe('host');
    expect((await ta.state()).coHost).toBe(true);
    ta.send('host:start', {});
    await host.state((s) => s.status === 'running');
    ta.send('host:pause', { paused: true });
    await host.state((s) => s.paused);
    for (const [type, payload] of [['host:remove', { student: ann.welcome.studentId }], ['host:end', {}], ['host:cohost', {}]] as const) {
      expect((await ta.expectError(type, payload)).code, type).toBe('class.error.coHost');
    }
    expect(session(code).roster()).toHaveLength(1);
    expect(session(code).status).toBe('running');
    await get(`${server.url}/api/classes/${code}/gradebook.csv`, token);
    for (const x of [host, ta, ann]) await x.leave();
  });
});
