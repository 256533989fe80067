/**
 * `--verify FILE`: checks a saved game the way the server's import and the browser viewer do — the
 * same parse (older formats migrated, compact orders filled back in), the same engine-version
 * check and the same replay fold over every quarter's hash — so one file gets one verdict
 * everywhere. Exit 0 when all match, 1 when the file is refused (another engine, a diverging
 * quarter, named), 2 for an unreadable or malformed file.
 */
import { otherEngine, parseReplayFile, replayGame, t } from '../../shared/index.js';
import { UsageError } from './args.js';
import { readJson } from './files.js';

/** The outcome printed by `--verify`. */
export interface VerifyReport {
  ok: boolean;
  file: string;
  quarters: number;
  finalHash?: string;
  /** Every quarter's state hash, in order (ok: the whole chain; failed: up to the last good quarter). */
  hashes?: string[];
  /** The refusal's message key when the file is refused before replaying (e.g. replay.otherEngine). */
  problem?: string;
  divergedAt?: number;
  reason?: string;
  expected?: string;
  actual?: string;
}

/** Verifies a saved game file. Throws UsageError for unreadable or malformed files. */
export function verifyFile(path: string): VerifyReport {
  const parsed = parseReplayFile(readJson(path));
  if (!parsed.ok) throw new UsageError(`${path} is not a saved game: ${t('en', parsed.problem.key, parsed.problem.params)}`);
  const file = parsed.file;
  const other = otherEngine(file);
  if (other) return { ok: false, file: path, quarters: file.quarters.length, problem: other.key, divergedAt: 0, reason: t('en', other.key, other.params) };
  const out = replayGame(file);
  if (out.ok) return { ok: true, file: path, quarters: file.quarters.length, finalHash: out.hashes[out.hashes.length - 1] ?? '', hashes: out.hashes };
  const report: VerifyReport = {
    ok: false, file: path, quarters: file.quarters.length, problem: 'replay.diverged', divergedAt: out.quarter, reason: out.reason,
    hashes: file.quarters.slice(0, out.quarter).map((q) => q.hash),
  };
  if (out.expected !== undefined) report.expected = out.expected;
  if (out.actual !== undefined) report.actual = out.actual;
  return report;
}

/** A one-line human message for a verify report. */
export function verifyMessage(r: VerifyReport): string {
  if (r.ok) return `ok: ${r.file} — ${r.quarters} quarters replayed, every hash matches (final ${r.finalHash})`;
  if (r.problem && r.problem !== 'replay.diverged') return `REFUSED: ${r.file}: ${r.reason}`;
  const hashes = r.expected !== undefined ? ` (expected ${r.expected}, got ${r.actual ?? '?'})` : '';
  return `FAILED: ${r.file} diverges at quarter ${r.divergedAt}: ${r.reason}${hashes}`;
}
