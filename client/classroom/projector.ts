/**
 * The projector view: join code and QR code large, the countdown, host messages, the map and the
 * ticker of a game (Phaser, public view only), headlines and the class leaderboard. Names are
 * hidden when the class hides them (the server leaves them out). Opened with the host secret.
 */
import { formatChangeBps, formatScoreBps, t, type PlayerView } from '../../shared/index.js';
import type { ClassSnapshot } from '../../shared/protocol/classroom.js';
import { EventBus, type BusEvents } from '../model/event-bus.js';
import { locale, tr } from '../model/i18n.js';
import { eventText, mapModel, tickerModel } from '../model/view-models.js';
import { h, replace } from '../ui/dom.js';
import { boardNoteLine } from './board-note.js';
import { classLinks, countdown, gameLine } from './model.js';
import { ClassConnection, fetchReach, tokens } from './net.js';
import { qrSvg } from './qr.js';
import { report } from './route.js';
import { followReplay } from './follow.js';

/** Mounts the projector view. */
export async function mountProjector(root: HTMLElement, code: string, onError: (e: unknown) => void): Promise<() => void> {
  const hostToken = tokens.host(code);
  if (!hostToken) throw new Error(t(locale(), 'class.error.badToken'));
  const conn = await ClassConnection.join(code, { hostToken, view: 'projector' });
  const L = locale();
  const links = classLinks((await fetchReach()).base, code, null);
  const views = new Map<number, PlayerView>();
  let snap: ClassSnapshot | null = null;
  let offset = 0;
  let shown = 0;
  let banner: string | null = null;

  const joinBox = h('div', { class: 'join-box big' },
    h('div', {}, h('div', { class: 'muted', text: tr('ui.class.joinCode') }), h('div', { class: 'join-code huge', 'data-test': 'join-code', text: code }),
      h('div', { class: 'join-url', text: links.join })),
    h('div', { class: 'qr-box' }, qrSvg(links.join, tr('ui.class.joinUrl'))));
  const top = h('div', { class: 'row spread projector-top' });
  const msg = h('div', { class: 'banner big', 'data-test': 'broadcast', hidden: true });
  const stageBox = h('div', { class: 'stage projector-stage', 'data-test': 'stage' });
  const news = h('section', { class: 'card', 'data-test': 'headlines' });
  const board = h('section', { class: 'card', 'data-test': 'leaderboard' });
  const grid = h('div', { class: 'projector-grid' }, stageBox, h('div', {}, board, news));
  // The host-driven replay: while the host shows a finished game's replay, the wall follows it.
  const replayBox = h('section', { class: 'projector-replay', 'data-test': 'projector-replay', hidden: true });
  replace(root, h('div', { class: 'class-projector' }, top, msg, joinBox, replayBox, grid));
  const follower = followReplay(replayBox, [hostToken], {
    canBrowse: false, onError,
    onState: (f) => report({ replayGameId: f.gameId, replayQuarter: f.quarter, hostQuarter: f.hostQuarter }),
  });

  const bus = new EventBus<BusEvents>();
  let stage: { destroy(): void } | null = null;
  let destroyed = false;
  void import('../game/stage.js').then(({ createStage }) => {
    if (destroyed) return;
    stage = createStage(stageBox, bus);
    feed();
  }).catch(onError);

  const feed = (): void => {
    const v = views.get(shown);
    if (!v) return;
    bus.emit('map:model', mapModel(v, L));
    bus.emit('ticker:model', tickerModel(v, L));
    replace(news, h('h2', { text: tr('ui.class.headlines') }), h('ul', { class: 'news' }, ...v.events.filter((e) => e.headline).slice(0, 6).map((e) => h('li', { text: eventText(e, L) }))));
  };

  const render = (): void => {
    const s = snap;
    if (!s) return;
    const g = s.games[shown];
    const c = g ? countdown(g, s.paused, Date.now() + offset) : null;
    replace(top,
      h('h1', { text: s.options.title || tr('ui.app.title') }),
      // Which game the wall shows (arrow keys switch when the class runs several).
      s.games.length > 1 && !s.replay ? h('span', { class: 'big game-tag', 'data-test': 'projector-game', text: tr('ui.class.showingGame', { n: shown + 1, of: s.games.length }) }) : null,
      h('span', { class: 'big', 'data-test': 'quarter', text: g ? ((l) => tr(l.key, l.params))(gameLine(s, g.index)) : tr('ui.class.lobby') }),
      c && s.status === 'running' ? h('span', { class: `countdown huge ${c.kind}${c.urgent ? ' urgent' : ''}`, 'data-test': 'countdown', text: c.kind === 'paused' ? `${tr('ui.class.paused')} ${c.text}` : c.text }) : null);
    joinBox.classList.toggle('compact', s.status !== 'lobby');
    msg.hidden = !banner;
    msg.textContent = banner ?? '';
    replace(board, h('h2', { text: tr('ui.class.leaderboard') }), h('table', { class: 'table big' },
      h('tbody', {}, ...s.leaderboard.slice(0, 12).map((r, i) => h('tr', {}, h('td', { text: i + 1 }),
        h('td', { text: `${t(L, `company.${r.company}`)}${s.options.games > 1 ? ` · ${tr('ui.class.game', { n: r.game + 1 })}` : ''}` }),
        h('td', { text: r.members.join(', ') }), h('td', { class: 'num', 'data-test': 'class-score', text: formatScoreBps(r.scoreBps, L) }), h('td', { class: 'num', text: formatChangeBps(r.tsrBps) }))))),
      boardNoteLine(s, 'muted'));
    report({ status: s.status, paused: s.paused, names: s.leaderboard.flatMap((r) => r.members), shownGame: shown });
  };

  conn.on('class:welcome', () => undefined);
  conn.on('class:state', (s) => {
    snap = s;
    offset = s.now - Date.now();
    if (s.broadcast) banner = s.broadcast.text;
    follower.update(s.replay ?? null);
    grid.hidden = !!s.replay;
    joinBox.hidden = !!s.replay;
    render();
  });
  conn.on('class:view', (m) => { views.set(m.game, m.view); if (m.game === shown) feed(); });
  conn.on('class:broadcast', (b) => { banner = b.text; render(); });
  conn.on('class:resolved', () => undefined);
  conn.on('class:error', (e) => onError(new Error(e.message)));
  const onKey = (ev: KeyboardEvent): void => {
    if (!snap || snap.games.length < 2 || (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft')) return;
    shown = (shown + (ev.key === 'ArrowRight' ? 1 : snap.games.length - 1)) % snap.games.length;
    feed();
    render();
  };
  document.addEventListener('keydown', onKey);
  const timer = setInterval(render, 1000);
  conn.onLeave(() => { if (!destroyed) setTimeout(() => location.reload(), 2000); });
  return () => {
    destroyed = true;
    clearInterval(timer);
    document.removeEventListener('keydown', onKey);
    stage?.destroy();
    follower.destroy();
    conn.leave();
  };
}
