/**
 * A newcomer's first game (issue 14 "Done when"), at 1440×900 and 390×844, in English and Chinese:
 * landing → quick play → adopt the advisor's orders → tweak one split → ready → results moment →
 * three more quarters → end screen. At most 8 clicks to the first submitted order, screenshots of
 * every step (artifacts/screenshots/newcomer-*), no horizontal overflow, no console errors, no raw
 * keys. Along the way: the map stays in view while the desk scrolls (desktop), the map has a legend
 * and touch wording on phones, the rivals table fits with signed, coloured changes, notices sit in
 * the page's flow. The standings (rivals, end screen) rank by score against par as the engine does,
 * and the dashboard shows the score, credibility and the shared markets.
 */
import { describe, expect, it } from 'vitest';
import { t, type Locale } from '../../shared/index.js';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, newPlayer, overflow, shot, summary, waitReady, waitSummary } from './harness.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

const RAW_KEY = /(^|[\s(])(ui|orders|event|era|chip|source|error|ticker|region|company|bot)\.[A-Za-z][\w.-]*/m;

/** The page's visible text. */
function text(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Whether an element's box lies inside the viewport (vertically at least half of it). */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    if (!r) return false;
    const visible = Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0);
    return visible >= r.height / 2;
  }, selector);
}

const CASES = [
  { size: 'desktop', viewport: DESKTOP, locale: 'en' },
  { size: 'phone', viewport: PHONE, locale: 'en' },
  { size: 'desktop', viewport: DESKTOP, locale: 'zh-CN' },
  { size: 'phone', viewport: PHONE, locale: 'zh-CN' },
] as const;

