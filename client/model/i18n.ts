/**
 * The client's locale: chosen once per browser (localStorage), all text through the shared table.
 */
import { LOCALES, t, type Locale } from '../../shared/index.js';

const STORAGE_KEY = 'capex.locale';

/** Picks a supported locale from a stored value or the browser's languages. */
export function pickLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  for (const lang of languages) {
    if (lang.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (lang.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

let current: Locale = pickLocale(storage()?.getItem(STORAGE_KEY) ?? null, typeof navigator === 'undefined' ? [] : navigator.languages ?? []);
const listeners = new Set<(l: Locale) => void>();

/** The current locale. */
export function locale(): Locale {
  return current;
}

/** Changes (and remembers) the locale, then notifies listeners. */
export function setLocale(l: Locale): void {
  current = l;
  storage()?.setItem(STORAGE_KEY, l);
  if (typeof document !== 'undefined') document.documentElement.lang = l;
  for (const fn of listeners) fn(l);
}

/** Listens to locale changes. */
export function onLocale(fn: (l: Locale) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Translates in the current locale. */
export function tr(key: string, params: Readonly<Record<string, string | number>> = {}): string {
  return t(current, key, params);
}
