// Regenerates tests/fixtures/replay-format1.json (an old-format saved game) after an engine rule change:
// node --import tsx scripts/make-replay-fixture.ts
import { writeFileSync } from 'node:fs';
import { createGame, resolveQuarter, botOrders, playerViews } from '../shared/index.js';
let s = createGame({ scenarioId: 'capex-race-2026', seed: 'fixture-v1', quarterCount: 6, seats: ['AMZN', 'META', 'MSFT'] });
const quarters = [];
for (let q = 0; q < 4; q++) {
  const views = playerViews(s); const orders: Record<string, unknown> = {};
  for (const t of s.seats) orders[t] = botOrders(views[t], 'cloudLandlord', 'normal');
  const r = resolveQuarter(s, orders); quarters.push({ quarter: q, orders: r.orders, hash: r.hash }); s = r.state;
}
// Format 1: no format field, `scenario`, `quarters` count, seats as tickers.
writeFileSync('tests/fixtures/replay-format1.json', JSON.stringify({ header: { engineVersion: 1, scenario: 'capex-race-2026', seed: 'fixture-v1', quarters: 6, seats: ['AMZN', 'META', 'MSFT'] }, quarters }, null, 1));
