/**
 * Seat choice: one card per company in the game (scenario start figures + i18n profile), who holds
 * the seat, and a share link.
 */
import { formatUsdM, getScenario, t, type Ticker } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import type { RoomInfo } from '../model/store.js';
import type { Net } from '../net/types.js';
import { h, kv, replace, sourceNote } from './dom.js';

/** Renders the seat cards for `room`. */
export function renderSeats(root: HTMLElement, room: RoomInfo, mySeat: Ticker | null, net: Net, onError: (e: unknown) => void): void {
  const L = locale();
  const sc = getScenario(room.scenarioId);
  const link = `${location.origin}/g/${room.code}`;
  const copy = h('button', { type: 'button', text: tr('ui.seat.copyLink') });
  copy.addEventListener('click', () => { void navigator.clipboard?.writeText(link).catch(() => undefined); });
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
      def ? sourceNote(tr('ui.why'), [def.sources['guidanceCapexUsdM'], def.sources['cashUsdM']].filter(Boolean).join(' · ')) : null,
      holder, btn);
  });
  const start = h('button', { type: 'button', class: 'primary', 'data-test': 'start-game', text: tr('ui.seat.start') });
  start.addEventListener('click', () => { start.disabled = true; net.startGame().catch(onError); });
  const lobbyLine = room.status === 'lobby'
    ? h('p', { class: 'row' }, room.host ? start : null, h('span', { class: 'muted', text: room.host ? tr('ui.seat.hostHint') : tr('ui.seat.waitHost') }))
    : null;
  replace(root,
    h('section', { class: 'card' },
      h('h1', { text: tr('ui.seat.title') }),
      lobbyLine,
      h('p', {}, tr('ui.seat.code'), ' ', h('strong', { class: 'code', 'data-test': 'game-code', text: room.code }), ' ',
        h('a', { href: `/g/${room.code}`, text: link }), ' ', copy)),
    h('div', { class: 'cards' }, ...cards));
}
