/** fast-check generators for orders. */
import fc from 'fast-check';
import { COOLING_KINDS, ENERGY_SOURCES, PRICING_MODELS, REGION_IDS, type OrdersDraft, type Ticker } from '../../shared/index.js';

const amount = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max });

/** Plausible order drafts (mostly valid; funding or rules may still reject some). */
export const draftArb: fc.Arbitrary<OrdersDraft> = fc.record(
  {
    chips: fc.record({ merchantUsdM: amount(30_000), secondSourceUsdM: amount(5_000), customUsdM: fc.constant(0) }),
    customProgramUsdM: fc.oneof(fc.constant(0), fc.integer({ min: 150, max: 600 })),
    energy: fc.array(
      fc.record({
        region: fc.constantFrom(...REGION_IDS),
        source: fc.constantFrom(...ENERGY_SOURCES.filter((s) => s !== 'nuclear')),
        mw: fc.integer({ min: 1, max: 800 }),
        cooling: fc.constantFrom(...COOLING_KINDS),
      }),
      { maxLength: 4 },
    ),
    talentBidUsdM: amount(2_000),
    data: fc.record({ licensedUsdM: amount(500), syntheticBps: amount(9_000) }),
    finance: fc.record({ borrowUsdM: fc.constant(0), repayUsdM: fc.constant(0), equityUsdM: amount(5_000), buybackUsdM: amount(2_000), vendorFinancingUsdM: fc.constant(0) }),
    ops: fc.integer({ min: 0, max: 10_000 }).chain((a) =>
      fc.integer({ min: 0, max: 10_000 - a }).chain((b) =>
        fc.record({ trainingBps: fc.constant(a), selfUseBps: fc.constant(b), cloudBps: fc.constant(10_000 - a - b), pricing: fc.constantFrom(...PRICING_MODELS), labBidMw: amount(400) }),
      ),
    ),
    guidanceCapexUsdM: amount(250_000),
  },
  { requiredKeys: [] },
);

/** Drafts for a set of seats. */
export function draftsArb(seats: readonly Ticker[]): fc.Arbitrary<Partial<Record<Ticker, OrdersDraft>>> {
  return fc.record(Object.fromEntries(seats.map((s) => [s, draftArb])) as Record<Ticker, fc.Arbitrary<OrdersDraft>>, { requiredKeys: [] });
}

/** Arbitrary JSON-ish garbage for bad-input tests. */
export const garbageArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.record({ chips: fc.anything(), ops: fc.anything(), energy: fc.anything() }, { requiredKeys: [] }),
  fc.record({ chips: fc.record({ merchantUsdM: fc.oneof(fc.double(), fc.constant(Number.NaN), fc.integer({ min: -1e9, max: -1 }), fc.constant(1e12), fc.string()) }) }),
);