describe('a newcomer’s first game', () => {
  it.each(CASES)('plays a whole quick game on $size in $locale', async ({ size, viewport, locale }) => {
    const { page, ctx } = await newPlayer(suite.browser, viewport, locale);
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const tag = `newcomer-${size}-${locale}`;
    let clicks = 0;
    const click = async (sel: string): Promise<void> => {
      clicks += 1;
      await page.click(sel);
    };
    const noOverflow = async (where: string): Promise<void> => expect(await overflow(page), `${where}: horizontal overflow`).toEqual([]);

    // Landing: quick play is the first thing after the title.
    await page.goto(suite.server.url);
    await waitReady(page);
    await page.locator('[data-test=quick-play]').waitFor();
    await noOverflow('landing');
    // Each company says how forgiving its seat is at the level picked, from the scenario's measure, in the
    // page's language: at a normal table (the default) Amazon is forgiving; against hard managements it is not.
    const note = async (t: string): Promise<string> => (await page.textContent(`[data-test=seat-note-${t}]`)) ?? '';
    expect(await note('AAPL')).toMatch(/Forgiving seat|宽容的席位/);
    expect(await note('AMZN')).toMatch(/Forgiving seat.*normal table|宽容的席位.*普通桌/);
    // And how much skill pays there (--levels): a lot at Amazon, little at Apple; at a hard table the hard
    // bots are the par, so there is no such note.
    const skill = async (t: string): Promise<string | null> => page.textContent(`[data-test=seat-skill-${t}]`, { timeout: 1_000 }).catch(() => null);
    expect(await skill('AMZN')).toMatch(/Skill pays a lot: .*normal tables|技巧回报高：.*普通桌/);
    expect(await skill('AAPL')).toMatch(/Skill pays little|技巧回报低/);
    await shot(page, `${tag}-1-landing`);
    await page.selectOption('[data-test=quick-level]', 'hard');
    expect(await note('AMZN')).toMatch(/Very demanding seat.*hard table|很有挑战的席位.*困难桌/);
    expect(await note('AMZN')).not.toMatch(RAW_KEY);
    expect(await page.locator('[data-test^=seat-skill-]').count()).toBe(0);
    await shot(page, `${tag}-1a-landing-hard`);
    await page.selectOption('[data-test=quick-level]', 'normal');
    clicks += 1;
    await page.selectOption('[data-test=quick-length]', '4');
    await click('[data-test=quick-AMZN]');
    await waitSummary(page, "s.screen === 'game' && s.status === 'running' && s.seat === 'AMZN' && s.quarter === 0");
    await page.waitForFunction(() => (window as unknown as { __CAPEX__: { mapReadyAt: number | null } }).__CAPEX__.mapReadyAt !== null, undefined, { timeout: 20_000 });
    await noOverflow('game');
    // The first quarter has no last quarter: the desk says the draft spends nothing new, in the page's language.
    expect(await page.textContent('[data-test=draft-origin]')).toBe(t(locale as Locale, 'ui.desk.origin.first'));
    await shot(page, `${tag}-2-desk`);
    // The pricing choice says what each plan earns this quarter, in the page's language.
    await page.evaluate(() => { (document.querySelector('[data-test=desk-advanced]') as HTMLDetailsElement).open = true; });
    // Buybacks say the price they pay and the value per share they are judged against, and refuse more than net cash.
    const buyback = (await page.textContent('[data-test="help-finance.buybackUsdM"]')) ?? '';
    expect(buyback).toMatch(/(\$\s?\d[\d,.]*|\d[\d,.]*美元).*(\$\s?\d[\d,.]*|\d[\d,.]*美元)/);
    expect(buyback).not.toMatch(RAW_KEY);
    await page.fill('[data-field="finance.buybackUsdM"]', '1500000');
    await page.waitForFunction(() => (document.querySelector('[data-field="finance.buybackUsdM"]')?.closest('.control')?.querySelector('.field-error')?.textContent ?? '') !== '');
    const refusal = await page.evaluate(() => document.querySelector('[data-field="finance.buybackUsdM"]')!.closest('.control')!.querySelector('.field-error')!.textContent ?? '');
    expect(refusal).toMatch(/net cash|净现金/);
    await page.locator('[data-test="help-finance.buybackUsdM"]').scrollIntoViewIfNeeded();
    await shot(page, `${tag}-2a-desk-buyback`);
    await page.fill('[data-field="finance.buybackUsdM"]', '0');
    const hint = (await page.textContent('[data-test=desk-pricing-hint]')) ?? '';
    expect(hint).toMatch(/\d+(\.\d+)?\s?%/);
    expect(hint).not.toMatch(RAW_KEY);
    await page.locator('[data-test=desk-pricing-hint]').scrollIntoViewIfNeeded();
    await shot(page, `${tag}-2b-desk-pricing`);
    // Guidance says what it reserves at the foundry this quarter (at list price), in the page's language.
    const reserved = (await page.textContent('[data-test=desk-reserved]')) ?? '';
    expect(reserved).toMatch(/\$\s?\d|\d亿美元/);
    expect(reserved).not.toMatch(RAW_KEY);
    await page.locator('[data-test=desk-reserved]').scrollIntoViewIfNeeded();
    await shot(page, `${tag}-2c-desk-guidance`);
    await page.evaluate(() => { (document.querySelector('[data-test=desk-advanced]') as HTMLDetailsElement).open = false; });

    // The advisor's orders, one split tweaked, ready: the first submitted order.
    await click('[data-test=adopt-advisor]');
    await waitSummary(page, "s.draftOrigin === 'advisor'");
    await shot(page, `${tag}-3-advisor-adopted`);
    clicks += 1;
    await page.fill('[data-test=split-energy]', '35');
    await waitSummary(page, "s.draftOrigin === 'edited'");
    expect(await page.inputValue('[data-test=split-energy]')).toBe('35');
    const draft = (await summary(page))['draft'];
    await shot(page, `${tag}-4-split-tweaked`);
    await click('[data-test=ready]');
    expect(clicks).toBeLessThanOrEqual(8);
    await waitSummary(page, 's.quarter === 1 && s.results === true');
    expect((await summary(page))['lastOrders']).toEqual(draft);

    // The results moment: the stock's move and why, with the map in view.
    const results = page.locator('[data-test=results]');
    await results.waitFor();
    expect(await results.locator('[data-test=results-reasons] li').count()).toBeGreaterThan(0);
    expect(await inView(page, '#stage')).toBe(true);
    await shot(page, `${tag}-5-results`);
    const seen = await text(page);
    expect(seen).not.toMatch(RAW_KEY);
    if (locale === 'zh-CN') expect(seen).toMatch(/[\u4e00-\u9fff]/);
    await noOverflow('results');

    if (size === 'desktop') {
      // The map stays in view while the desk scrolls; the legend explains it.
      await click('[data-test=results-close]');
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      expect(await inView(page, '#stage')).toBe(true);
      expect(await page.locator('[data-test=map-legend]').isVisible()).toBe(true);
      // The rivals table fits and its changes carry a sign and a colour.
      await page.click('[data-test=tab-rivals]');
      await shot(page, `${tag}-6-rivals`);
      const fits = await page.evaluate(() => {
        const t = document.querySelector('[data-test=rivals]')!;
        return t.parentElement!.scrollWidth <= t.parentElement!.clientWidth;
      });
      expect(fits).toBe(true);
      const changes = await page.$$eval('[data-test=rival-change]', (els) => els.map((e) => ({ t: e.textContent ?? '', c: e.className })));
      expect(changes.length).toBe(7);
      for (const c of changes) expect(c.t === '0.0%' ? c.c === 'muted' : /^[+-]\d/.test(c.t) && /good|bad/.test(c.c), `${c.t} ${c.c}`).toBe(true);
      // The rivals table doubles as the standings: rows in ranking order, by score against par.
      const scores = await page.$$eval('[data-test=rivals] tbody tr', (rows) => rows.map((r) => r.querySelector('td')!.firstChild!.textContent ?? ''));
      expect(scores.length).toBe(7);
      const points = scores.map((x) => Number(x.replace(/[^\d+-]/g, '')));
      for (let i = 1; i < points.length; i += 1) expect(points[i - 1]!, scores.join(' ')).toBeGreaterThanOrEqual(points[i]!);
      // The dashboard: where you stand (score, return, par, credibility) and the shared markets.
      await page.click('[data-test=tab-dash]');
      await page.locator('[data-test=standing]').waitFor();
      expect(await page.locator('[data-test=standing] [data-test=score] dd').innerText()).toMatch(locale === 'zh-CN' ? /^[+-]?\d[\d,]* 分$/ : /^[+-]?\d[\d,]* pts$/);
      expect(await page.locator('[data-test=credibility] dd').innerText()).toMatch(/^\d+\.\d%$/);
      // Each "why" of the standing names what it explains (three alike "Why this number?" in a row told nothing).
      const whys = await page.$$eval('[data-test=standing] details.why summary', (els) => els.map((e) => e.textContent ?? ''));
      expect(whys.length).toBe(2);
      expect(new Set(whys).size, whys.join(' | ')).toBe(2);
      expect(await page.locator('[data-test=cloud-price] dd').innerText()).toMatch(/\d/);
      await page.locator('[data-test=standing]').scrollIntoViewIfNeeded();
      await shot(page, `${tag}-6b-dashboard`);
      await page.locator('[data-test=world-market]').scrollIntoViewIfNeeded();
      await shot(page, `${tag}-6c-dashboard-market`);
      expect(await text(page)).not.toMatch(RAW_KEY);
      await page.click('[data-test=tab-desk]');
    } else {
      // Phones say "tap", not "hover".
      expect(await page.locator('[data-test=region-panel]').innerText()).not.toMatch(/hover|悬停/i);
      await click('[data-test=results-close]');
    }

    // Three more quarters, each with its results moment, then the end screen.
    for (let q = 1; q < 4; q += 1) {
      // Wherever the player scrolled to, the moment comes into view with the map.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.click('[data-test=ready]');
      await waitSummary(page, `(s.quarter === ${q + 1} || s.screen === 'end') && s.results === true`);
      if (q < 3) {
        expect(await inView(page, '#stage')).toBe(true);
        expect(await inView(page, '#results-h')).toBe(true);
        await shot(page, `${tag}-7-results-q${q + 1}`);
        await page.click('[data-test=results-close]');
      }
    }
    await waitSummary(page, "s.screen === 'end' && s.finished === true");
    await page.locator('[data-test=ranking] tbody tr').first().waitFor();
    await page.waitForSelector('.chart .uplot', { timeout: 20_000 });
    await noOverflow('end');
    await shot(page, `${tag}-8-end`, true);
    // The final ranking is the engine's: by score against par, best first.
    const finalScores = await page.$$eval('[data-test=ranking] [data-test=score]', (els) => els.map((e) => Number((e.textContent ?? '').replace(/[^\d+-]/g, ''))));
    expect(finalScores.length).toBe(7);
    for (let i = 1; i < finalScores.length; i += 1) expect(finalScores[i - 1]!).toBeGreaterThanOrEqual(finalScores[i]!);
    const end = await text(page);
    expect(end).not.toMatch(RAW_KEY);
    // Chart legends speak the page's language too.
    if (locale === 'zh-CN') expect(end).not.toMatch(/\bValue\b/);
    // Notices ("while you were away") sit in the page's flow: they never cover the charts.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('[data-test=notice]')!).position)).toBe('static');
    expect(consoleErrors).toEqual([]);
    await ctx.close();
  });
});
