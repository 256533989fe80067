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
  const whole = Math.trunc(n);
  const neg = whole < 0;
  const digits = String(Math.abs(whole));
  let out = '';
  for (let i = 0; i < digits.length; i += 1) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return (neg ? '-' : '') + out;
}

/**
 * One number format for every screen, the canvas included (issue 14). Money is scaled by size, the
 * same way everywhere: en $950K · $6.9M · $950M · $95.0B · $1.42T; zh-CN 950美元 · 693万美元 ·
 * 42.5亿美元 · 1.42万亿美元. Negative amounts carry one ASCII minus; an amount that rounds to zero has
 * no sign ("$0", "0.0%", never "-0"). Signed changes carry "+" or "-" ("+10.8%").
 */

/** A non-negative integer count of `unit`s as "int.frac" with `decimals` decimals (rounded half up). */
function scaled(abs: number, unit: number, decimals: number): string {
  const f = 10 ** decimals;
  const n = Math.round((abs * f) / unit);
  const whole = Math.floor(n / f);
  return decimals === 0 ? groupDigits(whole) : `${groupDigits(whole)}.${String(n % f).padStart(decimals, '0')}`;
}

/** The magnitude of an amount in thousands of dollars, without sign (see the note above). */
function moneyAbs(absK: number, locale: Locale): string {
  if (locale === 'zh-CN') {
    // 万 = 10 $K, 亿 = 100 $M, 万亿 = 1 $T.
    if (absK < 10) return `${groupDigits(Math.round(absK * 1000))}美元`;
    if (absK < 100) return `${scaled(absK, 10, 1)}万美元`;
    if (absK < 99_999.5) return `${scaled(absK, 10, 0)}万美元`;
    if (absK < 999_999_950) return `${scaled(absK, 100_000, 1)}亿美元`;
    return `${scaled(absK, 1_000_000_000, 2)}万亿美元`;
  }
  if (absK < 999.5) return `$${groupDigits(Math.round(absK))}K`;
  if (absK < 9_995) return `$${scaled(absK, 1_000, 1)}M`;
  if (absK < 999_500) return `$${scaled(absK, 1_000, 0)}M`;
  if (absK < 999_950_000) return `$${scaled(absK, 1_000_000, 1)}B`;
  return `$${scaled(absK, 1_000_000_000, 2)}T`;
}

/** Whether a formatted magnitude is zero ("$0K", "0.0%", "0美元"…): a change that shows as zero gets no sign or colour. */
export function isZero(text: string): boolean {
  return !/[1-9]/.test(text);
}

/** Zero money without a unit suffix ("$0" / "0美元"). */
function zeroMoney(locale: Locale): string {
  return locale === 'zh-CN' ? '0美元' : '$0';
}

/** Money in thousands of dollars ("$6.9M" for 6,930). */
export function formatUsdK(usdK: number, locale: Locale): string {
  const abs = moneyAbs(Math.abs(usdK), locale);
  if (isZero(abs)) return zeroMoney(locale);
  return `${usdK < 0 ? '-' : ''}${abs}`;
}

/** Money in $M: "$950M", "$130.0B" (en); "9.5亿美元", "1,300.0亿美元" (zh-CN). */
export function formatUsdM(usdM: number, locale: Locale): string {
  return formatUsdK(usdM * 1000, locale);
}

/** A change of money in $M with its sign: "+$1.2B", "-$950M", "$0". */
export function formatUsdMChange(usdM: number, locale: Locale): string {
  const text = formatUsdM(usdM, locale);
  return usdM > 0 && !isZero(text) ? `+${text}` : text;
}

/** The step a percentage is shown in (formatBps): a tenth of a percent, in basis points. */
export const SHOWN_BPS_STEP = 10;

/**
 * Basis points as formatBps shows them: rounded to its step (halves away from zero). Parts that must add up to a
 * total shown beside them (the stock's move reasons) are apportioned in these steps.
 */
export function shownBps(bps: number): number {
  const abs = Math.round(Math.abs(bps) / SHOWN_BPS_STEP) * SHOWN_BPS_STEP;
  return bps < 0 ? 0 - abs : abs;
}

/** Basis points as a percentage with one decimal ("20.0%", "-10.8%"; never "-0.0%"). */
export function formatBps(bps: number): string {
  const shown = shownBps(bps);
  return `${shown < 0 ? '-' : ''}${scaled(Math.abs(shown), 100, 1)}%`;
}

/** A change in basis points with its sign: "+10.8%", "-10.8%", "0.0%". */
export function formatChangeBps(bps: number): string {
  const text = formatBps(bps);
  return bps > 0 && !isZero(text) ? `+${text}` : text;
}

/**
 * A score (bps of a company's usual swing; see `scoreBpsOf`) as signed points, 100 points = one swing
 * above par: "+37 pts", "-120 pts", "0 pts" (en); "+37 分" (zh-CN).
 */
export function formatScoreBps(bps: number, locale: Locale): string {
  const points = Math.round(bps / 100);
  const text = `${points > 0 ? '+' : points < 0 ? '-' : ''}${groupDigits(Math.abs(points))}`;
  return locale === 'zh-CN' ? `${text} 分` : `${text} pts`;
}

/** A share price in cents: "$224.30" (en), "224.30美元" (zh-CN). */
export function formatPriceCents(cents: number, locale: Locale): string {
  const abs = scaled(Math.abs(cents), 100, 2);
  const sign = cents < 0 && !isZero(abs) ? '-' : '';
  return locale === 'zh-CN' ? `${sign}${abs}美元` : `${sign}$${abs}`;
}

/** A power price: "$70/MWh" (en), "70美元/兆瓦时" (zh-CN). */
export function formatUsdPerMwh(usd: number, locale: Locale): string {
  return locale === 'zh-CN' ? `${groupDigits(usd)}美元/兆瓦时` : `$${groupDigits(usd)}/MWh`;
}

/** A count with thousands separators ("3,828"). */
export function formatCount(n: number): string {
  return groupDigits(n);
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
      case 'usdK':
        return typeof v === 'number' ? formatUsdK(v, locale) : String(v);
      case 'pct':
        return typeof v === 'number' ? formatBps(v) : String(v);
      case 'abspct':
        return typeof v === 'number' ? formatBps(Math.abs(v)) : String(v);
      case 'change':
        return typeof v === 'number' ? formatChangeBps(v) : String(v);
      case 'mw':
        return typeof v === 'number' ? formatMw(v, locale) : String(v);
      case 'score':
        return typeof v === 'number' ? formatScoreBps(v, locale) : String(v);
      case 'region':
        return TABLES[locale][`region.${String(v)}`] ?? String(v);
      case 'company':
        return TABLES[locale][`company.${String(v)}`] ?? String(v);
      case 'chip':
        return TABLES[locale][`chip.${String(v)}`] ?? String(v);
      case 'source':
        return TABLES[locale][`source.${String(v)}`] ?? String(v);
      default:
        return typeof v === 'number' ? groupDigits(v) : String(v);
    }
  });
}
