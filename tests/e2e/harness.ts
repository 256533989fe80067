/**
 * Browser-suite harness: finds Debian's Chromium (fails loudly if missing), builds the client when
 * needed, starts the real server on a free port with a temp DATA_DIR, and opens pages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS = join(ROOT, 'artifacts/screenshots');
const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];

/** The Chromium executable, or a clear error saying how to install it. */
export function findChromium(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`No Chromium found (looked at ${CANDIDATES.join(', ')}). Install Debian's browser: ` +
      '`apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH). `npx playwright install` cannot download browsers here.');
  }
  return found;
}

function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

/**
 * A font that covers Chinese, or a clear error saying how to install one: without it zh-CN
 * screenshots show boxes and the suite would judge pages nobody can read.
 */
export function ensureCjkFont(): void {
  let list: string;
  try {
    list = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch {
    list = '';
  }
  if (list.trim() === '') {
    throw new Error('No font covering Chinese is installed (fc-list :lang=zh is empty). Install one: ' +
      '`apt-get install -y fonts-wqy-zenhei` (or fonts-noto-cjk).');
  }
}

/** Builds the client unless dist/ is newer than client/ and shared/. */
export function ensureBuilt(): void {
  const index = join(ROOT, 'dist/index.html');
  const src = Math.max(newest(join(ROOT, 'client')), newest(join(ROOT, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs > src) return;
  execFileSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

/** The running game server. */
export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the real server (server/app.ts startServer) on a free port with a temp data dir. */
export async function startTestServer(): Promise<TestServer> {
  const mod = await import('../../server/app.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'capex-e2e-'));
  const s = await mod.startServer({ port: 0, dataDir, distDir: join(ROOT, 'dist') });
  return { url: s.url, stop: () => s.stop() };
}

/** Launches headless Chromium with the flags this machine needs (STACK.md Phaser trap 3). */
export async function launch(): Promise<Browser> {
  ensureCjkFont();
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A new isolated player (own storage) with a viewport and an optional stored locale. */
export async function newPlayer(browser: Browser, viewport: { width: number; height: number }, locale: 'en' | 'zh-CN' = 'en'): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  await ctx.addInitScript((l) => { try { localStorage.setItem('capex.locale', l); } catch { /* */ } }, locale);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (process.env['E2E_TRACE']) traceFrames(page, `${viewport.width}`);
  return { ctx, page, errors };
}

/** Waits for the test hook to be ready. */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __CAPEX__?: { ready: boolean } }).__CAPEX__?.ready === true, undefined, { timeout: 30_000 });
}

/** The hook's state summary. */
export async function summary(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => (window as unknown as { __CAPEX__: { summary: Record<string, unknown> } }).__CAPEX__.summary);
}

/** Waits until the summary satisfies a predicate given as a function body over `s`. */
export async function waitSummary(page: Page, predicate: string, timeout = 60_000): Promise<void> {
  try {
    await page.waitForFunction(`(() => { const s = window.__CAPEX__ && window.__CAPEX__.summary; return !!s && (${predicate}); })()`, undefined, { timeout });
  } catch (e) {
    const s = await summary(page).catch(() => null);
    const problems = await page.locator('[data-test=problems]').innerText().catch(() => '');
    throw new Error(`waiting for ${predicate}: ${String(e).split('\n')[0]}; summary ${JSON.stringify(s)}; problems: ${problems}`, { cause: e });
  }
}

/** Saves a screenshot (the viewport, or the whole page) under artifacts/screenshots/. */
export async function shot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Logs the protocol messages a page sends and receives (E2E_TRACE=1), for debugging. */
export function traceFrames(page: Page, who: string): void {
  const t0 = Date.now();
  const name = (p: string | Buffer): string => {
    const s = typeof p === 'string' ? p : p.toString('latin1');
    return (/(welcome|view|orders:state|orders:submit|orders:ready|orders:withdraw|quarter:resolved|digest|error|seat:claim|game:start|game:sync)/.exec(s)?.[1] ?? `#${s.length}`) +
      (s.includes('ready') ? ` ${s.replace(/[^\x20-\x7e]/g, '.').slice(0, 100)}` : '');
  };
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => console.log(((Date.now() - t0) / 1000).toFixed(2), who, '>', name(f.payload)));
    ws.on('framereceived', (f) => { const n = name(f.payload); if (!n.startsWith('#')) console.log(((Date.now() - t0) / 1000).toFixed(2), who, '<', n); });
    ws.on('close', () => console.log(who, 'ws closed'));
  });
}

/**
 * Opens a game's join link and claims a seat under a name (the seat choice is shown first;
 * `atSeatChoice` runs there, e.g. a screenshot).
 */
export async function claimFromLink(page: Page, base: string, code: string, name: string, company: string, atSeatChoice?: () => Promise<unknown>): Promise<void> {
  await page.goto(`${base}/g/${code}`);
  await waitReady(page);
  await waitSummary(page, `s.screen === 'seat' && s.code === '${code}'`);
  await atSeatChoice?.();
  await page.fill('[data-test=seat-name]', name);
  await page.locator('[data-test=seat-name]').dispatchEvent('change');
  await page.click(`[data-test=claim-${company}]`);
  await waitSummary(page, `s.seat === '${company}'`);
}

/** Types an exact amount into an order field of the desk, opening whatever folds it. */
export async function setExact(page: Page, path: string, value: number): Promise<void> {
  await page.evaluate((p) => {
    let d = document.querySelector(`[data-field="${p}"]`)?.closest('details') ?? null;
    while (d) {
      d.open = true;
      d = d.parentElement?.closest('details') ?? null;
    }
  }, path);
  await page.fill(`[data-field="${path}"]`, String(value));
}

/** Elements sticking out of the page on the right (horizontal overflow), as "tag.class right". */
export async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= w) return [];
    return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1)
      .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} ${Math.round(e.getBoundingClientRect().right)}`);
  });
}
