/**
 * The results moment (DOM): after each resolution, what happened to the player's company — the
 * stock's move and why, what came online, what sat idle, a few figures, the headlines — while the
 * map plays the quarter. One click to the full report; one to plan the next quarter.
 */
import { tr } from '../model/i18n.js';
import type { ResultsModel } from '../model/results.js';
import { h, replace } from './dom.js';

/** What the buttons of the moment do. */
export interface ResultsActions {
  close(): void;
  report(): void;
  skip(): void;
}

function list(title: string, items: string[], test: string, empty?: string): HTMLElement | null {
  if (items.length === 0 && !empty) return null;
  return h('section', { class: 'results-part', 'data-test': test },
    h('h4', { text: title }),
    items.length ? h('ul', {}, ...items.map((x) => h('li', { text: x }))) : h('p', { class: 'muted', text: empty ?? '' }));
}

/** Renders the moment into `box` (its buttons call `actions`); `animating` shows "skip the animation". */
export function renderResults(box: HTMLElement, r: ResultsModel, animating: boolean, actions: ResultsActions, finalQuarter = false): void {
  const close = h('button', { type: 'button', class: 'primary', 'data-test': 'results-close', text: finalQuarter ? tr('ui.results.final') : tr('ui.results.continue') });
  close.addEventListener('click', actions.close);
  const report = h('button', { type: 'button', 'data-test': 'results-report', text: tr('ui.results.report'), hidden: finalQuarter });
  report.addEventListener('click', actions.report);
  const skip = h('button', { type: 'button', class: 'link', 'data-test': 'results-skip', text: tr('ui.results.skip'), hidden: !animating });
  skip.addEventListener('click', actions.skip);
  const x = h('button', { type: 'button', class: 'link close-x', 'aria-label': tr('ui.close'), text: '✕' });
  x.addEventListener('click', actions.close);
  replace(box,
    h('div', { class: 'row spread' }, h('h2', { id: 'results-h', text: r.title }), x),
    r.price ? h('div', { class: 'stock-line', 'data-test': 'results-stock' },
      h('span', { class: 'muted', text: tr('ui.results.stock') }), ' ',
      r.price.before ? h('span', { text: `${r.price.before} → ` }) : null,
      h('strong', { text: r.price.after }), ' ',
      h('strong', { class: `move ${r.price.tone}`, text: r.price.move })) : null,
    r.reasons.length ? h('section', { class: 'results-part' },
      h('h4', { text: tr('ui.results.why') }),
      h('ul', { class: 'reasons', 'data-test': 'results-reasons' }, ...r.reasons.map((x2) =>
        h('li', { class: x2.tone === 'bad' ? 'down' : 'up', 'data-reason': x2.reason }, h('span', { text: x2.text }), ' ', h('strong', { text: x2.change }))))) : null,
    h('div', { class: 'results-grid' },
      list(tr('ui.results.online'), r.online, 'results-online', tr('ui.results.noneOnline')),
      list(tr('ui.results.idle'), r.idle, 'results-idle')),
    h('section', { class: 'results-part' },
      h('h4', { text: tr('ui.results.figures') }),
      h('dl', { class: 'kvs' }, ...r.figures.map((f) => h('div', { class: `kv ${f.tone}`, 'data-figure': f.id },
        h('dt', { text: f.label }), h('dd', {}, f.value, f.change ? h('small', { class: `delta ${f.tone}`, text: ` ${f.change}` }) : null))))),
    list(tr('ui.results.mine'), r.mine, 'results-mine'),
    list(tr('ui.results.headlines'), r.headlines, 'results-headlines'),
    h('div', { class: 'row' }, close, report, skip));
}
