/**
 * The decision desk (DOM). One capex budget for the quarter split among chips, energy, talent and
 * data (sliders that always add up to 100%); presets (last quarter, meet my guidance, spend
 * nothing); the advisor (the game's bot for this seat, adopted in one click); energy projects
 * picked on the map or from a region list; a live preview from the shared engine (cash and credit
 * after, MW online and when, compute, idle chips, guidance credibility when the view has it);
 * everything else folded under "More orders". "I'm ready" sends the draft or says why it cannot.
 * The orders in the store stay the truth: the budget and split are read from them and written back.
 */
import {
  COOLING_KINDS, DIFFICULTIES, ENERGY_SOURCES, REGION_IDS, formatBps, formatMw, formatPriceCents, formatUsdM, formatUsdPerMwh, fundingOf, getScenario,
  model, orderContextOfView, quarterLabel, t,
  type Difficulty, type EnergyOrder, type Orders, type PlayerView, type RegionId,
} from '../../shared/index.js';
import { advise, type Advice } from '../model/advisor.js';
import {
  OPS_PARTS, PARTS, applyBudget, budgetCapUsdM, budgetOf, defaultProject, partsOf, rebalance, rebalanceShares, splitOf, withProjectAt,
  type Part, type Split,
} from '../model/budget.js';
import { deskFigures } from '../model/desk-figures.js';
import { emptyDraft, getField, initialDraft, previewDraft, problemsFor, setEnergy, setField, type NumericPath, type Preview } from '../model/draft.js';
import { locale, tr } from '../model/i18n.js';
import { applyReady, sameOrders } from '../model/ready.js';
import { store, type DraftOrigin } from '../model/store.js';
import type { Net } from '../net/types.js';
import { h, replace, sourceNote, uid } from './dom.js';

type Kind = 'usd' | 'pct' | 'mw';

/** A numeric order field: a number input (and a slider for some), the value as text, its problems. */
interface Field {
  path: NumericPath;
  kind: Kind;
  num: HTMLInputElement;
  range: HTMLInputElement | null;
  shown: HTMLElement;
  errors: HTMLElement;
}

/** The input's value for an order value (percent for bps). */
function toInput(kind: Kind, v: number): string {
  return kind === 'pct' ? String(v / 100) : String(v);
}

/** The order value of an input (bps from percent). */
function fromInput(kind: Kind, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n)) return 0;
  return kind === 'pct' ? Math.round(n * 100) : Math.trunc(n);
}

function showValue(kind: Kind, v: number): string {
  const L = locale();
  return kind === 'usd' ? formatUsdM(v, L) : kind === 'pct' ? formatBps(v) : formatMw(v, L);
}

export class OrderDesk {
  readonly el = h('section', { class: 'desk', 'aria-labelledby': 'desk-h' });
  private fields: Field[] = [];
  private builtFor = '';
  private busy = false;
  /** The split being edited (kept while the player moves sliders, re-read when the draft changes elsewhere). */
  private split: Split = { chips: 6_000, energy: 3_000, talent: 600, data: 400 };
  private budget = 0;
  /** The draft this desk wrote last (another draft means: read the split again). */
  private written: Orders | null = null;
  /** Where new energy goes when the draft has no project (the region picked on the map). */
  private energyRegion: RegionId | null = null;
  private level: Difficulty = 'normal';
  private advice: Advice | null = null;
  private adviceFor = '';
  // Parts rebuilt on refresh.
  private readonly title = h('h2', { id: 'desk-h' });
  private readonly origin = h('p', { class: 'origin muted', 'data-test': 'draft-origin' });
  private readonly advisorBox = h('section', { class: 'advisor card', 'data-test': 'advisor', 'aria-labelledby': 'advisor-h' });
  private readonly budgetRange = h('input', { type: 'range', min: 0, step: 100, 'aria-labelledby': 'budget-l', 'data-test': 'budget-range' });
  private readonly budgetNum = h('input', { type: 'number', min: 0, step: 100, inputmode: 'numeric', id: 'budget-n', 'data-test': 'budget' });
  private readonly budgetShown = h('strong', { class: 'shown big' });
  private readonly budgetHelp = h('small', { class: 'help' });
  private readonly splitRows = new Map<Part, { range: HTMLInputElement; num: HTMLInputElement; usd: HTMLElement }>();
  private readonly opsRows = new Map<string, { range: HTMLInputElement; num: HTMLInputElement }>();
  private readonly projects = h('div', { class: 'energy-list', 'data-test': 'projects' });
  private readonly energyNote = h('p', { class: 'warn-text', hidden: true, 'data-test': 'energy-unassigned' });
  private readonly regionTable = h('tbody');
  private readonly figures = h('dl', { class: 'kvs figures', 'data-test': 'preview' });
  private readonly problems = h('ul', { class: 'problems', 'data-test': 'problems', 'aria-live': 'polite' });
  private readonly status = h('p', { class: 'status', 'data-test': 'order-status' });
  private readonly submitBtn = h('button', { type: 'button', 'data-test': 'submit-orders' });
  private readonly withdrawBtn = h('button', { type: 'button', class: 'link', 'data-test': 'withdraw-orders' });
  private readonly readyBox = h('input', { type: 'checkbox', id: uid('ready'), 'data-test': 'ready' });
  private readonly refusal = h('div', { class: 'refusal', role: 'alert', 'data-test': 'ready-refusal', hidden: true });
  private readonly licenseSel = h('select', { 'data-test': 'license', id: uid('license') });
  private readonly pricingSel = h('select', { 'data-test': 'pricing', id: uid('pricing') });

