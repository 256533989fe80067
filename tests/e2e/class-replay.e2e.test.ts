/**
 * A class's games in the replay library and the host-driven replay (issue 15), in Chromium against
 * the real server: a class (practice quarter, restart, two games) is played over the protocol;
 * the host's library titles each class game after the class and its number and shows every
 * finished game's results (the winner and each seat's score and return, as the engine ranks them);
 * the host opens a game's replay "shown to the class" and steps through it: the projector and a
 * student's browser follow the host's quarter (the student may browse alone and follow again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { finalStandings, formatScoreBps, replayGame } from '../../shared/index.js';
import { createClass, joinClass, practiceThenStart, type ClassClient } from '../classroom/helpers.js';
import { DESKTOP, newPlayer, shot, waitReady } from './harness.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();
const errors: string[] = [];
const wire: ClassClient[] = [];
let host: ClassClient;
let code = '';
let real: string[] = [];
let practice: string[] = [];

async function waitClass(page: Page, predicate: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(`(() => { const s = window.__CLASS__ && window.__CLASS__.summary; return !!s && (${predicate}); })()`, undefined, { timeout });
}
const waitViewer = (page: Page, q: number): Promise<unknown> =>
  page.waitForFunction((want) => (window as unknown as { __CAPEX_REPLAY__?: { state: string; quarter: number } }).__CAPEX_REPLAY__?.state === 'ready' && (window as unknown as { __CAPEX_REPLAY__: { quarter: number } }).__CAPEX_REPLAY__.quarter === want, q, { timeout: 30_000 });

/** A page whose storage holds class secrets (as if this browser had hosted or joined the class). */
async function classPage(store: Record<string, string>, who: string): Promise<Page> {
  const p = await newPlayer(suite.browser, DESKTOP, 'en');
  await p.ctx.addInitScript((kv) => { try { for (const [k, v] of Object.entries(kv)) localStorage.setItem(k, v); } catch { /* */ } }, store);
  p.page.on('pageerror', (e) => errors.push(`${who}: ${String(e)}`));
  return p.page;
}

async function open(wallet: { gameId: string; hostToken?: string }[], who: string): Promise<Page> {
  const p = await newPlayer(suite.browser, DESKTOP, 'en');
  await p.ctx.addInitScript((w) => { try { localStorage.setItem('capex.replay.tokens', w); } catch { /* */ } }, JSON.stringify(wallet));
  p.page.on('pageerror', (e) => errors.push(`${who}: ${String(e)}`));
  return p.page;
}

beforeAll(async () => {
  const url = suite.server.url;
  host = await createClass(url, { title: 'Econ 101', games: 2, quarterCount: 4, teamsPerGame: 3, studentsPerTeam: 1, deadlineSec: null, pacing: 'host' });
  code = host.welcome.code;
  wire.push(host, await joinClass(url, code, { name: 'Ada' }), await joinClass(url, code, { name: 'Bo' }));
  const running = await practiceThenStart(host, 2);
  real = running.games.map((g) => g.gameId!);
  for (const q of [0, 1, 2]) {
    host.send('host:resolve', { game: null, quarter: q });
    await host.state((s) => s.games.every((g) => g.quarter === q + 1));
  }
  host.send('host:end', {});
  await host.state((s) => s.status === 'finished');
  const res = await fetch(`${url}/api/replays/mine`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokens: [host.welcome.hostToken!] }) });
  practice = ((await res.json()) as { games: { id: string; classGame: { practice: boolean; game: number } | null }[] }).games
    .filter((g) => g.classGame?.practice).sort((a, b) => a.classGame!.game - b.classGame!.game).map((g) => g.id);
});
afterAll(async () => {
  for (const c of wire) await c.leave().catch(() => undefined);
});

