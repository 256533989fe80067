/**
 * Entry point: the app shell (top bar with language switch and connection status), the screen
 * router and the read-only `window.__CAPEX__` test hook.
 */
import { LOCALES, t, type Locale } from '../shared/index.js';
import { bus } from './model/event-bus.js';
import { locale, onLocale, setLocale, tr } from './model/i18n.js';
import { store, type AppState } from './model/store.js';
import { Connection } from './net/connection.js';
import { installTestHook, hookMark } from './test-hook.js';
import { h, replace } from './ui/dom.js';
import { renderEnd } from './ui/end-screen.js';
import { mountGame } from './ui/game-screen.js';
import { renderHome } from './ui/home-screen.js';
import { renderSeats } from './ui/seat-screen.js';

const app = document.getElementById('app') as HTMLElement;
const topbar = document.getElementById('topbar') as HTMLElement;
const toast = h('div', { class: 'toast bad', role: 'alert', 'data-test': 'error', hidden: true });
document.body.append(toast);
// Notices ("while you were away") sit in the page's flow, above the screen, so they never cover it.
const noticeText = h('span');
const noticeClose = h('button', { type: 'button', class: 'link', 'data-test': 'notice-close' });
const notice = h('div', { class: 'notice', role: 'status', 'data-test': 'notice', hidden: true }, noticeText, noticeClose);
app.before(notice);
noticeClose.addEventListener('click', () => store.set({ notice: null }));
document.documentElement.lang = locale();

/** The join code in the address (/g/CODE), if any. */
function codeFromPath(): string | null {
  const m = /^\/g\/([A-Za-z0-9]{4,12})\/?$/.exec(location.pathname);
  return m?.[1]?.toUpperCase() ?? null;
}

const net = new Connection((code) => {
  const path = code ? `/g/${code}` : '/';
  if (location.pathname !== path) history.replaceState(null, '', path);
});

function showError(e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  store.set({ error: msg || tr('ui.err.unknown') });
}

let unmountGame: (() => void) | null = null;
let rendered = '';
/** /class pages (join, host setup, console, projector, debrief, team screen) are mounted by client/classroom (loaded on demand). */
const classMode = /^\/class(\/|$)/.test(location.pathname);
/** /replay pages (library, viewer) are mounted by client/replay (loaded on demand). */
const replayMode = /^\/replays?(\/|$)/.test(location.pathname);

function renderTopbar(s: AppState): void {
  const sel = h('select', { id: 'lang', 'data-test': 'lang' }, ...LOCALES.map((l) => h('option', { value: l, selected: l === locale(), text: t(l, 'ui.lang.name') })));
  sel.addEventListener('change', () => setLocale(sel.value as Locale));
  const home = h('a', { href: '/', class: 'brand', text: tr('ui.app.title') });
  home.addEventListener('click', (ev) => { if (replayMode) return; ev.preventDefault(); net.forget(); history.replaceState(null, '', '/'); });
  const replays = h('a', { href: '/replay', class: 'nav', 'data-test': 'nav-replays', text: tr('ui.replay.library') });
  const status = h('span', { class: `conn ${s.connection}`, 'data-test': 'connection', text: tr(`ui.conn.${s.connection}`) });
  replace(topbar, home, h('span', { class: 'spacer' }), replays, ' ', replayMode ? null : status, h('label', { for: 'lang', class: 'sr-only', text: tr('ui.lang.label') }), sel);
}

function render(force = false): void {
  const s = store.get();
  if (!classMode) renderTopbar(s);
  toast.hidden = !s.error;
  toast.textContent = s.error ?? '';
  notice.hidden = !s.notice;
  noticeText.textContent = s.notice ?? '';
  noticeClose.textContent = tr('ui.notice.close');
  if (classMode) return;
  if (replayMode) return;
  const key = `${s.screen}:${locale()}`;
  if (s.screen !== 'game' && unmountGame) {
    unmountGame();
    unmountGame = null;
  }
  if (s.screen === 'home' && (force || key !== rendered)) renderHome(app, net, codeFromPath(), showError);
  if (s.screen === 'seat' && s.room) renderSeats(app, s.room, s.seat, net, showError);
  if (s.screen === 'game' && (force || key !== rendered || !unmountGame)) {
    unmountGame?.();
    unmountGame = mountGame(app, net, showError, (fps) => hookMark('fps', fps));
  }
  if (s.screen === 'end' && (force || key !== rendered)) renderEnd(app, net.replayHref(), () => { net.forget(); history.replaceState(null, '', '/'); });
  rendered = key;
  hookMark('screen', s.screen);
}

store.subscribe((s, prev) => {
  if (s.error && s.error === prev.error && s.screen === prev.screen) return;
  const screenChanged = s.screen !== prev.screen;
  if (screenChanged || s.connection !== prev.connection || s.error !== prev.error || s.notice !== prev.notice || (s.screen === 'seat' && (s.room !== prev.room || s.seat !== prev.seat)) || (s.screen === 'end' && s.view !== prev.view)) {
    render(s.screen === 'end' && s.view !== prev.view);
  }
});
toast.addEventListener('click', () => store.set({ error: null }));
onLocale((l) => {
  bus.emit('locale', l);
  render(true);
});

installTestHook(net);
// After a reload: open the join link's game, or rejoin this tab's game; otherwise show the home screen.
if (classMode) {
  void import('./classroom/route.js').then((m) => m.mountClassroom(app, showError)).catch(showError).finally(() => hookMark('ready', true));
} else if (replayMode) {
  void import('./replay/route.js').then((m) => m.mountReplay(app, showError)).catch(showError).finally(() => hookMark('ready', true));
} else {
  void net.open(codeFromPath()).then((ok) => {
    if (!ok) render(true);
    hookMark('ready', true);
  });
}
render(true);
