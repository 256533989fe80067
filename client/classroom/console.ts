/**
 * The host console: join code, link and QR code; per game and team the members (connected or
 * not), draft/submitted/ready and the countdown; controls (start, pause/resume, extend, resolve
 * now, bots, move, remove, broadcast, hidden shocks, end); exports; replays; the leaderboard.
 * Every control is a message the server checks against the host secret given at join.
 */
import { REGION_IDS, formatChangeBps, formatScoreBps, t, type Ticker } from '../../shared/index.js';
import { CLASS_BOT_LEVEL, CLASS_TEXT_MAX, ROSTER_TEXT_MAX, type ClassMember, type ClassSnapshot } from '../../shared/protocol/classroom.js';
import { locale, tr } from '../model/i18n.js';
import { h, replace, uid } from '../ui/dom.js';
import { seatNotes } from '../ui/seat-notes.js';
import { boardNoteLine } from './board-note.js';
import { SHOCK_CARDS, classLinks, countdown, gameLine, teamStatus } from './model.js';
import { ClassConnection, download, fetchReach, tokens } from './net.js';
import { qrSvg } from './qr.js';
import { rememberGame } from '../replay/wallet.js';
import { report } from './route.js';

/** Mounts the console (needs the host secret kept by this browser or given by a host link). */
export async function mountConsole(root: HTMLElement, code: string, onError: (e: unknown) => void): Promise<() => void> {
  const hostToken = tokens.host(code);
  if (!hostToken) throw new Error(t(locale(), 'class.error.badToken'));
  replace(root, h('p', { class: 'muted', text: tr('ui.class.loading') }));
  const conn = await ClassConnection.join(code, { hostToken, view: 'console' });
  const L = locale();
  const reach = await fetchReach();
  const links = classLinks(reach.base, code, hostToken);
  let snap: ClassSnapshot | null = null;
  let offset = 0;
  const remembered = new Set<string>();

  // Fixed parts (forms keep their input across refreshes).
  const head = h('section', { class: 'card class-head' });
  const joinBox = h('div', { class: 'join-box' },
    h('div', {}, h('div', { class: 'muted', text: tr('ui.class.joinCode') }), h('div', { class: 'join-code', 'data-test': 'join-code', text: code }),
      h('div', { class: 'muted', 'data-test': 'join-url', text: tr('ui.class.joinAt', { url: links.join }) }),
      reach.warning ? h('p', { class: 'warn-text', role: 'alert', 'data-test': 'reach-warning', text: tr('ui.class.reachWarning') }) : null),
    h('div', { class: 'qr-box small' }, qrSvg(links.join, tr('ui.class.joinUrl'))));
  const hostLinkIn = h('input', { type: 'text', readonly: true, value: links.host ?? '', 'aria-label': tr('ui.class.hostUrl'), 'data-test': 'host-link' });
  const hostLink = h('details', { class: 'host-link' }, h('summary', { text: tr('ui.class.showHostUrl') }), h('p', { class: 'muted', text: tr('ui.class.hostUrl') }), hostLinkIn);
  const nav = h('div', { class: 'row' },
    h('a', { href: `/class/${code}/projector`, target: '_blank', rel: 'noopener', class: 'button', 'data-test': 'open-projector', text: tr('ui.class.projector') }),
    h('a', { href: `/class/${code}/debrief`, target: '_blank', rel: 'noopener', class: 'button', 'data-test': 'open-debrief', text: tr('ui.class.debrief') }),
    h('a', { href: '/class/mine', class: 'button', 'data-test': 'my-classes', text: tr('ui.class.mineLink') }));
  const exportCsv = h('button', { type: 'button', 'data-test': 'export-csv', text: tr('ui.class.exportCsv') });
  const exportJson = h('button', { type: 'button', 'data-test': 'export-json', text: tr('ui.class.exportJson') });
  const exportBook = h('button', { type: 'button', 'data-test': 'export-gradebook', text: tr('ui.class.exportGradebook') });
  exportBook.addEventListener('click', () => { download(code, hostToken, 'gradebook').then((text) => report({ gradebook: text })).catch(onError); });
  exportCsv.addEventListener('click', () => { download(code, hostToken, 'csv').then((text) => report({ csv: text })).catch(onError); });
  exportJson.addEventListener('click', () => { download(code, hostToken, 'json').catch(onError); });

  const btn = (key: string, test: string, fn: () => void, cls = ''): HTMLButtonElement => {
    const b = h('button', { type: 'button', class: cls, 'data-test': test, text: tr(key) });
    b.addEventListener('click', fn);
    return b;
  };
  const target = h('select', { 'aria-label': tr('ui.class.allGames'), 'data-test': 'target-game' });
  const targetGame = (): number | null => (target.value === '' ? null : Number(target.value));
  target.addEventListener('change', () => render());
  const start = btn('ui.class.start', 'host-start', () => conn.send('host:start', {}), 'primary big');
  const pause = btn('ui.class.pause', 'host-pause', () => conn.send('host:pause', { paused: !(snap?.paused ?? false) }));
  const extend = btn('ui.class.extend', 'host-extend', () => conn.send('host:extend', { game: targetGame(), seconds: 60 }));
  // "Resolve now" names the quarter it resolves, asks first, and sends that quarter: a game already past it is left alone.
  const resolveQuarter = (): number | null => {
    const g = targetGame();
    const running = (snap?.games ?? []).filter((x) => x.status === 'running' && (g === null || x.index === g));
    return running.length > 0 ? Math.min(...running.map((x) => x.quarter)) : null;
  };
  const resolve = btn('ui.class.resolve', 'host-resolve', () => {
    const q = resolveQuarter();
    if (q === null || !confirm(tr('ui.class.resolveConfirm', { q: q + 1 }))) return;
    conn.send('host:resolve', { game: targetGame(), quarter: q });
  });
  const end = btn('ui.class.end', 'host-end', () => { if (confirm(tr('ui.class.endConfirm'))) conn.send('host:end', {}); }, 'danger');
  const restart = btn('ui.class.restart', 'host-restart', () => { if (confirm(tr('ui.class.restartConfirm'))) conn.send('host:restart', {}); });
  const lock = btn('ui.class.lock', 'host-lock', () => conn.send('host:lock', { locked: !(snap?.locked ?? false) }));
  // Undo of the last host action: the server says which one it is and refuses what cannot be undone, by name.
  const undo = btn('ui.class.undo', 'host-undo', () => conn.send('host:undo', {}));
  const controls = h('div', { class: 'row controls' }, start, target, pause, extend, resolve, restart, lock, undo, end);

  // Before class: a roster (paste or CSV file) with teams, balanced or random.
  const rosterIn = h('textarea', { rows: 5, maxlength: ROSTER_TEXT_MAX, placeholder: tr('ui.class.rosterPlaceholder'), 'aria-label': tr('ui.class.roster'), 'data-test': 'roster-input' });
  const rosterFile = h('input', { type: 'file', accept: '.csv,.txt,text/csv,text/plain', 'aria-label': tr('ui.class.rosterFile'), 'data-test': 'roster-file' });
  rosterFile.addEventListener('change', () => { void rosterFile.files?.[0]?.text().then((text) => { rosterIn.value = text.slice(0, ROSTER_TEXT_MAX); }); });
  const rosterRandom = h('input', { type: 'checkbox', id: uid('rr'), 'data-test': 'roster-random' });
  const rosterNote = h('p', { class: 'muted', 'data-test': 'roster-result', 'aria-live': 'polite' });
  const rosterForm = h('form', { class: 'roster' }, rosterIn, h('div', { class: 'row' }, rosterFile,
    h('label', { for: rosterRandom.id, class: 'check' }, rosterRandom, ` ${tr('ui.class.rosterRandom')}`),
    h('button', { type: 'submit', 'data-test': 'roster-import', text: tr('ui.class.rosterImport') })), rosterNote);
  rosterForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (rosterIn.value.trim()) conn.send('host:roster', { text: rosterIn.value, random: rosterRandom.checked });
  });
  conn.on('class:roster', (r) => { rosterNote.textContent = tr('ui.class.rosterDone', { added: r.added, moved: r.moved }); rosterIn.value = ''; report({ roster: r }); });

  // A co-host (TA) link: host powers except removing students and ending the class.
  const coHostOut = h('input', { type: 'text', readonly: true, 'aria-label': tr('ui.class.coHostLink'), 'data-test': 'cohost-link', hidden: true });
  const coHostBtn = btn('ui.class.coHost', 'host-cohost', () => conn.send('host:cohost', {}));
  conn.on('class:cohost', (m) => { coHostOut.value = classLinks(reach.base, code, m.token).host ?? ''; coHostOut.hidden = false; coHostOut.select(); report({ coHost: true }); });
  const before = h('section', { class: 'card', 'data-test': 'before-class' },
    h('h2', { text: tr('ui.class.roster') }), h('p', { class: 'muted', text: tr('ui.class.rosterHint') }), rosterForm,
    h('h2', { text: tr('ui.class.coHost') }), h('p', { class: 'muted', text: tr('ui.class.coHostHint') }), h('div', { class: 'row' }, coHostBtn), coHostOut);

  const bcIn = h('input', { type: 'text', maxlength: CLASS_TEXT_MAX, placeholder: tr('ui.class.broadcastPlaceholder'), 'aria-label': tr('ui.class.broadcast'), 'data-test': 'broadcast-input' });
  const bcForm = h('form', { class: 'row' }, bcIn, h('button', { type: 'submit', 'data-test': 'broadcast-send', text: tr('ui.class.broadcast') }));
  bcForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = bcIn.value.trim();
    if (text) conn.send('host:broadcast', { text });
    bcIn.value = '';
  });

  const card = h('select', { id: uid('card'), 'data-test': 'shock-card' }, ...SHOCK_CARDS.map((c) => h('option', { value: c, text: tr(`class.card.${c}`) })));
  const region = h('select', { id: uid('region'), 'data-test': 'shock-region' }, h('option', { value: '', text: tr('ui.class.noRegion') }),
    ...REGION_IDS.map((r) => h('option', { value: r, text: t(L, `region.${r}`) })));
  const shockForm = h('form', { class: 'row' },
    h('label', { for: card.id, text: tr('ui.class.shockCard') }), card, h('label', { for: region.id, text: tr('ui.class.shockRegion') }), region,
    h('button', { type: 'submit', 'data-test': 'shock-inject', text: tr('ui.class.inject') }));
  shockForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    conn.send('host:shock', { game: targetGame(), card: card.value as never, region: (region.value || null) as never });
  });
  const unshock = btn('ui.class.unshock', 'shock-undo', () => conn.send('host:unshock', { game: targetGame() }));
  shockForm.append(unshock);
  const tools = h('section', { class: 'card' },
    h('h2', { text: tr('ui.class.broadcast') }), bcForm,
    h('h2', { text: tr('ui.class.shock') }), h('p', { class: 'muted', text: tr('ui.class.shockHint') }), shockForm);

  const gamesBox = h('div', { 'data-test': 'games' });
  const observersBox = h('section', { class: 'card', 'data-test': 'observers' });
  const board = h('section', { class: 'card', 'data-test': 'class-leaderboard' });
  const exportsBox = h('section', { class: 'card' }, h('div', { class: 'row' }, exportBook, exportCsv, exportJson), h('p', { class: 'muted', text: tr('ui.class.gradebookHint') }), h('ul', { class: 'replays', 'data-test': 'replays' }));

  replace(root, h('div', { class: 'class-console' },
    h('section', { class: 'card' }, h('h1', { text: tr('ui.class.console') }), head, joinBox, hostLink, nav),
    h('section', { class: 'card sticky' }, controls), tools, gamesBox, observersBox, before, board, exportsBox));

  const moveSelect = (m: ClassMember): HTMLSelectElement => {
    const s = snap!;
    const opts = [h('option', { value: '', text: tr('ui.class.move') })];
    for (const g of s.games) {
      for (const team of g.teams) opts.push(h('option', { value: `${g.index}:${team.company}`, text: `${s.options.games > 1 ? `${tr('ui.class.game', { n: g.index + 1 })} · ` : ''}${team.company}` }));
      opts.push(h('option', { value: `${g.index}:`, text: `${s.options.games > 1 ? `${tr('ui.class.game', { n: g.index + 1 })} · ` : ''}${tr('ui.class.observerOption')}` }));
    }
    const sel = h('select', { 'aria-label': `${tr('ui.class.move')} ${m.name}`, 'data-test': `move-${m.name}` }, ...opts);
    sel.addEventListener('change', () => {
      if (!sel.value) return;
      const [g, company] = sel.value.split(':') as [string, string];
      conn.send('host:move', { student: m.id, game: Number(g), company: (company || null) as never });
    });
    return sel;
  };
  const memberEl = (m: ClassMember): HTMLElement => {
    const rm = h('button', { type: 'button', class: 'link', 'data-test': `remove-${m.name}`, text: tr('ui.class.remove'), hidden: !!snap?.coHost });
    rm.addEventListener('click', () => { if (confirm(tr('ui.class.removeConfirm', { name: m.name }))) conn.send('host:remove', { student: m.id }); });
    return h('li', { class: 'member' }, h('span', { class: `dot ${m.connected ? 'on' : 'off'}`, title: tr(m.connected ? 'ui.class.online' : 'ui.class.offline') }),
      h('span', { text: m.name }), moveSelect(m), rm);
  };

  const render = (): void => {
    const s = snap;
    if (!s) return;
    const now = Date.now() + offset;
    const students = s.games.reduce((a, g) => a + g.teams.reduce((b, tm) => b + tm.members.length, 0), 0) + s.observers.length;
    replace(head, h('p', { 'data-test': 'class-status', text: `${s.options.title ? `${s.options.title} · ` : ''}${s.status === 'lobby' ? tr('ui.class.lobby') : s.status === 'finished' ? tr('ui.class.finished') : s.paused ? tr('ui.class.paused') : tr('ui.class.quarterOf', { q: (s.games[0]?.quarter ?? 0) + 1, n: s.games[0]?.quarterCount ?? s.options.quarterCount })} · ${tr('ui.class.students', { n: students })}${s.locked ? ` · ${tr('ui.class.locked')}` : ''}${s.practiceGames > 0 ? ` · ${tr('ui.class.practiceDone', { n: s.practiceGames })}` : ''}` }));
    start.hidden = s.status !== 'lobby';
    unshock.hidden = !s.games.some((g) => (g.shocks ?? []).length > 0 && (targetGame() === null || g.index === targetGame()));
    restart.hidden = s.status === 'lobby' || !!s.coHost;
    end.hidden = !!s.coHost;
    coHostBtn.hidden = !!s.coHost;
    lock.textContent = tr(s.locked ? 'ui.class.unlock' : 'ui.class.lock');
    undo.hidden = !s.lastAction;
    undo.textContent = s.lastAction ? tr('ui.class.undoAction', { action: tr(`ui.class.action.${s.lastAction}`) }) : tr('ui.class.undo');
    lock.setAttribute('aria-pressed', String(s.locked));
    for (const b of [pause, extend, resolve, end]) b.disabled = s.status !== 'running';
    pause.textContent = tr(s.paused ? 'ui.class.resume' : 'ui.class.pause');
    const rq = resolveQuarter();
    resolve.textContent = rq === null ? tr('ui.class.resolve') : tr('ui.class.resolveQ', { q: rq + 1 });
    if (rq === null) resolve.disabled = true;
    if (target.options.length !== s.games.length + 1) {
      replace(target, h('option', { value: '', text: tr('ui.class.allGames') }), ...s.games.map((g) => h('option', { value: g.index, text: tr('ui.class.game', { n: g.index + 1 }) })));
    }
    replace(gamesBox, ...s.games.map((g) => {
      const c = countdown(g, s.paused, now);
      const rows = g.teams.map((team) => {
        const st = teamStatus(team);
        const botBtn = h('button', { type: 'button', 'data-test': `bot-${g.index}-${team.company}`, text: tr(team.kind === 'bot' ? 'ui.class.removeBot' : 'ui.class.addBot'), disabled: s.status !== 'running' || (team.kind === 'bot' && team.members.length === 0) });
        botBtn.addEventListener('click', () => conn.send('host:bot', { game: g.index, company: team.company as never, bot: team.kind !== 'bot' }));
        return h('tr', { 'data-test': `team-${g.index}-${team.company}` },
          h('th', { scope: 'row' }, `${t(L, `company.${team.company}`)} (${team.company})`, seatNotes(s.options.scenarioId, team.company as Ticker, CLASS_BOT_LEVEL, 'muted seat-note')),
          h('td', {}, team.members.length > 0 ? h('ul', { class: 'members' }, ...team.members.map(memberEl)) : h('span', { class: 'muted', text: '—' })),
          h('td', {}, h('span', { class: `pill ${st}`, 'data-test': `status-${g.index}-${team.company}`, text: tr(`ui.class.st.${st}`) })),
          h('td', {}, botBtn));
      });
      const shocks = g.shocks ?? [];
      return h('section', { class: 'card', 'data-test': `game-${g.index}` },
        h('div', { class: 'row spread' },
          h('h2', { text: `${tr('ui.class.game', { n: g.index + 1 })} · ${((l) => tr(l.key, l.params))(gameLine(s, g.index))}` }),
          h('span', { class: `countdown ${c.kind}${c.urgent ? ' urgent' : ''}`, 'data-test': `countdown-${g.index}`, text: c.kind === 'paused' ? `${tr('ui.class.paused')} ${c.text}` : c.text })),
        shocks.length > 0 ? h('p', { class: 'shocks', 'data-test': `shocks-${g.index}`, text: tr('ui.class.pendingShocks', { list: shocks.map((x) => `${tr(`class.card.${x.card}`)}${x.region ? ` (${t(L, `region.${x.region}`)})` : ''}`).join(', ') }) }) : null,
        h('div', { class: 'scroll-x' }, h('table', { class: 'table teams' },
          h('thead', {}, h('tr', {}, ...['ui.class.team', 'ui.class.members', 'ui.class.status', 'ui.class.actions'].map((k) => h('th', { scope: 'col', text: tr(k) })))),
          h('tbody', {}, ...rows))));
    }));
    replace(observersBox, h('h2', { text: tr('ui.class.observers') }),
      s.observers.length > 0 ? h('ul', { class: 'members' }, ...s.observers.map(memberEl)) : h('p', { class: 'muted', text: students === 0 ? tr('ui.class.noStudents') : '—' }));
    replace(board, h('h2', { text: tr('ui.class.leaderboard') }), h('div', { class: 'scroll-x' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ...['ui.class.rank', 'ui.class.company', 'ui.class.members', 'ui.class.score', 'ui.class.return'].map((k) => h('th', { scope: 'col', text: tr(k) })))),
      h('tbody', {}, ...s.leaderboard.map((r, i) => h('tr', {}, h('td', { text: i + 1 }),
        h('td', { text: `${t(L, `company.${r.company}`)}${s.options.games > 1 ? ` · ${tr('ui.class.game', { n: r.game + 1 })}` : ''}` }),
        h('td', { text: r.members.join(', ') }), h('td', { class: 'num', 'data-test': 'class-score', text: formatScoreBps(r.scoreBps, L) }), h('td', { class: 'num', text: formatChangeBps(r.tsrBps) })))))),
      boardNoteLine(s));
    // The replay library opens private class games with the class host's secret (a host grant on the server).
    for (const g of s.games) if (g.gameId && !remembered.has(g.gameId)) { remembered.add(g.gameId); rememberGame({ gameId: g.gameId, hostToken }); }
    const replays = exportsBox.querySelector('ul')!;
    replace(replays, ...s.games.filter((g) => g.gameId).map((g) => h('li', {}, h('a', { href: `/replay/${g.gameId}`, target: '_blank', rel: 'noopener', 'data-test': `replay-${g.index}`, text: tr('ui.class.replay', { n: g.index + 1 }) }),
      // A finished game's replay the host steps through while the projector and students follow.
      g.status === 'finished' ? ' · ' : null,
      g.status === 'finished' ? h('a', { href: `/replay/${g.gameId}?q=0&class=${encodeURIComponent(code)}&game=${g.index}`, target: '_blank', rel: 'noopener', 'data-test': `present-${g.index}`, text: tr('ui.class.showReplay') }) : null,
      s.replay?.game === g.index ? h('span', { class: 'tag', 'data-test': `presented-${g.index}`, text: tr('ui.class.shownAt', { n: s.replay.quarter, total: s.replay.last }) }) : null)));
    report({
      status: s.status, paused: s.paused, students, locked: s.locked, practiceGames: s.practiceGames, coHost: !!s.coHost,
      quarters: s.games.map((g) => g.quarter), gameIds: s.games.map((g) => g.gameId), deadlines: s.games.map((g) => g.deadlineAt), pausedLeft: s.games.map((g) => g.pausedLeftMs),
      shocks: s.games.map((g) => (g.shocks ?? []).length), teams: s.games.flatMap((g) => g.teams.map((tm) => ({ game: g.index, company: tm.company, status: teamStatus(tm), members: tm.members.map((m) => m.name) }))),
    });
  };

  conn.on('class:welcome', () => undefined);
  // Re-render only when something changed, and never under an open "move" menu (it would close).
  let lastKey = '';
  let deferred = false;
  const busy = (): boolean => {
    const el = document.activeElement;
    return el instanceof HTMLSelectElement && (gamesBox.contains(el) || observersBox.contains(el));
  };
  for (const box of [gamesBox, observersBox]) box.addEventListener('focusout', () => { if (deferred) { deferred = false; setTimeout(render, 0); } });
  conn.on('class:state', (s) => {
    snap = s;
    offset = s.now - Date.now();
    const key = JSON.stringify({ ...s, now: 0 });
    if (key === lastKey) return;
    if (busy()) { deferred = true; return; }
    lastKey = key;
    render();
  });
  conn.on('class:view', () => undefined);
  conn.on('class:resolved', () => undefined);
  conn.on('class:shocked', () => undefined);
  conn.on('class:broadcast', (b) => report({ broadcast: b.text }));
  conn.on('class:error', (e) => onError(new Error(e.message)));
  const timer = setInterval(() => {
    if (!snap) return;
    for (const g of snap.games) {
      const el = gamesBox.querySelector(`[data-test="countdown-${g.index}"]`);
      const c = countdown(g, snap.paused, Date.now() + offset);
      if (el) el.textContent = c.kind === 'paused' ? `${tr('ui.class.paused')} ${c.text}` : c.text;
    }
  }, 1000);
  // A lost connection (network change, server restart): come back with the secret.
  let closing = false;
  conn.onLeave(() => { if (!closing) setTimeout(() => location.reload(), 2000); });
  return () => { closing = true; clearInterval(timer); conn.leave(); };
}
