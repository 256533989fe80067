/**
 * The line under a class leaderboard once a class game shorter than its scenario is over: its teams rank by
 * their score at the scenario's end, after the board's years (`boardNote`, shared/board.ts). Shown on the
 * console, the projector and each student's screen.
 */
import type { ClassSnapshot } from '../../shared/protocol/classroom.js';
import { tr } from '../model/i18n.js';
import { h } from '../ui/dom.js';
import { boardNote } from './model.js';

/** The note as a paragraph (null while no finished game is shorter than its scenario). */
export function boardNoteLine(snap: Pick<ClassSnapshot, 'games' | 'options'>, cls = 'muted small'): HTMLElement | null {
  const n = boardNote(snap);
  return n ? h('p', { class: cls, 'data-test': 'board-note', text: tr(n.key, n.params) }) : null;
}
