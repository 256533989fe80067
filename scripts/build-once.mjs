// The client build of `npm start`, done at most once: never when dist/ is there, never when told
// not to (SKIP_BUILD=1: production, where `npm run build` ran once before the processes start), and
// when several processes start at once on a machine without dist/, only one builds (a lock file,
// dist.build.lock, holding its pid) while the others wait for it.
import fs from 'node:fs';
import path from 'node:path';

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};

/**
 * Makes sure `root/dist/index.html` exists. `build()` runs the build and returns its exit status.
 * Returns what happened: 'present' | 'skipped' | 'built' | 'waited' | 'failed'.
 */
export function ensureClientBuilt({ root, env = process.env, build, log = console.log, waitMs = 600_000 }) {
  const index = path.join(root, 'dist', 'index.html');
  if (fs.existsSync(index)) return 'present';
  if (env.SKIP_BUILD === '1' || env.SKIP_BUILD === 'true') {
    log('dist/ is missing and SKIP_BUILD is set: not building (run `npm run build` once); the server serves a minimal page.');
    return 'skipped';
  }
  const lock = path.join(root, 'dist.build.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    let fd;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let text;
      try {
        text = fs.readFileSync(lock, 'utf8');
      } catch (r) {
        if (r.code === 'ENOENT') continue; // the holder finished between our open and this read: try again
        throw r;
      }
      const holder = Number(text.trim() || 0);
      if (holder && !alive(holder)) {
        fs.rmSync(lock, { force: true }); // a builder died: take over
        continue;
      }
      if (Date.now() > deadline) return 'failed';
      sleep(200);
      if (fs.existsSync(index) && !fs.existsSync(lock)) return 'waited';
      continue;
    }
    try {
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      if (fs.existsSync(index)) return 'waited'; // built while we were getting the lock
      log('dist/ is missing: building the client once (npm run build)…');
      return build() === 0 ? 'built' : 'failed';
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}
