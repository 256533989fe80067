/**
 * The projector's and the students' side of the host-driven replay (issue 15): while the host
 * shows a finished game's replay (`ClassSnapshot.replay`), an embedded replay viewer of that game
 * follows the host's quarter. Students may browse on their own: moving the replay themselves
 * turns "Follow the host" off, ticking it again jumps back to the host's quarter.
 */
import type { ClassReplayPosition } from '../../shared/protocol/classroom.js';
import { tr } from '../model/i18n.js';
import { h, replace } from '../ui/dom.js';
import { mountViewer } from '../replay/viewer.js';
import '../replay/replay.css';

/** What the follower shows (for the page's test hook). */
export interface FollowState {
  gameId: string | null;
  /** The quarter on screen (null: no replay shown, or still loading). */
  quarter: number | null;
  hostQuarter: number | null;
  following: boolean;
}

/** Mounts a follower into `box` (hidden while the host shows nothing). */
export function followReplay(box: HTMLElement, viewTokens: string[], opts: { canBrowse: boolean; onState: (s: FollowState) => void; onError: (e: unknown) => void }): { update(pos: ClassReplayPosition | null): void; destroy(): void } {
  let gameId: string | null = null;
  let hostQ: number | null = null;
  let shownQ: number | null = null;
  let following = true;
  let control: { seek(q: number): void } | null = null;
  let teardown: (() => void) | null = null;
  const toggle = h('input', { type: 'checkbox', checked: true, 'data-test': 'follow-host', id: 'follow-host' });
  const title = h('strong', { 'data-test': 'host-replay-title' });
  const where = h('span', { class: 'muted', 'data-test': 'host-replay-at' });
  const strip = h('div', { class: 'banner follow-strip row' }, title,
    opts.canBrowse ? h('label', { for: 'follow-host', class: 'check' }, toggle, ` ${tr('ui.class.followHost')}`) : null, where);
  const viewerBox = h('div', { 'data-test': 'host-replay' });
  const tell = (): void => opts.onState({ gameId, quarter: shownQ, hostQuarter: hostQ, following });
  const renderWhere = (pos: ClassReplayPosition): void => {
    title.textContent = tr('ui.class.hostReplay', { n: pos.game + 1 });
    where.textContent = tr('ui.class.hostAt', { n: pos.quarter, total: pos.last });
  };
  toggle.addEventListener('change', () => {
    following = toggle.checked;
    if (following && control && hostQ !== null) control.seek(hostQ);
    tell();
  });
  box.hidden = true;
  const stop = (): void => {
    teardown?.();
    [teardown, control, gameId, hostQ, shownQ] = [null, null, null, null, null];
  };
  return {
    update(pos) {
      if (!pos) {
        if (gameId !== null) stop();
        box.hidden = true;
        tell();
        return;
      }
      hostQ = pos.quarter;
      renderWhere(pos);
      if (pos.gameId !== gameId) {
        stop();
        [gameId, hostQ] = [pos.gameId, pos.quarter];
        following = true;
        toggle.checked = true;
        box.hidden = false;
        replace(box, strip, viewerBox);
        teardown = mountViewer(viewerBox, { kind: 'id', id: pos.gameId }, { q: pos.quarter, view: null }, opts.onError, {
          tokens: viewTokens, embedded: true,
          control: (api) => {
            control = api;
            if (following && hostQ !== null) api.seek(hostQ);
          },
          onFrame: (q, byUser) => {
            shownQ = q;
            if (byUser && following && opts.canBrowse) {
              following = false;
              toggle.checked = false;
            }
            tell();
          },
        });
      } else if (following && control) control.seek(pos.quarter);
      tell();
    },
    destroy: stop,
  };
}