  constructor(private readonly net: Net, private readonly onError: (e: unknown) => void) {
    this.submitBtn.addEventListener('click', () => this.submit());
    this.withdrawBtn.addEventListener('click', () => this.run(() => this.net.withdrawOrders()));
    this.readyBox.addEventListener('change', () => {
      const want = this.readyBox.checked;
      this.run(async () => this.showRefusal(await applyReady(this.net, store.get(), want, locale())));
    });
    const onBudget = (raw: string): void => this.writeBudget(Math.max(0, Math.trunc(Number(raw) || 0)), this.split);
    this.budgetRange.addEventListener('input', () => { this.budgetNum.value = this.budgetRange.value; onBudget(this.budgetRange.value); });
    this.budgetNum.addEventListener('input', () => onBudget(this.budgetNum.value));
  }

  /** Re-renders when the quarter or the draft changes. */
  update(): void {
    const s = store.get();
    const view = s.view;
    if (!view || !view.me || !s.draft) {
      replace(this.el, h('p', { class: 'muted', text: tr('ui.desk.spectator') }));
      this.builtFor = '';
      return;
    }
    this.level = s.room?.botDifficulty ?? this.level;
    const key = `${view.quarter}:${view.seat}:${locale()}`;
    if (key !== this.builtFor) {
      this.builtFor = key;
      this.written = null;
      this.build(view, s.draft);
    }
    this.refresh(view, s.draft);
  }

  /** "Build power here" from the map: a project in that region takes its share of the energy money. */
  buildIn(region: RegionId): void {
    const s = store.get();
    this.energyRegion = region;
    if (!s.view || !s.draft || s.ready) return;
    this.setDraft(withProjectAt(s.view, s.draft, region), 'edited');
    this.projects.querySelector<HTMLElement>('.energy-row:last-child select')?.focus();
  }

  /** The region new energy goes to when the draft has no project yet (map selection). */
  setEnergyRegion(region: RegionId | null): void {
    this.energyRegion = region;
  }

  private setDraft(o: Orders, origin: DraftOrigin = 'edited'): void {
    this.showRefusal([]);
    store.set({ draft: o, draftOrigin: origin });
    const view = store.get().view;
    if (view) this.refresh(view, o);
  }

  /** Writes the budget and split into the draft (the sliders' path). */
  private writeBudget(total: number, split: Split): void {
    const s = store.get();
    if (!s.view || !s.draft) return;
    this.budget = total;
    this.split = split;
    const o = applyBudget(s.view, s.draft, total, split, defaultProject(s.view, this.energyRegion));
    this.written = o;
    this.setDraft(o);
  }

