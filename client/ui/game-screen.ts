/**
 * The game screen: the Phaser stage (ticker band + world map), and DOM panels for the order desk,
 * dashboard, rivals, seats/readiness, countdown, region details and the news feed.
 */
import { formatBps, formatMw, formatPriceCents, formatUsdPerMwh, getScenario, t, type MarketTicker, type RegionId, type Ticker } from '../../shared/index.js';
import { bus } from '../model/event-bus.js';
import { locale, tr } from '../model/i18n.js';
import { hasAnimation, resultsOf } from '../model/results.js';
import { store, type AppState } from '../model/store.js';
import { eventText, mapModel, quarterLabel, snapshotLabel, tickerModel } from '../model/view-models.js';
import type { Net } from '../net/types.js';
import { hookMark } from '../test-hook.js';
import { colorAt, lineChart } from './charts.js';
import { renderDashboard } from './dashboard.js';
import { h, kv, replace, sourceNote } from './dom.js';
import { OrderDesk } from './order-desk.js';
import { renderResults } from './results-moment.js';
import { renderRivals } from './rivals.js';
import { mountStageLazily } from '../game/lazy-stage.js';

type Tab = 'desk' | 'dash' | 'rivals' | 'news';
const TABS: Tab[] = ['desk', 'dash', 'rivals', 'news'];

/** Whether the device has no hover (touch): hints say "tap", not "hover". */
function touchOnly(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(hover: none)').matches;
}

/** The map legend (what colours, rings, arcs, labels and flags mean). */
function legend(): HTMLElement {
  const item = (cls: string, key: string): HTMLElement => h('li', {}, h('span', { class: `sw ${cls}`, 'aria-hidden': 'true' }), tr(key));
  return h('details', { class: 'map-legend', 'data-test': 'map-legend', open: !touchOnly() },
    h('summary', { text: tr('ui.legend.title') }),
    h('ul', {},
      item('price', 'ui.legend.price'), item('label', 'ui.legend.label'), item('water', 'ui.legend.water'), item('rivals', 'ui.legend.rivals'),
      item('size', 'ui.legend.size'), item('mine', 'ui.legend.mine'), item('flags', 'ui.legend.flags')));
}

/** How long the map plays a quarter (ms). */
export const ANIMATION_MS = 4_500;

