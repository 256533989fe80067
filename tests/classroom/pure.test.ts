import { describe, expect, it } from 'vitest';
import { createGame, quarterFigures, resolveQuarter, defaultOrders, orderContextOfState, type Orders, type Ticker } from '../../shared/index.js';
import { CLASS_NAME_MAX, ClassOptionsSchema, csvField, sanitizeName, toCsv, uniqueName } from '../../shared/protocol/classroom.js';
import { boardNote, classLinks, classRoute, countdown, debriefSeries, editingNow, formatLeft, gameLine, parseCsv, secretFromHash, teamStatus } from '../../client/classroom/model.js';
import { qrMatrix, qrPath } from '../../client/classroom/qr.js';
import { joinReach } from '../../server/classroom/reach.js';

describe('names', () => {
  it('sanitizes: control, bidi and formatting characters, angle brackets, whitespace, length', () => {
    expect(sanitizeName('  Ann\u0000\u202e\u200b  ')).toBe('Ann');
    expect(sanitizeName('<script>x</script>')).toBe('scriptx/script');
    expect(sanitizeName('a \n\t b')).toBe('a b');
    expect(sanitizeName('\u0000\u200b')).toBe('');
    expect([...sanitizeName('😀'.repeat(40))]).toHaveLength(CLASS_NAME_MAX);
    expect(sanitizeName('李雷')).toBe('李雷');
  });
  it('makes names unique within the class, case-insensitively and within the length limit', () => {
    expect(uniqueName('Ann', ['Ben'])).toBe('Ann');
    expect(uniqueName('Ann', ['ann'])).toBe('Ann 2');
    expect(uniqueName('Ann', ['Ann', 'Ann 2'])).toBe('Ann 3');
    const long = 'x'.repeat(CLASS_NAME_MAX);
    const u = uniqueName(long, [long]);
    expect(u.length).toBeLessThanOrEqual(CLASS_NAME_MAX);
    expect(u.endsWith(' 2')).toBe(true);
  });
});

describe('csv', () => {
  it('quotes fields, neutralizes formulas, round-trips through the parser', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
    const rows = [['a', 'b,c', 'd"e'], ['1', '', 'x\ny']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(parseCsv(`\uFEFF${toCsv([['h']])}`)).toEqual([['h']]);
  });
});

describe('class options', () => {
  it('has defaults and bounds', () => {
    expect(ClassOptionsSchema.parse({})).toMatchObject({ games: 1, pacing: 'auto', bots: true, showNames: true });
    expect(ClassOptionsSchema.safeParse({ games: 0 }).success).toBe(false);
    expect(ClassOptionsSchema.safeParse({ studentsPerTeam: 9 }).success).toBe(false);
    expect(ClassOptionsSchema.safeParse({ nope: 1 }).success).toBe(false);
  });
});

