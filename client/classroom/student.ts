/**
 * The student's screen: their team and company, the team's shared draft (live: every member sees
 * and edits it, and who is editing), submit for the team, the countdown, host messages, headlines,
 * the leaderboard and the team chat. Observers see their game's public figures.
 */
import { ENERGY_SOURCES, REGION_IDS, completeOrders, emptyOrders, formatChangeBps, formatMw, formatPriceCents, formatScoreBps, formatUsdM, t, type EnergyOrder, type EnergySource, type Lesson, type Orders, type OrdersDraft, type PlayerView, type QuarterFigures, type RegionId } from '../../shared/index.js';
import { CLASS_TEXT_MAX, REFLECTION_MAX, type ClassSnapshot, type TeamDraft } from '../../shared/protocol/classroom.js';
import type { ServerMessage } from '../../shared/protocol/index.js';
import { getField, initialDraft, previewDraft, setEnergy, setField, type NumericPath } from '../model/draft.js';
import { locale, tr } from '../model/i18n.js';
import { eventText, quarterLabel } from '../model/view-models.js';
import { h, kv, replace, uid } from '../ui/dom.js';
import { boardNoteLine } from './board-note.js';
import { countdown, editingNow, gameLine, myTeam } from './model.js';
import { ClassConnection, fetchMyDebrief, tokens } from './net.js';
import { report } from './route.js';
import { followReplay } from './follow.js';

/** A student's own debrief (GET /api/classes/:code/debrief/me). */
interface MyDebrief {
  scenarioId: string;
  company: string;
  quarters: QuarterFigures[];
  myOrders: (Orders | null)[];
  lessons: Lesson[];
  questions: string[];
  reflection: string[] | null;
}

/** The fields of the team form: path, label key, unit (percent fields are stored in bps). */
const FIELDS: { path: NumericPath; key: string; pct?: boolean; unit?: string }[] = [
  { path: 'chips.merchantUsdM', key: 'ui.class.merchantChips', unit: 'ui.class.unitUsdM' },
  { path: 'talentBidUsdM', key: 'ui.desk.talentBid', unit: 'ui.class.unitUsdM' },
  { path: 'data.licensedUsdM', key: 'ui.desk.licensedData', unit: 'ui.class.unitUsdM' },
  { path: 'ops.trainingBps', key: 'ui.desk.training', pct: true },
  { path: 'ops.selfUseBps', key: 'ui.desk.selfUse', pct: true },
  { path: 'ops.cloudBps', key: 'ui.desk.cloud', pct: true },
  { path: 'ops.labBidMw', key: 'ui.desk.labBid', unit: 'ui.class.unitMw' },
  { path: 'finance.borrowUsdM', key: 'ui.desk.borrow', unit: 'ui.class.unitUsdM' },
  { path: 'finance.buybackUsdM', key: 'ui.desk.buyback', unit: 'ui.class.unitUsdM' },
  { path: 'guidanceCapexUsdM', key: 'ui.desk.guidanceNext', unit: 'ui.class.unitUsdM' },
];

