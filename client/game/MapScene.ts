/**
 * The world map: the baked Natural Earth texture plus one marker per region (power price colour,
 * queue length, water stress, the viewer's powered vs waiting MW, rivals' footprint, event flags).
 * Countries and markers are drawn with Canvas 2D into one texture whenever the data changes, so a
 * frame costs one textured quad (STACK.md Phaser trap 1). Only renders and takes input.
 */
import Phaser from 'phaser';
import type { BusEvents, EventBus } from '../model/event-bus.js';
import type { MapAnimation } from '../model/results.js';
import type { MapModel, RegionFlag, RegionMarker } from '../model/view-models.js';
import { layoutLabels, type Box, type LabelInput } from './label-layout.js';
import { bakeWorld, projectionFor } from './world-bake.js';

export const TICKER_HEIGHT = 38;
const TEX = 'map-baked';
const FLAG_COLORS: Record<RegionFlag, string> = { heat: '#ff7a33', water: '#3fa9ff', outage: '#ffd400', export: '#b07cff' };
const FLAG_LETTER: Record<RegionFlag, string> = { heat: 'H', water: 'W', outage: 'O', export: 'X' };
/** The page's font stack (Latin + CJK) for canvas text. */
export const CANVAS_FONT = "system-ui, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const LABEL_FONT = `11px ${CANVAS_FONT}`;
const LINE_H = 13;
/** Where chips ship from (the foundry: Taiwan), and how long the map plays a quarter (ms). */
const FOUNDRY = { lon: 121, lat: 23.7 };
const PLAY_MS = 4_200;

/** Colour of a power price: cheap green → expensive red. */
function priceColor(usdPerMwh: number): string {
  const k = Math.max(0, Math.min(1, (usdPerMwh - 40) / 110));
  return `rgb(${Math.round(60 + 195 * k)},${Math.round(200 - 140 * k)},90)`;
}

/** Marker radius: bigger with the viewer's powered MW. */
function radiusOf(r: RegionMarker, compact: boolean): number {
  return (compact ? 6 : 8) + (r.myPoweredMw > 0 ? Math.min(16, Math.sqrt(r.myPoweredMw) / 6) : 0);
}

export class MapScene extends Phaser.Scene {
  private bus!: EventBus<BusEvents>;
  private model: MapModel | null = null;
  private world: HTMLCanvasElement | null = null;
  private worldSize = '';
  private image: Phaser.GameObjects.Image | null = null;
  private zones: Phaser.GameObjects.Zone[] = [];
  private offs: (() => void)[] = [];
  private firstFrame = false;
  /** The quarter being played on the map, when it started, and its effects layer. */
  private anim: { a: MapAnimation; t0: number } | null = null;
  private fx: Phaser.GameObjects.Graphics | null = null;
  private fxTexts: Phaser.GameObjects.Text[] = [];

  constructor() {
    super({ key: 'map' });
  }

  init(data: { bus: EventBus<BusEvents> }): void {
    this.bus = data.bus;
  }

  create(): void {
    this.offs.push(this.bus.onReplay('map:model', (m) => {
      this.model = m;
      this.redraw();
    }));
    this.offs.push(this.bus.onReplay('map:animate', (a) => this.play(a)));
    this.scale.on('resize', this.redraw, this);
    this.events.once('shutdown', () => {
      this.offs.forEach((f) => f());
      this.scale.off('resize', this.redraw, this);
      this.stopPlaying(false);
    });
    this.redraw();
  }

  /** Starts (or stops, with null) playing a quarter: deliveries from the foundry, power coming online, queues moving. */
  private play(a: MapAnimation | null): void {
    this.stopPlaying(false);
    if (!a || (a.deliveries.length === 0 && a.online.length === 0 && a.queues.length === 0)) return;
    this.anim = { a, t0: this.time.now };
    this.fx = this.add.graphics().setDepth(5);
    const { w, h } = this.size();
    const proj = projectionFor(w, h);
    const label = (lon: number, lat: number, text: string, color: string, dy: number): void => {
      const xy = proj([lon, lat]);
      if (!xy) return;
      const t = this.add.text(xy[0], xy[1] + dy, text, { fontFamily: CANVAS_FONT, fontSize: '12px', color, stroke: '#05080c', strokeThickness: 3 })
        .setOrigin(0.5, 1).setDepth(6).setAlpha(0);
      this.fxTexts.push(t);
    };
    const where = (id: string): RegionMarker | undefined => this.model?.regions.find((r) => r.id === id);
    for (const o of a.online) {
      const r = where(o.region);
      if (r) label(r.lon, r.lat, o.text, '#4cd97b', -18);
    }
    for (const q of a.queues) {
      const r = where(q.region);
      if (r) label(r.lon, r.lat, q.text, q.to < q.from ? '#4cd97b' : '#ffa630', 30);
    }
  }

