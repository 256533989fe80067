/**
 * A deployment as the README's "Running at scale" makes it, from the files in deploy/: Debian's
 * nginx with deploy/nginx/capex-race.conf (or -tls.conf), and game processes started by the
 * ExecStart of deploy/systemd/capex-race@.service with deploy/capex-race.env. What a test changes,
 * and only that: the ports (nginx's listen port, the process ports 2567/2568 → free ports, also in
 * the `/p<port>/` locations), the certificate paths (a self-signed one), the IPv6 listen lines
 * (the test machine may have no IPv6), and the env values that point at the test's own database
 * schema, Redis key prefix and short leases. nginx runs in the foreground under a private prefix.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, spawnListening, type Proc } from './server-process.js';

const root = path.resolve(import.meta.dirname, '../..');
export const NGINX = '/usr/sbin/nginx';

/** Throws a readable error when Debian's nginx is missing (never a skip). */
export function requireNginx(): void {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx is not installed (${NGINX}): \`apt-get install -y nginx\` (.ci/run does)`);
}

/** The variables of an env file (KEY=value lines; # comments). */
export function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.trim();
  }
  return out;
}

/** The [Service] lines of the unit: its Environment= values and ExecStart, for instance `port`. */
export function unitCommand(port: number, env: Record<string, string>): { argv: string[]; env: Record<string, string> } {
  const unit = fs.readFileSync(path.join(root, 'deploy/systemd/capex-race@.service'), 'utf8').replaceAll('%i', String(port));
  const vars = { ...env };
  for (const m of unit.matchAll(/^Environment=([A-Z_][A-Z0-9_]*)=(.*)$/gm)) vars[m[1]!] = m[2]!.trim();
  const exec = /^ExecStart=(.*)$/m.exec(unit)?.[1];
  if (!exec) throw new Error('deploy/systemd/capex-race@.service has no ExecStart');
  // systemd's ${VAR} expansion, from the unit's environment.
  const expanded = exec.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, k: string) => vars[k] ?? '');
  return { argv: expanded.split(/\s+/).filter(Boolean), env: vars };
}

/** How a test deploys. */
export interface DeployOptions {
  tls?: boolean;
  /** Overrides of deploy/capex-race.env (DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, REDIS_KEY_PREFIX, LEASE_*). */
  env: Record<string, string>;
}

export interface Deployment {
  /** http(s)://127.0.0.1:<nginx port> */
  url: string;
  /** http://127.0.0.1:<port of nginx's `listen 80`> (the TLS variant redirects it). */
  httpUrl: string;
  host: string;
  ports: [number, number];
  procs: Map<number, Proc>;
  /** Starts (or restarts) the process of a port as systemd would. */
  start(port: number): Promise<Proc>;
  nginxLog(): string;
  /** Stops nginx and every process (SIGKILL). */
  close(): Promise<void>;
}

/** Starts nginx (from deploy/nginx) and two processes (from deploy/systemd) behind it. */
export async function deploy(o: DeployOptions): Promise<Deployment> {
  requireNginx();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capex-deploy-'));
  fs.chmodSync(dir, 0o755); // nginx's workers (nobody) read under it
  const [listen, tlsListen, p1, p2] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const ports: [number, number] = [p1, p2];
  let site = fs.readFileSync(path.join(root, `deploy/nginx/${o.tls ? 'capex-race-tls.conf' : 'capex-race.conf'}`), 'utf8');
  site = site.replace(/^\s*listen \[::\]:\d+.*$/gm, '')
    .replace(/listen 80;/g, `listen 127.0.0.1:${listen};`)
    .replace(/listen 443 ssl( http2)?;/g, `listen 127.0.0.1:${tlsListen} ssl$1;`)
    .replaceAll('2567', String(p1)).replaceAll('2568', String(p2));
  if (o.tls) {
    const [crt, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', key, '-out', crt], { stdio: 'ignore' });
    site = site.replace(/ssl_certificate \S+;/, `ssl_certificate ${crt};`).replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${key};`);
  }
  fs.writeFileSync(path.join(dir, 'capex-race.conf'), site);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), [
    'worker_processes 1;', `pid ${dir}/nginx.pid;`, `error_log ${dir}/error.log warn;`, 'events { worker_connections 512; }',
    'http {', `  access_log ${dir}/access.log;`, '  include /etc/nginx/mime.types;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
    `  include ${dir}/capex-race.conf;`, '}', '',
  ].join('\n'));
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' });
  const nginx: ChildProcess = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  const host = `127.0.0.1:${o.tls ? tlsListen : listen}`;
  const url = `${o.tls ? 'https' : 'http'}://${host}`;
  const baseEnv = { ...readEnvFile(path.join(root, 'deploy/capex-race.env')), PUBLIC_HOST: host, WARM_UP_GAMES: '0', ...o.env };
  const procs = new Map<number, Proc>();
  const start = async (port: number): Promise<Proc> => {
    const { argv, env } = unitCommand(port, baseEnv);
    const p = await spawnListening(argv[0]!, argv.slice(1), port, env);
    procs.set(port, p);
    return p;
  };
  const close = async (): Promise<void> => {
    for (const p of procs.values()) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill();
    if (nginx.exitCode === null && nginx.signalCode === null) {
      nginx.kill('SIGQUIT');
      await new Promise((r) => { nginx.once('exit', r); setTimeout(r, 3000); });
      if (nginx.exitCode === null && nginx.signalCode === null) nginx.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(ports.map((p) => start(p)));
  } catch (e) {
    await close();
    throw e;
  }
  return { url, httpUrl: `http://127.0.0.1:${listen}`, host, ports, procs, start, close, nginxLog: () => { try { return fs.readFileSync(path.join(dir, 'error.log'), 'utf8'); } catch { return ''; } } };
}
