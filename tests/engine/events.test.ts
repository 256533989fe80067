/**
 * The events phase (phase 9): each card's effect and headline (through scheduled shocks, against the
 * same quarter without them), last quarter's temporary effects cleared, the foundry's growth, the seeded
 * deck (chances, first quarters, at most three cards, regions weighted by the figure the card names),
 * the data wall's stages and the eras. Expected values come from the scenario and the engine's own
 * helpers. Mutation testing found these rules unchecked (docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import { applyBps, BPS, CARD_IDS, clamp, getScenario, model, mulDiv, ratioBps, resolveQuarter, streamFor, type GameState, type RegionId } from '../../shared/index.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);
type Shock = GameState['shocks'][number];

/** Plays quarter 0 (no deck card can be dealt before quarter 1) from a start changed by `change`. */
const play = (change: (s: GameState) => void = () => {}) => {
  const s = newGame('events', { seats: ['MSFT', 'META'] });
  change(s);
  const after = resolveQuarter(copy(s), ordersFor(s)).state;
  return { s, after, world: after.world, events: after.events.filter((e) => e.seat === null) };
};
const shock = (card: string, region: RegionId | null = null, quarter = 0): Shock => ({ quarter, card, region }) as Shock;
/** Quarter 0 with `shocks` scheduled, and the same quarter without them. */
const withShocks = (shocks: Shock[], change: (s: GameState) => void = () => {}) => {
  const q = play((s) => {
    change(s);
    s.shocks = shocks;
  });
  const control = play(change);
  expect(control.events.filter((e) => (CARD_IDS as readonly string[]).includes(e.kind))).toStrictEqual([]);
  return { q, control };
};
const headline = (card: string, region: RegionId | null) => ({ quarter: 0, kind: card, key: `event.${card}`, seat: null, region, headline: true, params: region ? { region } : {} });

