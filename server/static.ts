/**
 * The built client (dist/), compressed and cached (issue 14, defect 8): brotli or gzip as the
 * browser accepts (the build's precompressed .br/.gz files, else compressed once here and kept in
 * memory), hashed files under /assets/ cached for a year as immutable, everything else revalidated
 * (ETag, no-cache). Only files inside the directory are served.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type express from 'express';

/** Cache-Control of hashed build output (its name changes whenever its content does). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of everything else: always revalidate (ETag). */
export const REVALIDATE = 'no-cache';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map', '.wasm', '.ico']);
/** Files smaller than this go out as they are. */
const MIN_COMPRESS_BYTES = 1024;

type Encoding = 'br' | 'gzip' | 'identity';

interface Entry {
  mtimeMs: number;
  size: number;
  etag: string;
  type: string;
  bodies: Partial<Record<Encoding, Buffer>>;
}

/** The encoding to send for an Accept-Encoding header (brotli first). */
export function pickEncoding(accept: string | undefined): Encoding {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((x) => x !== undefined);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (e: string): boolean => (offered.get(e) ?? offered.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
}

/** Serves `distDir`; calls next() for anything that is not a file in it. */
export function staticClient(distDir: string): express.RequestHandler {
  const root = path.resolve(distDir);
  const cache = new Map<string, Entry>();

  const entryOf = (file: string): Entry | null => {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const known = cache.get(file);
    if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known;
    const e: Entry = {
      mtimeMs: st.mtimeMs, size: st.size, etag: `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`,
      type: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', bodies: {},
    };
    cache.set(file, e);
    return e;
  };

  const body = (file: string, e: Entry, enc: Encoding): Buffer => {
    const have = e.bodies[enc];
    if (have) return have;
    const raw = e.bodies.identity ?? fs.readFileSync(file);
    e.bodies.identity = raw;
    if (enc === 'identity') return raw;
    const pre = `${file}.${enc === 'br' ? 'br' : 'gz'}`;
    let out: Buffer;
    try {
      if (fs.statSync(pre).mtimeMs >= e.mtimeMs) out = fs.readFileSync(pre);
      else throw new Error('stale');
    } catch {
      out = enc === 'br'
        ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : zlib.gzipSync(raw, { level: 9 });
    }
    e.bodies[enc] = out;
    return out;
  };

  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (rel.includes('\0')) return next();
    const file = path.resolve(root, `.${rel.endsWith('/') ? `${rel}index.html` : rel}`);
    if (file !== root && !file.startsWith(`${root}${path.sep}`)) return next();
    const e = entryOf(file);
    if (!e) return next();
    const ext = path.extname(file).toLowerCase();
    const enc = COMPRESSIBLE.has(ext) && e.size >= MIN_COMPRESS_BYTES ? pickEncoding(req.get('accept-encoding')) : 'identity';
    const hashed = rel.startsWith('/assets/');
    const etag = enc === 'identity' ? e.etag : `${e.etag.slice(0, -1)}-${enc}"`;
    res.setHeader('Cache-Control', hashed ? IMMUTABLE : REVALIDATE);
    res.setHeader('ETag', etag);
    res.setHeader('Content-Type', e.type);
    if (COMPRESSIBLE.has(ext)) res.setHeader('Vary', 'Accept-Encoding');
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    const out = body(file, e, enc);
    if (enc !== 'identity') res.setHeader('Content-Encoding', enc);
    res.setHeader('Content-Length', String(out.length));
    if (req.method === 'HEAD') res.end();
    else res.end(out);
  };
}