  private field(path: NumericPath, label: string, kind: Kind, opts: { max?: number; slider?: boolean; help?: string; step?: number } = {}): HTMLElement {
    const id = uid(path.replace('.', '-'));
    const step = opts.step ?? (kind === 'pct' ? 1 : kind === 'usd' ? 100 : 10);
    const range = opts.slider ? h('input', { type: 'range', min: 0, max: opts.max ?? 100, step, 'aria-labelledby': `${id}-l`, tabindex: -1 }) : null;
    const num = h('input', { type: 'number', id, min: 0, step: kind === 'pct' ? 0.1 : step, inputmode: kind === 'pct' ? 'decimal' : 'numeric', 'data-field': path });
    const shown = h('span', { class: 'shown' });
    const errors = h('span', { class: 'field-error', role: 'alert' });
    const f: Field = { path, kind, num, range, shown, errors };
    const onValue = (raw: string): void => {
      const d = store.get().draft;
      if (d) this.setDraft(setField(d, path, fromInput(kind, raw)));
    };
    range?.addEventListener('input', () => { num.value = range.value; onValue(range.value); });
    num.addEventListener('input', () => onValue(num.value));
    this.fields.push(f);
    const unit = kind === 'usd' ? tr('ui.unit.usdM') : kind === 'pct' ? tr('ui.desk.percent') : tr('ui.unit.mw');
    return h('div', { class: 'control' },
      h('label', { for: id, id: `${id}-l` }, label, ' ', h('small', { class: 'muted', text: `(${unit})` })),
      h('div', { class: 'inputs' }, range, num, shown),
      opts.help ? h('small', { class: 'help', 'data-test': `help-${path}`, text: opts.help }) : null,
      errors);
  }

  private select<T extends string>(el: HTMLSelectElement, label: string, options: readonly { value: T; text: string }[], value: T, onChange: (v: T) => void): HTMLElement {
    replace(el, ...options.map((o) => h('option', { value: o.value, text: o.text, selected: o.value === value })));
    el.onchange = () => onChange(el.value as T);
    return h('div', { class: 'control' }, h('label', { for: el.id, text: label }), el);
  }