/** Mounts the student screen (joins with the stored token, or sends to the join form). */
export async function mountStudent(root: HTMLElement, code: string, onError: (e: unknown) => void): Promise<() => void> {
  const token = tokens.student(code);
  if (!token) {
    const { mountJoin } = await import('./join.js');
    return mountJoin(root, code, onError);
  }
  replace(root, h('p', { class: 'muted', text: tr('ui.class.loading') }));
  let conn: ClassConnection;
  try {
    conn = await ClassConnection.join(code, { studentToken: token });
  } catch (e) {
    tokens.setStudent(code, null);
    onError(e);
    const { mountJoin } = await import('./join.js');
    return mountJoin(root, code, onError);
  }
  const L = locale();
  let snap: ClassSnapshot | null = null;
  let offset = 0;
  let view: PlayerView | null = null;
  let pending: ServerMessage<'orders:state'> | null = null;
  let draft: Orders | null = null;
  let draftVersion = 0;
  let lastBy: string | null = null;
  let myName = '';
  let problems: string[] = [];
  const chatLog: { from: string; text: string }[] = [];
  let broadcastText: string | null = null;
  let removed = false;

  // Static layout; parts are refreshed in place so inputs keep focus while others edit.
  const header = h('section', { class: 'card class-head' });
  const banner = h('div', { class: 'banner', role: 'status', 'data-test': 'broadcast', hidden: true });
  const clock = h('div', { class: 'countdown', 'data-test': 'countdown' });
  const teamBox = h('section', { class: 'card', 'data-test': 'team' });
  const editing = h('p', { class: 'editing', 'data-test': 'editing', 'aria-live': 'polite' });
  const status = h('p', { class: 'team-status', 'data-test': 'team-status', 'aria-live': 'polite' });
  const problemsBox = h('ul', { class: 'problems', 'data-test': 'problems' });
  const inputs = new Map<NumericPath, HTMLInputElement>();
  const pricing = h('select', { id: uid('pricing'), 'data-test': 'f-pricing' },
    h('option', { value: 'usage', text: tr('ui.desk.pricingUsage') }), h('option', { value: 'flat', text: tr('ui.desk.pricingFlat') }));
  const region = h('select', { id: uid('region'), 'data-test': 'f-region' }, ...REGION_IDS.map((r) => h('option', { value: r, text: t(L, `region.${r}`) })));
  const source = h('select', { id: uid('source'), 'data-test': 'f-source' }, ...ENERGY_SOURCES.map((s) => h('option', { value: s, text: t(L, `source.${s}`) })));
  const powerMw = h('input', { id: uid('mw'), type: 'number', min: 0, step: 10, inputmode: 'numeric', 'data-test': 'f-power' });
  const submit = h('button', { type: 'submit', class: 'primary big', 'data-test': 'team-submit', text: tr('ui.class.submit') });
  const unready = h('button', { type: 'button', 'data-test': 'team-unready', text: tr('ui.class.unready') });
  const fields = FIELDS.map((f) => {
    const input = h('input', { id: uid('f'), type: 'number', step: 1, min: 0, inputmode: 'numeric', 'data-test': `f-${f.path}` });
    inputs.set(f.path, input);
    return h('div', { class: 'field' }, h('label', { for: input.id, text: `${tr(f.key)} ${f.pct ? '(%)' : f.unit ? tr(f.unit) : ''}`.trim() }), input);
  });
  // novalidate: the shared engine validates (readable problems), not the browser's step/min checks.
  const form = h('form', { class: 'team-form', 'data-test': 'team-form', novalidate: true },
    h('div', { class: 'form-grid' }, ...fields,
      h('div', { class: 'field' }, h('label', { for: pricing.id, text: tr('ui.desk.pricing') }), pricing),
      h('div', { class: 'field' }, h('label', { for: powerMw.id, text: tr('ui.class.newPower') }), powerMw),
      h('div', { class: 'field' }, h('label', { for: region.id, text: tr('ui.desk.region') }), region),
      h('div', { class: 'field' }, h('label', { for: source.id, text: tr('ui.desk.source') }), source)),
    problemsBox, h('div', { class: 'row' }, submit, unready));
  const news = h('section', { class: 'card', 'data-test': 'headlines' });
  const board = h('section', { class: 'card', 'data-test': 'leaderboard' });
  const chatList = h('ul', { class: 'chat-log', 'data-test': 'chat-log' });
  const chatIn = h('input', { type: 'text', maxlength: CLASS_TEXT_MAX, 'aria-label': tr('ui.class.chatTitle'), 'data-test': 'chat-input' });
  const chatForm = h('form', { class: 'row' }, chatIn, h('button', { type: 'submit', text: tr('ui.class.send') }));
  const chatBox = h('section', { class: 'card', hidden: true }, h('h2', { text: tr('ui.class.chatTitle') }), chatList, chatForm);
  const afterBox = h('section', { class: 'card', 'data-test': 'my-debrief', hidden: true });
  // The host-driven replay: the game the host shows, at the host's quarter (the student may browse on their own).
  const replayBox = h('section', { class: 'card', 'data-test': 'student-replay', hidden: true });
  replace(root, h('div', { class: 'class-student' }, header, banner, replayBox, clock, teamBox, afterBox, news, board, chatBox));
  const follower = followReplay(replayBox, [token], {
    canBrowse: true, onError,
    onState: (f) => report({ replayGameId: f.gameId, replayQuarter: f.quarter, hostQuarter: f.hostQuarter, following: f.following }),
  });

  // After the game: the team's own debrief (its decisions next to the outcome, the lessons) and the reflection.
  let mine: MyDebrief | null = null;
  let loadingMine = false;
  const reflectIns: HTMLTextAreaElement[] = [];
  const reflectNote = h('p', { class: 'muted', 'data-test': 'reflect-status', 'aria-live': 'polite' });
  const renderAfter = (): void => {
    const over = !!snap && (snap.status === 'finished' || snap.games.find((g) => g.index === snap!.me?.game)?.status === 'finished');
    afterBox.hidden = !over || !snap?.me?.company;
    if (afterBox.hidden) return;
    if (!mine) {
      if (!loadingMine) {
        loadingMine = true;
        fetchMyDebrief<MyDebrief>(code, tokens.student(code) ?? '').then((d) => { mine = d; renderAfter(); }).catch((e: unknown) => { loadingMine = false; onError(e); });
      }
      return;
    }
    if (afterBox.dataset['drawn'] !== '1') {
      afterBox.dataset['drawn'] = '1';
      const d = mine;
      const rows = d.quarters.map((f, i) => {
        const o = d.myOrders[i];
        const c = f.companies[d.company as keyof typeof f.companies];
        const mw = o ? o.energy.reduce((a, e) => a + e.mw, 0) : 0;
        return h('tr', {},
          h('th', { scope: 'row', text: quarterLabel(d.scenarioId, f.quarter) }),
          h('td', { class: 'num', text: o ? formatUsdM(o.guidanceCapexUsdM, L) : '—' }),
          h('td', { class: 'num', text: o ? formatUsdM(o.chips.merchantUsdM + o.chips.secondSourceUsdM + o.chips.customUsdM, L) : '—' }),
          h('td', { class: 'num', text: o ? formatMw(mw, L) : '—' }),
          h('td', { class: 'num', text: o ? formatUsdM(o.finance.borrowUsdM, L) : '—' }),
          h('td', { class: 'num', text: c ? formatPriceCents(c.priceCents, L) : '—' }),
          h('td', { class: 'num', text: c ? formatChangeBps(c.tsrBps) : '—' }),
          h('td', { class: 'num', text: c ? formatUsdM(c.revenueUsdM, L) : '—' }),
          h('td', { class: 'num', text: c ? formatMw(c.idleChipMw, L) : '—' }));
      });
      const heads = ['ui.class.quarter', 'ui.class.col.guidance', 'ui.class.col.chips', 'ui.class.col.power', 'ui.class.col.borrow', 'ui.class.price', 'ui.class.tsr', 'ui.class.col.revenue', 'ui.class.col.idle'];
      reflectIns.length = 0;
      const qs = d.questions.map((q, i) => {
        const ta = h('textarea', { id: uid('r'), rows: 3, maxlength: REFLECTION_MAX, 'data-test': `reflect-${i}` });
        ta.value = snap?.reflection?.[i] ?? d.reflection?.[i] ?? '';
        reflectIns.push(ta);
        return h('div', { class: 'field' }, h('label', { for: ta.id, text: `${i + 1}. ${q}` }), ta);
      });
      const send = h('button', { type: 'submit', class: 'primary', 'data-test': 'reflect-send', text: tr('ui.class.reflectSend') });
      const reflectForm = h('form', { class: 'reflect', 'data-test': 'reflect-form' }, ...qs, h('div', { class: 'row' }, send), reflectNote);
      reflectForm.addEventListener('submit', (ev) => {
        ev.preventDefault();
        conn.send('student:reflect', { answers: reflectIns.map((x) => x.value) });
      });
      replace(afterBox,
        h('h2', { text: tr('ui.class.myDebrief', { company: t(L, `company.${d.company}`) }) }),
        h('div', { class: 'scroll-x' }, h('table', { class: 'table', 'data-test': 'my-quarters' },
          h('thead', {}, h('tr', {}, ...heads.map((k) => h('th', { scope: 'col', text: tr(k) })))), h('tbody', {}, ...rows))),
        h('h3', { text: tr('ui.class.lessons') }),
        h('div', { class: 'cards' }, ...d.lessons.map((l) => h('article', { class: 'lesson', 'data-test': `my-lesson-${l.id}` }, h('p', { text: t(L, l.key, l.params) })))),
        h('h3', { text: tr('ui.class.reflectTitle') }), reflectForm);
      report({ myDebrief: d.quarters.length, lessons: d.lessons.map((l) => l.id), questions: d.questions.length });
    }
    const saved = snap?.reflection ?? null;
    reflectNote.textContent = saved ? tr('ui.class.reflectSaved') : '';
    report({ reflection: saved });
  };

  const fillForm = (): void => {
    if (!draft) return;
    for (const f of FIELDS) {
      const input = inputs.get(f.path)!;
      if (document.activeElement === input) continue;
      const v = getField(draft, f.path);
      input.value = String(f.pct ? Math.round(v / 100) : v);
    }
    if (document.activeElement !== pricing) pricing.value = draft.ops.pricing;
    const e = draft.energy[0];
    if (document.activeElement !== powerMw) powerMw.value = String(e?.mw ?? 0);
    if (e && document.activeElement !== region) region.value = e.region;
    if (e && document.activeElement !== source) source.value = e.source;
  };

  const readForm = (): Orders | null => {
    if (!draft) return null;
    let next = draft;
    for (const f of FIELDS) {
      const raw = Number(inputs.get(f.path)!.value);
      const cur = getField(next, f.path);
      // Percent fields show whole percents: keep the exact bps unless the member changed the number.
      if (raw !== (f.pct ? Math.round(cur / 100) : cur)) next = setField(next, f.path, f.pct ? Math.round(raw * 100) : raw);
    }
    next = { ...next, ops: { ...next.ops, pricing: pricing.value === 'flat' ? 'flat' : 'usage' } };
    const mw = Math.max(0, Math.trunc(Number(powerMw.value) || 0));
    const energy: EnergyOrder[] = mw > 0 ? [{ region: region.value as RegionId, source: source.value as EnergySource, mw, cooling: 'liquid' }] : [];
    return setEnergy(next, energy);
  };

  const refreshProblems = (): void => {
    problems = draft && view ? (previewDraft(view, draft, L)?.problems.map((p) => p.text) ?? []) : [];
    replace(problemsBox, ...problems.slice(0, 4).map((p) => h('li', { text: p })));
  };

  let sendTimer: ReturnType<typeof setTimeout> | null = null;
  const onEdit = (): void => {
    const next = readForm();
    if (!next || !view) return;
    draft = next;
    refreshProblems();
    if (sendTimer) clearTimeout(sendTimer);
    sendTimer = setTimeout(() => {
      sendTimer = null;
      if (draft && view) conn.send('team:draft', { quarter: view.quarter, draft: draft as unknown as Record<string, unknown> });
    }, 200);
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const o = readForm();
    if (!o || !view) return;
    if (sendTimer) { clearTimeout(sendTimer); sendTimer = null; }
    conn.send('team:draft', { quarter: view.quarter, draft: o as unknown as Record<string, unknown> });
    conn.send('team:submit', { quarter: view.quarter, orders: o as unknown as Record<string, unknown> });
  });
  unready.addEventListener('click', () => { if (view) conn.send('team:unready', { quarter: view.quarter }); });
  chatForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = chatIn.value.trim();
    if (!text) return;
    conn.send('chat:send', { text });
    chatIn.value = '';
  });

  const renderHeader = (): void => {
    if (!snap) return;
    const me = snap.me;
    const team = myTeam(snap);
    const game = me?.game ?? 0;
    const mates = team ? team.members.filter((m) => m.name !== myName).map((m) => `${m.name}${m.connected ? '' : ` (${tr('ui.class.offline')})`}`) : [];
    replace(header,
      h('h1', { text: snap.options.title || tr('ui.class.joinTitle') }),
      h('p', { 'data-test': 'me', text: tr('ui.class.you', { name: myName }) }),
      team
        ? h('p', { class: 'team-line', 'data-test': 'my-team', text: tr('ui.class.yourTeam', { company: t(L, `company.${team.company}`), game: game + 1 }) })
        : h('p', { 'data-test': 'my-team', text: tr('ui.class.observing', { game: game + 1 }) }),
      mates.length > 0 ? h('p', { class: 'muted', text: tr('ui.class.teammates', { names: mates.join(', ') }) }) : null,
      h('p', { class: 'muted', 'data-test': 'quarter', text: ((l) => tr(l.key, l.params))(gameLine(snap, game)) }));
    chatBox.hidden = !snap.options.chat || !team;
  };

  const renderClock = (): void => {
    if (!snap || snap.status !== 'running') { clock.textContent = ''; return; }
    const g = snap.games.find((x) => x.index === (snap!.me?.game ?? 0));
    if (!g) return;
    const c = countdown(g, snap.paused, Date.now() + offset);
    clock.className = `countdown ${c.kind}${c.urgent ? ' urgent' : ''}`;
    clock.textContent = c.kind === 'paused' ? `${tr('ui.class.paused')} · ${c.text}` : c.kind === 'none' ? tr('ui.class.noLimit') : `${tr('ui.class.timeLeft')} ${c.text}`;
  };

  const renderTeam = (): void => {
    if (!snap) return;
    const team = myTeam(snap);
    const running = snap.status === 'running' && !!view && !view.finished;
    if (!team || !running || !view?.me) {
      const line = gameLine(snap, snap.me?.game ?? 0);
      replace(teamBox, h('p', { class: 'muted', 'data-test': 'team-idle', text: team || line.key !== 'ui.class.quarterOf' ? tr(line.key, line.params) : tr('ui.class.observing', { game: (snap.me?.game ?? 0) + 1 }) }));
      report({ teamReady: false, quarter: view?.quarter ?? null });
      return;
    }
    const me = view.me;
    const names = editingNow(team.members, snap.now, myName);
    editing.textContent = names.length > 0 ? tr('ui.class.editing', { names: names.join(', ') }) : lastBy ? tr('ui.class.lastChange', { name: lastBy }) : '';
    const ready = pending?.ready ?? team.ready;
    const bot = team.kind === 'bot';
    status.textContent = bot ? tr('ui.class.teamBot') : ready ? tr('ui.class.teamReady') : tr('ui.class.notSubmitted');
    status.className = `team-status ${ready ? 'ok' : ''}`;
    submit.disabled = bot;
    unready.hidden = !ready || bot;
    for (const el of form.querySelectorAll('input, select')) (el as HTMLInputElement).disabled = ready || bot;
    if (!teamBox.contains(form)) {
      replace(teamBox, h('h2', { text: tr('ui.desk.title') }), h('dl', { class: 'kvs', 'data-test': 'kpis' }), editing, form, status);
    }
    const kvs = teamBox.querySelector('dl')!;
    replace(kvs, kv(tr('ui.class.cash'), formatUsdM(me.cashUsdM, L)), kv(tr('ui.class.price'), formatPriceCents(me.priceCents, L)),
      kv(tr('ui.class.tsr'), formatChangeBps(view.companies[me.ticker]?.report.tsrBps ?? 0)));
    fillForm();
    report({ teamReady: ready, quarter: view.quarter, draftVersion, company: team.company, editing: names });
  };

  const renderNews = (): void => {
    if (!view) return replace(news);
    const items = view.events.filter((e) => e.headline).slice(0, 14).map((e) => h('li', { text: eventText(e, L) }));
    replace(news, h('h2', { text: `${tr('ui.class.headlines')} · ${view.quarter > 0 ? quarterLabel(view.scenarioId, view.quarter - 1) : ''}` }), h('ul', { class: 'news' }, ...items));
    report({ headlines: view.events.filter((e) => e.headline).map((e) => e.kind) });
  };

  const renderBoard = (): void => {
    if (!snap || snap.leaderboard.length === 0) return replace(board);
    const mine = snap.me;
    const rows = snap.leaderboard.map((r, i) => h('tr', { class: mine && r.game === mine.game && r.company === mine.company ? 'mine' : '' },
      h('td', { text: i + 1 }), h('td', { text: `${t(L, `company.${r.company}`)}${snap!.options.games > 1 ? ` · ${tr('ui.class.game', { n: r.game + 1 })}` : ''}` }),
      h('td', { text: r.members.join(', ') }), h('td', { class: 'num', 'data-test': 'class-score', text: formatScoreBps(r.scoreBps, L) }), h('td', { class: 'num', text: formatChangeBps(r.tsrBps) })));
    replace(board, h('h2', { text: tr('ui.class.leaderboard') }), h('div', { class: 'scroll-x' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ...['ui.class.rank', 'ui.class.company', 'ui.class.members', 'ui.class.score', 'ui.class.return'].map((k) => h('th', { scope: 'col', text: tr(k) })))),
      h('tbody', {}, ...rows))),
      boardNoteLine(snap));
  };

  const renderBanner = (): void => {
    banner.hidden = !broadcastText;
    replace(banner, h('strong', { text: `${tr('ui.class.fromHost')}: ` }), broadcastText ?? '');
  };

  const renderAll = (): void => { renderHeader(); renderClock(); renderTeam(); renderAfter(); renderNews(); renderBoard(); renderBanner(); };

  conn.on('class:welcome', (w) => { myName = w.name ?? ''; if (w.studentToken) tokens.setStudent(code, w.studentToken); });
  conn.on('class:state', (s) => {
    snap = s;
    offset = s.now - Date.now();
    if (s.broadcast && broadcastText === null) broadcastText = s.broadcast.text;
    report({ status: s.status, paused: s.paused, role: s.role, game: s.me?.game ?? null });
    follower.update(s.replay ?? null);
    renderAll();
  });
  conn.on('class:view', (m) => {
    const newQuarter = !view || view.quarter !== m.view.quarter;
    view = m.view;
    pending = m.pending;
    if (newQuarter) { draft = initialDraft(m.view, m.pending?.orders ?? null); draftVersion = 0; lastBy = null; }
    refreshProblems();
    renderAll();
  });
  conn.on('team:draft', (d: TeamDraft) => {
    if (!view || d.quarter !== view.quarter || d.version <= draftVersion) return;
    draftVersion = d.version;
    lastBy = d.by;
    // A teammate's draft may be partial (any client may send one): filled in over the team's current draft.
    if (d.draft && d.by !== myName) draft = completeOrders(draft ?? emptyOrders(0), d.draft as OrdersDraft);
    refreshProblems();
    renderTeam();
  });
  conn.on('orders:state', (p) => { pending = p; renderTeam(); });
  conn.on('class:broadcast', (b) => { broadcastText = b.text; renderBanner(); report({ broadcast: b.text }); });
  conn.on('class:chat', (c) => {
    chatLog.push({ from: c.from, text: c.text });
    replace(chatList, ...chatLog.slice(-30).map((m) => h('li', {}, h('strong', { text: `${m.from}: ` }), m.text)));
  });
  conn.on('class:error', (e) => onError(new Error(e.problems?.[0]?.message ?? e.message)));
  conn.on('class:resolved', () => undefined);
  conn.on('class:removed', () => {
    removed = true;
    tokens.setStudent(code, null);
    replace(root, h('section', { class: 'card' }, h('p', { 'data-test': 'removed', text: tr('ui.class.removed') })));
    report({ removed: true });
  });
  const tick = setInterval(() => { renderClock(); if (snap) { snap = { ...snap, now: Date.now() + offset }; renderTeamEditing(); } }, 1000);
  const renderTeamEditing = (): void => {
    if (!snap) return;
    const team = myTeam(snap);
    if (!team) return;
    const names = editingNow(team.members, snap.now, myName);
    editing.textContent = names.length > 0 ? tr('ui.class.editing', { names: names.join(', ') }) : lastBy ? tr('ui.class.lastChange', { name: lastBy }) : '';
  };
  // A lost connection (network change, server restart): come back with the stored token.
  let closing = false;
  conn.onLeave(() => { if (!closing && !removed) setTimeout(() => location.reload(), 2000); });
  return () => {
    closing = true;
    clearInterval(tick);
    follower.destroy();
    conn.leave();
  };
}
