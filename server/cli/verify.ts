/**
 * `--verify FILE`: re-runs a saved game with the engine's replay fold and checks every quarter's
 * hash. Exit 0 when all match, 1 naming the first diverging quarter, 2 for an unreadable file.
 */
import { replayGame } from '../../shared/index.js';
import { asReplayFile, readJson } from './files.js';

/** The outcome printed by `--verify`. */
export interface VerifyReport {
  ok: boolean;
  file: string;
  quarters: number;
  finalHash?: string;
  divergedAt?: number;
  reason?: string;
  expected?: string;
  actual?: string;
}

/** Verifies a saved game file. Throws UsageError for unreadable or malformed files. */
export function verifyFile(path: string): VerifyReport {
  const file = asReplayFile(path, readJson(path));
  const out = replayGame(file);
  if (out.ok) return { ok: true, file: path, quarters: file.quarters.length, finalHash: out.hashes[out.hashes.length - 1] ?? '' };
  const report: VerifyReport = { ok: false, file: path, quarters: file.quarters.length, divergedAt: out.quarter, reason: out.reason };
  if (out.expected !== undefined) report.expected = out.expected;
  if (out.actual !== undefined) report.actual = out.actual;
  return report;
}

/** A one-line human message for a verify report. */
export function verifyMessage(r: VerifyReport): string {
  if (r.ok) return `ok: ${r.file} — ${r.quarters} quarters replayed, every hash matches (final ${r.finalHash})`;
  const hashes = r.expected !== undefined ? ` (expected ${r.expected}, got ${r.actual ?? '?'})` : '';
  return `FAILED: ${r.file} diverges at quarter ${r.divergedAt}: ${r.reason}${hashes}`;
}
