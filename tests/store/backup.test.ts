/**
 * npm run backup / restore (SQLite): an online backup while the server plays keeps every accepted
 * order; after the store is lost (0 bytes), restoring the backup brings the games back with the
 * same hashes and pending orders, the lost store kept aside. Damaged stores and backups are
 * refused; restore refuses while a server answers on the port.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app.js';
import { backupStore, inspectStore, restoreStore } from '../../server/store/backup.js';
import { sqliteFileOf } from '../../server/store/db.js';
import { STORE_REFUSED_EXIT_CODE, StoreRefusedError } from '../../server/store/integrity.js';
import { bootServer, startedGame, tempDataDir } from '../server/helpers.js';

const root = path.resolve(import.meta.dirname, '../..');
const running: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of running) await s.stop().catch(() => undefined);
});

/** Runs the command line (asynchronously: a server in this process must keep answering meanwhile). */
function npm(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/backup.ts'), ...(script === 'restore' ? ['restore'] : []), ...args], {
    cwd: root, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('backup and restore', () => {
  it('backs up a live store, survives losing it, restores every game and pending order', async () => {
    const server = await bootServer();
    running.push(server);
    const { host, bob, gameId } = await startedGame(server.url);
    host.send('orders:ready', { quarter: 0, ready: true });
    bob.send('orders:ready', { quarter: 0, ready: true });
    const q0 = await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    host.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 2_468 } });
    await host.waitFor('orders:state', (m) => m.quarter === 1 && m.orders !== null);

    // While the server runs (the command line, as an operator runs it).
    const outDir = path.join(server.dataDir, 'backups');
    const cli = await npm('backup', ['--out', outDir], { DATA_DIR: server.dataDir });
    expect(cli.code, cli.out).toBe(0);
    expect(cli.out).toMatch(/Backup written: .*capex-race-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sqlite/);
    expect(cli.out).toMatch(/1 game\(s\) \(1 unfinished\), 1 resolved quarter\(s\).*quick_check ok/);
    const file = path.join(outDir, fs.readdirSync(outDir)[0]!);

    await host.leave();
    await bob.leave();
    await server.stop();
    // The store is lost: the server refuses to start; the backup brings it back.
    fs.truncateSync(sqliteFileOf(server.dataDir), 0);
    await expect(startServer({ port: 0, dataDir: server.dataDir, distDir: path.join(server.dataDir, 'no-dist') })).rejects.toBeInstanceOf(StoreRefusedError);
    const r = await npm('restore', [file], { DATA_DIR: server.dataDir, PORT: '1' });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/kept as .*capex-race\.sqlite\.before-restore-/);
    const kept = fs.readdirSync(server.dataDir).filter((f) => f.includes('before-restore'));
    expect(kept.some((f) => fs.statSync(path.join(server.dataDir, f)).size === 0)).toBe(true);

    const again = await startServer({ port: 0, dataDir: server.dataDir, distDir: path.join(server.dataDir, 'no-dist') });
    running.push(again);
    expect(again.recovered.restored).toEqual([gameId]);
    const ctl = again.context.live.get(gameId)!;
    expect(ctl.summary()).toMatchObject({ quarter: 1, hash: q0.hash });
    expect(ctl.pendingOf('AMZN')?.orders?.guidanceCapexUsdM).toBe(2_468);
    await again.stop();
  }, 90_000);

  it('refuses to back up a damaged store, to restore a damaged backup, and to restore under a running server', async () => {
    const dir = tempDataDir();
    const s = await startServer({ port: 0, dataDir: dir, distDir: path.join(dir, 'no-dist') });
    running.push(s);
    const good = await backupStore(dir, path.join(dir, 'b'));
    expect(inspectStore(good.file).games).toBe(0);
    // A server answers on the port: restore refuses and changes nothing.
    const before = fs.readFileSync(sqliteFileOf(dir));
    const busy = await npm('restore', [good.file], { DATA_DIR: dir, PORT: String(s.port) });
    expect(busy.code).toBe(1);
    expect(busy.out).toMatch(/A server answers on port \d+: stop it first/);
    expect(fs.readFileSync(sqliteFileOf(dir)).equals(before)).toBe(true);
    await s.stop();
    const stopped = fs.readFileSync(sqliteFileOf(dir));

    const garbled = path.join(dir, 'garbled.sqlite');
    fs.copyFileSync(good.file, garbled);
    const fd = fs.openSync(garbled, 'r+');
    fs.writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    fs.closeSync(fd);
    expect(() => restoreStore(dir, garbled)).toThrow(StoreRefusedError);
    const cli = await npm('restore', [garbled], { DATA_DIR: dir, PORT: '1' });
    expect(cli.code).toBe(STORE_REFUSED_EXIT_CODE);
    expect(cli.out).toMatch(/Nothing restored\.\n.*damaged/);
    expect(fs.readFileSync(sqliteFileOf(dir)).equals(stopped)).toBe(true);

    fs.truncateSync(sqliteFileOf(dir), 0);
    await expect(backupStore(dir, path.join(dir, 'b2'))).rejects.toThrow(/empty \(0 bytes\)/);
    expect(fs.existsSync(path.join(dir, 'b2'))).toBe(false);
  }, 90_000);

  it('with DATABASE_URL it prints the pg_dump / pg_restore commands', async () => {
    const r = await npm('backup', [], { DATABASE_URL: 'postgres://example/db', DATABASE_SCHEMA: 'capex' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/pg_dump --format=custom --schema=capex/);
    expect(r.out).toMatch(/pg_restore --clean --if-exists --no-owner --schema=capex/);
  });
});