  private build(view: PlayerView, draft: Orders): void {
    const L = locale();
    const me = view.me;
    if (!me) return;
    const K = getScenario(view.scenarioId).constants;
    this.fields = [];
    this.splitRows.clear();
    this.opsRows.clear();
    const group = (titleKey: string, ...children: (HTMLElement | null)[]): HTMLElement =>
      h('fieldset', { class: 'group' }, h('legend', { text: tr(titleKey) }), ...children);

    // Presets.
    const preset = (key: string, test: string, make: () => Orders | null, origin: DraftOrigin): HTMLElement => {
      const b = h('button', { type: 'button', class: 'chip', 'data-test': test, text: tr(key) });
      b.addEventListener('click', () => {
        const o = make();
        if (o) this.setDraft(o, origin);
      });
      return b;
    };
    const guidancePreset = (): Orders | null => {
      const s = store.get();
      if (!s.view || !s.draft || !s.view.me) return null;
      return applyBudget(s.view, s.draft, Math.round(s.view.me.guidanceCapexUsdM / 4), this.split, defaultProject(s.view, this.energyRegion));
    };
    const presets = h('div', { class: 'presets' },
      h('span', { class: 'muted', text: tr('ui.desk.presets') }),
      preset('ui.desk.preset.last', 'preset-last', () => initialDraft(view, null), 'last'),
      preset('ui.desk.preset.guidance', 'preset-guidance', guidancePreset, 'guidance'),
      preset('ui.desk.preset.clear', 'preset-empty', () => emptyDraft(view), 'empty'));

    // Budget and split.
    const splitBox = h('div', { class: 'split', 'data-test': 'split' });
    for (const part of PARTS) {
      const id = uid(`split-${part}`);
      const range = h('input', { type: 'range', min: 0, max: 100, step: 1, 'aria-labelledby': `${id}-l`, 'data-test': `split-${part}-range` });
      const num = h('input', { type: 'number', min: 0, max: 100, step: 1, id, inputmode: 'numeric', 'data-test': `split-${part}` });
      const usd = h('span', { class: 'shown' });
      const set = (raw: string): void => this.writeBudget(this.budget, rebalance(this.split, part, Math.round((Number(raw) || 0) * 100)));
      range.addEventListener('input', () => set(range.value));
      num.addEventListener('input', () => set(num.value));
      this.splitRows.set(part, { range, num, usd });
      splitBox.append(h('div', { class: `split-row part-${part}` },
        h('label', { for: id, id: `${id}-l`, text: tr(`ui.desk.part.${part}`) }), range, h('span', { class: 'pct' }, num, '%'), usd));
    }
    const budgetBox = h('fieldset', { class: 'group budget' },
      h('legend', { id: 'budget-l', text: tr('ui.desk.budget') }),
      h('div', { class: 'inputs' }, this.budgetRange, h('label', { for: 'budget-n', class: 'sr-only', text: tr('ui.desk.budget') }), this.budgetNum,
        h('small', { class: 'muted', text: tr('ui.unit.usdM') }), this.budgetShown),
      this.budgetHelp,
      h('h3', { class: 'sub', text: tr('ui.desk.split') }),
      splitBox,
      h('small', { class: 'help', text: tr('ui.desk.splitHelp') }));

    // Energy projects and the region list.
    const add = h('button', { type: 'button', 'data-test': 'add-energy', text: tr('ui.desk.addProject') });
    add.addEventListener('click', () => {
      const s = store.get();
      if (s.view && s.draft) this.setDraft(withProjectAt(s.view, s.draft, this.energyRegion ?? defaultProject(s.view, null).region));
    });
    const energyBox = group('ui.desk.projects',
      h('small', { class: 'help', text: tr('ui.desk.projectsHelp') }),
      this.energyNote, this.projects, add,
      h('details', { class: 'regions', 'data-test': 'region-list' }, h('summary', { text: tr('ui.desk.regionList') }),
        h('div', { class: 'scroll-x' }, h('table', { class: 'table compact' },
          h('thead', {}, h('tr', {}, ...['ui.desk.col.region', 'ui.desk.col.queue', 'ui.desk.col.price', 'ui.desk.col.water', 'ui.desk.col.heat', 'ui.home.actions']
            .map((k) => h('th', { scope: 'col', text: tr(k) })))),
          this.regionTable))),
      sourceNote(tr('ui.why'), `${K.nuclearMinMw.source} · ${K.gasLeadQ.source}`));

    // Everything else, folded.
    const cap = Math.max(1_000, me.cashUsdM + 50_000);
    const opsBox = h('div', { class: 'split ops', 'data-test': 'compute-split' });
    for (const part of OPS_PARTS) {
      const id = uid(part);
      const range = h('input', { type: 'range', min: 0, max: 100, step: 1, 'aria-labelledby': `${id}-l` });
      const num = h('input', { type: 'number', min: 0, max: 100, step: 1, id, inputmode: 'numeric', 'data-field': `ops.${part}` });
      const set = (raw: string): void => {
        const d = store.get().draft;
        if (!d) return;
        const next = rebalanceShares(d.ops, OPS_PARTS, part, Math.round((Number(raw) || 0) * 100));
        this.setDraft({ ...d, ops: { ...d.ops, ...next } });
      };
      range.addEventListener('input', () => set(range.value));
      num.addEventListener('input', () => set(num.value));
      this.opsRows.set(part, { range, num });
      const label = part === 'trainingBps' ? 'ui.desk.training' : part === 'selfUseBps' ? 'ui.desk.selfUse' : 'ui.desk.cloud';
      opsBox.append(h('div', { class: 'split-row' }, h('label', { for: id, id: `${id}-l`, text: tr(label) }), range, h('span', { class: 'pct' }, num, '%')));
    }
    const ops = (patch: Partial<Orders['ops']>): void => {
      const d = store.get().draft;
      if (d) this.setDraft({ ...d, ops: { ...d.ops, ...patch } });
    };
    const licenseOptions = [{ value: '', text: tr('ui.desk.noLicense') }, { value: 'LAB', text: t(L, 'company.LAB') },
      ...view.seats.filter((s) => s !== view.seat).map((s) => ({ value: s as string, text: t(L, `company.${s}`) }))];
    const advanced = h('details', { class: 'advanced', 'data-test': 'desk-advanced' },
      h('summary', {}, h('strong', { text: tr('ui.desk.advanced') }), ' ', h('small', { class: 'muted', text: tr('ui.desk.advancedHelp') })),
      group('ui.desk.finance',
        this.field('finance.borrowUsdM', tr('ui.desk.borrow'), 'usd'),
        this.field('finance.repayUsdM', tr('ui.desk.repay'), 'usd'),
        this.field('finance.equityUsdM', tr('ui.desk.equity'), 'usd'),
        this.field('finance.buybackUsdM', tr('ui.desk.buyback'), 'usd', {
          help: tr('ui.desk.buybackHelp', { price: formatPriceCents(me.priceCents, L), value: formatPriceCents(model.fundamentalCentsPerShare(me.report.fundamentalUsdM, me.sharesM), L) }),
        }),
        this.field('finance.vendorFinancingUsdM', tr('ui.desk.vendor'), 'usd'),
        sourceNote(tr('ui.why'), K.vendorFinancingMaxBps.source)),
      group('ui.desk.ops',
        h('h3', { class: 'sub', text: tr('ui.desk.computeSplit') }), opsBox,
        this.select(this.pricingSel, tr('ui.desk.pricing'), [{ value: 'usage', text: tr('ui.desk.pricingUsage') }, { value: 'flat', text: tr('ui.desk.pricingFlat') }],
          draft.ops.pricing, (v) => ops({ pricing: v })),
        h('small', { class: 'muted', 'data-test': 'desk-pricing-hint', text: pricingHint(view) }),
        this.field('ops.labBidMw', tr('ui.desk.labBid'), 'mw'),
        this.select(this.licenseSel, tr('ui.desk.license'), licenseOptions, draft.licenseFrom ?? '', (v) => {
          const d = store.get().draft;
          if (d) this.setDraft({ ...d, licenseFrom: v === '' ? null : (v as Orders['licenseFrom']) });
        }),
        sourceNote(tr('ui.why'), `${K.flatPremiumBps.source} · ${K.licenseFeeUsdM.source}`)),
      group('ui.desk.talentData',
        this.field('data.syntheticBps', tr('ui.desk.synthetic'), 'pct', { slider: true, max: 90 }),
        sourceNote(tr('ui.why'), `${K.talentSupply.source} · ${K.syntheticSafeBps.source}`)),
      group('ui.desk.guidance',
        this.field('guidanceCapexUsdM', tr('ui.desk.guidanceNext'), 'usd', {
          step: 1_000,
          help: tr('ui.desk.guidanceHelp', { share: formatBps(K.reservationChipShareBps.value), floor: formatBps(K.reservationFloorBps.value), fee: formatBps(K.reservationFeeBps.value), ladder: formatBps(view.world.foundryPriceBps) }),
        }),
        h('small', { class: 'muted', 'data-test': 'desk-reserved', text: tr('ui.desk.reservedNow', { usd: formatUsdM(model.reservedChipUsdM(model.constantsOf(getScenario(view.scenarioId)), me.guidanceCapexUsdM, me.credibilityBps), L), cred: formatBps(me.credibilityBps) }) }),
        sourceNote(tr('ui.why'), `${K.guidanceExcessWeightBps.source} · ${K.credibilityLossBps.source} · ${K.reservationFeeBps.source}`)),
      group('ui.desk.exact',
        this.field('chips.merchantUsdM', t(L, 'chip.merchant'), 'usd', { max: cap }),
        this.field('chips.secondSourceUsdM', t(L, 'chip.secondSource'), 'usd', { max: cap }),
        this.field('chips.customUsdM', t(L, 'chip.custom'), 'usd', { max: cap, help: me.customProgram.readyQ === null ? tr('ui.desk.customNotReady') : undefined }),
        this.field('customProgramUsdM', tr('ui.desk.program'), 'usd', { step: 50 }),
        this.field('talentBidUsdM', tr('ui.desk.talentBid'), 'usd', { step: 50 }),
        this.field('data.licensedUsdM', tr('ui.desk.licensedData'), 'usd', { step: 50 }),
        sourceNote(tr('ui.why'), K.customPriceBps.source)));

    const previewBox = h('section', { class: 'totals card', 'aria-labelledby': 'preview-h' },
      h('h3', { id: 'preview-h', text: tr('ui.desk.preview') }), this.figures, this.problems,
      h('small', { class: 'muted', text: tr('ui.desk.estimateNote') }));
    const actions = h('div', { class: 'actions', 'data-test': 'desk-actions' },
      h('div', { class: 'row' },
        h('label', { for: this.readyBox.id, class: 'check ready' }, this.readyBox, ` ${tr('ui.desk.ready')}`),
        this.submitBtn, this.withdrawBtn),
      this.refusal, this.status);
    replace(this.el, h('div', { class: 'desk-head' }, this.title, this.origin), this.advisorBox, presets, budgetBox, energyBox, previewBox, advanced, actions);
    this.renderAdvisor(view);
    this.renderRegionTable(view);
  }

