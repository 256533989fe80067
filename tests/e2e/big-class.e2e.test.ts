/**
 * A class of 30 (issue 15): 7 students in real browser contexts (one a phone) and 23 over the
 * protocol, run by a host through the console: roster import with teams, join lock, a practice
 * quarter, restart, 4 quarters with a hidden shock, the students' own debrief and reflections in
 * the browser, and the gradebook export — whose figures are checked against the game itself
 * (the class game's replay re-simulated by the engine: final standings, score, return, final price) and
 * against what the students did (submits, drafts, per-quarter codes).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { finalStandings, replayGame, t, type ReplayDoc } from '../../shared/index.js';
import { parseCsv } from '../../shared/protocol/classroom.js';
import { joinClass, type ClassClient } from '../classroom/helpers.js';
import { DESKTOP, PHONE, newPlayer, shot } from './harness.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();
const errors: string[] = [];
const wire: ClassClient[] = [];
afterAll(async () => {
  for (const c of wire) await c.leave().catch(() => undefined);
});

const TEAMS = 5;
const NAMES = Array.from({ length: 30 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
/** Team number (1-based) of the i-th roster name. */
const teamOf = (i: number): number => (i % TEAMS) + 1;
const BROWSER = 7;

async function waitClass(page: Page, predicate: string, timeout = 45_000): Promise<void> {
  await page.waitForFunction(`(() => { const s = window.__CLASS__ && window.__CLASS__.summary; return !!s && (${predicate}); })()`, undefined, { timeout });
}
async function summary(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => (window as unknown as { __CLASS__: { summary: Record<string, unknown> } }).__CLASS__.summary);
}
async function open(viewport: { width: number; height: number }, who: string): Promise<Page> {
  const p = await newPlayer(suite.browser, viewport, 'en');
  p.page.on('pageerror', (e) => errors.push(`${who}: ${String(e)}`));
  p.page.on('dialog', (d) => void d.accept());
  return p.page;
}