/** Mounts the game screen; returns its teardown. */
export function mountGame(root: HTMLElement, net: Net, onError: (e: unknown) => void, onStageReady: (fps: () => number) => void): () => void {
  const stageBox = h('div', { class: 'stage', id: 'stage', 'aria-label': tr('ui.game.mapLabel'), role: 'img' });
  const tooltip = h('div', { class: 'map-tip', hidden: true, 'aria-hidden': 'true' });
  const stageWrap = h('div', { class: 'stage-wrap' }, stageBox, tooltip);
  const regionPanel = h('section', { class: 'card region', 'aria-live': 'polite', 'data-test': 'region-panel' });
  const regionButtons = h('div', { class: 'region-buttons', role: 'group', 'aria-label': tr('ui.game.regions') });
  const chartPanel = h('section', { class: 'card ticker-chart', 'data-test': 'ticker-chart', hidden: true });
  const header = h('div', { class: 'game-head' });
  const seatsBox = h('ul', { class: 'seats', 'data-test': 'seats' });
  const resultsBox = h('section', { class: 'card results', 'data-test': 'results', 'aria-labelledby': 'results-h', 'aria-live': 'polite', hidden: true });
  const desk = new OrderDesk(net, onError);
  const panels: Record<Tab, HTMLElement> = {
    desk: desk.el,
    dash: h('section', { class: 'dash', 'data-test': 'dashboard' }),
    rivals: h('section', { class: 'rivals' }),
    news: h('section', { class: 'news', 'data-test': 'news' }),
  };
  let tab: Tab = store.get().spectator ? 'rivals' : 'desk';
  const tabButtons = TABS.map((k) => {
    const b = h('button', { type: 'button', role: 'tab', id: `tab-${k}`, 'data-test': `tab-${k}`, 'aria-controls': `panel-${k}`, text: tr(`ui.tab.${k}`) });
    b.addEventListener('click', () => showTab(k));
    return b;
  });
  const tabBar = h('div', { class: 'tabs', role: 'tablist' }, ...tabButtons);
  const panelBox = h('div', { class: 'panel', role: 'tabpanel' });
  replace(root,
    h('div', { class: 'game' },
      h('div', { class: 'left' }, header, stageWrap, legend(), chartPanel, regionButtons, regionPanel, h('section', { class: 'card' }, h('h2', { text: tr('ui.game.seats') }), seatsBox)),
      h('div', { class: 'right' }, resultsBox, tabBar, panelBox)));

  let selected: RegionId | null = null;
  let hovered: RegionId | null = null;
  const offs: (() => void)[] = [];
  let animating = false;
  let animationTimer = 0;
  let shownResults = -1;
  const showTab = (k: Tab): void => {
    tab = k;
    render();
  };
  const stopAnimation = (): void => {
    window.clearTimeout(animationTimer);
    if (animating) bus.emit('map:animate', null);
    animating = false;
    hookMark('animating', false);
    resultsBox.querySelector<HTMLElement>('[data-test=results-skip]')?.setAttribute('hidden', '');
  };
  /** The results moment: the card, and the map playing the quarter for a few seconds. */
  const renderMoment = (): void => {
    const s = store.get();
    const r = s.resultsOpen && s.resolved ? resultsOf(s.resolved.before, s.resolved.after, locale()) : null;
    resultsBox.hidden = !r;
    hookMark('results', r !== null);
    if (!r) return stopAnimation();
    const fresh = r.quarter !== shownResults;
    shownResults = r.quarter;
    if (fresh && hasAnimation(r.animation)) {
      animating = true;
      hookMark('animating', true);
      bus.emit('map:animate', r.animation);
      window.clearTimeout(animationTimer);
      animationTimer = window.setTimeout(stopAnimation, ANIMATION_MS);
    }
    if (fresh) {
      // Wide screens: the map column is sticky (always in view), so bring the card's top into view.
      // Phones: the map leads and the card follows it, so bring the map into view.
      const target = window.innerWidth > 1000 ? resultsBox : stageWrap;
      const top = target.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight / 3) target.scrollIntoView({ block: 'start' });
    }
    renderResults(resultsBox, r, animating, {
      close: () => { stopAnimation(); store.set({ resultsOpen: false }); },
      report: () => { stopAnimation(); store.set({ resultsOpen: false }); showTab('dash'); panelBox.scrollIntoView({ block: 'start' }); },
      skip: stopAnimation,
    });
  };

  /** Hover: a floating summary over the map (no layout shift); click/select: the details panel. */
  const renderTip = (): void => {
    const view = store.get().view;
    const m = view && hovered ? mapModel(view, locale(), selected).regions.find((r) => r.id === hovered) : null;
    tooltip.hidden = !m;
    if (!m) return;
    const L = locale();
    replace(tooltip, h('strong', { text: m.name }),
      h('span', { text: `${formatUsdPerMwh(m.priceUsdPerMwh, L)} · ${tr('ui.region.queue')} ${tr('ui.region.quarters', { n: m.queueQuarters })}` }),
      h('span', { text: `${tr('ui.region.water')} ${formatBps(m.waterStressBps)}` }),
      h('span', { text: `${tr('ui.region.mine')}: ${formatMw(m.myPoweredMw, L)} / ${formatMw(m.myWaitingMw, L)}` }),
      m.flags.length ? h('span', { class: 'bad', text: m.flags.map((f) => tr(`ui.flag.${f}`)).join(', ') }) : null);
  };

  const renderRegion = (): void => {
    const view = store.get().view;
    const id = selected;
    if (!view || !id) return replace(regionPanel, h('p', { class: 'muted', text: tr(touchOnly() ? 'ui.game.pickRegionTouch' : 'ui.game.pickRegion') }));
    const L = locale();
    const m = mapModel(view, L, selected).regions.find((r) => r.id === id);
    const def = getScenario(view.scenarioId).regions.find((r) => r.id === id);
    if (!m || !def) return;
    replace(regionPanel,
      h('h3', { text: m.name }),
      h('dl', { class: 'kvs' },
        kv(tr('ui.region.price'), formatUsdPerMwh(m.priceUsdPerMwh, L)),
        kv(tr('ui.region.queue'), tr('ui.region.quarters', { n: m.queueQuarters })),
        kv(tr('ui.region.queueMw'), formatMw(m.queueMw, L)),
        kv(tr('ui.region.cap'), formatMw(m.capMw, L)),
        kv(tr('ui.region.water'), formatBps(m.waterStressBps)),
        kv(tr('ui.region.carbon'), `${def.carbonGPerKwh} g/kWh`),
        kv(tr('ui.region.latency'), `${def.latencyMs} ms`),
        kv(tr('ui.region.mine'), `${formatMw(m.myPoweredMw, L)} / ${formatMw(m.myWaitingMw, L)}`),
        m.myNextOnlineInQ !== null ? kv(tr('ui.region.nextOnline'), tr('ui.region.quarters', { n: m.myNextOnlineInQ })) : null,
        kv(tr('ui.region.rivals'), m.rivals.map((r) => `${r.ticker} ${formatMw(r.mw, L)}`).join(', ') || '—'),
        m.flags.length ? kv(tr('ui.region.events'), m.flags.map((f) => tr(`ui.flag.${f}`)).join(', ')) : null),
      view.me && !store.get().ready ? buildButton(id) : null,
      sourceNote(tr('ui.why'), def.sources['all'] ?? ''));
  };
  const buildButton = (id: RegionId): HTMLElement => {
    const b = h('button', { type: 'button', class: 'primary', 'data-test': 'build-here', text: tr('ui.region.build') });
    b.addEventListener('click', () => {
      desk.buildIn(id);
      showTab('desk');
    });
    return b;
  };

  let chartSymbol: Ticker | MarketTicker | null = null;
  /** The price chart of a ticker (redrawn as the history grows while it is open). */
  const showChart = (symbol: Ticker | MarketTicker, scroll = true): void => {
    const s = store.get();
    const L = locale();
    chartSymbol = symbol;
    chartPanel.hidden = false;
    const close = h('button', { type: 'button', class: 'link', text: tr('ui.close') });
    close.addEventListener('click', () => { chartPanel.hidden = true; chartSymbol = null; });
    // A fresh holder per drawing: a redraw that starts before the last one finished leaves no second chart.
    const holder = h('div');
    replace(chartPanel, h('div', { class: 'row spread' }, h('h3', { text: symbol }), close), holder);
    const hist = s.history;
    const xs = hist.map((x) => snapshotLabel(s.view?.scenarioId ?? 'capex-race-2026', x.quarter, L));
    const vals = hist.map((x) => { const v = x.priceCents[symbol]; return v === undefined ? null : v / 100; });
    const name = (s.view?.seats as string[] | undefined)?.includes(symbol) ? t(L, `company.${symbol}`) : t(L, `ticker.${symbol}`);
    void lineChart(holder, tr('ui.game.priceChart', { name }), xs, [{ label: symbol, values: vals, color: colorAt(0) }], (v) => formatPriceCents(Math.round(v * 100), L))
      .then(() => { if (scroll) chartPanel.scrollIntoView({ block: 'nearest' }); })
      .catch(onError);
  };

  const render = (): void => {
    const s: AppState = store.get();
    const view = s.view;
    tabButtons.forEach((b, i) => b.setAttribute('aria-selected', String(TABS[i] === tab)));
    const L = locale();
    if (!view) return;
    // Header: quarter, era, countdown, readiness.
    const left = s.room?.deadlineAt ? Math.max(0, Math.round((s.room.deadlineAt - Date.now()) / 1000)) : null;
    replace(header,
      h('strong', { 'data-test': 'quarter', text: tr('ui.game.quarter', { label: quarterLabel(view.scenarioId, Math.min(view.quarter, view.quarterCount - 1)), n: view.quarter + 1, total: view.quarterCount }) }),
      h('span', { class: 'tag', text: t(L, `era.${view.world.era}`) }),
      h('span', { class: 'tag', text: tr('ui.game.sentiment', { v: formatBps(view.world.sentimentBps) }) }),
      left !== null ? h('span', { class: 'countdown', 'data-test': 'countdown', text: tr('ui.game.countdown', { s: left }) }) : null,
      view.seat ? h('span', { class: 'tag mine', text: view.seat }) : h('span', { class: 'tag', text: tr('ui.game.spectating') }));
    replace(seatsBox, ...(s.room?.seats ?? []).map((seat) => {
      const li = h('li', { class: seat.ready ? 'ready' : '' });
      li.append(h('strong', { text: seat.ticker }), ' ');
      const who = h('span');
      who.textContent = seat.holder === 'human' ? seat.name : seat.holder === 'bot' ? tr('ui.seat.bot') : tr('ui.seat.open');
      li.append(who, ' ', h('span', { class: 'tag', text: seat.ready ? tr('ui.game.ready') : tr('ui.game.thinking') }),
        seat.holder === 'human' && !seat.connected ? h('span', { class: 'tag bad', text: tr('ui.game.away') }) : '');
      return li;
    }));
    // Panels.
    if (tab === 'desk') desk.update();
    if (tab === 'dash') renderDashboard(panels.dash, view);
    if (tab === 'rivals') renderRivals(panels.rivals, view);
    if (tab === 'news') {
      const items = [...view.events].filter((e) => e.headline || e.seat === view.seat).reverse().slice(0, 80);
      const market = tickerModel(view, L).items.map((it) => {
        const b = h('button', { type: 'button', class: 'link', 'data-ticker': it.symbol, text: it.symbol });
        b.addEventListener('click', () => bus.emit('ticker:select', it.symbol));
        const name = it.player ? t(L, `company.${it.symbol}`) : t(L, `ticker.${it.symbol}`);
        return h('tr', { class: it.mine ? 'mine' : '' }, h('th', { scope: 'row' }, b), h('td', { text: name }),
          h('td', { class: 'num', text: it.priceText }), h('td', { class: `num ${it.changeBps < 0 ? 'bad' : it.changeBps > 0 ? 'good' : 'muted'}`, text: it.changeText }));
      });
      replace(panels.news, h('h2', { text: tr('ui.news.markets') }),
        h('div', { class: 'scroll-x' }, h('table', { class: 'table', 'data-test': 'markets' }, h('tbody', {}, ...market))),
        h('h2', { text: tr('ui.tab.news') }),
        h('ol', { class: 'feed' }, ...items.map((e) => h('li', {}, h('small', { class: 'muted', text: quarterLabel(view.scenarioId, e.quarter) }), ' ', eventText(e, L)))));
    }
    if (panelBox.firstChild !== panels[tab]) replace(panelBox, panels[tab]);
    renderRegion();
  };

  const pushModels = (): void => {
    const view = store.get().view;
    if (!view) return;
    const L = locale();
    bus.emit('map:model', mapModel(view, L, selected));
    bus.emit('ticker:model', tickerModel(view, L));
    replace(regionButtons, ...mapModel(view, L, selected).regions.map((r) => {
      const b = h('button', { type: 'button', class: r.id === selected ? 'chip on' : 'chip', 'data-region': r.id, text: r.name });
      b.addEventListener('click', () => bus.emit('region:select', r.id));
      return b;
    }));
  };

  offs.push(bus.on('region:select', (id) => { selected = selected === id ? null : id; desk.setEnergyRegion(selected); pushModels(); renderRegion(); }));
  offs.push(bus.on('map:animated', stopAnimation));
  offs.push(bus.on('region:hover', (id) => { hovered = id; renderTip(); }));
  offs.push(bus.on('ticker:select', (sym) => showChart(sym)));
  offs.push(store.subscribe((s, prev) => {
    if (s.view !== prev.view) pushModels();
    if (s.view !== prev.view || s.room !== prev.room || s.ready !== prev.ready || s.submitted !== prev.submitted) render();
    if (s.resultsOpen !== prev.resultsOpen || s.resolved !== prev.resolved) renderMoment();
    if (s.history !== prev.history && chartSymbol && !chartPanel.hidden) showChart(chartSymbol, false);
  }));
  const timer = window.setInterval(() => {
    const cd = header.querySelector('[data-test="countdown"]');
    const at = store.get().room?.deadlineAt;
    if (cd && at) cd.textContent = tr('ui.game.countdown', { s: Math.max(0, Math.round((at - Date.now()) / 1000)) });
  }, 1000);

  const unmountStage = mountStageLazily(stageBox, bus, onError, (stage) => onStageReady(stage.fps));

  pushModels();
  render();
  renderMoment();
  return () => {
    offs.forEach((f) => f());
    window.clearInterval(timer);
    stopAnimation();
    unmountStage();
  };
}