  /** The advisor's card: who advises, the situation, the proposal, and one click to adopt it. */
  private renderAdvisor(view: PlayerView): void {
    const L = locale();
    const key = `${view.quarter}:${view.seat}:${this.level}:${L}`;
    if (key !== this.adviceFor) {
      this.adviceFor = key;
      this.advice = advise(view, this.level);
    }
    const a = this.advice;
    if (!a) return replace(this.advisorBox);
    const levelId = uid('level');
    const level = h('select', { id: levelId, 'data-test': 'advisor-level' }, ...DIFFICULTIES.map((d) => h('option', { value: d, text: tr(`ui.difficulty.${d}`), selected: d === a.level })));
    level.addEventListener('change', () => {
      this.level = level.value as Difficulty;
      this.renderAdvisor(view);
    });
    const adopt = (tweak: boolean): void => {
      this.setDraft(JSON.parse(JSON.stringify(a.orders)) as Orders, 'advisor');
      this.renderAdvisor(view);
      if (tweak) {
        const first = this.splitRows.get('chips')?.range;
        first?.scrollIntoView({ block: 'center' });
        first?.focus();
      }
    };
    const adoptBtn = h('button', { type: 'button', class: 'primary', 'data-test': 'adopt-advisor', text: tr('ui.advisor.adopt') });
    adoptBtn.addEventListener('click', () => adopt(false));
    const tweakBtn = h('button', { type: 'button', 'data-test': 'adopt-tweak', text: tr('ui.advisor.adoptTweak') });
    tweakBtn.addEventListener('click', () => adopt(true));
    const adopted = store.get().draftOrigin === 'advisor';
    // Wide screens show the proposal; phones fold it (the buttons come first either way).
    const details = h('details', { class: 'proposal-box', open: !adopted && !(typeof matchMedia === 'function' && matchMedia('(max-width: 640px)').matches) },
      h('summary', { text: tr('ui.advisor.details', { n: a.lines.length }) }),
      h('ul', { class: 'situation' }, ...a.situation.map((x) => h('li', { text: t(L, x.key, x.params) }))),
      h('ul', { class: 'proposal', 'data-test': 'advisor-lines' }, ...a.lines.map((x) => h('li', { text: t(L, x.key, x.params) }))));
    replace(this.advisorBox,
      h('div', { class: 'row spread' },
        h('h3', { id: 'advisor-h' }, tr('ui.advisor.title'), ' ',
          h('small', { class: 'muted', text: tr('ui.advisor.who', { name: t(L, `bot.${a.strategy}.name`), level: tr(`ui.difficulty.${a.level}`) }) })),
        h('span', { class: 'level' }, h('label', { for: levelId, class: 'sr-only', text: tr('ui.advisor.level') }), level)),
      h('p', { class: 'why-line', text: t(L, `ui.advisor.why.${a.strategy}`) }),
      h('p', { class: 'headline-line', text: t(L, a.lines[0]!.key, a.lines[0]!.params) }),
      h('div', { class: 'row' }, adoptBtn, tweakBtn, h('span', { class: 'tag good-tag', 'data-test': 'advisor-adopted', hidden: !adopted, text: tr('ui.advisor.adoptedTag') })),
      details);
  }

