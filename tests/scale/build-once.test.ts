/**
 * `npm start`'s client build (scripts/build-once.mjs): never when dist/ exists, never with
 * SKIP_BUILD=1, and once when two processes start together on a machine without dist/.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from '../../scripts/build-once.mjs';

const roots: string[] = [];
const tempRoot = (): string => {
  const r = fs.mkdtempSync(path.join(os.tmpdir(), 'capex-build-once-'));
  roots.push(r);
  return r;
};
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

const moduleUrl = new URL('../../scripts/build-once.mjs', import.meta.url).href;
/** A process running ensureClientBuilt with a slow fake build that counts its runs. */
function starter(root: string): Promise<string> {
  const code = `
    import fs from 'node:fs';
    import { ensureClientBuilt } from ${JSON.stringify(moduleUrl)};
    const root = ${JSON.stringify(root)};
    const r = ensureClientBuilt({ root, log: () => {}, build: () => {
      fs.appendFileSync(root + '/builds', 'x');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 800);
      fs.mkdirSync(root + '/dist', { recursive: true });
      fs.writeFileSync(root + '/dist/index.html', '<html></html>');
      return 0;
    } });
    process.stdout.write(r);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (c) => (c === 0 ? resolve(out) : reject(new Error(`starter exited ${c}`))));
  });
}

describe('npm start builds the client at most once', () => {
  it('two starts at once without dist/: one builds, the other waits for it', async () => {
    const root = tempRoot();
    const results = await Promise.all([starter(root), starter(root)]);
    expect(results.sort()).toEqual(['built', 'waited']);
    expect(fs.readFileSync(path.join(root, 'builds'), 'utf8')).toBe('x');
    expect(fs.existsSync(path.join(root, 'dist.build.lock'))).toBe(false);
  }, 30_000);

  it('never writes dist/ when it exists or when told not to (SKIP_BUILD=1)', () => {
    let builds = 0;
    const build = (): number => ((builds += 1), 0);
    const told = tempRoot();
    expect(ensureClientBuilt({ root: told, env: { SKIP_BUILD: '1' }, build, log: () => undefined })).toBe('skipped');
    expect(fs.existsSync(path.join(told, 'dist'))).toBe(false);
    const present = tempRoot();
    fs.mkdirSync(path.join(present, 'dist'));
    fs.writeFileSync(path.join(present, 'dist', 'index.html'), '');
    expect(ensureClientBuilt({ root: present, env: {}, build, log: () => undefined })).toBe('present');
    expect(builds).toBe(0);
  });
});
