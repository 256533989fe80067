/**
 * Client figures for `npm run bench` (issue 14): a cold game page — a returning player's browser
 * with an empty HTTP cache opening a running game — measured in Debian's Chromium against the real
 * server: bytes over the network (compressed, headers included, WebSocket left out) and the time
 * from navigation to the map's first frame. Figures only; nothing is asserted here.
 */
import type { CDPSession } from 'playwright-core';
import { DESKTOP, ensureBuilt, findChromium, launch, startTestServer, waitReady, waitSummary } from '../e2e/harness.js';

/** What the bench prints for the client. */
export interface ClientFigures {
  transferKb: number;
  requests: number;
  /** Time from navigation to the map's first frame (ms), median of the runs, and every run. */
  mapMs: number;
  mapRuns: number[];
}

/** Bytes received over HTTP (not WebSocket) while a CDP session listens. */
function countBytes(cdp: CDPSession): { bytes(): number; requests(): number } {
  const ws = new Set<string>();
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.webSocketCreated', (e: { requestId: string }) => ws.add(e.requestId));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    if (ws.has(e.requestId)) return;
    bytes += e.encodedDataLength;
    requests += 1;
  });
  return { bytes: () => bytes, requests: () => requests };
}

/** Measures the cold game page `runs` times (null with the reason when Chromium is missing). */
export async function clientFigures(runs = 3): Promise<ClientFigures | { skipped: string }> {
  try {
    findChromium();
  } catch (e) {
    return { skipped: (e as Error).message.split('.')[0] ?? 'no Chromium' };
  }
  ensureBuilt();
  const server = await startTestServer();
  const browser = await launch();
  try {
    // A player starts a quick game; their browser keeps the seat token (localStorage).
    const first = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await first.newPage();
    await page.goto(server.url);
    await waitReady(page);
    await page.click('[data-test=quick-AMZN]');
    await waitSummary(page, "s.screen === 'game' && s.status === 'running'");
    const storage = await first.storageState();
    const code = String(await page.evaluate(() => (window as unknown as { __CAPEX__: { summary: { code: string } } }).__CAPEX__.summary.code));
    await first.close();
    const mapRuns: number[] = [];
    let transfer = { bytes: 0, requests: 0 };
    for (let i = 0; i < runs; i += 1) {
      // Cold: a new context has an empty HTTP cache; its storage still holds the seat.
      const ctx = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, storageState: storage });
      const p = await ctx.newPage();
      const cdp = await ctx.newCDPSession(p);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const count = countBytes(cdp);
      await p.goto(`${server.url}/g/${code}`);
      await p.waitForFunction(() => (window as unknown as { __CAPEX__?: { mapReadyAt: number | null } }).__CAPEX__?.mapReadyAt !== null, undefined, { timeout: 30_000 });
      mapRuns.push(Math.round(await p.evaluate(() => (window as unknown as { __CAPEX__: { mapReadyAt: number } }).__CAPEX__.mapReadyAt)));
      await p.waitForLoadState('networkidle');
      transfer = { bytes: count.bytes(), requests: count.requests() };
      await ctx.close();
    }
    const sorted = [...mapRuns].sort((a, b) => a - b);
    return { transferKb: transfer.bytes / 1024, requests: transfer.requests, mapMs: sorted[Math.floor(sorted.length / 2)]!, mapRuns };
  } finally {
    await browser.close();
    await server.stop();
  }
}
