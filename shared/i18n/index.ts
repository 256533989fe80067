/**
 * One i18n table for engine, server and client text (issue: "All player-facing text as message
 * keys with English and Simplified Chinese strings"). Locale-independent formatting (no Intl).
 */
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

const TABLES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { en, 'zh-CN': zhCN };

/** The string table of a locale (for completeness checks). */
export function table(locale: Locale): Readonly<Record<string, string>> {
  return TABLES[locale];
}

/** Groups digits by thousands with a comma ("4,200"). */
export function groupDigits(n: number): string {
  const neg = n < 0;
  const digits = String(Math.abs(Math.trunc(n)));
  let out = '';
  for (let i = 0; i < digits.length; i += 1) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return (neg ? '-' : '') + out;
}

/** Money in $M: "$4,200M" / "$1.2B" (en); "42亿美元" (zh-CN). */
export function formatUsdM(usdM: number, locale: Locale): string {
  const neg = usdM < 0;
  const abs = Math.abs(usdM);
  if (locale === 'zh-CN') {
    if (abs < 100) return `${neg ? '-' : ''}${groupDigits(abs * 100)}万美元`;
    const yiX10 = Math.round(abs / 10);
    const whole = Math.floor(yiX10 / 10);
    const tenth = yiX10 % 10;
    return `${neg ? '-' : ''}${groupDigits(whole)}${tenth ? `.${tenth}` : ''}亿美元`;
  }
  if (abs >= 100_000) {
    const bX10 = Math.round(abs / 100);
    return `${neg ? '-' : ''}$${groupDigits(Math.floor(bX10 / 10))}.${bX10 % 10}B`;
  }
  return `${neg ? '-' : ''}$${groupDigits(abs)}M`;
}

/** Basis points as a percentage with one decimal ("-10.2%"). */
export function formatBps(bps: number): string {
  const neg = bps < 0;
  const abs = Math.abs(bps);
  const tenths = Math.round(abs / 10);
  return `${neg ? '-' : ''}${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** Megawatts ("1,200 MW"). */
export function formatMw(mw: number, locale: Locale): string {
  return locale === 'zh-CN' ? `${groupDigits(mw)} 兆瓦` : `${groupDigits(mw)} MW`;
}

/** Translates a key with parameters; a missing key falls back to English, then to the key itself. */
export function t(locale: Locale, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const template = TABLES[locale][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (_m, name: string, kind: string | undefined) => {
    const v = params[name];
    if (v === undefined) return `{${name}}`;
    switch (kind) {
      case 'usd':
        return typeof v === 'number' ? formatUsdM(v, locale) : String(v);
      case 'pct':
        return typeof v === 'number' ? formatBps(v) : String(v);
      case 'mw':
        return typeof v === 'number' ? formatMw(v, locale) : String(v);
      case 'region':
        return TABLES[locale][`region.${String(v)}`] ?? String(v);
      case 'company':
        return TABLES[locale][`company.${String(v)}`] ?? String(v);
      default:
        return typeof v === 'number' ? groupDigits(v) : String(v);
    }
  });
}
