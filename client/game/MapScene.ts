/**
 * The world map: the baked Natural Earth texture plus one marker per region (power price colour,
 * queue length, water stress, the viewer's powered vs waiting MW, rivals' footprint, event flags).
 * Only renders and takes input; data arrives as a MapModel on the bus.
 */
import Phaser from 'phaser';
import type { BusEvents, EventBus } from '../model/event-bus.js';
import type { MapModel, RegionFlag, RegionMarker } from '../model/view-models.js';
import { bakeWorld, projectionFor } from './world-bake.js';

export const TICKER_HEIGHT = 38;
const FLAG_COLORS: Record<RegionFlag, number> = { heat: 0xff7a33, water: 0x3fa9ff, outage: 0xffd400, export: 0xb07cff };
const FLAG_LETTER: Record<RegionFlag, string> = { heat: 'H', water: 'W', outage: 'O', export: 'X' };

/** Colour of a power price: cheap green → expensive red. */
function priceColor(usdPerMwh: number): number {
  const k = Math.max(0, Math.min(1, (usdPerMwh - 40) / 110));
  const r = Math.round(60 + 195 * k);
  const g = Math.round(200 - 140 * k);
  return (r << 16) | (g << 8) | 90;
}

export class MapScene extends Phaser.Scene {
  private bus!: EventBus<BusEvents>;
  private model: MapModel | null = null;
  private world: Phaser.GameObjects.Image | null = null;
  private layer!: Phaser.GameObjects.Container;
  private bakedSize = '';
  private offs: (() => void)[] = [];
  private firstFrame = false;

  constructor() {
    super({ key: 'map' });
  }

  init(data: { bus: EventBus<BusEvents> }): void {
    this.bus = data.bus;
  }

  create(): void {
    this.layer = this.add.container(0, 0);
    this.layer.setDepth(2);
    this.layout();
    this.offs.push(this.bus.onReplay('map:model', (m) => {
      this.model = m;
      this.drawMarkers();
    }));
    this.scale.on('resize', this.layout, this);
    this.events.once('shutdown', () => {
      this.offs.forEach((f) => f());
      this.scale.off('resize', this.layout, this);
    });
  }

  override update(): void {
    if (!this.firstFrame) {
      this.firstFrame = true;
      this.bus.emit('scene:ready', 'map');
    }
  }

  private size(): { w: number; h: number } {
    return { w: this.scale.width, h: Math.max(40, this.scale.height - TICKER_HEIGHT) };
  }

  /** Re-bakes the world texture when the size changes (once per size, never per frame). */
  private layout(): void {
    const { w, h } = this.size();
    this.cameras.main.setViewport(0, TICKER_HEIGHT, w, h);
    const key = `${w}x${h}`;
    if (key !== this.bakedSize) {
      this.bakedSize = key;
      const texKey = 'world';
      if (this.textures.exists(texKey)) this.textures.remove(texKey);
      this.textures.addCanvas(texKey, bakeWorld(w, h));
      if (this.world) this.world.destroy();
      this.world = this.add.image(0, 0, texKey).setOrigin(0, 0).setDepth(0);
    }
    this.drawMarkers();
  }

  private drawMarkers(): void {
    if (!this.layer) return;
    this.layer.removeAll(true);
    const m = this.model;
    if (!m) return;
    const { w, h } = this.size();
    const proj = projectionFor(w, h);
    const compact = w < 640;
    for (const r of m.regions) {
      const xy = proj([r.lon, r.lat]);
      if (!xy) continue;
      this.drawRegion(r, xy[0], xy[1], compact, m.selected === r.id, m);
    }
  }

  private drawRegion(r: RegionMarker, x: number, y: number, compact: boolean, selected: boolean, m: MapModel): void {
    const g = this.add.graphics();
    const base = compact ? 6 : 8;
    const mine = r.myPoweredMw > 0 ? Math.min(16, Math.sqrt(r.myPoweredMw) / 6) : 0;
    const radius = base + mine;
    // Water stress halo.
    g.fillStyle(0x3fa9ff, (r.waterStressBps / 10_000) * 0.35);
    g.fillCircle(x, y, radius + 7);
    // Rivals' public footprint: a thin outer ring, thicker with more MW.
    const rivalMw = r.rivals.reduce((a, v) => a + v.mw, 0);
    if (rivalMw > 0) {
      g.lineStyle(Math.min(5, 1 + rivalMw / 1500), 0xc8d3df, 0.55);
      g.strokeCircle(x, y, radius + 4);
    }
    g.fillStyle(priceColor(r.priceUsdPerMwh), 1);
    g.fillCircle(x, y, radius);
    // The viewer's waiting MW: an orange arc proportional to waiting / (powered + waiting).
    if (r.myWaitingMw > 0) {
      const share = r.myWaitingMw / Math.max(1, r.myWaitingMw + r.myPoweredMw);
      g.lineStyle(3, 0xffa630, 1);
      g.beginPath();
      g.arc(x, y, radius + 2, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * share, false);
      g.strokePath();
    }
    if (selected) {
      g.lineStyle(2, 0xffffff, 1);
      g.strokeCircle(x, y, radius + 9);
    }
    this.layer.add(g);
    r.flags.forEach((f, i) => {
      const fx = x + radius + 4 + i * 12;
      const fy = y - radius - 6;
      const box = this.add.rectangle(fx, fy, 11, 11, FLAG_COLORS[f]).setOrigin(0.5);
      const letter = this.add.text(fx, fy, FLAG_LETTER[f], { fontFamily: 'sans-serif', fontSize: '9px', color: '#000' }).setOrigin(0.5);
      this.layer.add([box, letter]);
    });
    if (!compact || selected) {
      const label = `$${r.priceUsdPerMwh} · ${m.labels.queue}${r.queueQuarters}`;
      const t = this.add.text(x, y + radius + 3, label, { fontFamily: 'sans-serif', fontSize: '10px', color: '#dfe8f2' }).setOrigin(0.5, 0);
      t.setShadow(1, 1, '#000', 2, false, true);
      this.layer.add(t);
      if (r.myPoweredMw > 0 || r.myWaitingMw > 0) {
        const mw = this.add.text(x, y + radius + 15, `${r.myPoweredMw}/${r.myWaitingMw} MW`, { fontFamily: 'sans-serif', fontSize: '10px', color: '#ffcf7a' }).setOrigin(0.5, 0);
        this.layer.add(mw);
      }
    }
    const zone = this.add.zone(x, y, (radius + 8) * 2, (radius + 8) * 2).setInteractive({ useHandCursor: true });
    zone.on('pointerover', () => this.bus.emit('region:hover', r.id));
    zone.on('pointerout', () => this.bus.emit('region:hover', null));
    zone.on('pointerdown', () => this.bus.emit('region:select', r.id));
    this.layer.add(zone);
  }
}
