/**
 * The order desk (DOM): capex split, energy projects, talent, data, financing, operations, license
 * and guidance. Sliders with numeric inputs, totals against cash + credit and a live preview from
 * the shared engine; submit, change, withdraw and the ready flag.
 */
import {
  ENERGY_SOURCES, COOLING_KINDS, REGION_IDS, formatBps, formatMw, formatUsdM, getScenario, t,
  type EnergyOrder, type Orders, type PlayerView,
} from '../../shared/index.js';
import { getField, previewDraft, problemsFor, setEnergy, setField, type NumericPath, type Preview } from '../model/draft.js';
import { applyReady } from '../model/ready.js';
import { locale, tr } from '../model/i18n.js';
import { store } from '../model/store.js';
import type { Net } from '../net/types.js';
import { h, kv, replace, sourceNote, uid } from './dom.js';

type Unit = 'usd' | 'bps' | 'mw';

interface Control {
  path: NumericPath;
  unit: Unit;
  range: HTMLInputElement;
  num: HTMLInputElement;
  shown: HTMLElement;
  errors: HTMLElement;
}

/** Formats a field's value for display. */
function show(unit: Unit, v: number): string {
  const L = locale();
  return unit === 'usd' ? formatUsdM(v, L) : unit === 'bps' ? formatBps(v) : formatMw(v, L);
}

export class OrderDesk {
  readonly el = h('section', { class: 'desk', 'aria-labelledby': 'desk-h' });
  private controls: Control[] = [];
  private energyList = h('div', { class: 'energy-list' });
  private summary = h('div', { class: 'summary', 'aria-live': 'polite' });
  private problems = h('ul', { class: 'problems', 'data-test': 'problems', 'aria-live': 'polite' });
  private status = h('p', { class: 'status', 'data-test': 'order-status' });
  private submitBtn = h('button', { type: 'button', class: 'primary', 'data-test': 'submit-orders' });
  private withdrawBtn = h('button', { type: 'button', 'data-test': 'withdraw-orders', text: tr('ui.desk.withdraw') });
  private readyBox = h('input', { type: 'checkbox', id: uid('ready'), 'data-test': 'ready' });
  private refusal = h('div', { class: 'refusal', role: 'alert', 'data-test': 'ready-refusal', hidden: true });
  private builtFor = '';
  private busy = false;

  constructor(private readonly net: Net, private readonly onError: (e: unknown) => void) {
    this.submitBtn.addEventListener('click', () => this.submit());
    this.withdrawBtn.addEventListener('click', () => this.run(() => this.net.withdrawOrders()));
    this.readyBox.addEventListener('change', () => {
      const want = this.readyBox.checked;
      this.run(async () => this.showRefusal(await applyReady(this.net, store.get(), want, locale())));
    });
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
    const key = `${view.quarter}:${view.seat}:${locale()}`;
    if (key !== this.builtFor) {
      this.builtFor = key;
      this.build(view, s.draft);
    }
    this.refresh(view, s.draft);
  }

  private setDraft(o: Orders): void {
    this.showRefusal([]);
    store.set({ draft: o });
    const view = store.get().view;
    if (view) this.refresh(view, o);
  }

  private control(path: NumericPath, label: string, unit: Unit, max: number, step: number, help?: string): HTMLElement {
    const id = uid(path.replace('.', '-'));
    const draft = store.get().draft;
    const v = draft ? getField(draft, path) : 0;
    const range = h('input', { type: 'range', min: 0, max: Math.max(max, v), step, value: v, 'aria-labelledby': `${id}-l`, tabindex: -1 });
    const num = h('input', { type: 'number', id, min: 0, step: unit === 'bps' ? 100 : 1, value: v, inputmode: 'numeric', 'data-field': path });
    const shown = h('span', { class: 'shown' });
    const errors = h('span', { class: 'field-error', role: 'alert' });
    const c: Control = { path, unit, range, num, shown, errors };
    const onValue = (raw: string): void => {
      const d = store.get().draft;
      if (!d) return;
      this.setDraft(setField(d, path, Number(raw)));
    };
    range.addEventListener('input', () => { num.value = range.value; onValue(range.value); });
    num.addEventListener('input', () => { if (Number(num.value) > Number(range.max)) range.max = num.value; range.value = num.value; onValue(num.value); });
    this.controls.push(c);
    const unitLabel = unit === 'usd' ? tr('ui.unit.usdM') : unit === 'bps' ? tr('ui.unit.bps') : tr('ui.unit.mw');
    return h('div', { class: 'control' },
      h('label', { for: id, id: `${id}-l` }, label, ' ', h('small', { class: 'muted', text: `(${unitLabel})` })),
      h('div', { class: 'inputs' }, range, num, shown),
      help ? h('small', { class: 'help', text: help }) : null,
      errors);
  }

  private select<T extends string>(label: string, options: readonly { value: T; text: string }[], value: T, onChange: (v: T) => void, test?: string): HTMLElement {
    const id = uid('sel');
    const sel = h('select', { id, 'data-test': test }, ...options.map((o) => h('option', { value: o.value, text: o.text, selected: o.value === value })));
    sel.addEventListener('change', () => onChange(sel.value as T));
    return h('div', { class: 'control' }, h('label', { for: id, text: label }), sel);
  }

