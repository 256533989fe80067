/**
 * The browser suite: two browser players (desktop + phone) and five bots play a whole 4-quarter
 * game through the UI only, against the real server; secrecy of pending orders, reload + rejoin,
 * the zh-CN UI, screenshots of each screen and the performance figures.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DESKTOP, PHONE, claimFromLink, newPlayer, setExact, shot, summary, waitReady, waitSummary,
} from './harness.js';
import { browserSuite } from './suite.js';
import { bundleSizes, jsRecorder, measureFps, recordPerf } from './perf.js';

const suite = browserSuite();
let alice: Page;
let bob: Page;
let code = '';
const pageErrors: string[] = [];
const QUARTERS = 4;
/** Guidance figures only Alice's pending orders contain, one per quarter ($987.7B and $876.5B once formatted). */
const SECRET_GUIDANCE = [987_654, 876_543];
const SECRET_TEXT = [['987654', '987,654', '$987.7B'], ['876543', '876,543', '$876.5B']];

/** Text and form values a player can see, for secrecy and missing-key checks. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, select')].map((e) => (e as HTMLInputElement).value);
    return `${document.body.innerText}\n${values.join('\n')}\n${JSON.stringify((window as unknown as { __CAPEX__: { summary: unknown } }).__CAPEX__.summary)}`;
  });
}

/** Fills the order desk, submits, and marks ready (the last one ready resolves the quarter at once). */
async function submitAndReady(page: Page, fields: Record<string, number>): Promise<void> {
  const q = (await summary(page))['quarter'] as number;
  await page.click('[data-test=tab-desk]');
  for (const [field, v] of Object.entries(fields)) await setExact(page, field, v);
  await page.click('[data-test=submit-orders]');
  await waitSummary(page, `s.submitted === true || s.quarter > ${q}`, 20_000);
  await page.click('[data-test=ready]');
  await waitSummary(page, `s.ready === true || s.quarter > ${q}`, 20_000);
}


