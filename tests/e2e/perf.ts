/**
 * Performance figures for the closing note and `artifacts/perf.json`: initial JS gzip size,
 * time to map + ticker visible, fps while the ticker scrolls.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ROOT } from './harness.js';

/** Gzip sizes (bytes) of the JS the page loads first, and of every JS chunk. */
export function bundleSizes(): { initialJsGzip: number; chunks: Record<string, number> } {
  const dist = join(ROOT, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (f: string): number => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  const chunks: Record<string, number> = {};
  for (const f of readdirSync(join(dist, 'assets')).filter((x) => x.endsWith('.js'))) chunks[`assets/${f}`] = gz(`assets/${f}`);
  return { initialJsGzip: initial.reduce((a, f) => a + gz(f), 0), chunks };
}

/** Records the JS files a page requests from now on; `gzipBytes()` sums their gzip -9 sizes from dist/. */
export function jsRecorder(page: Page): { gzipBytes(): number; files(): string[] } {
  const seen = new Set<string>();
  page.on('request', (r) => {
    const m = /\/(assets\/[^/?#]+\.js)(?:$|[?#])/.exec(r.url());
    if (m) seen.add(m[1]!);
  });
  return {
    files: () => [...seen].sort(),
    gzipBytes: () => [...seen].reduce((a, f) => a + gzipSync(readFileSync(join(ROOT, 'dist', f)), { level: 9 }).length, 0),
  };
}

/** Frames counted with requestAnimationFrame over `ms`, plus Phaser's own measure. */
export async function measureFps(page: Page, ms = 3000): Promise<{ rafFps: number; phaserFps: number }> {
  return page.evaluate(async (dur) => {
    let frames = 0;
    const start = performance.now();
    await new Promise<void>((resolve) => {
      const tick = (): void => {
        frames += 1;
        if (performance.now() - start < dur) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const hook = (window as unknown as { __CAPEX__: { fps: number } }).__CAPEX__;
    return { rafFps: Math.round((frames * 1000) / (performance.now() - start)), phaserFps: hook.fps };
  }, ms);
}

/** Merges figures into artifacts/perf.json. */
export function recordPerf(figures: Record<string, unknown>): void {
  const dir = join(ROOT, 'artifacts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'perf.json');
  const prev = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...prev, ...figures }, null, 2)}\n`);
}
