/**
 * The replay viewer (issue 7): loads by id or from a file, re-simulates with the shared engine
 * and says whether every quarter hash matches; timeline (scrubber, step, play/pause, speed,
 * ←/→ keys); the live game's map + ticker (Phaser stage), dashboard, rivals, news and charts
 * driven by the replayed state; points of view; annotations; "what if" forks.
 * Untrusted text (names, notes) is only ever set with textContent.
 */
import {
  formatBps, formatChangeBps, formatMw, formatUsdM, t, type Orders, type Pov, type ReplayFrame, type Ticker,
} from '../../shared/index.js';
import { EventBus, type BusEvents } from '../model/event-bus.js';
import { locale, tr } from '../model/i18n.js';
import { saveName, savedName } from '../model/player-name.js';
import { eventText, mapModel, quarterLabel, tickerModel } from '../model/view-models.js';
import { colorAt, lineChart, type Series } from '../ui/charts.js';
import { renderDashboard } from '../ui/dashboard.js';
import { h, replace } from '../ui/dom.js';
import { renderRivals } from '../ui/rivals.js';
import { replayApi } from './api.js';
import { marks } from './hook.js';
import { ReplayModel, timelineMarks, whatChanged } from './model.js';
import { noteTokenFor, rememberGame } from './wallet.js';
import { mountStageLazily } from '../game/lazy-stage.js';

/**
 * A viewer tied to something outside it (the classroom's host-driven replay): tokens to open a
 * private game with, a strip shown above it, a callback on every frame shown (by the user or
 * not), and a handle to move it from outside. Embedded viewers leave the address bar and the
 * keyboard to the page they are in.
 */
export interface ViewerLink {
  tokens?: string[];
  embedded?: boolean;
  strip?: HTMLElement;
  onFrame?: (q: number, byUser: boolean) => void;
  /** Kept in the address bar after ?q=&view= (the presenter's class and game). */
  extraSearch?: string;
  control?: (api: { seek(q: number): void; readonly quarter: number; readonly last: number }) => void;
}

/** Where the replay comes from. */
export type ViewerSource = { kind: 'id'; id: string } | { kind: 'file'; text: string; name: string };

type Tab = 'dash' | 'rivals' | 'orders' | 'changes' | 'news' | 'notes' | 'charts';
const TABS: Tab[] = ['dash', 'rivals', 'orders', 'changes', 'news', 'notes', 'charts'];
const SPEEDS = [1, 2, 4, 8];
const SESSION_KEY = 'capex.session';

const now = (): number => performance.now();

function problemText(key: string, params: Record<string, string | number>): string {
  return t(locale(), key, params);
}

/** Mounts the viewer; returns its teardown. */
export function mountViewer(root: HTMLElement, source: ViewerSource, initial: { q: number | null; view: string | null }, onError: (e: unknown) => void, link: ViewerLink = {}): () => void {
  const t0 = now();
  let alive = true;
  let teardown: (() => void) | null = null;
  marks.state = 'loading';
  marks.error = null;
  replace(root, h('p', { class: 'muted', 'data-test': 'replay-loading', text: tr('ui.replay.loading') }));
  void (async () => {
    let built: ReturnType<typeof ReplayModel.fromDoc>;
    try {
      if (source.kind === 'id') {
        const doc = await replayApi.get(source.id, link.tokens);
        marks.timings.fetchMs = now() - t0;
        built = ReplayModel.fromDoc(doc, now);
      } else {
        built = ReplayModel.fromFile(source.text, null, now);
      }
    } catch (e) {
      marks.state = 'error';
      marks.error = e instanceof Error ? e.message : String(e);
      replace(root, h('section', { class: 'card' }, h('h1', { text: tr('ui.replay.cannotOpen') }), h('p', { class: 'bad', 'data-test': 'replay-error', text: marks.error }), libraryLink()));
      return;
    }
    if (!alive) return;
    if (!built.ok) {
      marks.state = 'error';
      marks.error = problemText(built.problem.key, built.problem.params);
      marks.divergedAt = built.problem.quarter;
      replace(root, h('section', { class: 'card' }, h('h1', { text: tr('ui.replay.cannotOpen') }), h('p', { class: 'bad', 'data-test': 'replay-error', text: marks.error }), libraryLink()));
      return;
    }
    teardown = open(root, built.model, source, initial, t0, onError, link);
  })();
  return () => {
    alive = false;
    teardown?.();
  };
}

