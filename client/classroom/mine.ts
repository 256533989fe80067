/** "Your classes": the classes this browser hosts (their secrets are kept here), with their status and links. */
import { t } from '../../shared/index.js';
import { locale, tr } from '../model/i18n.js';
import { h, replace } from '../ui/dom.js';
import { classSummary, tokens } from './net.js';
import { report } from './route.js';

/** Renders the teacher's page of classes. */
export async function mountMine(root: HTMLElement, _onError: (e: unknown) => void): Promise<() => void> {
  const L = locale();
  const codes = tokens.hostedCodes();
  replace(root, h('p', { class: 'muted', text: tr('ui.class.loading') }));
  const rows = await Promise.all(codes.map(async (code) => ({ code, s: await classSummary(code) })));
  const statusText = (s: (typeof rows)[number]['s']): string =>
    s === 'none' ? tr('ui.class.mineGone') : s === 'unknown' ? '?' : s.status === 'lobby' ? tr('ui.class.lobby') : s.status === 'finished' ? tr('ui.class.finished') : tr('ui.class.running');
  const body = rows.map(({ code, s }) => h('tr', { 'data-test': `mine-${code}` },
    h('th', { scope: 'row' }, h('a', { href: `/class/${code}/host`, text: code })),
    h('td', { text: typeof s === 'object' ? s.title || '—' : '—' }),
    h('td', { 'data-test': `mine-status-${code}`, text: statusText(s) }),
    h('td', { class: 'num', text: typeof s === 'object' ? String(s.students) : '—' }),
    h('td', {}, typeof s === 'object' ? h('span', {},
      h('a', { href: `/class/${code}/projector`, text: tr('ui.class.projector') }), ' · ',
      h('a', { href: `/class/${code}/debrief`, text: tr('ui.class.debrief') })) : null)));
  replace(root, h('section', { class: 'card' },
    h('h1', { text: tr('ui.class.mineTitle') }),
    h('p', { class: 'muted', text: tr('ui.class.mineHint') }),
    codes.length === 0 ? h('p', { 'data-test': 'mine-empty', text: tr('ui.class.mineEmpty') }) : h('div', { class: 'scroll-x' }, h('table', { class: 'table', 'data-test': 'mine' },
      h('thead', {}, h('tr', {}, ...['ui.class.code', 'ui.class.title', 'ui.class.status', 'ui.class.studentsCol', 'ui.class.actions'].map((k) => h('th', { scope: 'col', text: tr(k) })))),
      h('tbody', {}, ...body))),
    h('p', {}, h('a', { href: '/class/new', class: 'button primary', text: t(L, 'ui.class.hostLink') }), ' ', h('a', { href: '/replay', text: tr('ui.replay.library') }))));
  report({ page: 'mine', classes: rows.map(({ code, s }) => ({ code, status: typeof s === 'object' ? s.status : s })) });
  return () => undefined;
}
