/**
 * Line charts with uPlot (loaded on demand). Data: one x per quarter, one series per line.
 */
import { tr } from '../model/i18n.js';
import { h } from './dom.js';

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  /** A dash pattern (e.g. [6, 4]) to tell two series of one colour apart; solid when absent. */
  dash?: number[];
}

// Neighbours on a chart of the seven companies and the suppliers must not look alike (the seventh was a second light blue).
const COLORS = ['#ffd166', '#4cd97b', '#5cc8ff', '#ff5c6c', '#c792ea', '#f78c6c', '#e6e6e6', '#c3e88d', '#a1887f', '#82aaff', '#ff9cac', '#b2ccd6', '#26a69a', '#addb67'];

/** A colour per series index. */
export function colorAt(i: number): string {
  return COLORS[i % COLORS.length] ?? '#ccc';
}

/** Draws a line chart into a new element appended to `parent`; resolves when drawn. */
export async function lineChart(parent: HTMLElement, title: string, xLabels: string[], series: Series[], yFormat: (v: number) => string): Promise<HTMLElement> {
  const { default: UPlot } = await import('uplot');
  await import('uplot/dist/uPlot.min.css');
  const box = h('figure', { class: 'chart', 'aria-label': title }, h('figcaption', { text: title }));
  parent.append(box);
  const width = Math.max(280, Math.min(960, parent.clientWidth - 24));
  const xs = xLabels.map((_, i) => i);
  new UPlot({
    width,
    height: 220,
    scales: { x: { time: false } },
    axes: [
      // Quarter labels ("2026 Q4") need ~70 px: whole quarters only, every one, two, four or eight as the width allows.
      { stroke: '#9fb3c8', grid: { stroke: '#1d2a38' }, space: 80, incrs: [1, 2, 4, 8, 16], values: (_u, ticks) => ticks.map((v) => xLabels[v] ?? '') },
      { stroke: '#9fb3c8', grid: { stroke: '#1d2a38' }, size: 90, values: (_u, ticks) => ticks.map(yFormat) },
    ],
    // The x series' legend entry: the quarter under the cursor, named in the page's language.
    series: [{ label: tr('ui.chart.quarter'), value: (_u: unknown, v: number | null) => (v === null ? '—' : xLabels[v] ?? '—') }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, ...(s.dash ? { dash: s.dash } : {}), value: (_u: unknown, v: number | null) => (v === null ? '—' : yFormat(v)) }))],
  }, [xs, ...series.map((s) => s.values)], box);
  return box;
}
