/**
 * Where a bot builds new power (GAME.md "The world map"): which regions, which sources, how many MW.
 * Easy bots build where everyone builds; normal and hard bots read the live interconnection queues and
 * the game's remaining length; hard bots also read export bans.
 */
import { mulDiv } from '../engine/math.js';
import { MAX_PROJECT_MW, MAX_PROJECTS } from '../engine/orders.js';
import { type EnergyOrder, type EnergySource, type RegionId, type RegionState } from '../engine/types.js';
import type { Difficulty } from './difficulty.js';
import type { Profile } from './profiles.js';
import { endInSight, energyPerMwUsdM, gridWaitQ, queueWaitQ, sourceLeadQ, type Situation } from './sense.js';
import type { RegionDef } from '../scenarios/types.js';

/** The region an easy bot always uses for a source (the obvious, crowded choice). */
const EASY_REGION: Record<EnergySource, RegionId> = { grid: 'us-east', gas: 'us-texas', renewables: 'us-west', nuclear: 'us-east' };

/**
 * Lead time (quarters) of a project in a region (`live`: the region's state), as the normal and hard bots
 * that rank regions read it: a grid connection waits its live queue (easy bots never rank regions).
 */
function leadQ(s: Situation, def: RegionDef, live: RegionState, source: EnergySource): number {
  return source === 'grid' ? queueWaitQ(live) : sourceLeadQ(s, def.id, source);
}

/** Regions ranked for a source: shortest lead first, then cheapest power, then id. */
function rankRegions(s: Situation, source: EnergySource, difficulty: Difficulty, allowSecondOnly: boolean): RegionId[] {
  // The scenario's regions in its own order: the ranking is a total order (lead, price, id).
  const defs = s.sc.regions;
  const ids: RegionId[] = new Array(defs.length);
  const lead: number[] = new Array(defs.length);
  const price: number[] = new Array(defs.length);
  let n = 0;
  for (let r = 0; r < defs.length; r += 1) {
    const def = defs[r] as RegionDef;
    const id = def.id;
    const live = s.regionStates[r] as RegionState;
    // Leading chips: barred by the scenario, or (hard bots read the news) by a live export ban or a high export risk.
    if (!allowSecondOnly && (def.leadingChipsBarred || (difficulty === 'hard' && (live.exportBanQ !== 0 || def.exportRiskBps >= 1_000)))) continue;
    const l = leadQ(s, def, live, source);
    const p = live.priceUsdPerMwh;
    // Insertion sort (12 regions at most).
    let j = n - 1;
    while (j >= 0 && ((lead[j] as number) > l || (lead[j] === l && ((price[j] as number) > p || (price[j] === p && (ids[j] as string) > id))))) {
      ids[j + 1] = ids[j] as RegionId;
      lead[j + 1] = lead[j] as number;
      price[j + 1] = price[j] as number;
      j -= 1;
    }
    ids[j + 1] = id;
    lead[j + 1] = l;
    price[j + 1] = p;
    n += 1;
  }
  ids.length = n;
  return ids;
}

/** rankRegions, remembered in `memo` for the rest of one plan. */
function rankOnce(memo: (RegionId[] | null)[], s: Situation, source: EnergySource, difficulty: Difficulty, allowSecondOnly: boolean): RegionId[] {
  const slot = (source === 'grid' ? 0 : source === 'gas' ? 2 : source === 'renewables' ? 4 : 6) + (allowSecondOnly ? 1 : 0);
  const known = memo[slot];
  if (known) return known;
  const ranked = rankRegions(s, source, difficulty, allowSecondOnly);
  memo[slot] = ranked;
  return ranked;
}

/**
 * Energy projects worth `budgetUsdM`, split by the profile's mix. Returns the projects and their
 * capex ($M). From the second year, normal and hard bots skip sources whose lead time outlasts the game (endInSight).
 */
export function planEnergy(s: Situation, p: Profile, difficulty: Difficulty, budgetUsdM: number, secondSourceHeavy: boolean): { projects: EnergyOrder[]; capexUsdM: number } {
  const projects: EnergyOrder[] = [];
  let capexUsdM = 0;
  if (budgetUsdM <= 0) return { projects, capexUsdM };
  // Rankings asked for more than once in a plan are computed once.
  const ranked: (RegionId[] | null)[] = [null, null, null, null, null, null, null, null];
  const mix = p.energyMix.filter((m) => {
    if (difficulty === 'easy') return true;
    const lead = m.source === 'grid' ? gridWaitQ(s, rankOnce(ranked, s, 'grid', difficulty, false)[0] ?? 'us-texas') : sourceLeadQ(s, 'us-texas', m.source);
    return !endInSight(s, lead + 1);
  });
  const totalShare = mix.reduce((a, m) => a + m.shareBps, 0);
  for (const m of mix) {
    const perMw = energyPerMwUsdM(s, m.source);
    let mw = mulDiv(mulDiv(budgetUsdM, m.shareBps, Math.max(1, totalShare)), 1, perMw);
    if (m.source === 'nuclear' && mw < s.K.nuclearMinMw) continue;
    const regions = difficulty === 'easy' ? [EASY_REGION[m.source]] : rankOnce(ranked, s, m.source, difficulty, secondSourceHeavy);
    // Hard bots spread grid orders over regions so no one queue takes more than its yearly cap.
    const spread = difficulty === 'hard' && m.source === 'grid' ? 3 : difficulty === 'normal' ? 2 : 1;
    for (let i = 0; i < regions.length && i < spread && mw > 0; i += 1) {
      const region = regions[i]!;
      const part = i === spread - 1 || i === regions.length - 1 ? mw : mulDiv(mw, 1, spread - i);
      let left = part;
      while (left > 0 && projects.length < MAX_PROJECTS) {
        const chunk = Math.min(left, MAX_PROJECT_MW);
        if (m.source === 'nuclear' && chunk < s.K.nuclearMinMw) break;
        projects.push({ region, source: m.source, mw: chunk, cooling: 'liquid' });
        capexUsdM += chunk * perMw;
        left -= chunk;
      }
      mw -= part;
    }
  }
  return { projects, capexUsdM };
}
