/**
 * Map labels that never collide: each marker's label block (one or two lines) is tried below, above,
 * right and left of its marker, then diagonally; the first place inside the map that overlaps no
 * marker and no label already placed wins. Markers are placed in priority order (the selected one,
 * then those with the viewer's capacity, then the rest), and a label that fits nowhere is hidden —
 * the region's tooltip and details panel still show it. Plain TS: no canvas, unit-tested in node.
 */

/** One marker and the size of its label block (px). */
export interface LabelInput {
  id: string;
  x: number;
  y: number;
  /** Marker radius including its halo. */
  r: number;
  w: number;
  h: number;
  /** Higher places first. */
  priority: number;
}

/** An axis-aligned box. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Where a label goes: the top-left of its block, or hidden. */
export interface PlacedLabel {
  id: string;
  visible: boolean;
  box: Box;
}

const GAP = 3;

/** Whether two boxes overlap. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** The candidate boxes of a label around its marker, best first. */
function candidates(l: LabelInput): Box[] {
  const { x, y, r, w, h } = l;
  const d = r + GAP;
  const at = (cx: number, cy: number): Box => ({ x0: cx, y0: cy, x1: cx + w, y1: cy + h });
  return [
    at(x - w / 2, y + d), // below
    at(x - w / 2, y - d - h), // above
    at(x + d, y - h / 2), // right
    at(x - d - w, y - h / 2), // left
    at(x + d * 0.7, y + d * 0.7), // below right
    at(x - d * 0.7 - w, y + d * 0.7), // below left
    at(x + d * 0.7, y - d * 0.7 - h), // above right
    at(x - d * 0.7 - w, y - d * 0.7 - h), // above left
  ];
}

/** Lays the labels out inside a width × height map, away from every marker and `obstacles` (event flags). */
export function layoutLabels(items: readonly LabelInput[], width: number, height: number, obstacles: readonly Box[] = []): PlacedLabel[] {
  const markers: Box[] = items.map((l) => ({ x0: l.x - l.r, y0: l.y - l.r, x1: l.x + l.r, y1: l.y + l.r }));
  const order = items.map((_, i) => i).sort((a, b) => items[b]!.priority - items[a]!.priority || a - b);
  const placed: Box[] = [];
  const out: PlacedLabel[] = items.map((l) => ({ id: l.id, visible: false, box: { x0: l.x, y0: l.y, x1: l.x, y1: l.y } }));
  for (const i of order) {
    const l = items[i]!;
    const fit = candidates(l).find((b) => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= width && b.y1 <= height
      && !markers.some((m, j) => j !== i && overlaps(b, m)) && !obstacles.some((o) => overlaps(b, o)) && !placed.some((p) => overlaps(b, p)));
    if (fit) {
      placed.push(fit);
      out[i] = { id: l.id, visible: true, box: fit };
    }
  }
  return out;
}
