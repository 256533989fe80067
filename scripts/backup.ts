/**
 * `npm run backup [-- --out DIR]`: an online backup of the SQLite store in DATA_DIR (./data) into
 * DIR (default DATA_DIR/backups), checked after it is written. Safe while the server runs.
 * `npm run restore -- FILE`: puts a checked backup in place of DATA_DIR's store; the server must be
 * stopped (refused while something answers on PORT, default 2567); the current store is kept aside.
 * With DATABASE_URL (PostgreSQL) both print the pg_dump / pg_restore commands instead.
 * Exit codes: 0 done, 1 usage or I/O error, 3 a store or backup that fails the integrity checks.
 */
import path from 'node:path';
import { backupStore, restoreStore, type StoreSummary } from '../server/store/backup.js';
import { STORE_REFUSED_EXIT_CODE, StoreRefusedError } from '../server/store/integrity.js';

const args = process.argv.slice(2);
const mode = args[0] === 'restore' ? 'restore' : 'backup';
const rest = mode === 'restore' ? args.slice(1) : args;
const dataDir = process.env['DATA_DIR'] || './data';
const port = Number(process.env['PORT'] || 2567);

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
const described = (s: StoreSummary): string =>
  `${s.games} game(s) (${s.unfinished} unfinished), ${s.quarters} resolved quarter(s), ${mb(s.bytes)}${s.storeId ? `, store ${s.storeId}` : ''}; PRAGMA quick_check ok`;

function postgresGuidance(): void {
  const schema = process.env['DATABASE_SCHEMA'];
  const only = schema ? ` --schema=${schema}` : '';
  console.log([
    'DATABASE_URL is set: the store is PostgreSQL. Back it up and restore it with PostgreSQL\'s own tools:',
    `  pg_dump --format=custom${only} --file=capex-race-$(date -u +%Y-%m-%dT%H-%M-%SZ).dump "$DATABASE_URL"`,
    `  pg_restore --clean --if-exists --no-owner${only} --dbname="$DATABASE_URL" <file>.dump   (servers stopped)`,
    'pg_dump takes a consistent snapshot while the servers run. See docs/operations.md.',
  ].join('\n'));
}

async function serverAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  if (process.env['DATABASE_URL']) {
    postgresGuidance();
    return 0;
  }
  if (mode === 'backup') {
    const i = rest.indexOf('--out');
    const outDir = i >= 0 && rest[i + 1] ? rest[i + 1]! : path.join(dataDir, 'backups');
    const s = await backupStore(dataDir, outDir);
    console.log(`Backup written: ${s.file}\n  ${described(s)}\nRestore it with (server stopped): npm run restore -- ${s.file}`);
    return 0;
  }
  const file = rest.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('Usage: npm run restore -- <backup file>   (DATA_DIR selects the store to replace; stop the server first)');
    return 1;
  }
  if (await serverAnswers()) {
    console.error(`A server answers on port ${port}: stop it first (a running server keeps writing to the store being replaced).`);
    return 1;
  }
  const r = restoreStore(dataDir, file);
  console.log(`Restored ${file} into ${dataDir}\n  ${described(r.restored)}`);
  console.log(r.keptAs ? `The store it replaced is kept as ${r.keptAs}` : 'There was no store before.');
  console.log('Start the server: npm start');
  return 0;
}

main().then((code) => {
  process.exitCode = code;
}, (e: unknown) => {
  if (e instanceof StoreRefusedError) console.error(`${mode === 'backup' ? 'No backup written' : 'Nothing restored'}.\n${e.problem}\n${e.wayOut}`);
  else console.error(`${mode} failed: ${(e as Error).message}`);
  process.exitCode = e instanceof StoreRefusedError ? STORE_REFUSED_EXIT_CODE : 1;
});