function libraryLink(): HTMLElement {
  return h('a', { href: '/replay', 'data-test': 'library-link', text: tr('ui.replay.library') });
}

function ordersTable(orders: Partial<Record<Ticker, Orders>>): HTMLElement {
  const L = locale();
  const entries = Object.entries(orders) as [Ticker, Orders][];
  if (entries.length === 0) return h('p', { class: 'muted', text: tr('ui.replay.noOrders') });
  const cols = ['ui.rivals.company', 'ui.replay.o.chips', 'ui.desk.energy', 'ui.desk.talentBid', 'ui.desk.licensedData', 'ui.desk.borrow', 'ui.replay.o.buyback', 'ui.desk.cloud', 'ui.desk.guidanceNext'];
  return h('div', { class: 'scroll-x' }, h('table', { class: 'table', 'data-test': 'replay-orders' },
    h('thead', {}, h('tr', {}, ...cols.map((k) => h('th', { scope: 'col', text: tr(k) })))),
    h('tbody', {}, ...entries.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([tk, o]) => h('tr', { 'data-company': tk },
      h('th', { scope: 'row', text: t(L, `company.${tk}`) }),
      h('td', { text: formatUsdM(o.chips.merchantUsdM + o.chips.secondSourceUsdM + o.chips.customUsdM, L) }),
      h('td', { text: formatMw(o.energy.reduce((a, e) => a + e.mw, 0), L) }),
      h('td', { text: formatUsdM(o.talentBidUsdM, L) }),
      h('td', { text: formatUsdM(o.data.licensedUsdM, L) }),
      h('td', { text: formatUsdM(o.finance.borrowUsdM, L) }),
      h('td', { text: formatUsdM(o.finance.buybackUsdM, L) }),
      h('td', { text: formatBps(o.ops.cloudBps) }),
      h('td', { text: formatUsdM(o.guidanceCapexUsdM, L) }))))));
}

function saveSession(s: { gameId: string; seatToken?: string; hostToken?: string }): void {
  for (const st of [sessionStorage, localStorage]) {
    try {
      st.setItem(SESSION_KEY, JSON.stringify(s));
    } catch {
      /* private mode */
    }
  }
}

