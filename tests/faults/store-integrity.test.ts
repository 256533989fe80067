/**
 * A store that should hold games but does not: the server refuses to start with a clear message
 * and the way out (never a silent empty server, never a raw SqliteError stack). Cases: a 0-byte
 * file, a truncated file, a garbled file (middle pages, and the header), a SQLite file that is not
 * ours, a marked store whose tables are gone. A store made before the marker boots and is marked.
 * A single game whose log no longer replays is a named, logged recovery: the others are served.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app.js';
import { sqliteFileOf } from '../../server/store/db.js';
import { STORE_REFUSED_EXIT_CODE, StoreRefusedError } from '../../server/store/integrity.js';
import { freePort, killAll, spawnRefused, spawnServer } from '../helpers/server-process.js';
import { bootServer, createGame, startedGame, tempDataDir } from '../server/helpers.js';

afterAll(killAll);

/** A data directory holding 3 games (two running with a resolved quarter, one in the lobby), cleanly closed. */
let source: string;
let gameIds: string[];

beforeAll(async () => {
  const server = await bootServer();
  source = server.dataDir;
  gameIds = [];
  for (let g = 0; g < 2; g += 1) {
    const { host, bob } = await startedGame(server.url, 6);
    host.send('orders:ready', { quarter: 0, ready: true });
    bob.send('orders:ready', { quarter: 0, ready: true });
    await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    host.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 4_321 } });
    await host.waitFor('orders:state', (m) => m.quarter === 1 && m.orders !== null);
    gameIds.push(host.welcome.gameId);
    await host.leave();
    await bob.leave();
  }
  const lobby = await createGame(server.url, { name: 'Cy', company: 'AMZN', game: { quarterCount: 4 } });
  gameIds.push(lobby.welcome.gameId);
  await lobby.leave();
  await server.stop();
}, 60_000);

/** A copy of the source store with a change applied to its file. */
function damagedCopy(change: (file: string) => void): string {
  const dir = tempDataDir();
  fs.copyFileSync(sqliteFileOf(source), sqliteFileOf(dir));
  change(sqliteFileOf(dir));
  return dir;
}

/** Deterministic junk bytes. */
function junk(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i += 1) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    b[i] = x >> 16 & 0xff;
  }
  return b;
}

function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, bytes, 0, bytes.length, at);
  fs.closeSync(fd);
}

const CASES: [string, (file: string) => void, RegExp][] = [
  ['a 0-byte file', (f) => fs.truncateSync(f, 0), /empty \(0 bytes\)/],
  ['a file truncated to 60%', (f) => fs.truncateSync(f, Math.floor(fs.statSync(f).size * 0.6)), /damaged/],
  ['a file garbled in the middle', (f) => {
    const size = fs.statSync(f).size;
    overwrite(f, Math.floor(size / 4), junk(Math.floor(size / 2), 17));
  }, /damaged/],
  ['a garbled header', (f) => overwrite(f, 0, junk(100, 3)), /damaged/],
  ['a SQLite file that is not a Capex Race store', (f) => {
    fs.rmSync(f);
    const db = new Database(f);
    db.exec('create table notes (id integer primary key, body text); insert into notes (body) values (\'hello\')');
    db.close();
  }, /not a Capex Race store/],
  ['a marked store whose quarters table is gone', (f) => {
    const db = new Database(f);
    db.exec('drop table quarters');
    db.close();
  }, /quarters are gone/],
];

describe('a store that should hold games', () => {
  it('the source store holds the games and its marker', () => {
    const db = new Database(sqliteFileOf(source), { readonly: true });
    expect((db.prepare('select count(*) as n from games').get() as { n: number }).n).toBe(3);
    expect((db.prepare("select value from store_meta where key = 'format'").get() as { value: string }).value).toBe('1');
    db.close();
  });

  it.each(CASES)('%s: a clear refusal to start, with the way out', async (_name, change, why) => {
    const dir = damagedCopy(change);
    const before = fs.readFileSync(sqliteFileOf(dir));
    const err = await startServer({ port: 0, dataDir: dir, distDir: path.join(dir, 'no-dist') }).then(
      async (s) => {
        await s.stop();
        return new Error(`started with ${s.recovered.restored.length} game(s) restored`);
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreRefusedError);
    const refused = err as StoreRefusedError;
    expect(refused.problem).toMatch(why);
    expect(refused.problem).toContain(sqliteFileOf(dir));
    expect(refused.wayOut).toMatch(/npm run restore/);
    // The refusal touched nothing: the evidence is kept as it was.
    expect(fs.readFileSync(sqliteFileOf(dir)).equals(before)).toBe(true);
  });

  it('npm start: exit code 3, the message and the way out, no stack trace (0-byte and garbled files)', async () => {
    for (const [, change, why] of [CASES[0]!, CASES[2]!]) {
      const dir = damagedCopy(change);
      const r = await spawnRefused(await freePort(), { DATA_DIR: dir, REDIS_URL: '', DATABASE_URL: '' });
      expect(r.code, r.out).toBe(STORE_REFUSED_EXIT_CODE);
      expect(r.out).toMatch(/Capex Race will not start/);
      expect(r.out).toMatch(why);
      expect(r.out).toMatch(/Way out: restore the last good backup/);
      expect(r.out).not.toMatch(/\n\s+at /);
      expect(r.out).not.toMatch(/SqliteError/);
    }
  }, 60_000);

  it('a store made before the marker existed boots, restores its games and is marked', async () => {
    const dir = damagedCopy((f) => {
      const db = new Database(f);
      db.exec('drop table store_meta');
      db.close();
    });
    const s = await startServer({ port: 0, dataDir: dir, distDir: path.join(dir, 'no-dist') });
    try {
      expect(s.recovered.restored.sort()).toEqual([...gameIds].sort());
    } finally {
      await s.stop();
    }
    const db = new Database(sqliteFileOf(dir), { readonly: true });
    expect(db.prepare("select value from store_meta where key = 'format'").get()).toEqual({ value: '1' });
    db.close();
  });

  it('a game whose stored log no longer replays is named in the log; the other games are served', async () => {
    const broken = gameIds[0]!;
    const dir = damagedCopy((f) => {
      const db = new Database(f);
      db.prepare("update quarters set hash = '0000000000000000' where game_id = ?").run(broken);
      db.close();
    });
    const port = await freePort();
    const p = await spawnServer(port, { DATA_DIR: dir, REDIS_URL: '', DATABASE_URL: '' });
    const out = p.log();
    expect(out).toMatch(new RegExp(`game ${broken} could not be restored .*does not replay at quarter 0`));
    expect(out).toMatch(new RegExp(`2 game\\(s\\) restored, 1 NOT restored: ${broken}`));
    expect(out).not.toMatch(/\n\s+at /);
    const other = await (await fetch(`${p.url}/api/games/${gameIds[1]}`)).json() as { quarter: number; status: string };
    expect(other).toMatchObject({ quarter: 1, status: 'running' });
    await p.kill();
  }, 60_000);
});
