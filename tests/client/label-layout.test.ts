import { describe, expect, it } from 'vitest';
import { createGame, playerView } from '../../shared/index.js';
import { layoutLabels, overlaps, type LabelInput } from '../../client/game/label-layout.js';
import { projectionFor } from '../../client/game/world-bake.js';
import { mapModel } from '../../client/model/view-models.js';

/** The map's markers and label blocks at a size, with widths estimated at 6.5 px a character. */
function inputs(w: number, h: number): LabelInput[] {
  const m = mapModel(playerView(createGame({ scenarioId: 'capex-race-2026', seed: 'map', quarterCount: 4 }), 'AMZN'), 'en');
  const proj = projectionFor(w, h);
  return m.regions.map((r) => {
    const [x, y] = proj([r.lon, r.lat])!;
    return { id: r.id, x, y, r: 12, w: Math.ceil(Math.max(r.label.length, r.mineLabel.length) * 6.5), h: r.mineLabel ? 26 : 13, priority: r.mineLabel ? 2 : 0 };
  });
}

describe('map labels', () => {
  it.each([[800, 402], [560, 300], [370, 202]])('never overlap each other or another marker at %i × %i', (w, h) => {
    const items = inputs(w, h);
    const placed = layoutLabels(items, w, h);
    const shown = placed.filter((p) => p.visible);
    for (let i = 0; i < shown.length; i += 1) {
      for (let j = i + 1; j < shown.length; j += 1) expect(overlaps(shown[i]!.box, shown[j]!.box), `${shown[i]!.id} / ${shown[j]!.id}`).toBe(false);
      const b = shown[i]!.box;
      expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= w && b.y1 <= h).toBe(true);
      for (const m of items) {
        if (m.id === shown[i]!.id) continue;
        expect(overlaps(b, { x0: m.x - m.r, y0: m.y - m.r, x1: m.x + m.r, y1: m.y + m.r }), `${shown[i]!.id} over ${m.id}`).toBe(false);
      }
    }
  });

  it('labels all four North American regions on the desktop map', () => {
    const placed = layoutLabels(inputs(800, 402), 800, 402);
    for (const id of ['us-east', 'us-texas', 'us-west', 'canada']) expect(placed.find((p) => p.id === id)?.visible, id).toBe(true);
  });

  it('places labels in priority order and hides what does not fit', () => {
    const a: LabelInput = { id: 'a', x: 50, y: 50, r: 5, w: 80, h: 12, priority: 0 };
    const b: LabelInput = { id: 'b', x: 52, y: 52, r: 5, w: 80, h: 12, priority: 1 };
    const placed = layoutLabels([a, b], 100, 100);
    expect(placed.find((p) => p.id === 'b')!.visible).toBe(true);
    expect(placed.filter((p) => p.visible).length).toBeLessThanOrEqual(2);
    expect(layoutLabels([{ ...a, w: 500 }], 100, 100)[0]!.visible).toBe(false);
  });
});