describe('client view-models', () => {
  it('routes /class pages', () => {
    expect(classRoute('/class')).toEqual({ page: 'join', code: null });
    expect(classRoute('/class/new')).toEqual({ page: 'setup' });
    expect(classRoute('/class/abc234')).toEqual({ page: 'student', code: 'ABC234' });
    expect(classRoute('/class/ABC234/host')).toEqual({ page: 'host', code: 'ABC234' });
    expect(classRoute('/class/ABC234/projector')).toEqual({ page: 'projector', code: 'ABC234' });
    expect(classRoute('/class/ABC234/debrief')).toEqual({ page: 'debrief', code: 'ABC234' });
    expect(classRoute('/class/ABC234/nope')).toBeNull();
    expect(classRoute('/g/ABC234')).toBeNull();
    expect(classRoute('/classes')).toBeNull();
  });
  it('reads the host secret from the fragment only', () => {
    const k = 'A'.repeat(43);
    expect(secretFromHash(`#k=${k}`)).toBe(k);
    expect(secretFromHash(`#x=1&k=${k}`)).toBe(k);
    expect(secretFromHash('#k=short')).toBeNull();
    expect(classLinks('https://x.test', 'ABC234', k).host).toBe(`https://x.test/class/ABC234/host#k=${k}`);
    expect(classLinks('https://x.test', 'ABC234', null).host).toBeNull();
  });
  it('counts down, freezes while paused, and shows no limit', () => {
    expect(formatLeft(61_000)).toBe('1:01');
    expect(formatLeft(-5)).toBe('0:00');
    expect(countdown({ deadlineAt: 10_000, pausedLeftMs: null }, false, 0)).toEqual({ kind: 'running', text: '0:10', urgent: true });
    expect(countdown({ deadlineAt: null, pausedLeftMs: 90_000 }, true, 0)).toMatchObject({ kind: 'paused', text: '1:30' });
    expect(countdown({ deadlineAt: null, pausedLeftMs: null }, false, 0).kind).toBe('none');
  });
  it('derives team status and who is editing', () => {
    const base = { game: 0, company: 'AMZN', kind: 'human' as const, members: [], hasDraft: false, submitted: false, ready: false, autopilot: false };
    expect(teamStatus(base)).toBe('waiting');
    expect(teamStatus({ ...base, hasDraft: true })).toBe('drafting');
    expect(teamStatus({ ...base, submitted: true })).toBe('submitted');
    expect(teamStatus({ ...base, ready: true })).toBe('ready');
    expect(teamStatus({ ...base, kind: 'bot' })).toBe('bot');
    const m = (name: string, editedAt: number) => ({ id: '', name, connected: true, editedAt });
    expect(editingNow([m('Ann', 9_000), m('Ben', 1_000), m('Me', 9_500), m('Cy', 0)], 10_000, 'Me')).toEqual(['Ann']);
  });
  it('builds debrief series from the engine figures', () => {
    let state = createGame({ scenarioId: 'capex-race-2026', seed: 'debrief', quarterCount: 4, seats: ['AMZN', 'META'] });
    const figs = [];
    for (let q = 0; q < 2; q += 1) {
      const orders: Partial<Record<Ticker, Orders>> = {};
      for (const t of state.seats) orders[t] = defaultOrders(orderContextOfState(state, t));
      state = resolveQuarter(state, orders).state;
      figs.push(quarterFigures(state));
    }
    const s = debriefSeries(figs, ['AMZN', 'META']);
    expect(s.price.map((x) => x.label)).toEqual(['AMZN', 'META']);
    expect(s.price[0]!.values).toHaveLength(2);
    expect(s.price[0]!.values[1]).toBe(state.companies.AMZN!.priceCents / 100);
    expect(s.capex.map((x) => x.label)).toEqual(['chips', 'energy', 'talent', 'data']);
    expect(s.revenue).toHaveLength(4);
    expect(s.tsr.map((x) => x.label)).toEqual(expect.arrayContaining(['AMZN', 'META', 'NVDA', 'TSM', 'UTIL', 'AVGO']));
  });
});

describe('qr code', () => {
  it('encodes a join link in a square matrix with finder patterns, and a path of dark modules', () => {
    const m = qrMatrix('http://localhost:2567/class/ABC234');
    expect(m.length).toBeGreaterThanOrEqual(21);
    expect(m.every((row) => row.length === m.length)).toBe(true);
    // Finder pattern corners: dark 7×7 rings at three corners.
    for (const [r, c] of [[0, 0], [0, m.length - 7], [m.length - 7, 0]] as const) {
      expect(m[r]![c]).toBe(true);
      expect(m[r + 6]![c + 6]).toBe(true);
      expect(m[r + 1]![c + 1]).toBe(false);
      expect(m[r + 3]![c + 3]).toBe(true);
    }
    const dark = m.flat().filter(Boolean).length;
    const { d, size } = qrPath(m);
    expect(size).toBe(m.length + 8);
    expect(d.split('M').length - 1).toBe(dark);
  });
});