describe('the cards', () => {
  it('regional derates and bans strike the region named, for the next quarter; its headline', () => {
    const cases = [['heatWave', 'heatDerateBps', 1_500], ['waterRestriction', 'waterRestrictBps', 3_500], ['gridOutage', 'outageBps', 2_000], ['exportControl', 'exportBanQ', 4]] as const;
    for (const [card, field, value] of cases) {
      const { q, control } = withShocks([shock(card, 'us-texas')]);
      expect(q.after.regions['us-texas'][field], card).toBe(value);
      expect(control.after.regions['us-texas'][field], card).toBe(0);
      expect(q.after.regions['us-west'][field], card).toBe(0);
      expect(q.events.filter((e) => e.kind === card)).toStrictEqual([headline(card, 'us-texas')]);
      // The next quarter clears the derates; the export ban counts down.
      const next = resolveQuarter(q.after, ordersFor(q.after)).state;
      expect(next.regions['us-texas'][field], card).toBe(field === 'exportBanQ' ? value - 1 : 0);
    }
  });

  it('a regional card without a region changes nothing but is still announced', () => {
    for (const card of ['heatWave', 'waterRestriction', 'gridOutage', 'exportControl', 'transformerShortage'] as const) {
      const { q, control } = withShocks([shock(card)]);
      expect(q.after.regions, card).toStrictEqual(control.after.regions);
      expect(q.events.filter((e) => e.kind === card), card).toStrictEqual([headline(card, null)]);
    }
  });

  it('a transformer shortage lengthens the region\'s grid queue and delays every waiting grid project there by a quarter', () => {
    const projects = (s: GameState) => {
      const p = (id: string, region: RegionId, source: 'grid' | 'gas', earliestQ: number) => ({ id, region, source, mw: 100, cooling: 'liquid' as const, orderedQ: -1, earliestQ });
      s.companies.MSFT!.projects = [p('a', 'us-east', 'grid', 20), p('b', 'us-east', 'gas', 20), p('c', 'us-west', 'grid', 20)];
      s.companies.META!.projects = [p('d', 'us-east', 'grid', 25)];
    };
    const { q, control } = withShocks([shock('transformerShortage', 'us-east')], projects);
    expect(q.after.regions['us-east'].queueQuarters).toBe(control.after.regions['us-east'].queueQuarters + 2);
    expect(q.after.regions['us-west'].queueQuarters).toBe(control.after.regions['us-west'].queueQuarters);
    expect(q.after.companies.MSFT!.projects.map((p) => p.earliestQ)).toStrictEqual([21, 20, 20]);
    expect(q.after.companies.META!.projects.map((p) => p.earliestQ)).toStrictEqual([26]);
    expect(control.after.companies.MSFT!.projects.map((p) => p.earliestQ)).toStrictEqual([20, 20, 20]);
    expect(q.events.filter((e) => e.kind === 'transformerShortage')).toStrictEqual([headline('transformerShortage', 'us-east')]);
  });

  it('world cards move their figure by their amount, within its bounds', () => {
    const moved = (card: string, read: (w: GameState['world']) => number, change: (s: GameState) => void = () => {}) => {
      const { q, control } = withShocks([shock(card)], change);
      expect(q.events.filter((e) => e.kind === card), card).toStrictEqual([headline(card, null)]);
      return { got: read(q.world), before: read(control.world) };
    };
    const w = (k: keyof GameState['world']) => (x: GameState['world']) => x[k] as number;
    const check = (card: string, field: keyof GameState['world'], f: (v: number) => number, change?: (s: GameState) => void) => {
      const { got, before } = moved(card, w(field), change);
      expect(got, `${card} ${String(field)}`).toBe(f(before));
      return { got, before };
    };
    check('turbineBacklog', 'turbineBacklogMw', (v) => v + 1_500);
    check('foundryDisruption', 'foundryDisruptedBps', () => 3_000);
    check('agentBreakthrough', 'agentAdoptionBps', (v) => clamp(v + 800, 0, BPS));
    check('enterpriseAbandonment', 'agentAdoptionBps', (v) => clamp(v - 500, 0, BPS));
    check('enterpriseAbandonment', 'abandonmentBps', (v) => clamp(v + 800, 0, 5_500));
    check('enterpriseAbandonment', 'monetizationBps', (v) => clamp(v - 300, 0, 6_000));
    check('rateHike', 'baseRateBps', (v) => v + 50);
    check('rateCut', 'baseRateBps', (v) => v - 50);
    check('monetizationBreakout', 'monetizationBps', (v) => v + 800);
    check('monetizationBreakout', 'abandonmentBps', (v) => v - 500);
    // Near a bound each card stops at it: [card, figure, its rule with the bound, a start near it, the bound].
    const bounded: [string, keyof GameState['world'], (v: number) => number, number, number][] = [
      ['agentBreakthrough', 'agentAdoptionBps', (v) => clamp(v + 800, 0, BPS), 9_500, BPS],
      ['enterpriseAbandonment', 'abandonmentBps', (v) => clamp(v + 800, 0, 5_500), 5_200, 5_500],
      ['enterpriseAbandonment', 'monetizationBps', (v) => clamp(v - 300, 0, 6_000), 0, 0],
      ['rateHike', 'baseRateBps', (v) => clamp(v + 50, 100, 1_500), 1_480, 1_500],
      ['rateCut', 'baseRateBps', (v) => clamp(v - 50, 100, 1_500), 120, 100],
      ['monetizationBreakout', 'monetizationBps', (v) => clamp(v + 800, 0, 6_000), 5_800, 6_000],
      ['monetizationBreakout', 'abandonmentBps', (v) => clamp(v - 500, 1_000, 5_500), 1_200, 1_000],
    ];
    for (const [card, field, rule, from, bound] of bounded) {
      expect(check(card, field, rule, (s) => { (s.world as unknown as Record<string, number>)[field] = from; }).got, `${card} ${field} at its bound`).toBe(bound);
    }
    const used = (n: number) => (s: GameState) => {
      s.world.humanDataUsed = n;
    };
    check('dataDeal', 'humanDataUsed', (v) => v - mulDiv(K.dataWall, 1, 20), used(3_000));
    expect(check('dataDeal', 'humanDataUsed', (v) => Math.max(0, v - mulDiv(K.dataWall, 1, 20)), used(100)).got).toBe(0);
  });

  it('a card the engine does not know does nothing and says nothing; a scheduled shock is used once, others wait', () => {
    const { q, control } = withShocks([shock('notACard')]);
    expect(q.world).toStrictEqual(control.world);
    expect(q.events).toStrictEqual(control.events);
    const later = shock('rateHike', null, 1);
    const both = play((s) => {
      s.shocks = [shock('rateCut'), later];
    });
    expect(both.after.shocks).toStrictEqual([later]);
    expect(both.events.map((e) => e.kind)).toContain('rateCut');
    expect(both.events.map((e) => e.kind)).not.toContain('rateHike');
    const next = resolveQuarter(both.after, ordersFor(both.after)).state;
    expect(next.shocks).toStrictEqual([]);
    expect(next.events.filter((e) => e.kind === 'rateHike')).toHaveLength(1);
  });
});