describe('browser client', () => {
  it('creates a game on the home screen and seats a second player from the join link', async () => {
    const a = await newPlayer(suite.browser, DESKTOP);
    alice = a.page;
    alice.on('pageerror', (e) => pageErrors.push(`alice: ${String(e)}`));
    const homeJs = jsRecorder(alice);
    await alice.goto(suite.server.url);
    await waitReady(alice);
    await alice.waitForLoadState('networkidle');
    recordPerf({ homeJsGzipBytes: homeJs.gzipBytes(), homeJsFiles: homeJs.files() });
    expect(homeJs.files().some((f) => f.includes('phaser'))).toBe(false);
    await shot(alice, '01-home-desktop');
    await alice.fill('[data-test=name]', '<b>Al</b><img src=x>');
    await alice.fill('[data-test=quarters]', String(QUARTERS));
    await alice.click('[data-test=create-game]');
    await waitSummary(alice, "s.screen === 'seat'");
    await alice.click('[data-test=claim-AMZN]');
    await waitSummary(alice, "s.seat === 'AMZN'");
    await shot(alice, '02-seat-choice');
    code = (await alice.textContent('[data-test=game-code]')) ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const b = await newPlayer(suite.browser, PHONE);
    bob = b.page;
    bob.on('pageerror', (e) => pageErrors.push(`bob: ${String(e)}`));
    // The join link opens the game's seat choice, where Bob says who he is.
    await claimFromLink(bob, suite.server.url, code, 'Bob', 'MSFT', () => shot(bob, '03-seat-phone-join-link'));
    await alice.click('[data-test=start-game]');
    await waitSummary(alice, "s.screen === 'game' && s.status === 'running'");
    await waitSummary(bob, "s.screen === 'game'");
    // Player names are untrusted: rendered as text, never as markup.
    expect(await alice.locator('[data-test=seats]').innerText()).toContain('<b>Al</b><img src=x>');
    expect(await alice.locator('[data-test=seats] img').count()).toBe(0);
  });

  it('shows the map and the ticker quickly and keeps the ticker scrolling smoothly', async () => {
    const gameJs = jsRecorder(alice);
    await alice.reload();
    await waitReady(alice);
    await alice.waitForFunction(() => {
      const h = (window as unknown as { __CAPEX__: { mapReadyAt: number | null; tickerReadyAt: number | null } }).__CAPEX__;
      return h.mapReadyAt !== null && h.tickerReadyAt !== null;
    }, undefined, { timeout: 20_000 });
    const visibleMs = await alice.evaluate(() => {
      const h = (window as unknown as { __CAPEX__: { mapReadyAt: number; tickerReadyAt: number } }).__CAPEX__;
      return Math.round(Math.max(h.mapReadyAt, h.tickerReadyAt));
    });
    await alice.waitForTimeout(1000);
    const fps = await measureFps(alice, 3000);
    const sizes = bundleSizes();
    recordPerf({ mapAndTickerVisibleMs: visibleMs, ...fps, initialJsGzipBytes: sizes.initialJsGzip, chunksGzipBytes: sizes.chunks,
      gameJsGzipBytes: gameJs.gzipBytes(), gameJsFiles: gameJs.files() });
    expect(gameJs.files().some((f) => f.includes('phaser'))).toBe(true);
    await shot(alice, '04-game-desktop');
    // Clicking a ticker in the scrolling band opens its price chart (DOM, uPlot).
    const box = (await alice.locator('#stage canvas').boundingBox())!;
    for (let x = 60; x < box.width && !(await alice.locator('[data-test=ticker-chart]').isVisible()); x += 90) {
      await alice.mouse.click(box.x + x, box.y + 19);
    }
    await alice.locator('[data-test=ticker-chart] .uplot').waitFor({ timeout: 10_000 });
    await shot(alice, '04b-ticker-chart');
    expect(visibleMs).toBeLessThan(3000);
    expect(sizes.initialJsGzip).toBeLessThan(600 * 1024);
    expect(gameJs.gzipBytes()).toBeLessThan(600 * 1024);
    expect(fps.rafFps).toBeGreaterThanOrEqual(20);
  });

  it('plays the first two quarters through the UI and never shows a player the other’s pending orders', async () => {
    for (let q = 0; q < 2; q += 1) {
      await waitSummary(alice, `s.quarter === ${q}`);
      await submitAndReady(alice, { 'chips.merchantUsdM': 2_000, 'guidanceCapexUsdM': SECRET_GUIDANCE[q]!, 'talentBidUsdM': 300 });
      const seen = await visibleText(bob);
      for (const text of SECRET_TEXT[q]!) expect(seen).not.toContain(text);
      await submitAndReady(bob, { 'chips.secondSourceUsdM': 1_000 + q });
      if (q === 0) await shot(bob, '05-orders-phone');
      await waitSummary(alice, `s.quarter === ${q + 1}`);
      await waitSummary(bob, `s.quarter === ${q + 1}`);
    }
    // After resolution the orders are revealed to rivals.
    await bob.click('[data-test=tab-rivals]');
    await bob.locator('details.revealed').first().click();
    expect(await bob.locator('[data-test=rivals]').count()).toBe(1);
    await shot(bob, '06-rivals-phone');
    expect(await visibleText(bob)).toContain('$876.5B');
  });

  it('renders the zh-CN UI with no missing keys', async () => {
    const c = await newPlayer(suite.browser, DESKTOP, 'zh-CN');
    // The home page lists the running public game with its bot seats; its link opens it to watch.
    await c.page.goto(suite.server.url);
    await waitReady(c.page);
    await c.page.locator('table tbody tr', { hasText: code }).waitFor({ timeout: 10_000 });
    await c.page.goto(`${suite.server.url}/g/${code}`);
    await waitReady(c.page);
    await waitSummary(c.page, `s.screen === 'seat' && s.code === '${code}'`);
    await c.page.click('[data-test=watch-game]');
    await waitSummary(c.page, "s.screen === 'game' && s.spectator === true");
    await c.page.waitForFunction(() => (window as unknown as { __CAPEX__: { mapReadyAt: number | null } }).__CAPEX__.mapReadyAt !== null);
    const texts: string[] = [];
    for (const tab of ['rivals', 'news', 'dash', 'desk']) {
      await c.page.click(`[data-test=tab-${tab}]`);
      texts.push(await visibleText(c.page));
    }
    await c.page.click('[data-region="us-east"]');
    texts.push(await visibleText(c.page));
    const all = texts.join('\n');
    expect(all.match(/(^|[\s(])(ui|orders|event|era|chip|source|error|ticker|region|company)\.[A-Za-z][\w.-]*/gm) ?? []).toEqual([]);
    expect(all).toMatch(/[\u4e00-\u9fff]/);
    expect(all).not.toMatch(/\b(Orders|Company|Rivals|News|Seats|Map legend|Hover)\b/);
    expect(await c.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await c.page.click('[data-test=tab-rivals]');
    await shot(c.page, '07-game-zh-CN-spectator');
    await c.ctx.close();
  });

  it('rejoins the same seat after a reload mid-game and finishes the game', async () => {
    await bob.reload();
    await waitReady(bob);
    await waitSummary(bob, "s.screen === 'game' && s.seat === 'MSFT' && s.quarter === 2");
    for (let q = 2; q < QUARTERS; q += 1) {
      await submitAndReady(alice, { 'chips.merchantUsdM': 1_000, 'guidanceCapexUsdM': 200_000 });
      await submitAndReady(bob, { 'chips.secondSourceUsdM': 500 });
      if (q === 2) {
        await alice.click('[data-test=tab-dash]');
        await alice.waitForSelector('[data-test=move-reasons] li');
        await shot(alice, '08-dashboard-desktop');
      }
      await waitSummary(alice, `s.quarter === ${q + 1}`);
    }
    await waitSummary(alice, "s.screen === 'end' && s.finished === true");
    await waitSummary(bob, "s.screen === 'end'");
    await alice.waitForSelector('.chart .uplot');
    expect(await alice.locator('[data-test=ranking] tbody tr').count()).toBe(7);
    // A four-quarter game is finally scored after the board's years (shared/board.ts): said, and the bell's score beside.
    expect(await alice.locator('[data-test=board-years]').innerText()).toContain('2030 Q4');
    expect(await alice.locator('[data-test=bell-score]').count()).toBe(7);
    await alice.locator('.chart', { hasText: /board.s years: return to fundamental value, 2026 Q4 → 2030 Q4/ }).locator('.uplot').waitFor();
    await shot(alice, '09-end-desktop', true);
    await bob.waitForSelector('.chart, [data-test=chart-error]', { timeout: 60_000 });
    expect(await bob.locator('[data-test=chart-error]').count()).toBe(0);
    await shot(bob, '10-end-phone', true);
    expect(await alice.getAttribute('[data-test=replay-link]', 'href')).toBe(`/replay/${code}?view=AMZN`);
    expect(pageErrors).toEqual([]);
  });

  it('shows the countdown and who is ready, submits from the keyboard, lets a late joiner take a bot seat, and shows reconnecting on a dropped connection', async () => {
    const d = await newPlayer(suite.browser, PHONE);
    await d.page.goto(suite.server.url);
    await waitReady(d.page);
    await d.page.fill('[data-test=name]', 'Dee');
    await d.page.fill('[data-test=quarters]', '4');
    const deadline = d.page.locator('form').filter({ hasText: 'Create' }).locator('select').nth(1);
    await deadline.selectOption('300');
    await d.page.click('[data-test=create-game]');
    await waitSummary(d.page, "s.screen === 'seat'");
    await d.page.click('[data-test=claim-META]');
    await waitSummary(d.page, "s.seat === 'META'");
    await d.page.click('[data-test=start-game]');
    await waitSummary(d.page, "s.screen === 'game'");
    const text = await d.page.locator('[data-test=countdown]').innerText();
    const secs = Number(/(\d+)/.exec(text)?.[1]);
    expect(secs).toBeGreaterThan(250);
    expect(secs).toBeLessThanOrEqual(300);
    expect(await d.page.locator('[data-test=seats] li.ready').count()).toBeGreaterThan(0);
    await shot(d.page, '11-game-phone-countdown');
    // Every form control of the order desk has an accessible name, and the keyboard can submit.
    await d.page.click('[data-test=tab-desk]');
    const unnamed = await d.page.evaluate(() => [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('.desk input, .desk select')]
      .filter((e) => e.tabIndex >= 0 && (e.labels?.length ?? 0) === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
      .map((e) => e.outerHTML.slice(0, 80)));
    expect(unnamed).toEqual([]);
    await setExact(d.page, 'chips.merchantUsdM', 0);
    await d.page.focus('[data-field="chips.merchantUsdM"]');
    await d.page.keyboard.press('Control+A');
    await d.page.keyboard.type('700');
    await d.page.focus('[data-test=submit-orders]');
    await d.page.keyboard.press('Enter');
    await waitSummary(d.page, 's.submitted === true');
    await d.page.focus('[data-test=ready]');
    await d.page.keyboard.press('Space');
    // Every other seat is a bot (ready at once): Dee's ready resolves the quarter.
    await waitSummary(d.page, 's.quarter === 1');
    await waitSummary(d.page, "s.readySeats.indexOf('TSLA') >= 0");
    // A late joiner takes over a bot seat of the running game by its code.
    const late = await newPlayer(suite.browser, DESKTOP);
    await late.page.goto(suite.server.url);
    await waitReady(late.page);
    await late.page.fill('[data-test=name]', 'Eve');
    await late.page.fill('[data-test=join-code]', String((await summary(d.page))['code']));
    await late.page.click('[data-test=join-game]');
    await waitSummary(late.page, "s.screen === 'seat' && s.status === 'running'");
    await late.page.click('[data-test=claim-TSLA]');
    await waitSummary(late.page, "s.screen === 'game' && s.seat === 'TSLA'");
    // The seat is Eve's now: no longer ready, and the quarter waits for her even when everyone else is ready.
    await waitSummary(d.page, "s.readySeats.indexOf('TSLA') < 0");
    await d.page.focus('[data-test=ready]');
    await d.page.keyboard.press('Space');
    await waitSummary(d.page, "s.ready === true && s.readySeats.length === 6 && s.readySeats.indexOf('TSLA') < 0");
    expect((await summary(d.page))['quarter']).toBe(1);
    await late.page.click('[data-test=tab-desk]');
    // A click, not check(): Eve's draft goes with her ready flag in one message and the quarter
    // resolves at once (everyone else is ready), so the box may be unticked again for the next
    // quarter before check() could read it ticked.
    await late.page.click('[data-test=ready]');
    await waitSummary(d.page, 's.quarter === 2');
    await late.ctx.close();
    // A dropped connection shows "reconnecting…", and the seat comes back by itself.
    const cdp = await d.ctx.newCDPSession(d.page);
    await cdp.send('Network.enable');
    const net = (offline: boolean) => cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await net(true);
    await waitSummary(d.page, "s.connection === 'reconnecting'", 20_000);
    expect(await d.page.textContent('[data-test=connection]')).toBe('reconnecting…');
    await shot(d.page, '12-reconnecting-phone');
    await net(false);
    await waitSummary(d.page, "s.connection === 'online' && s.seat === 'META'", 30_000);
    await d.ctx.close();
  });
});
