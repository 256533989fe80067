/**
 * The debrief (after any quarter or at the end): per game, charts across teams (share prices,
 * capex mix, idle chips and waiting MW, self-use vs cloud revenue, players' TSR vs the suppliers)
 * drawn with uPlot, the lessons cards from shared/debrief/lessons.ts, and discussion questions.
 */
import { formatChangeBps, formatMw, formatPriceCents, formatUsdM, t, type Lesson, type QuarterFigures } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import { quarterLabel } from '../model/view-models.js';
import { colorAt, lineChart } from '../ui/charts.js';
import { h, replace } from '../ui/dom.js';
import { debriefSeries, type ChartSeries } from './model.js';
import { fetchDebrief, tokens } from './net.js';
import { report } from './route.js';

interface DebriefData {
  code: string;
  scenarioId: string;
  games: { index: number; gameId: string; replayUrl: string; quarters: QuarterFigures[]; lessons: Lesson[]; teams: { company: string; members: string[]; kind: string }[] }[];
}

/** Mounts the debrief of a class (host secret needed: it is the class's own data). */
export async function mountDebrief(root: HTMLElement, code: string, _onError: (e: unknown) => void): Promise<() => void> {
  const hostToken = tokens.host(code);
  if (!hostToken) throw new Error(t(locale(), 'class.error.badToken'));
  const L = locale();
  replace(root, h('p', { class: 'muted', text: tr('ui.class.loading') }));
  const data = await fetchDebrief<DebriefData>(code, hostToken);
  const gameSel = h('select', { 'aria-label': tr('ui.class.game', { n: '' }), 'data-test': 'debrief-game' }, ...data.games.map((g) => h('option', { value: g.index, text: tr('ui.class.game', { n: g.index + 1 }) })));
  const body = h('div', { class: 'debrief-body' });
  replace(root, h('div', { class: 'class-debrief' },
    h('section', { class: 'card' }, h('div', { class: 'row spread' }, h('h1', { text: `${tr('ui.class.debrief')} · ${code}` }), data.games.length > 1 ? gameSel : null,
      h('a', { href: `/class/${code}/host`, text: tr('ui.class.backToConsole') }))),
    body));

  const draw = async (index: number): Promise<void> => {
    const g = data.games[index];
    replace(body);
    if (!g) return;
    const companies = g.teams.map((x) => x.company);
    const lessonsBox = h('section', { class: 'card', 'data-test': 'lessons' }, h('h2', { text: tr('ui.class.lessons') }),
      h('div', { class: 'cards' }, ...g.lessons.map((l) => h('article', { class: 'lesson', 'data-test': `lesson-${l.id}` }, h('p', { text: t(L, l.key, l.params) })))));
    const questions = h('section', { class: 'card' }, h('h2', { text: tr('ui.class.questions') }),
      h('ol', {}, ...['ui.class.q1', 'ui.class.q2', 'ui.class.q3', 'ui.class.q4', 'ui.class.q5'].map((k) => h('li', { text: tr(k) }))));
    const charts = h('section', { class: 'card charts', 'data-test': 'charts' });
    const teams = h('p', { class: 'muted' }, ...g.teams.map((x) => `${x.company}: ${x.members.join(', ') || x.kind} · `), h('a', { href: g.replayUrl, text: tr('ui.class.replay', { n: g.index + 1 }) }));
    body.append(h('section', { class: 'card' }, teams), charts, lessonsBox, questions);
    report({ lessons: g.lessons.map((l) => l.id), quarters: g.quarters.length });
    if (g.quarters.length === 0) {
      charts.append(h('p', { text: tr('ui.class.noQuarters') }));
      return;
    }
    const x = g.quarters.map((q) => quarterLabel(data.scenarioId, q.quarter));
    const s = debriefSeries(g.quarters, companies);
    const color = (list: ChartSeries[]) => list.map((c, i) => ({ ...c, color: colorAt(i) }));
    await lineChart(charts, tr('ui.class.chart.stock'), x, color(s.price), (v) => formatPriceCents(Math.round(v * 100), locale()));
    await lineChart(charts, tr('ui.class.chart.capex'), x, color(s.capex), (v) => formatUsdM(Math.round(v), L));
    await lineChart(charts, tr('ui.class.chart.idle'), x, color(s.idle), (v) => formatMw(Math.round(v), L));
    await lineChart(charts, tr('ui.class.chart.revenue'), x, color(s.revenue), (v) => formatUsdM(Math.round(v), L));
    await lineChart(charts, tr('ui.class.chart.tsr'), x, color(s.tsr), (v) => formatChangeBps(Math.round(v * 100)));
    report({ charts: charts.querySelectorAll('figure').length });
  };
  gameSel.addEventListener('change', () => void draw(Number(gameSel.value)));
  await draw(0);
  return () => undefined;
}
