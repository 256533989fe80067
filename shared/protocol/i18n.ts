/**
 * Texts of protocol errors: they live in the one i18n table (shared/i18n, keys `error.*`) and are
 * formatted with the shared `t()` placeholders ({name}, {name:company}, …). Order problems use the
 * engine's own `orders.*` keys.
 */
import { t, table, type Locale } from '../i18n/index.js';
import { ERROR_CODES, type ErrorCode } from './messages.js';

/** The error texts of a locale (for completeness tests and the protocol document). */
export function errorTable(locale: Locale): Readonly<Record<ErrorCode, string>> {
  const all = table(locale);
  const out = {} as Record<ErrorCode, string>;
  for (const code of ERROR_CODES) out[code] = all[code] ?? '';
  return out;
}

/** The readable text of a protocol error in a locale. */
export function errorText(locale: Locale, code: ErrorCode, params: Readonly<Record<string, string | number>> = {}): string {
  return t(locale, code, params);
}
