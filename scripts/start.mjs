#!/usr/bin/env node
// npm start: build the client into dist/ if it is missing, then start the server (one port:
// rooms + JSON API + client). Configuration by environment: PORT, DATA_DIR, DATABASE_URL.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_ARGS } from './server-node-args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!fs.existsSync(path.join(root, 'dist', 'index.html'))) {
  console.log('dist/ is missing: building the client (npm run build)…');
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) console.warn('The client build failed: the server starts anyway and serves a minimal page.');
}

const server = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', path.join(root, 'server', 'main.ts')], { cwd: root, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
