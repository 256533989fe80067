/**
 * `npm run golden:update`: re-records the golden games (tests/golden/*.json) with the current engine
 * and bots. Run it only when a rule changed on purpose — in the same commit as the change, with
 * ENGINE_VERSION bumped and the reason in the commit message (docs/testing.md "Golden games").
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_SPECS, reachOfGames, recordGolden } from './games.js';
import { missingReach } from './reach.js';

const dir = dirname(fileURLToPath(import.meta.url));
const games = GOLDEN_SPECS.map(recordGolden);
for (const game of games) {
  writeFileSync(join(dir, `${game.name}.json`), `${JSON.stringify(game)}\n`);
  console.log(`${game.name}: ${game.replay.quarters.length} quarters, last hash ${game.replay.quarters.at(-1)!.hash}`);
}
const missing = missingReach(reachOfGames(games));
if (missing.length > 0) {
  console.error(`The golden games no longer reach: ${missing.join(', ')} — adjust the scripts in tests/golden/games.ts`);
  process.exitCode = 1;
}
