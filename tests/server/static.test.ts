import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickEncoding } from '../../server/static.js';
import { bootServer, tempDataDir } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
const dist = path.join(tempDataDir(), 'dist');
const JS = `export const data = ${JSON.stringify(Array.from({ length: 800 }, (_, i) => ({ id: i, name: `item ${i}` })))};\n`;
const HTML = `<!doctype html><html><head><title>Capex Race</title><script type="module" src="/assets/index-abc123.js"></script></head><body>${'<p>x</p>'.repeat(200)}</body></html>`;

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), HTML);
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), JS);
  // A precompressed brotli file from the build is preferred to compressing again.
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(Buffer.from(JS)));
  fs.writeFileSync(path.join(dist, 'secret.txt'), 'outside');
  server = await bootServer({ distDir: dist });
});

afterAll(async () => {
  await server?.stop();
});

/** A raw GET (no automatic decompression). */
function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${server.url}${p}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the built client over HTTP', () => {
  it('sends hashed assets brotli- or gzip-compressed and cached as immutable', async () => {
    const br = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['vary']).toContain('Accept-Encoding');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(JS);
    expect(br.body.length).toBeLessThan(JS.length / 3);
    const gz = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(JS);
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(JS);
  });

  it('revalidates the page itself (also for client routes) and answers 304 to a matching ETag', async () => {
    const page = await get('/', { 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(page.body).toString()).toBe(HTML);
    const route = await get('/g/ABCDEF', { 'accept-encoding': 'gzip' });
    expect(route.status).toBe(200);
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(zlib.gunzipSync(route.body).toString()).toBe(HTML);
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': String(page.headers['etag']) });
    expect(again.status).toBe(304);
  });

  it('serves nothing outside the directory', async () => {
    const out = await get('/assets/..%2f..%2fpackage.json');
    expect(out.body.toString()).not.toContain('"name"');
  });

  it('picks brotli first, honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('*')).toBe('br');
  });
});