describe('each quarter', () => {
  it('the foundry grows, and so do outside buyers\' bookings; a disruption lasts one quarter', () => {
    const p = play((s) => {
      s.world.foundryDisruptedBps = 3_000;
    });
    expect(p.world.foundryCapacityMw).toBe(applyBps(p.s.world.foundryCapacityMw, BPS + K.foundryGrowthBps));
    expect(p.world.foundryExternalMw).toBe(applyBps(p.s.world.foundryExternalMw, BPS + K.foundryExternalGrowthBps));
    expect(p.world.foundryDisruptedBps).toBe(0);
  });

  it('the deck: each card at its chance from its first quarter, at most three a quarter, its region weighted by the figure it names', () => {
    const regionOf = (id: RegionId) => sc.regions.find((r) => r.id === id)!;
    const figure = (card: (typeof sc.deck)[number], id: RegionId) => {
      const r = regionOf(id);
      return Math.max(1, card.weightBy === 'heat' ? r.heatBps : card.weightBy === 'water' ? r.waterStressBps : card.weightBy === 'export' ? r.exportRiskBps : 1);
    };
    let dealt = 0;
    let full = 0;
    let weighted = 0;
    for (const seed of ['deck-1', 'deck-2', 'deck-3']) {
      let s = newGame(seed, { seats: ['AAPL'], quarters: 40 });
      while (!s.finished) {
        const q = s.quarter;
        s = resolveQuarter(s, ordersFor(s)).state;
        // The same dice, read in the deck's order: a card is dealt when its chance comes up.
        const rng = streamFor(seed, q, 'events');
        const want: { kind: string; region: RegionId | null }[] = [];
        for (const card of sc.deck) {
          if (want.length >= 3) break;
          if (q < card.minQuarter || !rng.chanceBps(card.chanceBps)) continue;
          let region: RegionId | null = null;
          if (card.regions.length > 0) {
            const weights = card.regions.map((id) => figure(card, id as RegionId));
            let roll = rng.int(weights.reduce((a, b) => a + b, 0));
            region = card.regions.find((_id, i) => (roll -= weights[i]!) < 0) as RegionId;
            if (new Set(weights).size > 1) weighted += 1;
          }
          want.push({ kind: card.id, region });
        }
        const got = s.events.filter((e) => e.seat === null && (CARD_IDS as readonly string[]).includes(e.kind)).map((e) => ({ kind: e.kind, region: e.region }));
        expect(got, `${seed} q${q}`).toStrictEqual(want);
        dealt += got.length;
        if (got.length === 3) full += 1;
      }
    }
    // The games dealt cards, some quarters three of them, some by a weighted draw.
    expect(dealt).toBeGreaterThan(30);
    expect(full).toBeGreaterThan(0);
    expect(weighted).toBeGreaterThan(0);
  });
});