  /** Regions with their queue, price, water stress and heat risk, each with "Build here". */
  private renderRegionTable(view: PlayerView): void {
    const L = locale();
    const sc = getScenario(view.scenarioId);
    replace(this.regionTable, ...REGION_IDS.map((id) => {
      const def = model.regionDef(sc, id);
      const st = view.regions[id];
      const b = h('button', { type: 'button', class: 'chip', 'data-build': id, text: tr('ui.desk.buildHere') });
      b.addEventListener('click', () => this.buildIn(id));
      return h('tr', {}, h('th', { scope: 'row', text: t(L, `region.${id}`) }),
        h('td', { class: 'num', text: tr('ui.region.quarters', { n: st.queueQuarters }) }),
        h('td', { class: 'num', text: formatUsdPerMwh(st.priceUsdPerMwh, L) }),
        h('td', { class: 'num', text: formatBps(def.waterStressBps) }),
        h('td', { class: 'num', text: formatBps(def.heatBps) }),
        h('td', {}, b));
    }));
  }

  /** The energy projects of the draft, each editable, with when it comes online. */
  private renderProjects(view: PlayerView, draft: Orders, p: Preview | null): void {
    const L = locale();
    const sc = getScenario(view.scenarioId);
    const K = model.constantsOf(sc);
    const shape = draft.energy.map((e) => `${e.region}/${e.source}/${e.cooling}`).join(',');
    const focusInside = this.projects.contains(document.activeElement);
    if (this.projects.dataset['shape'] === shape && focusInside) {
      // Only the MW and "online" texts change while the player types in a row.
      draft.energy.forEach((e, i) => {
        const row = this.projects.children[i];
        const mw = row?.querySelector<HTMLInputElement>('input[type=number]');
        if (mw && document.activeElement !== mw) mw.value = String(e.mw);
      });
    } else {
      this.projects.dataset['shape'] = shape;
      const rows = draft.energy.map((e, i) => {
        const upd = (patch: Partial<EnergyOrder>): void => {
          const cur = store.get().draft;
          if (cur) this.setDraft(setEnergy(cur, cur.energy.map((x, j) => (j === i ? { ...x, ...patch } : x))));
        };
        const sel = <T extends string>(label: string, values: readonly T[], text: (v: T) => string, value: T, on: (v: T) => void): HTMLElement => {
          const id = uid('en');
          const s = h('select', { id }, ...values.map((v) => h('option', { value: v, text: text(v), selected: v === value })));
          s.addEventListener('change', () => on(s.value as T));
          return h('div', { class: 'control' }, h('label', { for: id, text: label }), s);
        };
        const mwId = uid('mw');
        const mw = h('input', { id: mwId, type: 'number', min: 1, max: 5000, step: 10, value: e.mw, inputmode: 'numeric' });
        mw.addEventListener('input', () => upd({ mw: Math.trunc(Number(mw.value) || 0) }));
        const rm = h('button', { type: 'button', class: 'link', 'aria-label': tr('ui.desk.removeProject'), text: '✕' });
        rm.addEventListener('click', () => {
          const cur = store.get().draft;
          if (cur) this.setDraft(setEnergy(cur, cur.energy.filter((_, j) => j !== i)));
        });
        const lead = model.energyLeadQ(K, model.regionDef(sc, e.region), view.regions[e.region].queueQuarters, e.source);
        return h('div', { class: 'energy-row', 'data-index': i },
          sel(tr('ui.desk.region'), REGION_IDS, (v) => t(L, `region.${v}`), e.region, (v) => upd({ region: v })),
          sel(tr('ui.desk.source'), ENERGY_SOURCES, (v) => t(L, `source.${v}`), e.source, (v) => upd({ source: v })),
          sel(tr('ui.desk.cooling'), COOLING_KINDS, (v) => tr(`ui.cooling.${v}`), e.cooling, (v) => upd({ cooling: v })),
          h('div', { class: 'control' }, h('label', { for: mwId, text: tr('ui.unit.mw') }), mw),
          h('span', { class: 'online muted', text: tr('ui.desk.online', { label: quarterLabel(view.scenarioId, view.quarter + Math.max(1, lead)) }) }),
          rm,
          h('span', { class: 'field-error', role: 'alert', 'data-path': `energy[${i}]` }));
      });
      replace(this.projects, ...(rows.length ? rows : [h('p', { class: 'muted', text: tr('ui.desk.noProjects') })]));
    }
    for (const span of this.projects.querySelectorAll<HTMLElement>('[data-path]')) {
      span.textContent = problemsFor(p, span.dataset['path'] ?? '').map((e) => e.text).join('; ');
    }
  }