  private stopPlaying(announce: boolean): void {
    const was = this.anim !== null;
    this.anim = null;
    this.fx?.destroy();
    this.fx = null;
    this.fxTexts.forEach((t) => t.destroy());
    this.fxTexts = [];
    if (announce && was) this.bus.emit('map:animated', true);
  }

  /** One frame of the quarter being played. */
  private drawPlaying(now: number): void {
    const anim = this.anim;
    const g = this.fx;
    if (!anim || !g) return;
    const t = now - anim.t0;
    if (t > PLAY_MS) return this.stopPlaying(true);
    const { w, h } = this.size();
    const proj = projectionFor(w, h);
    const where = (id: string): [number, number] | null => {
      const r = this.model?.regions.find((x) => x.id === id);
      return r ? proj([r.lon, r.lat]) : null;
    };
    g.clear();
    // Deliveries: chips fly from the foundry along an arc, a few dots per region by MW.
    const from = proj([FOUNDRY.lon, FOUNDRY.lat]);
    if (from && anim.a.deliveries.length > 0) {
      g.fillStyle(0xffd166, 1);
      g.fillRect(from[0] - 4, from[1] - 4, 8, 8);
      for (const d of anim.a.deliveries) {
        const to = where(d.region);
        if (!to) continue;
        const dots = Math.max(1, Math.min(5, Math.ceil(d.mw / 80)));
        const mid: [number, number] = [(from[0] + to[0]) / 2, Math.min(from[1], to[1]) - Math.abs(from[0] - to[0]) * 0.18 - 10];
        for (let k = 0; k < dots; k += 1) {
          const p = Math.max(0, Math.min(1, (t - k * 220) / 2_000));
          if (p <= 0 || p >= 1) continue;
          const x = (1 - p) * (1 - p) * from[0] + 2 * (1 - p) * p * mid[0] + p * p * to[0];
          const y = (1 - p) * (1 - p) * from[1] + 2 * (1 - p) * p * mid[1] + p * p * to[1];
          g.fillStyle(0xffd166, 0.95);
          g.fillCircle(x, y, 3);
        }
      }
    }
    // Power coming online: green rings pulsing out of the region.
    for (const o of anim.a.online) {
      const at = where(o.region);
      if (!at) continue;
      const phase = (t % 1_100) / 1_100;
      g.lineStyle(2.5, 0x4cd97b, 1 - phase);
      g.strokeCircle(at[0], at[1], 8 + phase * 26);
    }
    // Labels fade in (power, queues), then out at the end.
    const alpha = Math.min(1, t / 400, (PLAY_MS - t) / 500);
    this.fxTexts.forEach((x) => x.setAlpha(Math.max(0, alpha)));
  }

  override update(time: number): void {
    if (this.anim) this.drawPlaying(time);
    if (!this.firstFrame && this.image) {
      this.firstFrame = true;
      this.bus.emit('scene:ready', 'map');
    }
  }

  private size(): { w: number; h: number } {
    return { w: Math.max(40, Math.round(this.scale.width)), h: Math.max(40, Math.round(this.scale.height - TICKER_HEIGHT)) };
  }

  /** Bakes countries (once per size) and markers (per model) into one texture, and lays out hit zones. */
  private redraw(): void {
    const { w, h } = this.size();
    this.cameras.main.setViewport(0, TICKER_HEIGHT, w, h);
    if (`${w}x${h}` !== this.worldSize) {
      this.worldSize = `${w}x${h}`;
      this.world = bakeWorld(w, h);
    }
    if (this.image) this.image.destroy();
    if (this.textures.exists(TEX)) this.textures.remove(TEX);
    const tex = this.textures.createCanvas(TEX, w, h);
    const ctx = tex?.getContext();
    if (!tex || !ctx || !this.world) return;
    ctx.drawImage(this.world, 0, 0);
    this.zones.forEach((z) => z.destroy());
    this.zones = [];
    const m = this.model;
    if (m) {
      const proj = projectionFor(w, h);
      const compact = w < 640;
      const at = m.regions.map((r) => ({ r, xy: proj([r.lon, r.lat]) })).filter((x): x is { r: RegionMarker; xy: [number, number] } => x.xy !== null);
      for (const { r, xy } of at) {
        this.drawRegion(ctx, r, xy[0], xy[1], compact, m.selected === r.id);
        const rad = radiusOf(r, compact) + 8;
        const zone = this.add.zone(xy[0], xy[1], rad * 2, rad * 2).setInteractive({ useHandCursor: true });
        zone.on('pointerover', () => this.bus.emit('region:hover', r.id));
        zone.on('pointerout', () => this.bus.emit('region:hover', null));
        zone.on('pointerdown', () => this.bus.emit('region:select', r.id));
        this.zones.push(zone);
      }
      this.drawLabels(ctx, at, w, h, compact, m.selected);
    }
    tex.refresh();
    this.image = this.add.image(0, 0, TEX).setOrigin(0, 0).setDepth(0);
  }