describe('a class of 30', () => {
  it('roster, lock, practice, restart, 4 quarters with a shock, debrief, reflections and a gradebook that matches the game', async () => {
    const url = suite.server.url;
    // Setup through the UI: 5 teams of 6, the host advances each quarter.
    const host = await open(DESKTOP, 'host');
    await host.goto(`${url}/class/new`);
    await host.fill('[data-test=class-title]', 'Thirty');
    await host.fill('[data-test=class-quarters]', '4');
    await host.fill('[data-test=class-teams]', String(TEAMS));
    await host.fill('[data-test=class-per-team]', '6');
    await host.selectOption('[data-test=class-pacing]', 'host');
    await host.selectOption('[data-test=class-deadline]', '');
    await host.click('[data-test=class-create]');
    await host.waitForURL(/\/class\/[A-Z0-9]{6}\/host$/);
    await waitClass(host, 's.page === "host" && s.status === "lobby"');
    const code = (await host.textContent('[data-test=join-code]'))!.trim();
    // The join link is one a phone can open, or the console says it is not.
    const joinUrl = (await host.textContent('[data-test=join-url]'))!;
    const warned = (await host.locator('[data-test=reach-warning]').count()) === 1;
    expect(warned).toBe(/localhost|127\.0\.0\.1|\[::1\]/.test(joinUrl));
    const hostToken = (await host.evaluate((c) => localStorage.getItem(`capex.class.${c}.host`), code))!;

    // Roster with teams (CSV with a header), then the join lock.
    await host.fill('[data-test=roster-input]', `name,team\n${NAMES.map((n, i) => `${n},${teamOf(i)}`).join('\n')}`);
    await host.click('[data-test=roster-import]');
    await waitClass(host, 's.roster && s.roster.added === 30');
    await host.click('[data-test=host-lock]');
    await waitClass(host, 's.locked === true');
    await expect(joinClass(url, code, { name: 'Stranger' })).rejects.toMatchObject({ message: t('en', 'class.error.locked') });

    // A mistyped code is named as such on the join page (not the matchmaker's "room … not found").
    const lost = await open(PHONE, 'lost');
    await lost.goto(`${url}/class`);
    await lost.fill('[data-test=class-code]', 'ZZZZZZ');
    await lost.fill('[data-test=class-name]', 'Lost');
    await lost.click('[data-test=class-join]');
    await lost.waitForSelector('[data-test=error]:not([hidden])');
    expect((await lost.textContent('[data-test=error]'))!.trim()).toBe(t('en', 'class.error.notFound'));

    // 7 in browsers (the first on a phone), 23 over the protocol, each by their roster name.
    const pages: Page[] = [];
    for (let i = 0; i < BROWSER; i += 1) {
      const p = await open(i === 0 ? PHONE : DESKTOP, NAMES[i]!);
      await p.goto(`${url}/class/${code}`);
      await p.fill('[data-test=class-name]', NAMES[i]!);
      await p.click('[data-test=class-join]');
      await p.waitForURL(`**/class/${code}`);
      await waitClass(p, 's.page === "student" && s.ready === true && s.status === "lobby"');
      pages.push(p);
    }
    for (let i = BROWSER; i < NAMES.length; i += 1) wire.push(await joinClass(url, code, { name: NAMES[i]!.toLowerCase() }));
    expect(wire.map((c) => c.welcome.name)).toEqual(NAMES.slice(BROWSER));
    await waitClass(host, 's.students === 30');
    const teams = (await summary(host))['teams'] as { company: string; members: string[] }[];
    const companies = teams.map((x) => x.company);
    for (const [i, n] of NAMES.entries()) expect(teams.find((x) => x.members.includes(n))!.company).toBe(companies[teamOf(i) - 1]);
    const student = (i: number): ClassClient => wire[i - BROWSER]!;

    // A practice quarter, then restart: back in the lobby with the same teams.
    await host.click('[data-test=host-start]');
    await waitClass(host, 's.status === "running"');
    await host.click('[data-test=host-resolve]');
    await waitClass(host, 's.quarters[0] === 1');
    await host.click('[data-test=host-restart]');
    await waitClass(host, 's.status === "lobby" && s.practiceGames === 1');
    await host.click('[data-test=host-start]');
    await waitClass(host, 's.status === "running" && s.quarters[0] === 0');
    for (const p of pages) await waitClass(p, 's.status === "running" && s.quarter === 0');

    // Four quarters. Each quarter one browser student submits for their team, one wire student
    // submits for every other team, the next wire student of each team edits the draft; the
    // host injects a grid outage in quarter 2 and resolves every quarter from the console.
    const submitted = new Map<string, number[]>();
    const drafted = new Map<string, number[]>();
    const note = (m: Map<string, number[]>, n: string, q: number) => m.set(n, [...(m.get(n) ?? []), q]);
    for (let q = 0; q < 4; q += 1) {
      const b = q % BROWSER;
      await pages[b]!.click('[data-test=team-submit]');
      await waitClass(pages[b]!, 's.teamReady === true');
      note(submitted, NAMES[b]!, q);
      for (let team = 1; team <= TEAMS; team += 1) {
        if (team === teamOf(b)) continue;
        const onTeam = NAMES.map((_, i) => i).filter((i) => i >= BROWSER && teamOf(i) === team);
        const sub = onTeam[q % onTeam.length]!;
        const ed = onTeam[(q + 1) % onTeam.length]!;
        const at = student(ed).mark();
        student(ed).send('team:draft', { quarter: q, draft: { guidanceCapexUsdM: 500 * (q + 1) } });
        await student(ed).waitFor('team:draft', (m) => m['quarter'] === q, at);
        note(drafted, NAMES[ed]!, q);
        const at2 = student(sub).mark();
        student(sub).send('team:submit', { quarter: q, orders: { guidanceCapexUsdM: 1000 * (q + 1) } });
        await student(sub).waitFor('orders:state', (m) => m['ready'] === true, at2);
        note(submitted, NAMES[sub]!, q);
      }
      if (q === 1) {
        await host.selectOption('[data-test=shock-card]', 'gridOutage');
        await host.selectOption('[data-test=shock-region]', 'us-east');
        await host.click('[data-test=shock-inject]');
        await waitClass(host, 's.shocks[0] === 1');
      }
      await host.click('[data-test=host-resolve]');
      await waitClass(host, q < 3 ? `s.quarters[0] === ${q + 1}` : 's.status === "finished"');
    }
    // The four-quarter game is over: its teams now rank after the board's years, and the console says so.
    expect(await host.locator('[data-test=board-note]').innerText()).toContain('2030 Q4');
    await shot(host, 'big-class-console-end');

    // The projector on a 900 px wide screen (a screenshot for review; the reported overflow did not
    // reproduce with this game's headlines, so no assertion is claimed for it).
    const wall = await host.context().newPage();
    await wall.setViewportSize({ width: 900, height: 700 });
    await wall.goto(`${url}/class/${code}/projector`);
    await waitClass(wall, 's.page === "projector" && s.status === "finished"');
    expect(await wall.locator('[data-test=board-note]').count()).toBe(1);
    await shot(wall, 'big-class-projector-900', true);

    // Debrief on a student's own screen, and reflections: three in the browser, five over the wire.
    for (const [k, p] of pages.slice(0, 3).entries()) {
      await waitClass(p, 's.myDebrief === 4 && s.questions === 3');
      for (let i = 0; i < 3; i += 1) await p.fill(`[data-test=reflect-${i}]`, `${NAMES[k]} answer ${i + 1}`);
      await p.click('[data-test=reflect-send]');
      await waitClass(p, 'Array.isArray(s.reflection) && s.reflection.length === 3');
    }
    await shot(pages[0]!, 'big-class-student-debrief-phone', true);
    for (let i = BROWSER; i < BROWSER + 5; i += 1) student(i).send('student:reflect', { answers: [`wire ${NAMES[i]}`, '', 'last'] });
    for (let i = BROWSER; i < BROWSER + 5; i += 1) await student(i).state((s) => Array.isArray(s.reflection));

    // The gradebook, from the console.
    await host.click('[data-test=export-gradebook]');
    await waitClass(host, 'typeof s.gradebook === "string"');
    const rows = parseCsv(((await summary(host))['gradebook'] as string).replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
    const head = rows[0]!;
    const book = rows.slice(1).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
    expect(book.map((r) => r['name'])).toEqual(NAMES);

    // The figures of the game itself: its replay re-simulated by the engine.
    const gameId = ((await summary(host))['gameIds'] as string[])[0]!;
    const doc = (await (await fetch(`${url}/api/replays/${gameId}`, { headers: { 'x-capex-tokens': hostToken } })).json()) as ReplayDoc;
    const game = replayGame(doc.file);
    if (!game.ok) throw new Error(game.reason);
    expect(doc.file.quarters).toHaveLength(4);
    expect(doc.file.quarters[1]!.shocks).toEqual([{ quarter: 1, card: 'gridOutage', region: 'us-east' }]);
    // A four-quarter class game: the team's result is its final standing after the board's years (shared/board.ts).
    const order = finalStandings(game.state).rows.sort((a, b) => b.scoreBps - a.scoreBps);
    for (const [i, r] of book.entries()) {
      const company = companies[teamOf(i) - 1]!;
      const mine = order.find((x) => x.ticker === company)!;
      expect(r, NAMES[i]).toMatchObject({ status: 'on team', game: '1', company, quartersOnTeam: '4', quartersPlayedByTeam: '4' });
      expect(Number(r['teamScoreBps']), NAMES[i]).toBe(mine.scoreBps);
      expect(Number(r['teamTsrBps']), NAMES[i]).toBe(mine.returnBps);
      expect(Number(r['teamRank']), NAMES[i]).toBe(order.indexOf(mine) + 1);
      expect(Number(r['teamFinalPriceCents']), NAMES[i]).toBe(game.state.companies[company as 'AAPL']!.priceCents);
      const subs = submitted.get(NAMES[i]!) ?? [];
      const eds = drafted.get(NAMES[i]!) ?? [];
      expect(Number(r['submits']), NAMES[i]).toBe(subs.length);
      // The browser's submit first shares the final draft with the team (one draft message each).
      expect(Number(r['drafts']), NAMES[i]).toBe(eds.length + (i < BROWSER ? subs.length : 0));
      expect(r['perQuarter'], NAMES[i]).toBe([0, 1, 2, 3].map((q) => `G1Q${q + 1}:${subs.includes(q) ? 'S' : eds.includes(q) ? 'E' : '-'}`).join(' '));
      expect(Number(r['quartersParticipated']), NAMES[i]).toBe(new Set([...subs, ...eds]).size);
    }
    const qs = head.filter((h) => /^R\d: /.test(h));
    expect(qs).toHaveLength(3);
    expect(book[0]![qs[0]!]).toBe('S01 answer 1');
    expect(book[2]![qs[2]!]).toBe('S03 answer 3');
    expect(book[BROWSER]![qs[0]!]).toBe(`wire ${NAMES[BROWSER]}`);
    expect(book[BROWSER + 6]![qs[0]!]).toBe('');
    expect(errors).toEqual([]);
  });
});
