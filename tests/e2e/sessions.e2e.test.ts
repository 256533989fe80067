/**
 * Sessions that hold, and "I'm ready" that plays what the player sees (issue 14, defects 1–5):
 * ready submits the draft or refuses with the reason; an invite link opens the linked game, not
 * the player's own; the host keeps Start when reopening the lobby; the typed name survives a
 * reload; chart history survives a browser restart (it comes from the server).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, newPlayer, setExact, summary, waitReady, waitSummary } from './harness.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** Creates a 4-quarter game with the full form as `name`; claims `company` and starts it unless told not to. */
async function createGame(page: Page, name: string, company: string | null, start = true): Promise<string> {
  await page.goto(suite.server.url);
  await waitReady(page);
  await page.fill('[data-test=name]', name);
  await page.fill('[data-test=quarters]', '4');
  await page.click('[data-test=create-game]');
  await waitSummary(page, "s.screen === 'seat' && s.code !== null");
  if (company) {
    await page.click(`[data-test=claim-${company}]`);
    await waitSummary(page, `s.seat === '${company}'`);
  }
  if (start) {
    await page.click('[data-test=start-game]');
    await waitSummary(page, "s.screen === 'game' && s.status === 'running'");
  }
  return String((await summary(page))['code']);
}

describe('sessions and the ready box', () => {
  it('"I\'m ready" plays the draft on the desk without pressing Submit', async () => {
    const { page, errors, ctx } = await newPlayer(suite.browser, DESKTOP);
    await createGame(page, 'Reedy', 'AMZN');
    await setExact(page, 'chips.merchantUsdM', 20_000);
    await page.click('[data-test=ready]');
    await waitSummary(page, 's.quarter === 1');
    const played = (await summary(page))['lastOrders'] as { chips: { merchantUsdM: number } } | null;
    expect(played?.chips.merchantUsdM).toBe(20_000);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('"I\'m ready" refuses an over-cash draft with the reason and resolves nothing', async () => {
    const { page, ctx } = await newPlayer(suite.browser, DESKTOP);
    await createGame(page, 'Spendy', 'META');
    await setExact(page, 'chips.merchantUsdM', 4_000_000);
    await page.click('[data-test=ready]');
    const refusal = page.locator('[data-test=ready-refusal]');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.innerText()).toContain('capex exceeds cash + credit');
    await page.waitForTimeout(1500);
    const s = await summary(page);
    expect(s['quarter']).toBe(0);
    expect(s['ready']).toBe(false);
    expect(await page.isChecked('[data-test=ready]')).toBe(false);
    await ctx.close();
  });

  it('an invite link opens the linked game even while the player has a game of their own', async () => {
    const alice = await newPlayer(suite.browser, DESKTOP);
    const own = await createGame(alice.page, 'Alice', 'AMZN');
    const bob = await newPlayer(suite.browser, DESKTOP);
    const other = await createGame(bob.page, 'Bob', 'MSFT', false);
    expect(other).not.toBe(own);
    await alice.page.goto(`${suite.server.url}/g/${other}`);
    await waitReady(alice.page);
    await waitSummary(alice.page, `s.code === '${other}' && s.screen === 'seat'`, 15_000);
    expect(new URL(alice.page.url()).pathname).toBe(`/g/${other}`);
    // Her own game is still hers: the logo takes her home, and her game's link brings her back to her seat.
    await alice.page.goto(`${suite.server.url}/g/${own}`);
    await waitReady(alice.page);
    await waitSummary(alice.page, `s.code === '${own}' && s.seat === 'AMZN' && s.screen === 'game'`, 15_000);
    await alice.ctx.close();
    await bob.ctx.close();
  });

  it('the host keeps the Start button when reopening the lobby through the game link or the home page', async () => {
    const { page, ctx } = await newPlayer(suite.browser, DESKTOP);
    const code = await createGame(page, 'Hosty', 'ORCL', false);
    for (let i = 0; i < 3; i += 1) {
      for (const path of [`/g/${code}`, '/']) {
        await page.goto(`${suite.server.url}${path}`);
        await waitReady(page);
        await waitSummary(page, `s.screen === 'seat' && s.code === '${code}' && s.host === true`, 15_000);
        await page.locator('[data-test=start-game]').waitFor({ state: 'visible', timeout: 5_000 });
      }
    }
    await ctx.close();
  });

  it('keeps the typed name across reloads, in the seat list and in the replay library', async () => {
    const { page, ctx } = await newPlayer(suite.browser, DESKTOP);
    const code = await createGame(page, 'Zhang Wei', null, false);
    await page.reload();
    await waitReady(page);
    await waitSummary(page, `s.screen === 'seat' && s.code === '${code}'`);
    await page.click('[data-test=claim-GOOGL]');
    await waitSummary(page, "s.seat === 'GOOGL' && s.names.GOOGL !== undefined");
    expect(((await summary(page))['names'] as Record<string, string>)['GOOGL']).toBe('Zhang Wei');
    await page.reload();
    await waitReady(page);
    await waitSummary(page, "s.seat === 'GOOGL' && s.names.GOOGL !== undefined");
    expect(((await summary(page))['names'] as Record<string, string>)['GOOGL']).toBe('Zhang Wei');
    await page.goto(`${suite.server.url}/replay`);
    await page.locator(`tr[data-game="${code}"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator(`tr[data-game="${code}"]`).innerText()).toContain('Zhang Wei');
    await ctx.close();
  });

  it('keeps the charts’ history after a browser restart (history comes from the server)', async () => {
    const first = await newPlayer(suite.browser, DESKTOP);
    await createGame(first.page, 'Restart', 'TSLA');
    for (let q = 0; q < 2; q += 1) {
      await first.page.click('[data-test=ready]');
      await waitSummary(first.page, `s.quarter === ${q + 1}`);
    }
    expect((await summary(first.page))['historyQuarters']).toEqual([0, 1, 2]);
    // A browser restart keeps localStorage and loses the tab's sessionStorage.
    const state = await first.ctx.storageState();
    await first.ctx.close();
    const ctx = await suite.browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, storageState: state });
    const page = await ctx.newPage();
    await page.goto(suite.server.url);
    await waitReady(page);
    await waitSummary(page, "s.screen === 'game' && s.seat === 'TSLA' && s.quarter === 2");
    await waitSummary(page, 's.historyQuarters.length === 3', 10_000);
    expect((await summary(page))['historyQuarters']).toEqual([0, 1, 2]);
    await ctx.close();
  });
});
