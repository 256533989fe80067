/**
 * Run by tests/engine/history-kinds.test.ts in a Node started with --allow-natives-syntax: draws from the engine's
 * random streams and counts the draws V8 holds as something else than a small integer (shared/engine/rng.ts `int`).
 * Prints one JSON line: { drawn, notSmall }.
 */
import { streamFor } from '../../shared/index.js';

const isSmi = new Function('x', 'return %IsSmi(x)') as (x: unknown) => boolean;
let drawn = 0;
let notSmall = 0;
for (let q = 0; q < 200; q += 1) {
  const rng = streamFor('draws', q, 'test');
  for (let i = 0; i < 50; i += 1) {
    for (const x of [rng.int(10_000), rng.range(-500, 500)]) {
      drawn += 1;
      if (!isSmi(x)) notSmall += 1;
    }
  }
}
console.log(JSON.stringify({ drawn, notSmall }));