  /** Updates values, the split, projects, preview and buttons (no rebuild: focus is kept). */
  private refresh(view: PlayerView, draft: Orders): void {
    const L = locale();
    const s = store.get();
    const p: Preview | null = previewDraft(view, draft, L);
    this.title.textContent = tr('ui.desk.titleQ', { label: quarterLabel(view.scenarioId, Math.min(view.quarter, view.quarterCount - 1)) });
    // In the first quarter there is no last quarter: the draft that plays on "ready" spends nothing new.
    const origin = s.submitted !== null && sameOrders(s.submitted, draft) ? 'submitted' : s.draftOrigin === 'last' && view.quarter === 0 ? 'first' : s.draftOrigin;
    this.origin.textContent = tr(`ui.desk.origin.${origin}`);
    // Budget and split: read from the draft unless this desk just wrote it.
    if (this.written !== draft) {
      this.budget = budgetOf(view, draft);
      const parts = partsOf(view, draft);
      if (this.budget > 0) this.split = splitOf(parts);
      this.written = draft;
    }
    const ctx = orderContextOfView(view);
    const cap = ctx ? budgetCapUsdM(view, draft, fundingOf(ctx, draft)) : 0;
    this.budgetRange.max = String(Math.max(cap, this.budget, 1_000));
    this.budgetRange.value = String(this.budget);
    if (document.activeElement !== this.budgetNum) this.budgetNum.value = String(this.budget);
    this.budgetShown.textContent = formatUsdM(this.budget, L);
    this.budgetHelp.textContent = tr('ui.desk.budgetHelp', { max: cap });
    const parts = partsOf(view, draft);
    for (const part of PARTS) {
      const row = this.splitRows.get(part);
      if (!row) continue;
      const pct = Math.round(this.split[part] / 100);
      row.range.value = String(pct);
      if (document.activeElement !== row.num) row.num.value = String(pct);
      row.usd.textContent = formatUsdM(parts[part], L);
    }
    for (const part of OPS_PARTS) {
      const row = this.opsRows.get(part);
      if (!row) continue;
      const pct = Math.round(draft.ops[part] / 100);
      row.range.value = String(pct);
      if (document.activeElement !== row.num) row.num.value = String(Math.round(draft.ops[part] / 10) / 10);
    }
    this.pricingSel.value = draft.ops.pricing;
    this.licenseSel.value = draft.licenseFrom ?? '';
    for (const f of this.fields) {
      const v = getField(draft, f.path);
      if (document.activeElement !== f.num && fromInput(f.kind, f.num.value) !== v) f.num.value = toInput(f.kind, v);
      if (f.range) {
        if (Number(f.range.max) < Number(toInput(f.kind, v))) f.range.max = toInput(f.kind, v);
        f.range.value = toInput(f.kind, v);
      }
      f.shown.textContent = showValue(f.kind, v);
      const errs = problemsFor(p, f.path);
      f.errors.textContent = errs.map((e) => e.text).join('; ');
      f.num.setAttribute('aria-invalid', errs.length ? 'true' : 'false');
    }
    this.renderProjects(view, draft, p);
    this.energyNote.hidden = !(this.split.energy > 0 && this.budget > 0 && draft.energy.length === 0);
    this.energyNote.textContent = tr('ui.desk.energyUnassigned');
    if (p) {
      replace(this.figures, ...deskFigures({ view, draft, preview: p, locale: L }).map((f) =>
        h('div', { class: `kv ${f.tone}`, 'data-figure': f.id }, h('dt', { text: f.label }), h('dd', { text: f.value }), f.note ? h('small', { class: 'muted', text: f.note }) : null)));
      replace(this.problems, ...p.problems.map((e) => h('li', { text: e.text })));
    }
    const dirty = s.submitted !== null && !sameOrders(s.submitted, draft);
    this.submitBtn.textContent = s.submitted ? tr('ui.desk.change') : tr('ui.desk.submit');
    this.submitBtn.disabled = this.busy || !p?.ok || s.ready || (s.submitted !== null && !dirty);
    this.withdrawBtn.textContent = tr('ui.desk.withdraw');
    this.withdrawBtn.hidden = s.submitted === null;
    this.withdrawBtn.disabled = this.busy || s.ready;
    if (!this.busy) this.readyBox.checked = s.ready;
    this.readyBox.disabled = this.busy;
    this.status.textContent = s.ready ? tr('ui.desk.statusReady') : s.submitted ? (dirty ? tr('ui.desk.statusDirty') : tr('ui.desk.statusSubmitted')) : tr('ui.desk.actionsHint');
    this.status.dataset['state'] = s.ready ? 'ready' : s.submitted ? (dirty ? 'dirty' : 'submitted') : 'draft';
    this.el.classList.toggle('locked', s.ready);
    this.advisorBox.querySelector('[data-test=advisor-adopted]')?.toggleAttribute('hidden', s.draftOrigin !== 'advisor');
  }