  private build(view: PlayerView, draft: Orders): void {
    const L = locale();
    const me = view.me;
    if (!me) return;
    const sc = getScenario(view.scenarioId);
    const K = sc.constants;
    this.controls = [];
    const cap = Math.max(1_000, me.cashUsdM + 50_000);
    const section = (titleKey: string, ...children: (HTMLElement | null)[]): HTMLElement =>
      h('fieldset', { class: 'group' }, h('legend', { text: tr(titleKey) }), ...children);
    const ops = (patch: Partial<Orders['ops']>): void => {
      const d = store.get().draft;
      if (d) this.setDraft({ ...d, ops: { ...d.ops, ...patch } });
    };
    const licenseOptions = [{ value: '', text: tr('ui.desk.noLicense') }, { value: 'LAB', text: t(L, 'company.LAB') },
      ...view.seats.filter((s) => s !== view.seat).map((s) => ({ value: s as string, text: t(L, `company.${s}`) }))];
    replace(this.el,
      h('h2', { id: 'desk-h', text: tr('ui.desk.title') }),
      section('ui.desk.chips',
        this.control('chips.merchantUsdM', t(L, 'chip.merchant'), 'usd', cap, 100),
        this.control('chips.secondSourceUsdM', t(L, 'chip.secondSource'), 'usd', cap, 100),
        this.control('chips.customUsdM', t(L, 'chip.custom'), 'usd', cap, 100, me.customProgram.readyQ === null ? tr('ui.desk.customNotReady') : undefined),
        this.control('customProgramUsdM', tr('ui.desk.program'), 'usd', 5_000, 50),
        sourceNote(tr('ui.why'), K.customPriceBps.source)),
      section('ui.desk.energy', this.energyList, this.addEnergyButton(), sourceNote(tr('ui.why'), `${K.nuclearMinMw.source} · ${K.gasLeadQ.source}`)),
      section('ui.desk.talentData',
        this.control('talentBidUsdM', tr('ui.desk.talentBid'), 'usd', 10_000, 50),
        this.control('data.licensedUsdM', tr('ui.desk.licensedData'), 'usd', 10_000, 50),
        this.control('data.syntheticBps', tr('ui.desk.synthetic'), 'bps', 9_000, 100),
        sourceNote(tr('ui.why'), `${K.talentSupply.source} · ${K.syntheticSafeBps.source}`)),
      section('ui.desk.finance',
        this.control('finance.borrowUsdM', tr('ui.desk.borrow'), 'usd', cap, 100),
        this.control('finance.repayUsdM', tr('ui.desk.repay'), 'usd', Math.max(0, me.debtUsdM), 100),
        this.control('finance.equityUsdM', tr('ui.desk.equity'), 'usd', cap, 100),
        this.control('finance.buybackUsdM', tr('ui.desk.buyback'), 'usd', cap, 100),
        this.control('finance.vendorFinancingUsdM', tr('ui.desk.vendor'), 'usd', cap, 100),
        sourceNote(tr('ui.why'), K.vendorFinancingMaxBps.source)),
      section('ui.desk.ops',
        this.control('ops.trainingBps', tr('ui.desk.training'), 'bps', 10_000, 100),
        this.control('ops.selfUseBps', tr('ui.desk.selfUse'), 'bps', 10_000, 100),
        this.control('ops.cloudBps', tr('ui.desk.cloud'), 'bps', 10_000, 100),
        this.select(tr('ui.desk.pricing'), [{ value: 'usage', text: tr('ui.desk.pricingUsage') }, { value: 'flat', text: tr('ui.desk.pricingFlat') }],
          draft.ops.pricing, (v) => ops({ pricing: v })),
        this.control('ops.labBidMw', tr('ui.desk.labBid'), 'mw', 2_000, 10),
        this.select(tr('ui.desk.license'), licenseOptions, draft.licenseFrom ?? '', (v) => {
          const d = store.get().draft;
          if (d) this.setDraft({ ...d, licenseFrom: v === '' ? null : (v as Orders['licenseFrom']) });
        }, 'license'),
        sourceNote(tr('ui.why'), `${K.flatPremiumBps.source} · ${K.licenseFeeUsdM.source}`)),
      section('ui.desk.guidance', this.control('guidanceCapexUsdM', tr('ui.desk.guidanceNext'), 'usd', Math.max(400_000, me.guidanceCapexUsdM * 2), 1_000),
        sourceNote(tr('ui.why'), K.capexWeightBps.source)),
      h('div', { class: 'totals card' }, h('h3', { text: tr('ui.desk.preview') }), this.summary, this.problems),
      h('div', { class: 'actions row' }, this.submitBtn, this.withdrawBtn,
        h('label', { for: this.readyBox.id, class: 'check ready' }, this.readyBox, ` ${tr('ui.desk.ready')}`)),
      this.refusal,
      this.status);
    this.renderEnergy();
  }