describe('where a game stands (student, projector)', () => {
  const game = (over: Partial<{ status: 'lobby' | 'running' | 'finished'; quarter: number }>) => ({
    index: 0, gameId: 'G', status: 'running' as const, quarter: 2, quarterCount: 6, deadlineAt: null, pausedLeftMs: null, teams: [], ...over,
  });
  it('never says "quarter 7 of 6" nor "waiting for the host" once a game is over', () => {
    expect(gameLine({ status: 'running', games: [game({})] }, 0)).toEqual({ key: 'ui.class.quarterOf', params: { q: 3, n: 6 } });
    expect(gameLine({ status: 'running', games: [game({ status: 'finished', quarter: 6 })] }, 0)).toEqual({ key: 'ui.class.gameOver', params: { game: 1 } });
    expect(gameLine({ status: 'running', games: [game({ quarter: 6 })] }, 0).key).toBe('ui.class.gameOver');
    expect(gameLine({ status: 'finished', games: [game({ status: 'finished', quarter: 6 })] }, 0).key).toBe('ui.class.finished');
    expect(gameLine({ status: 'lobby', games: [game({ status: 'lobby', quarter: 0 })] }, 0).key).toBe('ui.class.lobby');
  });

  it('notes under the leaderboard that a finished short game ranks after the board’s years, and only then', () => {
    const options = ClassOptionsSchema.parse({});
    expect(boardNote({ options, games: [game({})] })).toBeNull();
    expect(boardNote({ options, games: [game({ status: 'finished', quarter: 6 })] })).toEqual({ key: 'ui.class.boardNote', params: { end: '2030 Q4' } });
    // A game that ran the whole scenario has no board's years.
    expect(boardNote({ options, games: [game({ status: 'finished', quarter: 20 })] })).toBeNull();
  });
});

describe('where students reach the class (join link, QR)', () => {
  const lan = { eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '', mac: '', cidr: null }], lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '', mac: '', cidr: null }] } as never;
  const loopOnly = { lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '', mac: '', cidr: null }] } as never;
  it('PUBLIC_ADDRESS first, then the address the host used, then the LAN address; loopback only with a warning', () => {
    expect(joinReach({ publicAddress: 'class.school.edu', hostHeader: 'localhost:2567', proto: 'http', port: 2567, interfaces: lan })).toEqual({ base: 'http://class.school.edu', source: 'public', warning: false });
    expect(joinReach({ publicAddress: 'https://class.school.edu/', hostHeader: 'x', proto: 'http', port: 2567, interfaces: lan }).base).toBe('https://class.school.edu');
    expect(joinReach({ hostHeader: '10.0.0.5:8080', proto: 'http', port: 2567, interfaces: lan })).toEqual({ base: 'http://10.0.0.5:8080', source: 'request', warning: false });
    expect(joinReach({ hostHeader: 'localhost:2567', proto: 'http', port: 2567, interfaces: lan })).toEqual({ base: 'http://192.168.1.20:2567', source: 'lan', warning: false });
    expect(joinReach({ hostHeader: '127.0.0.1:3000', proto: 'http', port: 2567, interfaces: lan }).base).toBe('http://192.168.1.20:3000');
    expect(joinReach({ hostHeader: 'localhost:2567', proto: 'http', port: 2567, interfaces: loopOnly })).toEqual({ base: 'http://localhost:2567', source: 'loopback', warning: true });
    expect(joinReach({ hostHeader: '[::1]:2567', proto: 'http', port: 2567, interfaces: loopOnly }).warning).toBe(true);
  });
});

describe('the teacher\'s page of classes', () => {
  it('has its own route, never taken for a class code', () => {
    expect(classRoute('/class/mine')).toEqual({ page: 'mine' });
    expect(classRoute('/class/MINE2X')).toEqual({ page: 'student', code: 'MINE2X' });
  });
});
