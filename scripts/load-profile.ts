/**
 * `node --import tsx scripts/load-profile.ts DIR [--top N] [--incl NAME,NAME…]` — reads the game
 * server's CPU profile written by `LOAD_PROF=DIR npm run loadtest` and sums its samples over the play
 * window only (the loader writes the window next to the profile: play-window-PID.json), by part
 * (zlib, msgpack, SQLite, engine, room code, …) and by function (self time). `--incl` also prints
 * the inclusive time of functions by name (everything they called). A sampling profile of the
 * JavaScript thread: V8's collector and compiler threads are not in it (see /proc in the load test).
 */
import fs from 'node:fs';
import path from 'node:path';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const args = process.argv.slice(2);
const dir = args[0];
if (!dir) throw new Error('usage: load-profile.ts DIR [--top N] [--incl NAME,NAME]');
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const TOP = Number(opt('top') ?? 40);
const INCL = (opt('incl') ?? '').split(',').filter(Boolean);

for (const w of fs.readdirSync(dir).filter((f) => f.startsWith('play-window-'))) {
  const win = JSON.parse(fs.readFileSync(path.join(dir, w), 'utf8')) as { pid: number; startUs: number; endUs: number };
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && f.split('.')[3] === String(win.pid) && f.split('.')[4] === '0');
  if (!file) continue;
  const prof = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const part = (n: Node): string => {
    const { functionName: f, url } = n.callFrame;
    if (f === '(idle)') return 'idle';
    if (f === '(garbage collector)') return 'GC (this thread)';
    if (f === '(program)') return 'program (V8, native)';
    if (url.includes('msgpackr')) return 'msgpackr';
    if (url.includes('better-sqlite3')) return 'better-sqlite3';
    if (url.includes('kysely')) return 'kysely';
    if (url.includes('/zod/')) return 'zod';
    if (url.includes('node_modules/ws/')) return 'ws';
    if (url.includes('@colyseus')) return 'colyseus';
    if (url.includes('/shared/')) return `shared: ${path.basename(url)}`;
    if (url.includes('/server/')) return `server: ${path.basename(url)}`;
    if (url.includes('/scripts/')) return `scripts: ${path.basename(url)}`;
    if (url.startsWith('node:zlib') || f === 'processCallback' || f === 'writeSync' && url.includes('zlib')) return 'zlib';
    if (url.startsWith('node:')) return `node: ${url.slice(5)}`;
    if (url === '') return `native: ${f}`;
    return `other: ${url}`;
  };

  const self = new Map<number, number>();
  let t = prof.startTime;
  let total = 0;
  for (let i = 0; i < prof.samples.length; i += 1) {
    t += prof.timeDeltas[i]!;
    if (t < win.startUs || t > win.endUs) continue;
    const dt = prof.timeDeltas[i + 1] ?? 0;
    self.set(prof.samples[i]!, (self.get(prof.samples[i]!) ?? 0) + dt);
    total += dt;
  }
  const ms = (us: number): string => (us / 1000).toFixed(0).padStart(6);
  const share = (us: number): string => `${((us * 100) / total).toFixed(1).padStart(5)}%`;
  console.log(`${file}: play window ${((win.endUs - win.startUs) / 1e6).toFixed(1)} s, ${(total / 1e6).toFixed(2)} s of samples`);

  const sum = (key: (n: Node) => string): [string, number][] => {
    const m = new Map<string, number>();
    for (const [id, us] of self) {
      const k = key(byId.get(id)!);
      m.set(k, (m.get(k) ?? 0) + us);
    }
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  console.log('\nby part (self time):');
  for (const [k, us] of sum(part)) if (us >= total / 1000) console.log(`${ms(us)} ms ${share(us)}  ${k}`);
  console.log(`\ntop ${TOP} functions (self time):`);
  for (const [k, us] of sum((n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/.*\/(node_modules|server|shared|scripts)\//, '$1/')}:${n.callFrame.lineNumber + 1}`).slice(0, TOP)) console.log(`${ms(us)} ms ${share(us)}  ${k}`);

  if (INCL.length > 0) {
    console.log('\ninclusive time (a function and everything it called; recursion counted once):');
    for (const name of INCL) {
      let us = 0;
      for (const [id, s] of self) {
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
          if (byId.get(cur)!.callFrame.functionName === name) {
            us += s;
            break;
          }
        }
      }
      console.log(`${ms(us)} ms ${share(us)}  ${name}`);
    }
  }
}