  private addEnergyButton(): HTMLElement {
    const b = h('button', { type: 'button', 'data-test': 'add-energy', text: tr('ui.desk.addProject') });
    b.addEventListener('click', () => {
      const d = store.get().draft;
      if (!d) return;
      this.setDraft(setEnergy(d, [...d.energy, { region: 'us-texas', source: 'gas', mw: 100, cooling: 'liquid' }]));
      this.renderEnergy();
      (this.energyList.querySelector('.energy-row:last-child select') as HTMLSelectElement | null)?.focus();
    });
    return b;
  }

  private renderEnergy(): void {
    const L = locale();
    const d = store.get().draft;
    if (!d) return;
    const rows = d.energy.map((e, i) => {
      const upd = (patch: Partial<EnergyOrder>): void => {
        const cur = store.get().draft;
        if (!cur) return;
        this.setDraft(setEnergy(cur, cur.energy.map((x, j) => (j === i ? { ...x, ...patch } : x))));
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
        this.renderEnergy();
      });
      return h('div', { class: 'energy-row', 'data-index': i },
        sel(tr('ui.desk.region'), REGION_IDS, (v) => t(L, `region.${v}`), e.region, (v) => upd({ region: v })),
        sel(tr('ui.desk.source'), ENERGY_SOURCES, (v) => t(L, `source.${v}`), e.source, (v) => upd({ source: v })),
        sel(tr('ui.desk.cooling'), COOLING_KINDS, (v) => tr(`ui.cooling.${v}`), e.cooling, (v) => upd({ cooling: v })),
        h('div', { class: 'control' }, h('label', { for: mwId, text: tr('ui.unit.mw') }), mw),
        h('span', { class: 'field-error', role: 'alert', 'data-path': `energy[${i}]` }),
        rm);
    });
    replace(this.energyList, ...(rows.length ? rows : [h('p', { class: 'muted', text: tr('ui.desk.noProjects') })]));
  }

  /** Updates values, per-field errors, the totals and the buttons (no rebuild, focus is kept). */
  private refresh(view: PlayerView, draft: Orders): void {
    const L = locale();
    const p: Preview | null = previewDraft(view, draft, L);
    for (const c of this.controls) {
      const v = getField(draft, c.path);
      if (document.activeElement !== c.num && c.num.value !== String(v)) c.num.value = String(v);
      if (Number(c.range.max) < v) c.range.max = String(v);
      c.range.value = String(v);
      c.shown.textContent = show(c.unit, v);
      const errs = problemsFor(p, c.path);
      c.errors.textContent = errs.map((e) => e.text).join('; ');
      c.num.setAttribute('aria-invalid', errs.length ? 'true' : 'false');
    }
    if (this.energyList.querySelectorAll('.energy-row').length !== draft.energy.length || this.energyList.childElementCount === 0) this.renderEnergy();
    for (const span of this.energyList.querySelectorAll<HTMLElement>('[data-path]')) {
      span.textContent = problemsFor(p, span.dataset['path'] ?? '').map((e) => e.text).join('; ');
    }
    if (p) {
      replace(this.summary, h('dl', { class: 'kvs' },
        kv(tr('ui.desk.available'), formatUsdM(p.availableUsdM, L)),
        kv(tr('ui.desk.spend'), formatUsdM(p.spendUsdM, L), { 'data-test': 'spend' }),
        kv(tr('ui.desk.remaining'), formatUsdM(p.remainingUsdM, L), { class: p.remainingUsdM < 0 ? 'kv bad' : 'kv' }),
        kv(tr('ui.desk.energyCapex'), formatUsdM(p.energyCapexUsdM, L)),
        kv(tr('ui.desk.projCash'), formatUsdM(p.projectedCashUsdM, L)),
        kv(tr('ui.desk.projChips'), formatMw(p.projectedChipMw, L)),
        kv(tr('ui.desk.projPowered'), formatMw(p.projectedPoweredMw, L)),
        kv(tr('ui.desk.projIdle'), formatMw(p.projectedIdleMw, L), { class: p.projectedIdleMw > 0 ? 'kv warn' : 'kv' })),
        h('small', { class: 'muted', text: tr('ui.desk.estimateNote') }));
      replace(this.problems, ...p.problems.map((e) => h('li', { text: e.text })));
    }
    const s = store.get();
    const dirty = s.submitted !== null && JSON.stringify(s.submitted) !== JSON.stringify(draft);
    this.submitBtn.textContent = s.submitted ? tr('ui.desk.change') : tr('ui.desk.submit');
    this.submitBtn.disabled = this.busy || !p?.ok || s.ready || (s.submitted !== null && !dirty);
    this.withdrawBtn.disabled = this.busy || s.submitted === null || s.ready;
    if (!this.busy) this.readyBox.checked = s.ready;
    this.readyBox.disabled = this.busy;
    this.status.textContent = s.ready ? tr('ui.desk.statusReady') : s.submitted ? (dirty ? tr('ui.desk.statusDirty') : tr('ui.desk.statusSubmitted')) : tr('ui.desk.statusDraft');
    this.status.dataset['state'] = s.ready ? 'ready' : s.submitted ? (dirty ? 'dirty' : 'submitted') : 'draft';
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
