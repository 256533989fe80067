/**
 * The classroom in a browser: a host and three students (separate browser contexts, one a
 * 390×844 phone) run a class through the UI only, against the real server: setup, join code +
 * QR, auto-balanced teams, a live shared draft, pause, extend, an injected hidden shock, resolve
 * now, three quarters, end, the CSV export (contents checked), the debrief and the projector.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, newPlayer, shot } from './harness.js';
import { browserSuite } from './suite.js';
import { parseCsv } from '../../client/classroom/model.js';

const suite = browserSuite();
const errors: string[] = [];

type Summary = Record<string, unknown>;

async function classSummary(page: Page): Promise<Summary> {
  return page.evaluate(() => (window as unknown as { __CLASS__: { summary: Record<string, unknown> } }).__CLASS__.summary);
}

/** Waits until the page's classroom summary satisfies a predicate over `s`. */
async function waitClass(page: Page, predicate: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(`(() => { const s = window.__CLASS__ && window.__CLASS__.summary; return !!s && (${predicate}); })()`, undefined, { timeout });
}

async function open(viewport: { width: number; height: number }, who: string, locale: 'en' | 'zh-CN' = 'en'): Promise<Page> {
  const p = await newPlayer(suite.browser, viewport, locale);
  p.page.on('pageerror', (e) => errors.push(`${who}: ${String(e)}`));
  p.page.on('dialog', (d) => void d.accept());
  return p.page;
}

async function joinAs(page: Page, code: string, name: string): Promise<void> {
  await page.goto(`${suite.server.url}/class/${code}`);
  await page.waitForSelector('[data-test=class-name]');
  await page.fill('[data-test=class-name]', name);
  await page.click('[data-test=class-join]');
  await page.waitForURL(`**/class/${code}`);
  await waitClass(page, 's.page === "student" && s.ready === true && s.status === "lobby"');
}