  /** Shows why the ready box refused the draft (nothing was sent), or hides the note. */
  private showRefusal(reasons: string[]): void {
    this.refusal.hidden = reasons.length === 0;
    replace(this.refusal, reasons.length ? h('strong', { text: tr('ui.desk.readyRefused') }) : null,
      reasons.length ? h('ul', {}, ...reasons.map((r) => h('li', { text: r }))) : null);
  }

  private submit(): void {
    const d = store.get().draft;
    if (d) this.run(() => this.net.submitOrders(d));
  }

  private run(fn: () => Promise<void>): void {
    this.busy = true;
    fn().catch(this.onError).finally(() => {
      this.busy = false;
      const s = store.get();
      if (s.view && s.draft) this.refresh(s.view, s.draft);
    });
  }
}

/**
 * What each cloud pricing earns this quarter, from the engine's own rules (model.revenuePerUnitUsd and
 * model.writeOffShareBps): a flat plan's revenue per unit against metered use, and the share of usage
 * bills customers who cannot make AI pay are expected to leave unpaid (flat plans are prepaid).
 */
function pricingHint(view: PlayerView): string {
  const K = model.constantsOf(getScenario(view.scenarioId));
  const w = view.world;
  const usage = model.revenuePerUnitUsd(K, w.cloudPriceUsd, 'usage', w.tokensPerTaskX100);
  const flat = model.revenuePerUnitUsd(K, w.cloudPriceUsd, 'flat', w.tokensPerTaskX100);
  return tr('ui.desk.pricingHint', { flatBps: Math.floor((flat * 10_000) / Math.max(1, usage)), badDebtBps: model.writeOffShareBps(K, 'usage', w.monetizationBps) });
}