describe('class games in the replay library', () => {
  it('titles each class game after the class and number, and shows its winner and every seat\'s score and return', async () => {
    expect(real).toHaveLength(2);
    expect(practice).toHaveLength(2);
    // The console remembers the class secret for each game it shows (client/classroom/console.ts).
    const page = await open(real.map((gameId) => ({ gameId, hostToken: host.welcome.hostToken! })), 'library');
    await page.goto(`${suite.server.url}/replay`);
    await waitReady(page);
    for (const id of [...real, ...practice]) await page.waitForSelector(`[data-test=my-games] [data-game="${id}"]`);
    expect(await page.textContent(`[data-test=title-${real[1]}]`)).toBe('Econ 101 — game 2');
    expect(await page.textContent(`[data-test=title-${practice[0]}]`)).toBe('Econ 101 — practice game 1');
    for (const id of real) {
      const loaded = await (await fetch(`${suite.server.url}/api/replays/${id}`, { headers: { 'x-capex-tokens': host.welcome.hostToken! } })).json() as { file: Parameters<typeof replayGame>[0] };
      const played = replayGame(loaded.file);
      if (!played.ok) throw new Error(`class game ${id} does not replay`);
      // The final standings (after the board's years: these class games are shorter than the scenario).
      const ranked = finalStandings(played.state).rows;
      const cell = page.locator(`[data-test=results-${id}]`);
      expect(await cell.locator('[data-test=winner]').textContent()).toContain(ranked[0]!.ticker);
      // One line a seat, in the engine's order, each with its score against par.
      const lines = await cell.locator('li').allTextContents();
      expect(lines.map((l) => l.split(' ')[0])).toEqual(ranked.map((r) => r.ticker));
      ranked.forEach((r, i) => expect(lines[i]).toContain(formatScoreBps(r.scoreBps, 'en')));
    }
    // Class games are kept for the gradebook: the library offers no delete the server would refuse.
    for (const id of [...real, ...practice]) expect(await page.locator(`[data-test=delete-${id}]`).count()).toBe(0);
    await shot(page, 'class-replay-01-library', true);
    await page.close();
    expect(errors).toEqual([]);
  });
});

describe('the host-driven replay', () => {
  it('the host steps through a finished game and the projector and a student follow its quarter', async () => {
    const url = suite.server.url;
    const hostToken = host.welcome.hostToken!;
    const ada = wire[1]!;
    const gameId = real[0]!;
    const projector = await classPage({ [`capex.class.${code}.host`]: hostToken }, 'projector');
    await projector.goto(`${url}/class/${code}/projector`);
    await waitClass(projector, 's.status === "finished"');
    const student = await classPage({ [`capex.class.${code}.student`]: ada.welcome.studentToken! }, 'student');
    await student.goto(`${url}/class/${code}`);
    await waitClass(student, 's.status === "finished"');
    // Nothing shown yet: the wall shows the class as usual.
    expect(await projector.locator('[data-test=projector-replay]').isHidden()).toBe(true);

    // The host opens game 1's replay from the console's "Show to the class" link and steps on.
    const hostPage = await classPage({ [`capex.class.${code}.host`]: hostToken }, 'host');
    await hostPage.goto(`${url}/replay/${gameId}?q=0&class=${code}&game=0`);
    await waitViewer(hostPage, 0);
    await waitClass(projector, `s.replayGameId === "${gameId}" && s.replayQuarter === 0`);
    await hostPage.click('[data-test=next]');
    await hostPage.click('[data-test=next]');
    await waitViewer(hostPage, 2);
    await shot(hostPage, 'class-replay-04-host-presents');
    await waitClass(projector, 's.replayQuarter === 2 && s.hostQuarter === 2');
    expect(await projector.textContent('[data-test=projector-replay] [data-test=replay-quarter]')).toContain('after 2 of 3 quarters');
    expect(await projector.textContent('[data-test=host-replay-title]')).toBe('The host is showing the replay of game 1');
    await waitClass(student, 's.replayQuarter === 2 && s.following === true');
    await shot(projector, 'class-replay-02-projector-follows');

    // The student browses alone (following stops), the host moves on, the student follows again.
    await student.click('[data-test=student-replay] [data-test=prev]');
    await waitClass(student, 's.replayQuarter === 1 && s.following === false');
    await hostPage.click('[data-test=next]');
    await waitClass(projector, 's.replayQuarter === 3');
    await waitClass(student, 's.hostQuarter === 3');
    expect((await student.evaluate(() => (window as unknown as { __CLASS__: { summary: { replayQuarter: number } } }).__CLASS__.summary)).replayQuarter).toBe(1);
    await student.check('[data-test=follow-host]');
    await waitClass(student, 's.replayQuarter === 3 && s.following === true');
    await shot(student, 'class-replay-03-student-follows');

    // The host stops showing it: the wall is back to the class.
    await hostPage.uncheck('[data-test=present-toggle]');
    await waitClass(projector, 's.replayGameId === null');
    expect(await projector.locator('[data-test=projector-replay]').isHidden()).toBe(true);
    for (const p of [hostPage, projector, student]) await p.close();
    expect(errors).toEqual([]);
  });
});
