// Mutation testing (docs/testing.md), not part of `npm test` nor `.ci/run`. MUTATE_SCOPE picks what is
// mutated: `core` (the default, `npm run test:mutation`: four phase files, ~45 minutes on two busy
// cores), `phases` (every phase file, ~4 hours), `engine` (all of shared/engine but its types and
// version), `full` (all of shared/engine and shared/bots, `npm run test:mutation:full`, most of a day). The scripts set MUTATION=1: the property tests then
// play fewer generated games per property (tests/properties/engine.test.ts).
const scope = process.env['MUTATE_SCOPE'] ?? 'core';
const mutate = {
  core: ['finance', 'talent', 'capacity', 'models'].map((f) => `shared/engine/phases/${f}.ts`),
  phases: ['shared/engine/phases/*.ts'],
  engine: ['shared/engine/**/*.ts', '!shared/engine/types.ts', '!shared/engine/version.ts'],
  full: ['shared/engine/**/*.ts', 'shared/bots/**/*.ts', '!shared/engine/types.ts', '!shared/engine/version.ts'],
}[scope];
if (!mutate) throw new Error(`MUTATE_SCOPE must be core, phases, engine or full, not ${scope}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate,
  coverageAnalysis: 'perTest',
  // Two cores shared with other work: one test process at a time.
  concurrency: 1,
  // A mutant that loops forever is cut after its normal time plus this (and counts as detected).
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'artifacts/mutation/report.html' },
  jsonReporter: { fileName: 'artifacts/mutation/report.json' },
  tempDirName: 'artifacts/stryker-tmp',
  // Static mutants (module-level constants) would need the whole test set each: left out for time.
  ignoreStatic: true,
  thresholds: { high: 80, low: 60, break: null },
};
