/**
 * Classroom pages (/class…), loaded on demand by client/main.ts: join, host setup, the student's
 * team screen, the host console, the projector and the debrief. Also a read-only
 * `window.__CLASS__` hook for browser tests (what the page shows; no secrets).
 */
import { LOCALES, t, type Locale } from '../../shared/index.js';
import { locale, onLocale, setLocale, tr } from '../model/i18n.js';
import { h, replace } from '../ui/dom.js';
import { classRoute, secretFromHash, type ClassRoute } from './model.js';
import { tokens } from './net.js';
import './classroom.css';

/** What the current page reports to the test hook. */
const summary: Record<string, unknown> = { page: null, ready: false };

/** Updates the hook's summary (pages call this when what they show changes). */
export function report(patch: Record<string, unknown>): void {
  Object.assign(summary, patch);
}

function installHook(): void {
  if ('__CLASS__' in window) return;
  const hook = Object.freeze({
    get ready(): boolean { return summary['ready'] === true; },
    get summary(): Readonly<Record<string, unknown>> { return Object.freeze({ ...summary }); },
  });
  Object.defineProperty(window, '__CLASS__', { value: hook, writable: false, configurable: false, enumerable: false });
}

function topbar(bar: HTMLElement): void {
  const sel = h('select', { id: 'lang', 'data-test': 'lang' }, ...LOCALES.map((l) => h('option', { value: l, selected: l === locale(), text: t(l, 'ui.lang.name') })));
  sel.addEventListener('change', () => setLocale(sel.value as Locale));
  replace(bar, h('a', { href: '/', class: 'brand', text: tr('ui.app.title') }), h('span', { class: 'spacer' }),
    h('label', { for: 'lang', class: 'sr-only', text: tr('ui.lang.label') }), sel);
}

/** Whether a path is a classroom page. */
export function isClassPath(pathname: string): boolean {
  return classRoute(pathname) !== null;
}

/** Mounts the classroom page of the current address into `root`. */
export async function mountClassroom(root: HTMLElement, onError: (e: unknown) => void): Promise<void> {
  installHook();
  const route = classRoute(location.pathname) as ClassRoute;
  const bar = document.getElementById('topbar');
  if (bar) topbar(bar);
  // A host link carries the secret in the fragment: keep it, then drop it from the address bar.
  if ('code' in route && route.code) {
    const secret = secretFromHash(location.hash);
    if (secret) {
      tokens.setHost(route.code, secret);
      history.replaceState(null, '', location.pathname);
    }
  }
  let unmount: (() => void) | null = null;
  const show = async (): Promise<void> => {
    unmount?.();
    unmount = null;
    if (bar) topbar(bar);
    document.documentElement.lang = locale();
    report({ page: route.page, ready: false });
    try {
      if (route.page === 'setup') unmount = (await import('./setup.js')).mountSetup(root, onError);
      else if (route.page === 'mine') unmount = await (await import('./mine.js')).mountMine(root, onError);
      else if (route.page === 'join') unmount = (await import('./join.js')).mountJoin(root, route.code, onError);
      else if (route.page === 'student') unmount = await (await import('./student.js')).mountStudent(root, route.code, onError);
      else if (route.page === 'host') unmount = await (await import('./console.js')).mountConsole(root, route.code, onError);
      else if (route.page === 'projector') unmount = await (await import('./projector.js')).mountProjector(root, route.code, onError);
      else unmount = await (await import('./debrief.js')).mountDebrief(root, route.code, onError);
    } catch (e) {
      onError(e);
      replace(root, h('section', { class: 'card' }, h('p', { text: e instanceof Error ? e.message : String(e) }), h('a', { href: '/class', text: tr('ui.class.joinTitle') })));
    }
    report({ ready: true });
  };
  onLocale(() => void show());
  await show();
}
