/**
 * The replay library (issue 7): my games (by the tokens this browser holds), public finished
 * games, filters (scenario, company, date), open / download / delete (own only), and opening or
 * importing a saved-game file. Names come from other players: always textContent.
 */
import { TICKERS, formatChangeBps, formatScoreBps, getScenario, scenarioIds, t, type ReplayListItem } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import { h, replace, uid } from '../ui/dom.js';
import { replayApi, type Filter } from './api.js';
import { allTokens, forgetGame, rememberGame } from './wallet.js';

function field(label: string, input: HTMLElement): HTMLElement {
  const id = uid('lib');
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), input);
}

/** A game's title: a class game after its class and number, else the title it was saved with (imports). */
export function gameTitle(g: Pick<ReplayListItem, 'title' | 'classGame'>): string {
  const c = g.classGame;
  if (c) {
    const cls = c.title || tr('ui.replay.classUntitled', { code: c.code });
    return tr(c.practice ? 'ui.replay.classPractice' : 'ui.replay.classGame', { title: cls, n: c.game });
  }
  return g.title ?? '';
}

/**
 * The results cell: the winner, then every seat's score against par and return, in the order the
 * server sends them (the engine's ranking of the final state).
 */
function resultsCell(g: ReplayListItem): HTMLElement {
  const cell = h('td', { class: 'wrap', 'data-test': `results-${g.id}` });
  if (!g.results || g.results.length === 0) {
    cell.append(h('span', { class: 'muted', text: tr(g.status === 'finished' ? 'ui.replay.noResults' : 'ui.replay.notOver') }));
    return cell;
  }
  const L = locale();
  const who = (company: string): string => {
    const seat = g.seats.find((s) => s.company === company);
    return seat && seat.kind === 'human' ? `${company} (${seat.name})` : company;
  };
  const [first] = g.results;
  cell.append(h('strong', { 'data-test': 'winner', text: tr('ui.replay.winner', { who: who(first!.company) }) }));
  const list = h('ol', { class: 'results-list' });
  for (const r of g.results) {
    list.append(h('li', { 'data-company': r.company, text: tr('ui.replay.seatResult', { company: r.company, score: formatScoreBps(r.scoreBps, L), ret: formatChangeBps(r.returnBps) }) }));
  }
  cell.append(list);
  return cell;
}