  private drawRegion(ctx: CanvasRenderingContext2D, r: RegionMarker, x: number, y: number, compact: boolean, selected: boolean): void {
    const radius = radiusOf(r, compact);
    const circle = (rad: number): void => { ctx.beginPath(); ctx.arc(x, y, rad, 0, Math.PI * 2); };
    // Water stress halo.
    ctx.fillStyle = `rgba(63,169,255,${((r.waterStressBps / 10_000) * 0.35).toFixed(3)})`;
    circle(radius + 7);
    ctx.fill();
    // Rivals' public footprint: an outer ring, thicker with more MW.
    const rivalMw = r.rivals.reduce((a, v) => a + v.mw, 0);
    if (rivalMw > 0) {
      ctx.lineWidth = Math.min(5, 1 + rivalMw / 1500);
      ctx.strokeStyle = 'rgba(200,211,223,0.55)';
      circle(radius + 4);
      ctx.stroke();
    }
    ctx.fillStyle = priceColor(r.priceUsdPerMwh);
    circle(radius);
    ctx.fill();
    // The viewer's waiting MW: an orange arc, waiting / (powered + waiting) of the circle.
    if (r.myWaitingMw > 0) {
      const share = r.myWaitingMw / Math.max(1, r.myWaitingMw + r.myPoweredMw);
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ffa630';
      ctx.beginPath();
      ctx.arc(x, y, radius + 2, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * share);
      ctx.stroke();
    }
    if (selected) {
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#fff';
      circle(radius + 9);
      ctx.stroke();
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    r.flags.forEach((f, i) => {
      const fx = x + radius + 4 + i * 12;
      const fy = y - radius - 6;
      ctx.fillStyle = FLAG_COLORS[f];
      ctx.fillRect(fx - 5.5, fy - 5.5, 11, 11);
      ctx.fillStyle = '#000';
      ctx.font = 'bold 9px sans-serif';
      ctx.fillText(FLAG_LETTER[f], fx, fy + 0.5);
    });
  }

  /** Labels (price · queue, and the viewer's MW) where they collide with nothing; hidden where they do not fit. */
  private drawLabels(ctx: CanvasRenderingContext2D, at: { r: RegionMarker; xy: [number, number] }[], w: number, h: number, compact: boolean, selected: string | null): void {
    ctx.font = LABEL_FONT;
    const inputs: LabelInput[] = at.map(({ r, xy }) => ({
      id: r.id, x: xy[0], y: xy[1], r: radiusOf(r, compact) + 5,
      w: Math.ceil(Math.max(ctx.measureText(r.label).width, r.mineLabel ? ctx.measureText(r.mineLabel).width : 0)) + 2,
      h: r.mineLabel ? LINE_H * 2 : LINE_H,
      priority: (r.id === selected ? 4 : 0) + (r.myPoweredMw > 0 || r.myWaitingMw > 0 ? 2 : 0) + (r.flags.length > 0 ? 1 : 0),
    }));
    const flags: Box[] = at.filter(({ r }) => r.flags.length > 0).map(({ r, xy }) => {
      const rad = radiusOf(r, compact);
      return { x0: xy[0] + rad - 2, y0: xy[1] - rad - 12, x1: xy[0] + rad + 10 + r.flags.length * 12, y1: xy[1] - rad };
    });
    const placed = layoutLabels(inputs, w, h, flags);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.shadowColor = '#000';
    ctx.shadowBlur = 3;
    placed.forEach((p, i) => {
      const r = at[i]!.r;
      if (!p.visible) return;
      const cx = (p.box.x0 + p.box.x1) / 2;
      ctx.fillStyle = '#dfe8f2';
      ctx.fillText(r.label, cx, p.box.y0);
      if (r.mineLabel) {
        ctx.fillStyle = '#ffcf7a';
        ctx.fillText(r.mineLabel, cx, p.box.y0 + LINE_H);
      }
    });
    ctx.shadowBlur = 0;
  }
}
