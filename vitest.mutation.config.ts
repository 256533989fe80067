/**
 * The test set Stryker runs against each mutant (`npm run test:mutation`, docs/testing.md): the
 * tests that judge the engine's rules — engine units, calibration facts, properties and bots —
 * without the server, client and store suites (they add minutes per mutant and little about the
 * rules), without the source-scanning purity test (it would read Stryker's instrumented copy) and
 * without the golden games (their hash chains kill every mutant that changes any outcome, which
 * would say nothing about whether a rule is checked; see docs/testing.md).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/engine/**/*.test.ts', 'tests/calibration/**/*.test.ts', 'tests/properties/**/*.test.ts', 'tests/bots/**/*.test.ts'],
    // purity scans the source (Stryker's copy is instrumented); reach counts the generators, not the engine;
    // the balance study plays ~2,000 games (minutes a mutant): a measure of the bots, not a rule's check.
    exclude: ['tests/engine/purity.test.ts', 'tests/properties/reach.test.ts', 'tests/bots/balance.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    // The engine tests are pure: no need to re-import shared/ for every file of every mutant's run.
    isolate: false,
  },
});