/** Renders the library into `root`. `openFile` shows a local file in the viewer. */
export function mountLibrary(root: HTMLElement, openFile: (text: string, name: string) => void, onError: (e: unknown) => void): void {
  const L = locale();
  // Open or import a file.
  const file = h('input', { type: 'file', accept: '.json,application/json', 'data-test': 'file-input' });
  const doImport = h('input', { type: 'checkbox', 'data-test': 'import-check' });
  const makePublic = h('input', { type: 'checkbox', 'data-test': 'import-public' });
  const importId = uid('imp');
  const publicId = uid('pub');
  doImport.id = importId;
  makePublic.id = publicId;
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    void f.text().then((text) => {
      if (!doImport.checked) return openFile(text, f.name);
      return replayApi.importFile(text, makePublic.checked).then((r) => {
        rememberGame({ gameId: r.id, authorToken: r.authorToken });
        location.assign(`/replay/${encodeURIComponent(r.id)}`);
      });
    }).catch(onError).finally(() => { file.value = ''; });
  });
  const fileCard = h('section', { class: 'card' },
    h('h2', { text: tr('ui.replay.openFile') }),
    field(tr('ui.replay.file'), file),
    h('label', { for: importId, class: 'check' }, doImport, ` ${tr('ui.replay.importToServer')}`),
    h('label', { for: publicId, class: 'check' }, makePublic, ` ${tr('ui.replay.importPublic')}`));

  // Filters.
  const scenario = h('select', { 'data-test': 'filter-scenario' }, h('option', { value: '', text: tr('ui.replay.any') }),
    ...scenarioIds().map((id) => h('option', { value: id, text: t(L, getScenario(id).titleKey) })));
  const company = h('select', { 'data-test': 'filter-company' }, h('option', { value: '', text: tr('ui.replay.any') }),
    ...TICKERS.map((tk) => h('option', { value: tk, text: t(L, `company.${tk}`) })));
  const from = h('input', { type: 'date', 'data-test': 'filter-from' });
  const to = h('input', { type: 'date', 'data-test': 'filter-to' });
  const apply = h('button', { type: 'submit', class: 'primary', 'data-test': 'filter-apply', text: tr('ui.replay.filter') });
  const filters = h('form', { class: 'card row', 'aria-label': tr('ui.replay.filter') },
    field(tr('ui.home.scenario'), scenario), field(tr('ui.rivals.company'), company), field(tr('ui.replay.from'), from), field(tr('ui.replay.to'), to), apply);

  const mine = h('tbody', { 'data-test': 'my-games' });
  const pub = h('tbody', { 'data-test': 'public-games' });
  const table = (title: string, body: HTMLElement): HTMLElement => h('section', { class: 'card' }, h('h2', { text: title }),
    h('div', { class: 'scroll-x' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ...['ui.replay.game', 'ui.home.scenario', 'ui.replay.date', 'ui.replay.status', 'ui.replay.players', 'ui.replay.results', 'ui.home.actions'].map((k) => h('th', { scope: 'col', text: tr(k) })))),
      body)));

  const row = (g: ReplayListItem): HTMLElement => {
    const open = h('a', { href: `/replay/${encodeURIComponent(g.id)}`, 'data-test': `open-${g.id}`, text: tr('ui.replay.open') });
    const actions = h('td', {}, open);
    if (g.status === 'finished') {
      const dl = h('button', { type: 'button', class: 'link', 'data-test': `download-${g.id}`, text: tr('ui.replay.download') });
      dl.addEventListener('click', () => { replayApi.download(g.id).catch(onError); });
      actions.append(' ', dl);
    }
    // A class's games belong to its gradebook: the host annotates them but does not delete them
    // (the server refuses, replay.notYours), so no button offers it.
    if (g.mine && g.status === 'finished' && !g.classGame) {
      const del = h('button', { type: 'button', class: 'link bad', 'data-test': `delete-${g.id}`, text: tr('ui.replay.delete') });
      let armed = false;
      del.addEventListener('click', () => {
        if (!armed) {
          armed = true;
          del.textContent = tr('ui.replay.deleteConfirm');
          return;
        }
        del.disabled = true;
        replayApi.remove(g.id, allTokens()).then(() => { forgetGame(g.id); load(); }).catch(onError);
      });
      actions.append(' ', del);
    }
    const seats = h('td', { class: 'wrap' });
    seats.textContent = g.seats.map((s) => `${s.company}${s.kind === 'human' ? ` (${s.name})` : ''}`).join(', ');
    const status = g.status === 'finished' ? tr('ui.replay.finished') : tr('ui.replay.running', { n: g.quarter, total: g.quarterCount });
    const name = h('td', { class: 'wrap' });
    const title = gameTitle(g);
    if (title) name.append(h('strong', { 'data-test': `title-${g.id}`, text: title }), h('br'), h('span', { class: 'muted', text: g.id }));
    else name.append(h('strong', { text: g.id }));
    if (g.source !== 'played') name.append(' ', h('span', { class: 'tag', text: tr(`ui.replay.source.${g.source}`) }));
    const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    const dates = h('td', { text: day(g.createdAt) });
    if (g.finishedAt !== null && day(g.finishedAt) !== day(g.createdAt)) dates.append(h('br'), h('span', { class: 'muted', text: tr('ui.replay.endedOn', { date: day(g.finishedAt) }) }));
    return h('tr', { 'data-game': g.id }, name,
      h('td', { text: t(L, getScenario(g.scenarioId).titleKey) }),
      dates, h('td', { text: status }), seats, resultsCell(g), actions);
  };
  const fill = (body: HTMLElement, games: ReplayListItem[]): void => {
    if (games.length === 0) return replace(body, h('tr', {}, h('td', { colspan: 7, class: 'muted', text: tr('ui.replay.none') })));
    replace(body, ...games.map(row));
  };
  const filterNow = (): Filter => ({ scenario: scenario.value, company: company.value, from: from.value, to: to.value });
  const load = (): void => {
    const f = filterNow();
    replayApi.myGames(allTokens(), f).then((g) => fill(mine, g)).catch(onError);
    replayApi.publicGames(f).then((g) => fill(pub, g)).catch(onError);
  };
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });

  replace(root,
    h('section', { class: 'hero' }, h('h1', { text: tr('ui.replay.library') }), h('p', { class: 'lead', text: tr('ui.replay.libraryLead') })),
    filters,
    table(tr('ui.replay.mine'), mine),
    table(tr('ui.replay.public'), pub),
    fileCard);
  load();
}
