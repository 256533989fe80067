/**
 * Saved-game files: parsing untrusted input, migrating older formats, checking structure and
 * verifying every hash (issue "Saved games and replays": format, import safety). Nothing here
 * throws on bad data: it answers with the first problem found, readable.
 */
import { scenarioHash, getScenario, hasScenario } from '../scenarios/index.js';
import { replayGame, type ReplayFile, type ReplayOutcome, type SeatInfo } from './replay.js';
import { ENGINE_VERSION, REPLAY_FORMAT } from './version.js';
import { expandOrders } from '../replay/compact.js';
import { LEVELS, TICKERS, type Ticker } from './types.js';

/** Largest saved-game file accepted (bytes of JSON text). */
export const MAX_REPLAY_BYTES = 2_000_000;
/** Longest annotation text. */
export const MAX_ANNOTATION_CHARS = 2_000;

/** Why a file was refused: a message key, its params, and the first bad quarter when there is one. */
export interface ReplayProblem {
  key: string;
  params: Record<string, string | number>;
  quarter: number | null;
}

export type ReplayParse = { ok: true; file: ReplayFile; migratedFrom: number | null } | { ok: false; problem: ReplayProblem };

const fail = (key: string, params: Record<string, string | number> = {}, quarter: number | null = null): ReplayParse => ({ ok: false, problem: { key, params, quarter } });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isTicker = (v: unknown): v is Ticker => typeof v === 'string' && (TICKERS as readonly string[]).includes(v);

/**
 * Format 1 (the simulator's first files): header { engineVersion, scenario, seed, quarters, seats: [TICKER…] }.
 * Format 2 adds: format, scenarioId, scenarioHash, quarterCount, seats as { company, name, kind }, shocks,
 * parent, annotations.
 */
function migrate(raw: Record<string, unknown>): { file: Record<string, unknown>; from: number | null } | null {
  const header = raw['header'];
  if (!isRecord(header)) return null;
  const format = header['format'];
  if (format === REPLAY_FORMAT) return { file: raw, from: null };
  if (format === undefined || format === 1) {
    const scenarioId = header['scenarioId'] ?? header['scenario'];
    const seats = Array.isArray(header['seats'])
      ? header['seats'].map((s: unknown) => (isTicker(s) ? { company: s, name: s, kind: 'bot' } : s))
      : header['seats'];
    const sc = typeof scenarioId === 'string' && hasScenario(scenarioId) ? getScenario(scenarioId) : null;
    return {
      file: {
        ...raw,
        header: {
          format: REPLAY_FORMAT,
          engineVersion: header['engineVersion'],
          scenarioId,
          scenarioHash: header['scenarioHash'] ?? (sc ? scenarioHash(sc) : ''),
          seed: header['seed'],
          quarterCount: header['quarterCount'] ?? header['quarters'] ?? sc?.defaultQuarters,
          seats,
          shocks: header['shocks'] ?? [],
        },
      },
      from: 1,
    };
  }
  return null;
}