describe('threshold triggers', () => {
  it('the data wall: announced at half the human data used, and again at four fifths, once each', () => {
    const at = (used: number, stage = 0) => play((s) => {
      s.world.humanDataUsed = used;
      s.world.dataWallStage = stage;
    });
    const half = Math.ceil(K.dataWall / 2);
    const wall = (p: ReturnType<typeof play>) => p.events.filter((e) => e.kind === 'dataWall');
    expect(ratioBps(half, K.dataWall)).toBe(5_000);
    const one = at(half);
    expect(one.world.dataWallStage).toBe(1);
    expect(wall(one)).toStrictEqual([{ quarter: 0, kind: 'dataWall', key: 'event.dataWall1', seat: null, region: null, headline: true, params: { usedBps: 5_000 } }]);
    const below = at(half - 1);
    expect(below.world.dataWallStage).toBe(0);
    expect(wall(below)).toStrictEqual([]);
    const fourFifths = mulDiv(K.dataWall, 4, 5);
    const two = at(fourFifths, 1);
    expect(two.world.dataWallStage).toBe(2);
    expect(wall(two)).toMatchObject([{ key: 'event.dataWall2', params: { usedBps: 8_000 } }]);
    expect(at(fourFifths - 1, 1).world.dataWallStage).toBe(1);
    expect(wall(at(fourFifths - 1, 1))).toStrictEqual([]);
    // Straight to the second stage; a stage already announced is not announced again.
    expect(wall(at(fourFifths))).toMatchObject([{ key: 'event.dataWall2' }]);
    expect(wall(at(fourFifths, 2))).toStrictEqual([]);
    expect(wall(at(half, 1))).toStrictEqual([]);
  });

  describe('the eras', () => {
    const era = (p: ReturnType<typeof play>) => p.events.filter((e) => e.kind === 'era');
    const eraEvent = (key: string) => [{ quarter: 0, kind: 'era', key, seat: null, region: null, headline: true, params: {} }];

    it('the training boom gives way to the inference scale-out once agents do 35% of the tasks', () => {
      // Adoption drifts up by the same amount from any start: aim the quarter's end at 3,500 exactly.
      const base = play((s) => {
        s.world.agentAdoptionBps = 3_000;
      });
      const step = base.world.agentAdoptionBps - 3_000;
      const to = (end: number) => play((s) => {
        s.world.agentAdoptionBps = end - step;
      });
      const at = to(3_500);
      expect(at.world.agentAdoptionBps).toBe(3_500);
      expect(at.world.era).toBe('inferenceScaleOut');
      expect(era(at)).toStrictEqual(eraEvent('event.era.inferenceScaleOut'));
      const short = to(3_499);
      expect(short.world.era).toBe('trainingBoom');
      expect(era(short)).toStrictEqual([]);
    });

    it('the scale-out turns into the reckoning when customers abandon AI, or when sentiment sours while few monetize', () => {
      const from = (change: (w: GameState['world']) => void) => play((s) => {
        s.world.era = 'inferenceScaleOut';
        s.world.agentAdoptionBps = 4_000;
        change(s.world);
      });
      // Abandonment aimed at the quarter's end: the start that ends at 5,000, and the one that ends just below.
      // (Sentiment below neutral: with customers monetizing, the reckoning would end at once.)
      const abandoning = (start: number) => from((w) => {
        w.abandonmentBps = start;
        w.monetizationBps = 3_000;
        w.sentimentBps = 9_000;
      });
      const runs = Array.from({ length: 80 }, (_x, i) => abandoning(4_960 + i));
      const at = runs.find((p) => p.world.abandonmentBps === 5_000)!;
      const below = runs.filter((p) => p.world.abandonmentBps < 5_000).at(-1)!;
      expect(at.world.sentimentBps).toBeLessThan(10_000);
      expect(at.world.era).toBe('monetizationReckoning');
      expect(era(at)).toStrictEqual(eraEvent('event.era.monetizationReckoning'));
      expect(below.world.abandonmentBps).toBeGreaterThan(4_990);
      expect(below.world.era).toBe('inferenceScaleOut');
      expect(era(below)).toStrictEqual([]);
      // Sentiment sour and few customers monetizing.
      const sour = from((w) => {
        w.sentimentBps = 5_000;
        w.monetizationBps = 500;
      });
      expect(sour.world.sentimentBps).toBeLessThanOrEqual(8_500);
      expect(sour.world.monetizationBps).toBeLessThan(2_000);
      expect(sour.world.abandonmentBps).toBeLessThan(5_000);
      expect(sour.world.era).toBe('monetizationReckoning');
      // Controls: sour but customers monetizing; few monetizing but sentiment high.
      const paying = from((w) => {
        w.sentimentBps = 5_000;
        w.monetizationBps = 3_000;
      });
      expect(paying.world.monetizationBps).toBeGreaterThanOrEqual(2_000);
      expect(paying.world.era).toBe('inferenceScaleOut');
      const cheerful = from((w) => {
        w.sentimentBps = 14_000;
        w.monetizationBps = 500;
      });
      expect(cheerful.world.sentimentBps).toBeGreaterThan(8_500);
      expect(cheerful.world.era).toBe('inferenceScaleOut');
      expect(era(cheerful)).toStrictEqual([]);
    });

    it('the reckoning ends when a quarter of customers monetize and sentiment is back at neutral or above', () => {
      const from = (sentiment: number, monetization: number) => play((s) => {
        s.world.era = 'monetizationReckoning';
        s.world.agentAdoptionBps = 4_000;
        s.world.abandonmentBps = 2_000;
        s.world.sentimentBps = sentiment;
        s.world.monetizationBps = monetization;
      });
      const back = from(14_000, 4_000);
      expect(back.world.sentimentBps).toBeGreaterThanOrEqual(10_000);
      expect(back.world.monetizationBps).toBeGreaterThanOrEqual(2_500);
      expect(back.world.era).toBe('inferenceScaleOut');
      expect(era(back)).toStrictEqual(eraEvent('event.era.recovery'));
      const gloomy = from(6_000, 4_000);
      expect(gloomy.world.sentimentBps).toBeLessThan(10_000);
      expect(gloomy.world.era).toBe('monetizationReckoning');
      const poor = from(14_000, 1_000);
      expect(poor.world.monetizationBps).toBeLessThan(2_500);
      expect(poor.world.era).toBe('monetizationReckoning');
      expect(era(poor)).toStrictEqual([]);
      // The training boom does not "recover" into the scale-out.
      const boom = play((s) => {
        s.world.sentimentBps = 14_000;
        s.world.monetizationBps = 4_000;
      });
      expect(boom.world.era).toBe('trainingBoom');
    });
  });
});
