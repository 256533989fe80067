#!/usr/bin/env node
// npm start: build the client into dist/ if it is missing (once, even when several processes start
// together; never with SKIP_BUILD=1: scripts/build-once.mjs), then start the server (one port:
// rooms + JSON API + client). Configuration by environment: PORT, DATA_DIR, DATABASE_URL, … (server/main.ts).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureClientBuilt } from './build-once.mjs';
import { SERVER_NODE_ARGS } from './server-node-args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const built = ensureClientBuilt({ root, build: () => spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' }).status });
if (built === 'failed') console.warn('The client build failed: the server starts anyway and serves a minimal page.');

const server = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', path.join(root, 'server', 'main.ts')], { cwd: root, stdio: 'inherit', env: process.env });
// The server shuts down gracefully on SIGTERM/SIGINT (a terminal's Ctrl-C reaches both processes).
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