function open(root: HTMLElement, model: ReplayModel, source: ViewerSource, initial: { q: number | null; view: string | null }, t0: number, onError: (e: unknown) => void, link: ViewerLink): () => void {
  const id = source.kind === 'id' ? source.id : null;
  const povs = model.povs();
  let q = model.clamp(initial.q ?? model.last);
  let pov: Pov = povs.find((p) => p === (initial.view ?? '').toUpperCase()) ?? 'all';
  let tab: Tab = 'dash';
  let playing: number | null = null;
  let speed = 1;
  let notes = [...(model.file.annotations ?? [])];
  let dashCompany: Ticker = model.seats[0]!;
  const offs: (() => void)[] = [];
  // Each viewer drives its own stage through its own bus: a torn-down stage never hears the next one.
  const bus = new EventBus<BusEvents>();
  marks.stageReady = false;
  offs.push(bus.on('scene:ready', (which) => { if (which === 'map') marks.stageReady = true; }));

  // Verdict.
  const v = model.verdict;
  const verdictText = v.kind === 'verified' ? tr('ui.replay.verified', { n: v.quarters })
    : v.kind === 'diverged' ? tr('ui.replay.diverged', { quarter: v.quarter + 1, reason: v.reason })
      : tr('ui.replay.unverifiable');
  marks.verdict = v.kind;
  marks.divergedAt = v.kind === 'diverged' ? v.quarter : null;
  marks.hashes = [...model.hashes];
  marks.timings.verifyMs = model.verifyMs;
  marks.last = model.last;

  // Controls.
  const L0 = locale();
  const title = source.kind === 'id' ? tr('ui.replay.title', { id: source.id }) : tr('ui.replay.titleFile', { name: source.name });
  const povSel = h('select', { 'data-test': 'pov', id: 'replay-pov' }, ...povs.map((p) => h('option', { value: p, text: p === 'all' ? tr('ui.replay.omniscient') : t(L0, `company.${p}`), selected: p === pov })));
  const scrub = h('input', { type: 'range', min: 0, max: model.last, step: 1, value: q, 'data-test': 'scrubber', 'aria-label': tr('ui.replay.timeline') });
  const label = h('strong', { 'data-test': 'replay-quarter', 'aria-live': 'polite' });
  const btn = (text: string, test: string, fn: () => void, aria?: string): HTMLButtonElement => {
    const b = h('button', { type: 'button', 'data-test': test, text, ...(aria ? { 'aria-label': aria } : {}) });
    b.addEventListener('click', fn);
    return b;
  };
  const playBtn = btn(tr('ui.replay.play'), 'play', () => (playing === null ? play() : pause()));
  const speedSel = h('select', { 'data-test': 'speed', 'aria-label': tr('ui.replay.speed') }, ...SPEEDS.map((s) => h('option', { value: s, text: `${s}×` })));
  speedSel.addEventListener('change', () => { speed = Number(speedSel.value) || 1; if (playing !== null) { pause(); play(); } });
  // Timeline markers above the scrubber: shocks, notes and big moves, each a button to its quarter.
  const marksBox = h('div', { class: 'timeline-marks', 'data-test': 'timeline-marks', 'aria-label': tr('ui.replay.marks') });
  const renderMarks = (): void => {
    const tl = timelineMarks(model.file, model.series().tsrBps, notes);
    replace(marksBox, ...tl.map((m) => {
      const parts = [
        ...m.shocks.map((x) => `${tr('ui.replay.markShock')}: ${tr(`class.card.${x.card}`)}${x.region ? ` (${t(L0, `region.${x.region}`)})` : ''}`),
        ...(m.notes > 0 ? [tr('ui.replay.markNotes', { n: m.notes })] : []),
        ...m.moves.map((x) => `${x.company} ${formatChangeBps(x.bps)}`),
      ];
      const kind = m.shocks.length > 0 ? 'shock' : m.notes > 0 ? 'note' : 'move';
      const b = h('button', {
        type: 'button', class: `mark ${kind}`, 'data-test': `mark-${m.frame}`, title: `${quarterLabel(model.scenarioId, Math.min(Math.max(m.frame - 1, 0), model.file.header.quarterCount - 1))} · ${parts.join(' · ')}`,
        'aria-label': parts.join(' · '), style: `left: calc(${model.last > 0 ? (m.frame / model.last) * 100 : 0}% - 6px)`, text: kind === 'shock' ? '⚡' : kind === 'note' ? '✎' : '↕',
      });
      b.addEventListener('click', () => seek(m.frame));
      return b;
    }));
    marks.timeline = tl.map((m) => ({ frame: m.frame, shocks: m.shocks.length, notes: m.notes, moves: m.moves.length }));
  };
  const scrubWrap = h('div', { class: 'scrub-wrap' }, marksBox, scrub);
  renderMarks();
  const controls = h('div', { class: 'replay-controls row', role: 'group', 'aria-label': tr('ui.replay.timeline') },
    btn('«', 'first', () => seek(0), tr('ui.replay.first')), btn('◀', 'prev', () => seek(q - 1), tr('ui.replay.prev')),
    scrubWrap, btn('▶', 'next', () => seek(q + 1), tr('ui.replay.next')), btn('»', 'last', () => seek(model.last), tr('ui.replay.last')),
    playBtn, speedSel, label);
  const download = id && model.verdict.kind !== 'unverifiable' ? btn(tr('ui.replay.download'), 'download', () => { replayApi.download(id).catch(onError); }) : null;
  const head = h('div', { class: 'replay-head row spread' },
    h('h1', { text: title }),
    h('span', { class: `verdict ${v.kind}`, 'data-test': 'verdict', role: 'status', text: verdictText }),
    h('label', { for: 'replay-pov', text: tr('ui.replay.pov') }), povSel, download, libraryLink());
  const parentNote = model.file.header.parent
    ? h('p', { class: 'muted', 'data-test': 'parent' }, tr('ui.replay.forkOf', { quarter: model.file.header.parent.quarter }), ' ',
      h('a', { href: `/replay/${encodeURIComponent(model.file.header.parent.id)}?q=${model.file.header.parent.quarter}`, text: model.file.header.parent.id }))
    : null;
  const stageBox = h('div', { class: 'stage', id: 'replay-stage', role: 'img', 'aria-label': tr('ui.game.mapLabel') });
  const tabButtons = TABS.map((k) => {
    const b = h('button', { type: 'button', role: 'tab', 'data-test': `rtab-${k}`, text: tr(`ui.replay.tab.${k}`) });
    b.addEventListener('click', () => { tab = k; renderPanel(); });
    return b;
  });
  const panel = h('div', { class: 'panel', role: 'tabpanel', 'data-test': 'replay-panel' });
  // An embedded viewer (the class following its host) leaves "what if" forks to the replay page.
  const forkBox = h('section', { class: 'card', 'data-test': 'fork-box', hidden: !!link.embedded });
  replace(root, h('div', { class: 'replay' },
    head, link.strip ?? null, parentNote, controls,
    h('div', { class: 'game' },
      h('div', { class: 'left' }, stageBox, forkBox),
      h('div', { class: 'right' }, h('div', { class: 'tabs', role: 'tablist' }, ...tabButtons), panel))));

  const frameNow = (): ReplayFrame => model.frame(q, pov);

  const renderPanel = (): void => {
    const f = frameNow();
    const L = locale();
    tabButtons.forEach((b, i) => b.setAttribute('aria-selected', String(TABS[i] === tab)));
    const box = h('section', { class: 'replay-tab' });
    if (tab === 'dash') {
      if (f.full) {
        const sel = h('select', { 'data-test': 'dash-company', 'aria-label': tr('ui.rivals.company') }, ...model.seats.map((s) => h('option', { value: s, text: t(L, `company.${s}`), selected: s === dashCompany })));
        sel.addEventListener('change', () => { dashCompany = sel.value as Ticker; renderPanel(); });
        const inner = h('div');
        renderDashboard(inner, { ...f.view, me: f.full[dashCompany] ?? null });
        box.append(sel, inner);
      } else if (f.view.me) renderDashboard(box, f.view);
      else box.append(h('p', { class: 'muted', text: tr('ui.replay.publicOnly') }));
    } else if (tab === 'rivals') renderRivals(box, f.view);
    else if (tab === 'orders') {
      box.append(h('h2', { text: tr('ui.replay.ordersTitle', { label: quarterLabel(model.scenarioId, Math.min(q, model.file.header.quarterCount - 1)) }) }),
        h('p', { class: 'muted', text: pov === 'all' ? tr('ui.replay.ordersAll') : tr('ui.replay.ordersOwn') }), ordersTable(f.orders));
    } else if (tab === 'changes') {
      // What changed in the quarter that led to this frame: what hit, then every company's move.
      if (q === 0) box.append(h('p', { class: 'muted', 'data-test': 'changes-none', text: tr('ui.replay.changesStart') }));
      else {
        const before = model.frame(q - 1, pov).view;
        const hit = (model.file.quarters[q - 1]?.shocks ?? []).map((x) => `${tr(`class.card.${x.card}`)}${x.region ? ` (${t(L, `region.${x.region}`)})` : ''}`);
        const rows = whatChanged(before, f.view).map((c) => h('tr', {},
          h('th', { scope: 'row', text: t(L, `company.${c.company}`) }),
          h('td', { class: 'num', text: formatChangeBps(c.priceBps) }), h('td', { class: 'num', text: formatChangeBps(c.tsrBps) }),
          h('td', { class: 'num', text: formatUsdM(c.revenueUsdM, L) }), h('td', { class: 'num', text: formatUsdM(c.netIncomeUsdM, L) }),
          h('td', { class: 'num', text: formatUsdM(c.capexUsdM, L) }), h('td', { class: 'num', text: formatUsdM(c.cashDeltaUsdM, L) }),
          h('td', { class: 'num', text: formatUsdM(c.debtDeltaUsdM, L) })));
        const heads = ['ui.replay.ch.company', 'ui.replay.ch.price', 'ui.replay.ch.tsr', 'ui.replay.ch.revenue', 'ui.replay.ch.income', 'ui.replay.ch.capex', 'ui.replay.ch.cash', 'ui.replay.ch.debt'];
        box.append(h('h2', { text: tr('ui.replay.changesTitle', { label: quarterLabel(model.scenarioId, Math.min(q - 1, model.file.header.quarterCount - 1)) }) }),
          h('p', { class: 'warn-text', 'data-test': 'changes-shocks', hidden: hit.length === 0, text: `${tr('ui.replay.markShock')}: ${hit.join(', ')}` }),
          h('div', { class: 'scroll-x' }, h('table', { class: 'table', 'data-test': 'changes' },
            h('thead', {}, h('tr', {}, ...heads.map((k) => h('th', { scope: 'col', text: tr(k) })))), h('tbody', {}, ...rows))),
          h('ul', { class: 'news' }, ...f.view.events.filter((e) => e.headline && e.quarter === q - 1).slice(0, 8).map((e) => h('li', { text: eventText(e, L) }))));
      }
    } else if (tab === 'news') {
      const items = [...f.view.events].reverse().slice(0, 80);
      box.append(h('h2', { text: tr('ui.tab.news') }), h('ol', { class: 'feed' }, ...items.map((e) => h('li', {}, h('small', { class: 'muted', text: quarterLabel(model.scenarioId, e.quarter) }), ' ', eventText(e, L)))));
    } else if (tab === 'notes') renderNotes(box);
    else renderCharts(box);
    replace(panel, box);
  };

  const renderNotes = (box: HTMLElement): void => {
    box.append(h('h2', { text: tr('ui.replay.notes') }));
    const list = h('ul', { class: 'notes', 'data-test': 'notes' });
    const sorted = [...notes].sort((a, b) => a.quarter - b.quarter);
    if (sorted.length === 0) list.append(h('li', { class: 'muted', text: tr('ui.replay.noNotes') }));
    for (const n of sorted) {
      const go = h('button', { type: 'button', class: 'link', text: quarterLabel(model.scenarioId, Math.min(n.quarter, model.file.header.quarterCount - 1)) });
      go.addEventListener('click', () => seek(n.quarter));
      const li = h('li', { class: n.quarter === q ? 'here' : '' }, go, ' ');
      const who = h('strong');
      who.textContent = n.author;
      const text = h('span', { class: 'note-text' });
      text.textContent = n.text;
      li.append(who, ': ', text);
      list.append(li);
    }
    box.append(list);
    const token = id ? noteTokenFor(id) : null;
    if (id && token) {
      const input = h('textarea', { maxlength: 2000, rows: 3, 'data-test': 'note-text', 'aria-label': tr('ui.replay.noteLabel') });
      const add = h('button', { type: 'submit', class: 'primary', 'data-test': 'note-add', text: tr('ui.replay.noteAdd') });
      // Notes carry their author's name (kept in this browser), not always "Host".
      const nameIn = h('input', { type: 'text', maxlength: 40, value: savedName(), 'data-test': 'note-author', 'aria-label': tr('ui.replay.noteAuthor'), placeholder: tr('ui.replay.noteAuthor') });
      const form = h('form', { class: 'note-form' }, h('label', { text: tr('ui.replay.noteLabel') }), input, nameIn, add);
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const text = input.value.trim();
        if (!text) return;
        const author = nameIn.value.trim() || tr('ui.replay.host');
        if (nameIn.value.trim()) saveName(nameIn.value.trim());
        add.disabled = true;
        replayApi.annotate(id, token, q, text, author).then((r) => { notes = r.annotations; renderPanel(); renderMarks(); }).catch(onError).finally(() => { add.disabled = false; });
      });
      box.append(form);
    } else box.append(h('p', { class: 'muted', text: tr('ui.replay.notesWho') }));
  };

  let parentModel: ReplayModel | null | undefined;
  const renderCharts = (box: HTMLElement): void => {
    const s = model.series();
    const xs = s.quarters.map((i) => quarterLabel(model.scenarioId, Math.min(i, model.file.header.quarterCount - 1)));
    const series: Series[] = model.seats.map((tk, i) => ({ label: tk, values: (s.tsrBps[tk] ?? []).map((v) => v / 100), color: colorAt(i) }));
    const pct = (x: number): string => formatChangeBps(Math.round(x * 100));
    void lineChart(box, tr('ui.replay.chartTsr'), xs, series, pct);
    const parent = model.file.header.parent;
    if (!parent) return;
    const drawParent = (pm: ReplayModel): void => {
      const ps = pm.series();
      const n = Math.max(ps.quarters.length, s.quarters.length);
      const xs2 = Array.from({ length: n }, (_, i) => quarterLabel(model.scenarioId, Math.min(i, model.file.header.quarterCount - 1)));
      const pad = (a: number[] | undefined): (number | null)[] => Array.from({ length: n }, (_, i) => (a && i < a.length ? a[i]! / 100 : null));
      // One colour a company; the parent dashed and thinner in the legend's words (never ten look-alike lines).
      const both: Series[] = model.seats.flatMap((tk, i) => [
        { label: `${tk} ${tr('ui.replay.fork')}`, values: pad(s.tsrBps[tk]), color: colorAt(i) },
        { label: `${tk} ${tr('ui.replay.parent')} (- -)`, values: pad(ps.tsrBps[tk]), color: colorAt(i), dash: [6, 5] },
      ]);
      void lineChart(box, tr('ui.replay.chartParent', { id: parent.id, quarter: parent.quarter }), xs2, both, pct).then((el) => el.setAttribute('data-test', 'parent-chart'));
    };
    if (parentModel) return drawParent(parentModel);
    if (parentModel === null) return;
    replayApi.get(parent.id).then((doc) => {
      const b = ReplayModel.fromDoc(doc);
      parentModel = b.ok ? b.model : null;
      if (parentModel && tab === 'charts' && box.isConnected) drawParent(parentModel);
    }).catch(() => { parentModel = null; });
  };

  const renderFork = (): void => {
    const L = locale();
    const forkable = id !== null && model.verdict.kind === 'verified';
    const atEnd = forkable && q >= model.file.header.quarterCount;
    const canFork = forkable && !atEnd;
    const company = h('select', { 'data-test': 'fork-company', 'aria-label': tr('ui.rivals.company') }, ...model.seats.map((s) => h('option', { value: s, text: t(L, `company.${s}`), selected: s === (pov === 'all' ? model.seats[0] : pov) })));
    const live = h('button', { type: 'button', 'data-test': 'fork-live', text: tr('ui.replay.forkLive'), disabled: !canFork });
    const solo = h('button', { type: 'button', class: 'primary', 'data-test': 'fork-solo', text: tr('ui.replay.forkSolo'), disabled: !canFork });
    const go = (mode: 'live' | 'solo'): void => {
      if (!id) return;
      live.disabled = solo.disabled = true;
      const name = savedName() || tr('ui.home.anonymous');
      replayApi.fork(id, q, mode, mode === 'solo' ? company.value : null, name).then((r) => {
        const s = { gameId: r.id, hostToken: r.hostToken, ...(r.seatToken ? { seatToken: r.seatToken } : {}) };
        rememberGame(s);
        saveSession(s);
        marks.forkedTo = r.id;
        location.assign(`/g/${r.id}`);
      }).catch((e) => { live.disabled = solo.disabled = false; onError(e); });
    };
    live.addEventListener('click', () => go('live'));
    solo.addEventListener('click', () => go('solo'));
    replace(forkBox, h('h2', { text: tr('ui.replay.whatIf') }),
      h('p', { class: 'muted', 'data-test': 'fork-note', text: canFork ? tr('ui.replay.forkHint', { label: quarterLabel(model.scenarioId, Math.min(q, model.file.header.quarterCount - 1)) })
        : atEnd ? tr('ui.replay.forkAtEnd') : tr('ui.replay.forkUnavailable') }),
      h('div', { class: 'row' }, live, company, solo));
  };

  let lastSearch = '';
  const renderFrame = (): void => {
    const f = frameNow();
    const L = locale();
    scrub.value = String(q);
    label.textContent = tr('ui.replay.at', { label: quarterLabel(model.scenarioId, Math.min(q, model.file.header.quarterCount - 1)), n: q, total: model.last });
    bus.emit('map:model', mapModel(f.view, L, null));
    bus.emit('ticker:model', tickerModel(f.view, L));
    renderPanel();
    renderFork();
    marks.quarter = q;
    marks.pov = pov;
    marks.view = f.view;
    const search = `?q=${q}&view=${pov === 'all' ? 'all' : pov}${link.extraSearch ?? ''}`;
    if (id && !link.embedded && search !== lastSearch) {
      history.replaceState(null, '', `/replay/${encodeURIComponent(id)}${search}`);
      lastSearch = search;
    }
  };

  const seek = (to: number, byUser = true): void => {
    const start = now();
    const next = model.clamp(to);
    if (next === q && marks.state === 'ready') return;
    q = next;
    renderFrame();
    marks.lastJumpMs = now() - start;
    link.onFrame?.(q, byUser);
  };
  const play = (): void => {
    if (q >= model.last) seek(0);
    playBtn.textContent = tr('ui.replay.pause');
    playBtn.setAttribute('aria-pressed', 'true');
    playing = window.setInterval(() => {
      if (q >= model.last) return pause();
      seek(q + 1);
    }, 1000 / speed);
  };
  const pause = (): void => {
    if (playing !== null) window.clearInterval(playing);
    playing = null;
    playBtn.textContent = tr('ui.replay.play');
    playBtn.setAttribute('aria-pressed', 'false');
  };

  scrub.addEventListener('input', () => seek(Number(scrub.value)));
  povSel.addEventListener('change', () => { pov = (povSel.value === 'all' ? 'all' : povSel.value) as Pov; renderFrame(); });
  const onKey = (ev: KeyboardEvent): void => {
    const el = ev.target as HTMLElement | null;
    if (el && (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'range'))) return;
    if (ev.key === 'ArrowLeft') { ev.preventDefault(); seek(q - 1); }
    else if (ev.key === 'ArrowRight') { ev.preventDefault(); seek(q + 1); }
    else if (ev.key === 'Home') { ev.preventDefault(); seek(0); }
    else if (ev.key === 'End') { ev.preventDefault(); seek(model.last); }
    else if (ev.key === ' ' && el?.tagName !== 'BUTTON') { ev.preventDefault(); if (playing === null) play(); else pause(); }
  };
  if (!link.embedded) {
    document.addEventListener('keydown', onKey);
    offs.push(() => document.removeEventListener('keydown', onKey));
  }

  const renderStart = now();
  renderFrame();
  marks.timings.renderMs = now() - renderStart;
  marks.timings.openMs = now() - t0;
  marks.state = 'ready';
  link.onFrame?.(q, false);
  link.control?.({ seek: (to) => seek(to, false), get quarter() { return q; }, get last() { return model.last; } });

  const unmountStage = mountStageLazily(stageBox, bus, onError);

  return () => {
    pause();
    offs.forEach((f) => f());
    unmountStage();
  };
}