describe('classroom in the browser', () => {
  it('a host and three students run a 3-quarter class with pause, extend, a hidden shock, resolve now and a CSV export', async () => {
    // Host: home → "Host a class" → setup.
    const host = await open(DESKTOP, 'host');
    await host.goto(suite.server.url);
    await host.click('[data-test=host-class]');
    await host.waitForSelector('[data-test=class-create]');
    await host.fill('[data-test=class-title]', 'Econ 101');
    await host.fill('[data-test=class-quarters]', '4');
    await host.fill('[data-test=class-teams]', '2');
    await host.fill('[data-test=class-per-team]', '2');
    await host.selectOption('[data-test=class-deadline]', '300');
    await host.click('[data-test=class-create]');
    await host.waitForURL(/\/class\/[A-Z0-9]{6}\/host$/);
    await waitClass(host, 's.page === "host" && s.status === "lobby"');
    const code = (await host.textContent('[data-test=join-code]'))!.trim();
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(await host.locator('.qr-box svg path').count()).toBe(1);
    expect(host.url()).not.toContain('#');
    await shot(host, 'class-01-console-lobby');

    // Three students: one phone, two laptops; names are escaped and auto-balanced.
    const ann = await open(PHONE, 'ann');
    const ben = await open(DESKTOP, 'ben', 'zh-CN');
    const cy = await open(DESKTOP, 'cy');
    await joinAs(ann, code, 'Ann');
    await joinAs(ben, code, 'Ben');
    // Angle brackets are stripped by the server; an entity survives and must show as typed (text, never HTML).
    await joinAs(cy, code, '<i>Cy</i> &amp;');
    await waitClass(host, 's.students === 3');
    const teams = (await classSummary(host))['teams'] as { company: string; members: string[] }[];
    const annTeam = teams.find((t) => t.members.includes('Ann'))!;
    const benTeam = teams.find((t) => t.members.includes('Ben'))!;
    expect(annTeam.members).toEqual(['Ann', 'iCy/i &amp;']);
    expect(benTeam.company).not.toBe(annTeam.company);
    // Rendered as HTML the name would read "iCy/i &" (and <i> would be an element): it reads as typed.
    await host.getByText('iCy/i &amp;', { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(await host.getByText('iCy/i &', { exact: true }).count()).toBe(0);
    expect(await host.locator('[data-test=games] i, [data-test=observers] i').count()).toBe(0);
    // Each team's row says how forgiving its seat is (for fair team assignment).
    const note = (await host.textContent(`[data-test=team-0-${annTeam.company}] [data-test=seat-note-${annTeam.company}]`)) ?? '';
    expect(note).toMatch(/(Forgiving|Demanding|Very demanding) seat: generic plans average [+-]?\d+ pts against this company’s par at a normal table/);
    // … and how much skill pays there, so a strong team can be placed where it does not run away with the class.
    const skill = (await host.textContent(`[data-test=team-0-${annTeam.company}] [data-test=seat-skill-${annTeam.company}]`)) ?? '';
    expect(skill).toMatch(/Skill pays( a lot| little)?: a player as good as the hard bots wins \d+(\.\d)?% of normal tables here/);

    // Projector (host's second screen): code, QR, names shown.
    const projector = await host.context().newPage();
    await projector.goto(`${suite.server.url}/class/${code}/projector`);
    await waitClass(projector, 's.page === "projector" && s.status === "lobby"');
    expect((await projector.textContent('[data-test=join-code]'))!.trim()).toBe(code);
    await shot(projector, 'class-02-projector-lobby');

    // Start.
    await host.click('[data-test=host-start]');
    for (const p of [ann, ben, cy]) await waitClass(p, 's.status === "running" && s.quarter === 0');
    await shot(ann, 'class-03-student-phone');

    // Quarter 1: Ann edits the team draft on her phone; Cy sees it live, and who is editing.
    await ann.fill('[data-test="f-guidanceCapexUsdM"]', '123456');
    await cy.waitForFunction(() => (document.querySelector('[data-test="f-guidanceCapexUsdM"]') as HTMLInputElement | null)?.value === '123456', undefined, { timeout: 15_000 });
    await waitClass(cy, 'Array.isArray(s.editing) && s.editing.includes("Ann")', 15_000);
    expect(await cy.textContent('[data-test=editing]')).toContain('Ann');
    // Cy submits for the team; Ann's screen shows the team ready.
    await cy.click('[data-test=team-submit]');
    await waitClass(cy, 's.teamReady === true');
    await waitClass(ann, 's.teamReady === true');
    await ben.click('[data-test=team-submit]');
    // Both teams ready: auto pacing resolves quarter 1.
    for (const p of [ann, ben, cy]) await waitClass(p, 's.quarter === 1');
    await projector.waitForFunction(() => document.querySelector('[data-test=stage] canvas') !== null, undefined, { timeout: 30_000 });
    await waitClass(projector, 's.status === "running" && Array.isArray(s.names) && s.names.includes("Ann")');
    await shot(projector, 'class-02b-projector-running');

    // Quarter 2: pause (deadline frozen), extend, resume; a hidden shock; resolve now.
    await host.click('[data-test=host-pause]');
    await waitClass(host, 's.paused === true && s.pausedLeft[0] !== null');
    await waitClass(ben, 's.paused === true');
    expect(await ben.textContent('[data-test=countdown]')).toMatch(/已暂停/);
    await shot(ben, 'class-03b-student-zh-paused');
    const leftBefore = ((await classSummary(host))['pausedLeft'] as number[])[0]!;
    await host.click('[data-test=host-extend]');
    await waitClass(host, `s.pausedLeft[0] === ${leftBefore + 60_000}`);
    // Undo of the last host action: the console names it, and the extra time is taken back exactly.
    expect(await host.textContent('[data-test=host-undo]')).toBe('Undo: extra time');
    await host.click('[data-test=host-undo]');
    await waitClass(host, `s.pausedLeft[0] === ${leftBefore}`);
    await host.click('[data-test=host-extend]');
    await waitClass(host, `s.pausedLeft[0] === ${leftBefore + 60_000}`);
    await host.click('[data-test=host-pause]');
    await waitClass(host, 's.paused === false && s.deadlines[0] !== null');
    await host.selectOption('[data-test=shock-card]', 'gridOutage');
    await host.selectOption('[data-test=shock-region]', 'us-east');
    await host.click('[data-test=shock-inject]');
    await waitClass(host, 's.shocks[0] === 1');
    expect(await host.textContent('[data-test=shocks-0]')).toContain('Grid outage');
    const before = await ann.evaluate(() => document.body.innerText);
    expect(before).not.toContain('Grid outage');
    await host.fill('[data-test=broadcast-input]', 'Resolving now — look at the headlines');
    await host.click('[data-test=broadcast-send]');
    await waitClass(ann, 's.broadcast === "Resolving now — look at the headlines"');
    await host.click('[data-test=host-resolve]');
    for (const p of [ann, ben, cy]) await waitClass(p, 's.quarter === 2');
    await waitClass(ann, 'Array.isArray(s.headlines) && s.headlines.includes("gridOutage")');

    // Quarter 3: both teams submit; then the host ends the class.
    await ben.fill('[data-test="f-chips.merchantUsdM"]', '1000');
    await ben.click('[data-test=team-submit]');
    await ann.click('[data-test=team-submit]');
    for (const p of [ann, ben, cy]) await waitClass(p, 's.quarter === 3');
    // A reload lands Cy back in the same team.
    await cy.reload();
    await waitClass(cy, `s.page === "student" && s.company === "${annTeam.company}" && s.quarter === 3`);
    await host.click('[data-test=host-end]');
    await waitClass(host, 's.status === "finished"');
    await waitClass(ann, 's.status === "finished"');
    await shot(host, 'class-04-console-end');

    // CSV export: one row per team per quarter, with the decisions and the shock.
    await host.click('[data-test=export-csv]');
    await waitClass(host, 'typeof s.csv === "string"');
    const rows = parseCsv((await classSummary(host))['csv'] as string);
    const head = rows[0]!;
    const col = (name: string) => head.indexOf(name);
    expect(head.slice(0, 5)).toEqual(['class', 'game', 'gameId', 'quarter', 'company']);
    const data = rows.slice(1);
    expect(data).toHaveLength(2 * 3);
    expect(new Set(data.map((r) => r[col('quarter')]))).toEqual(new Set(['1', '2', '3']));
    const annQ1 = data.find((r) => r[col('quarter')] === '1' && r[col('company')] === annTeam.company)!;
    expect(annQ1[col('guidanceCapexUsdM')]).toBe('123456');
    expect(annQ1[col('team')]).toBe('Ann; iCy/i &amp;');
    const benQ3 = data.find((r) => r[col('quarter')] === '3' && r[col('company')] === benTeam.company)!;
    expect(benQ3[col('merchantChipsUsdM')]).toBe('1000');
    for (const r of data) expect(r[col('shocks')]).toBe(r[col('quarter')] === '2' ? 'gridOutage@us-east' : '');
    for (const r of data) expect(Number(r[col('priceCents')])).toBeGreaterThan(0);
    expect(await host.locator('[data-test=replay-0]').getAttribute('href')).toMatch(/^\/replay\/[A-Z0-9]{6}$/);

    // Debrief: charts across teams and the lessons cards.
    await host.goto(`${suite.server.url}/class/${code}/debrief`);
    await waitClass(host, 's.page === "debrief" && s.charts === 5', 60_000);
    expect(((await classSummary(host))['lessons'] as string[]).length).toBeGreaterThan(2);
    await shot(host, 'class-05-debrief');
    expect(errors).toEqual([]);
  });
});
