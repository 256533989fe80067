/**
 * Seat choice: one card per company in the game (scenario start figures + i18n profile), who holds
 * the seat, the name the player claims it under, and a share link. The frame (title, name field,
 * link) is built once per game so typing a name survives the room's updates; the cards and the
 * host's Start button follow every update.
 */
import { formatUsdM, getScenario, t, type Locale, type Ticker } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import { NAME_MAX } from '../model/player-name.js';
import type { RoomInfo } from '../model/store.js';
import type { Net } from '../net/types.js';
import { h, kv, replace, sourceNote, uid } from './dom.js';

interface Frame {
  key: string;
  el: HTMLElement;
  lobbyLine: HTMLElement;
  cards: HTMLElement;
}

const frames = new WeakMap<HTMLElement, Frame>();

/** "Why this number?" text of a company card: each source once, after the figures it backs. */
export function seatSources(sources: Readonly<Record<string, string>>, labels: readonly [field: string, label: string][], L: Locale): string {
  const groups = new Map<string, string[]>();
  for (const [field, label] of labels) {
    const src = sources[field];
    if (src) groups.set(src, [...(groups.get(src) ?? []), label]);
  }
  return [...groups].map(([source, ls]) => t(L, 'ui.why.item', { labels: ls.join(t(L, 'ui.list.sep')), source })).join(' · ');
}

function buildFrame(root: HTMLElement, room: RoomInfo, net: Net): Frame {
  const link = `${location.origin}/g/${room.code}`;
  const copy = h('button', { type: 'button', text: tr('ui.seat.copyLink') });
  copy.addEventListener('click', () => { void navigator.clipboard?.writeText(link).catch(() => undefined); });
  const nameId = uid('seat-name');
  const name = h('input', { id: nameId, type: 'text', maxlength: NAME_MAX, autocomplete: 'nickname', value: net.playerName(), 'data-test': 'seat-name' });
  name.addEventListener('change', () => net.setName(name.value));
  const lobbyLine = h('div', { class: 'row' });
  const cards = h('div', { class: 'cards' });
  const el = h('div', { class: 'seat-screen' },
    h('section', { class: 'card' },
      h('h1', { text: tr('ui.seat.title') }),
      lobbyLine,
      h('div', { class: 'field' }, h('label', { for: nameId, text: tr('ui.seat.playingAs') }), name),
      h('p', { class: 'share' }, tr('ui.seat.code'), ' ', h('strong', { class: 'code', 'data-test': 'game-code', text: room.code }), ' ',
        h('a', { href: `/g/${room.code}`, class: 'link-text', text: link }), ' ', copy)),
    cards);
  replace(root, el);
  return { key: `${room.code}:${locale()}`, el, lobbyLine, cards };
}

/** Watch a running game without taking a seat. */
function watchButton(net: Net): HTMLElement {
  const b = h('button', { type: 'button', 'data-test': 'watch-game', text: tr('ui.seat.watch') });
  b.addEventListener('click', () => net.watch());
  return b;
}

/** Renders the seat cards for `room`. */
export function renderSeats(root: HTMLElement, room: RoomInfo, mySeat: Ticker | null, net: Net, onError: (e: unknown) => void): void {
  const L = locale();
  const sc = getScenario(room.scenarioId);
  let frame = frames.get(root);
  if (!frame || frame.key !== `${room.code}:${L}` || !root.contains(frame.el)) {
    frame = buildFrame(root, room, net);
    frames.set(root, frame);
  }
  const cards = room.seats.map((seat) => {
    const def = sc.companies.find((c) => c.ticker === seat.ticker);
    const taken = seat.holder === 'human' || mySeat !== null;
    const btn = h('button', { type: 'button', class: 'primary', 'data-test': `claim-${seat.ticker}`, disabled: taken,
      text: seat.ticker === mySeat ? tr('ui.seat.yours') : taken ? tr('ui.seat.taken') : tr('ui.seat.play', { company: t(L, `company.${seat.ticker}`) }) });
    btn.addEventListener('click', () => { btn.disabled = true; net.claimSeat(seat.ticker as Ticker).catch((e: unknown) => { btn.disabled = false; onError(e); }); });
    const holder = h('p', { class: 'muted' });
    holder.textContent = seat.holder === 'human' ? tr('ui.seat.heldBy', { name: seat.name }) : seat.holder === 'bot' ? tr('ui.seat.bot') : tr('ui.seat.open');
    return h('article', { class: 'card company', 'data-ticker': seat.ticker },
      h('h3', {}, t(L, `company.${seat.ticker}`), ' ', h('span', { class: 'tag', text: seat.ticker })),
      h('p', { text: def ? t(L, def.profileKey) : '' }),
      def ? h('dl', { class: 'kvs' },
        kv(tr('ui.kpi.cash'), formatUsdM(def.cashUsdM, L)),
        kv(tr('ui.kpi.debt'), formatUsdM(def.debtUsdM, L)),
        kv(tr('ui.kpi.marketCap'), formatUsdM(def.marketCapUsdM, L)),
        kv(tr('ui.seat.guidance'), formatUsdM(def.guidanceCapexUsdM, L)),
        kv(tr('ui.seat.consensus'), formatUsdM(def.consensusCapexUsdM, L))) : null,
      def ? sourceNote(tr('ui.why'), seatSources(def.sources, [
        ['cashUsdM', tr('ui.kpi.cash')], ['debtUsdM', tr('ui.kpi.debt')], ['marketCapUsdM', tr('ui.kpi.marketCap')],
        ['guidanceCapexUsdM', tr('ui.seat.guidance')], ['consensusCapexUsdM', tr('ui.seat.consensus')]], L)) : null,
      holder, btn);
  });
  const start = h('button', { type: 'button', class: 'primary', 'data-test': 'start-game', text: tr('ui.seat.start') });
  start.addEventListener('click', () => { start.disabled = true; net.startGame().catch((e: unknown) => { start.disabled = false; onError(e); }); });
  replace(frame.lobbyLine, ...(room.status === 'lobby'
    ? [room.host ? start : null, h('span', { class: 'muted', text: room.host ? tr('ui.seat.hostHint') : tr('ui.seat.waitHost') })]
    : [h('span', { class: 'muted', text: tr('ui.seat.runningHint', { n: room.quarter + 1, total: room.quarterCount }) }), watchButton(net)]));
  replace(frame.cards, ...cards);
}
