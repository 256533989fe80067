/** "Host a class": the class options; creating it makes this browser the host (secret kept locally). */
import { getScenario, scenarioIds, t } from '../../shared/index.js';
import { ClassOptionsSchema, type ClassOptions } from '../../shared/protocol/classroom.js';
import { locale, tr } from '../model/i18n.js';
import { h, replace, uid } from '../ui/dom.js';
import { ClassConnection, tokens } from './net.js';

function field(label: string, input: HTMLElement): HTMLElement {
  input.id ||= uid('f');
  return h('div', { class: 'field' }, h('label', { for: input.id, text: label }), input);
}

function check(label: string, on: boolean, test: string): { box: HTMLInputElement; el: HTMLElement } {
  const box = h('input', { type: 'checkbox', id: uid('c'), checked: on, 'data-test': test });
  return { box, el: h('label', { for: box.id, class: 'check' }, box, ` ${label}`) };
}

function num(value: number, min: number, max: number, test: string): HTMLInputElement {
  return h('input', { type: 'number', min, max, step: 1, value, inputmode: 'numeric', 'data-test': test });
}

/** Renders the setup form. */
export function mountSetup(root: HTMLElement, onError: (e: unknown) => void): () => void {
  const L = locale();
  const d = ClassOptionsSchema.parse({});
  const ids = scenarioIds();
  const scenario = h('select', { 'data-test': 'class-scenario' }, ...ids.map((id) => h('option', { value: id, text: t(L, getScenario(id).titleKey) })));
  const sc = () => getScenario(scenario.value || ids[0] || 'capex-race-2026');
  const title = h('input', { type: 'text', maxlength: 60, 'data-test': 'class-title' });
  const quarters = num(sc().defaultQuarters, sc().minQuarters, sc().maxQuarters, 'class-quarters');
  const games = num(d.games, 1, 32, 'class-games');
  const teams = num(Math.min(d.teamsPerGame, sc().companies.length), 2, sc().companies.length, 'class-teams');
  const per = num(d.studentsPerTeam, 1, 8, 'class-per-team');
  const deadline = h('select', { 'data-test': 'class-deadline' },
    h('option', { value: '', text: tr('ui.class.noDeadline') }),
    ...[1, 2, 3, 5, 8, 10, 15].map((m) => h('option', { value: m * 60, text: tr('ui.class.minutes', { n: m }), selected: m * 60 === d.deadlineSec })));
  const pacing = h('select', { 'data-test': 'class-pacing' },
    h('option', { value: 'auto', text: tr('ui.class.pacingAuto') }), h('option', { value: 'host', text: tr('ui.class.pacingHost') }));
  const bots = check(tr('ui.class.bots'), d.bots, 'class-bots');
  const chat = check(tr('ui.class.chat'), d.chat, 'class-chat');
  const names = check(tr('ui.class.showNames'), d.showNames, 'class-names');
  const reflections = h('textarea', { rows: 3, 'data-test': 'class-reflections', placeholder: [1, 2, 3].map((i) => tr(`ui.class.reflect.q${i}`)).join('\n') });
  const capacity = h('p', { class: 'muted', 'aria-live': 'polite' });
  const updateCapacity = (): void => { capacity.textContent = tr('ui.class.capacity', { n: (Number(games.value) || 1) * (Number(teams.value) || 2) * (Number(per.value) || 1) }); };
  for (const el of [games, teams, per]) el.addEventListener('input', updateCapacity);
  updateCapacity();
  const btn = h('button', { type: 'submit', class: 'primary big', 'data-test': 'class-create', text: tr('ui.class.create') });
  const form = h('form', { class: 'card narrow' },
    h('h1', { text: tr('ui.class.setupTitle') }), h('p', { class: 'muted', text: tr('ui.class.setupLead') }),
    h('p', {}, h('a', { href: '/class/mine', 'data-test': 'my-classes', text: tr('ui.class.mineLink') })),
    field(tr('ui.class.title'), title), field(tr('ui.class.scenario'), scenario), field(tr('ui.class.quarters'), quarters),
    h('div', { class: 'grid-3' }, field(tr('ui.class.games'), games), field(tr('ui.class.teamsPerGame'), teams), field(tr('ui.class.studentsPerTeam'), per)),
    capacity, field(tr('ui.class.deadline'), deadline), field(tr('ui.class.pacing'), pacing),
    bots.el, chat.el, names.el, field(tr('ui.class.reflections'), reflections), h('p', { class: 'muted', text: tr('ui.class.reflectionsHint') }), btn);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const options: Partial<ClassOptions> = {
      scenarioId: scenario.value, title: title.value.trim(), quarterCount: Number(quarters.value) || sc().defaultQuarters,
      games: Number(games.value) || 1, teamsPerGame: Number(teams.value) || 2, studentsPerTeam: Number(per.value) || 1,
      deadlineSec: deadline.value ? Number(deadline.value) : null, pacing: pacing.value === 'host' ? 'host' : 'auto',
      bots: bots.box.checked, chat: chat.box.checked, showNames: names.box.checked,
      reflections: reflections.value.split('\n').map((x) => x.trim()).filter((x) => x).slice(0, 5).map((x) => x.slice(0, 200)),
    };
    btn.disabled = true;
    ClassConnection.create(options)
      .then((conn) => {
        conn.on('class:welcome', (w) => {
          if (w.hostToken) tokens.setHost(w.code, w.hostToken);
          conn.leave();
          location.assign(`/class/${w.code}/host`);
        });
      })
      .catch((e: unknown) => { btn.disabled = false; onError(e); });
  });
  replace(root, form);
  return () => undefined;
}