/** Parses and checks the structure of a saved game (text or already-parsed JSON); migrates older formats. */
export function parseReplayFile(input: unknown): ReplayParse {
  let raw: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_REPLAY_BYTES) return fail('replay.tooLarge', { bytes: input.length, max: MAX_REPLAY_BYTES });
    try {
      raw = JSON.parse(input);
    } catch {
      return fail('replay.notJson');
    }
  }
  if (!isRecord(raw)) return fail('replay.notObject');
  const header0 = raw['header'];
  if (isRecord(header0) && typeof header0['format'] === 'number' && header0['format'] > REPLAY_FORMAT) {
    return fail('replay.newerFormat', { format: header0['format'], supported: REPLAY_FORMAT });
  }
  const migrated = migrate(raw);
  if (!migrated) return fail('replay.noHeader');
  const file = { ...migrated.file };
  const h = file['header'] as Record<string, unknown>;
  if (typeof h['engineVersion'] !== 'number') return fail('replay.field', { field: 'header.engineVersion' });
  if (typeof h['scenarioId'] !== 'string' || !hasScenario(h['scenarioId'])) return fail('replay.unknownScenario', { scenario: String(h['scenarioId']) });
  if (typeof h['scenarioHash'] !== 'string') return fail('replay.field', { field: 'header.scenarioHash' });
  if (typeof h['seed'] !== 'string' || h['seed'].length === 0 || h['seed'].length > 64) return fail('replay.field', { field: 'header.seed' });
  if (typeof h['quarterCount'] !== 'number' || !Number.isSafeInteger(h['quarterCount'])) return fail('replay.field', { field: 'header.quarterCount' });
  // The table's level (engine 10): absent in older files, which were all scored at hard.
  if (h['parLevel'] !== undefined && !(LEVELS as readonly unknown[]).includes(h['parLevel'])) return fail('replay.field', { field: 'header.parLevel' });
  const seats = h['seats'];
  if (!Array.isArray(seats) || seats.length === 0 || seats.length > TICKERS.length) return fail('replay.field', { field: 'header.seats' });
  const seen = new Set<string>();
  for (const s of seats as unknown[]) {
    if (!isRecord(s) || !isTicker(s['company']) || seen.has(s['company'])) return fail('replay.field', { field: 'header.seats' });
    if (typeof s['name'] !== 'string' || s['name'].length > 40 || (s['kind'] !== 'human' && s['kind'] !== 'bot')) return fail('replay.field', { field: 'header.seats' });
    seen.add(s['company']);
  }
  const quarters = file['quarters'];
  if (!Array.isArray(quarters)) return fail('replay.field', { field: 'quarters' });
  if (quarters.length > (h['quarterCount'] as number)) return fail('replay.tooManyQuarters', { count: quarters.length, max: h['quarterCount'] as number });
  for (let i = 0; i < quarters.length; i += 1) {
    const q: unknown = quarters[i];
    if (!isRecord(q) || q['quarter'] !== i) return fail('replay.quarterOrder', { expected: i }, i);
    if (typeof q['hash'] !== 'string' || !/^[0-9a-f]{16}$/.test(q['hash'])) return fail('replay.field', { field: `quarters[${i}].hash` }, i);
    if (!isRecord(q['orders'])) return fail('replay.field', { field: `quarters[${i}].orders` }, i);
    for (const k of Object.keys(q['orders'])) if (!seen.has(k)) return fail('replay.field', { field: `quarters[${i}].orders.${k}` }, i);
  }
  // Compact orders (encoding "compact": fields equal to a fixed template left out) are filled back in.
  if (file['encoding'] === 'compact') {
    file['quarters'] = (quarters as Record<string, unknown>[]).map((q) => ({
      ...q, orders: Object.fromEntries(Object.entries(q['orders'] as Record<string, unknown>).map(([k, o]) => [k, expandOrders(o)])),
    }));
    delete file['encoding'];
  } else if (file['encoding'] !== undefined) return fail('replay.field', { field: 'encoding' });
  const notes = file['annotations'];
  if (notes !== undefined) {
    if (!Array.isArray(notes) || notes.length > 500) return fail('replay.field', { field: 'annotations' });
    for (const n of notes as unknown[]) {
      if (!isRecord(n) || typeof n['quarter'] !== 'number' || typeof n['text'] !== 'string' || typeof n['author'] !== 'string' || n['text'].length > MAX_ANNOTATION_CHARS) {
        return fail('replay.field', { field: 'annotations' });
      }
    }
  }
  return { ok: true, file: file as unknown as ReplayFile, migratedFrom: migrated.from };
}

/** The result of importing a file: parsed, migrated and fully verified, or the first problem. */
export type ReplayImport = { ok: true; file: ReplayFile; outcome: Extract<ReplayOutcome, { ok: true }>; migratedFrom: number | null } | { ok: false; problem: ReplayProblem };

/**
 * A game saved under other rules cannot replay to the same hashes: refused by name, before
 * replaying. Every verifier (import, the browser viewer, `npm run sim -- --verify`) asks this first.
 */
export function otherEngine(file: ReplayFile): ReplayProblem | null {
  const version = file.header.engineVersion;
  return version === ENGINE_VERSION ? null : { key: 'replay.otherEngine', params: { version, current: ENGINE_VERSION }, quarter: 0 };
}

/** Parses, migrates and verifies every quarter's hash (import safety). */
export function importReplay(input: unknown, keepStates = false): ReplayImport {
  const parsed = parseReplayFile(input);
  if (!parsed.ok) return parsed;
  const other = otherEngine(parsed.file);
  if (other) return { ok: false, problem: other };
  const outcome = replayGame(parsed.file, keepStates);
  if (!outcome.ok) {
    const params: Record<string, string | number> = { quarter: outcome.quarter + 1, reason: outcome.reason };
    return { ok: false, problem: { key: 'replay.diverged', params, quarter: outcome.quarter } };
  }
  return { ok: true, file: parsed.file, outcome, migratedFrom: parsed.migratedFrom };
}

/** Seat infos for a header from tickers (for tools that only know the companies). */
export function botSeats(tickers: readonly Ticker[]): SeatInfo[] {
  return tickers.map((t) => ({ company: t, name: t, kind: 'bot' }));
}
