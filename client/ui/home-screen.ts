/**
 * Home / lobby: create a game with the server's options, join by code or link, list open games,
 * spectate.
 */
import { DIFFICULTIES, defaultStrategyFor, getScenario, scenarioIds, t, type Difficulty, type Ticker } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import type { Net, OpenGame } from '../net/types.js';
import { h, replace, uid } from './dom.js';
import { NAME_MAX, saveName, savedName } from '../model/player-name.js';
import { seatNotes } from './seat-notes.js';

function field(label: string, input: HTMLElement, id: string): HTMLElement {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), input);
}

/** Quick play's lengths (quarters) and the default: two years, long enough to see power come online. */
export const QUICK_LENGTHS = [4, 8, 12, 20] as const;
export const QUICK_DEFAULT_QUARTERS = 8;

/** Renders the home screen into `root`. `initialCode` comes from a join link (/g/CODE). */
export function renderHome(root: HTMLElement, net: Net, initialCode: string | null, onError: (e: unknown) => void): void {
  const L = locale();
  const nameInput = h('input', { type: 'text', 'data-test': 'name', maxlength: NAME_MAX, autocomplete: 'nickname', value: savedName(), required: true });
  const nameField = field(tr('ui.home.yourName'), nameInput, uid('name'));
  const name = (): string => {
    return saveName(nameInput.value) || tr('ui.home.anonymous');
  };

  // Create a game.
  const ids = scenarioIds();
  const scenarioSel = h('select', {}, ...ids.map((id) => h('option', { value: id, text: t(L, getScenario(id).titleKey) })));
  const sc = getScenario(ids[0] ?? 'capex-race-2026');
  const quarters = h('input', { type: 'number', 'data-test': 'quarters', min: sc.minQuarters, max: sc.maxQuarters, step: 1, value: sc.defaultQuarters, inputmode: 'numeric' });
  const companyBoxes = sc.companies.map((c) => {
    const id = uid(`seat-${c.ticker}`);
    const box = h('input', { type: 'checkbox', id, value: c.ticker, checked: true });
    return { ticker: c.ticker, box, el: h('label', { for: id, class: 'check' }, box, ` ${t(L, `company.${c.ticker}`)} (${c.ticker})`) };
  });
  const deadline = h('select', {},
    h('option', { value: '', text: tr('ui.home.noDeadline') }),
    ...[60, 120, 300, 600].map((s) => h('option', { value: s, text: tr('ui.home.seconds', { n: s }) })));
  const onTimeout = h('select', {}, h('option', { value: 'bot', text: tr('ui.home.timeoutBot') }), h('option', { value: 'repeat', text: tr('ui.home.timeoutRepeat') }));
  const difficulty = h('select', { 'data-test': 'bot-difficulty' },
    ...DIFFICULTIES.map((d) => h('option', { value: d, text: tr(`ui.difficulty.${d}`), selected: d === 'normal' })));
  const seed = h('input', { type: 'text', maxlength: 64, autocomplete: 'off', placeholder: tr('ui.home.seedHint') });
  const isPublic = h('input', { type: 'checkbox', checked: true, id: uid('public') });
  const createBtn = h('button', { type: 'submit', class: 'primary', 'data-test': 'create-game', text: tr('ui.home.create') });
  const createForm = h('form', { class: 'card', 'aria-labelledby': 'create-h' },
    h('h2', { id: 'create-h', text: tr('ui.home.createTitle') }),
    field(tr('ui.home.scenario'), scenarioSel, uid('scenario')),
    field(tr('ui.home.quarters'), quarters, uid('quarters')),
    h('fieldset', {}, h('legend', { text: tr('ui.home.companies') }), ...companyBoxes.map((c) => c.el)),
    field(tr('ui.home.deadline'), deadline, uid('deadline')),
    field(tr('ui.home.onTimeout'), onTimeout, uid('timeout')),
    field(tr('ui.home.botDifficulty'), difficulty, uid('difficulty')),
    field(tr('ui.home.seed'), seed, uid('seed')),
    h('label', { for: isPublic.id, class: 'check' }, isPublic, ` ${tr('ui.home.public')}`),
    createBtn);
  createForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const seats = companyBoxes.filter((c) => c.box.checked).map((c) => c.ticker as Ticker);
    createBtn.disabled = true;
    net.createGame({
      scenarioId: scenarioSel.value, quarterCount: Number(quarters.value) || sc.defaultQuarters, seats,
      deadlineSec: deadline.value ? Number(deadline.value) : null, onTimeout: onTimeout.value === 'repeat' ? 'repeat' : 'bot',
      isPublic: isPublic.checked, name: name(), botDifficulty: difficulty.value as Difficulty, seed: seed.value.trim() || null,
    }).catch(onError).finally(() => { createBtn.disabled = false; });
  });

  // Quick play: one click on a company starts a game against bots with sensible defaults.
  const lengthSel = h('select', { 'data-test': 'quick-length', id: uid('quick-length') },
    ...QUICK_LENGTHS.filter((n) => n >= sc.minQuarters && n <= sc.maxQuarters).map((n) => h('option', { value: n, text: tr('ui.quick.quarters', { n }), selected: n === QUICK_DEFAULT_QUARTERS })));
  const levelSel = h('select', { 'data-test': 'quick-level', id: uid('quick-level') },
    ...DIFFICULTIES.map((d) => h('option', { value: d, text: tr(`ui.difficulty.${d}`), selected: d === 'normal' })));
  const picks = sc.companies.map((c) => {
    const b = h('button', { type: 'button', class: 'pick', 'data-test': `quick-${c.ticker}`, 'aria-label': tr('ui.quick.play', { company: t(L, `company.${c.ticker}`) }) },
      h('strong', { text: t(L, `company.${c.ticker}`) }), ' ', h('span', { class: 'tag', text: c.ticker }),
      h('small', { class: 'muted', text: t(L, `bot.${defaultStrategyFor(c.ticker)}.name`) }),
      h('span', { class: 'note-slot' }, seatNotes(sc.id, c.ticker, levelSel.value as Difficulty)));
    b.addEventListener('click', () => {
      picks.forEach((x) => { x.disabled = true; });
      net.createGame({
        scenarioId: sc.id, quarterCount: Number(lengthSel.value) || QUICK_DEFAULT_QUARTERS, seats: sc.companies.map((x) => x.ticker as Ticker),
        deadlineSec: null, onTimeout: 'bot', isPublic: false, name: name(), botDifficulty: levelSel.value as Difficulty, seed: null,
        company: c.ticker as Ticker, start: true,
      }).catch(onError).finally(() => picks.forEach((x) => { x.disabled = false; }));
    });
    return b;
  });
  // The seat notes follow the level picked: the par a seat is measured against is that level's.
  levelSel.addEventListener('change', () => {
    sc.companies.forEach((c, i) => {
      const slot = picks[i]?.querySelector('.note-slot');
      if (slot) replace(slot as HTMLElement, seatNotes(sc.id, c.ticker, levelSel.value as Difficulty));
    });
  });
  const quick = h('section', { class: 'card quick', 'aria-labelledby': 'quick-h', 'data-test': 'quick-play' },
    h('h2', { id: 'quick-h', text: tr('ui.quick.title') }),
    h('p', { class: 'lead', text: tr('ui.quick.lead') }),
    h('div', { class: 'row options' }, nameField,
      h('div', { class: 'field' }, h('label', { for: lengthSel.id, text: tr('ui.quick.length') }), lengthSel),
      h('div', { class: 'field' }, h('label', { for: levelSel.id, text: tr('ui.home.botDifficulty') }), levelSel)),
    h('div', { class: 'picks' }, ...picks),
    h('p', { class: 'muted', text: tr('ui.quick.more') }));

  // Join by code.
  const codeInput = h('input', { type: 'text', maxlength: 12, autocapitalize: 'characters', autocomplete: 'off', value: initialCode ?? '', 'data-test': 'join-code' });
  const joinBtn = h('button', { type: 'submit', class: 'primary', 'data-test': 'join-game', text: tr('ui.home.join') });
  const spectateBtn = h('button', { type: 'button', 'data-test': 'spectate-game', text: tr('ui.home.spectate') });
  const joinForm = h('form', { class: 'card', 'aria-labelledby': 'join-h' },
    h('h2', { id: 'join-h', text: tr('ui.home.joinTitle') }),
    field(tr('ui.home.code'), codeInput, uid('code')),
    h('div', { class: 'row' }, joinBtn, spectateBtn));
  const join = (spectate: boolean): void => {
    const code = codeInput.value.trim().toUpperCase();
    if (!code) return codeInput.focus();
    net.joinGame(code, { name: name(), spectate }).catch(onError);
  };
  joinForm.addEventListener('submit', (ev) => { ev.preventDefault(); join(false); });
  spectateBtn.addEventListener('click', () => join(true));

  // Open games.
  const list = h('tbody');
  const refresh = h('button', { type: 'button', text: tr('ui.home.refresh') });
  const openCard = h('section', { class: 'card', 'aria-labelledby': 'open-h' },
    h('div', { class: 'row spread' }, h('h2', { id: 'open-h', text: tr('ui.home.openGames') }), refresh),
    h('div', { class: 'scroll-x' }, h('table', { class: 'table open-games' },
      h('thead', {}, h('tr', {}, ...['ui.home.code', 'ui.home.quarter', 'ui.home.openSeats', 'ui.home.actions'].map((k) => h('th', { scope: 'col', text: tr(k) })))),
      list)));
  const fill = (games: OpenGame[]): void => {
    if (games.length === 0) return replace(list, h('tr', {}, h('td', { colspan: 4, text: tr('ui.home.noGames') })));
    replace(list, ...games.map((g) => {
      const j = h('button', { type: 'button', text: tr('ui.home.join') });
      const s = h('button', { type: 'button', text: tr('ui.home.spectate') });
      j.addEventListener('click', () => net.joinGame(g.code, { name: name(), spectate: false }).catch(onError));
      s.addEventListener('click', () => net.joinGame(g.code, { name: name(), spectate: true }).catch(onError));
      return h('tr', {}, h('td', { text: g.code }), h('td', { text: `${g.quarter + 1}/${g.quarterCount}` }),
        h('td', { text: g.openSeats.join(' ') || '—' }), h('td', {}, j, ' ', s));
    }));
  };
  const load = (): void => { net.listGames().then(fill).catch(() => fill([])); };
  refresh.addEventListener('click', load);
  load();

  replace(root,
    h('section', { class: 'hero' }, h('h1', { text: tr('ui.app.title') }), h('p', { class: 'lead', text: tr('ui.app.tagline') }),
      h('p', { class: 'row' }, h('a', { href: '/class/new', class: 'button', 'data-test': 'host-class', text: tr('ui.class.hostLink') }),
        h('a', { href: '/class', class: 'button', 'data-test': 'join-class', text: tr('ui.class.joinLink') }))),
    quick,
    h('div', { class: 'grid-2' }, joinForm, createForm),
    openCard);
  if (initialCode) joinBtn.focus();
}
