/**
 * The notes under a company's name where a seat is picked (quick play) or a team is placed (the class
 * console): how forgiving the seat is at a table of `level` (the scenario's measured gap: how far generic
 * plans land from the par) and how much skill pays there (how often a player as good as the hard bots
 * wins). Nothing where the scenario has no measure.
 */
import { seatGapBps, seatSkillWinsBps, type Level, type Ticker } from '../../shared/index.js';
import { locale } from '../model/i18n.js';
import { seatForgiveness, seatSkill } from '../model/view-models.js';
import { h } from './dom.js';

export function seatNotes(scenarioId: string, ticker: Ticker, level: Level, noteClass = 'seat-note'): HTMLElement | null {
  const f = seatForgiveness(seatGapBps(scenarioId, ticker, level), level, locale());
  const k = seatSkill(seatSkillWinsBps(scenarioId, ticker, level), level, locale());
  if (!f && !k) return null;
  return h('span', { class: 'seat-notes' },
    f ? h('small', { class: noteClass, 'data-test': `seat-note-${ticker}`, text: f.text }) : null,
    k ? h('small', { class: noteClass, 'data-test': `seat-skill-${ticker}`, text: k.text }) : null);
}
