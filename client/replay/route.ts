/**
 * Replay routes of the single-page app: /replay (library), /replay/<id>?q=12&view=META (viewer),
 * and a local file opened from the library. main.ts hands these paths over to this module.
 */
import { onLocale } from '../model/i18n.js';
import { installReplayHook } from './hook.js';
import { mountLibrary } from './library.js';
import { mountViewer } from './viewer.js';
import './replay.css';

/** Whether a path belongs to the replay pages. */
export function isReplayPath(path: string): boolean {
  return /^\/replays?(\/|$)/.test(path);
}

/** Mounts the replay pages into `root` (they follow history navigation). */
export function mountReplay(root: HTMLElement, onError: (e: unknown) => void): void {
  installReplayHook();
  let teardown: (() => void) | null = null;
  let localFile: { text: string; name: string } | null = null;
  const render = (): void => {
    teardown?.();
    teardown = null;
    const m = /^\/replays?\/([^/?#]+)\/?$/.exec(location.pathname);
    const id = m?.[1] ? decodeURIComponent(m[1]) : null;
    if (id === 'local' && localFile) {
      teardown = mountViewer(root, { kind: 'file', ...localFile }, { q: null, view: null }, onError);
    } else if (id && id !== 'local') {
      const p = new URLSearchParams(location.search);
      const q = p.get('q');
      teardown = mountViewer(root, { kind: 'id', id: id.toUpperCase() }, { q: q !== null && /^\d+$/.test(q) ? Number(q) : null, view: p.get('view') }, onError);
    } else {
      mountLibrary(root, (text, name) => {
        localFile = { text, name };
        history.pushState(null, '', '/replay/local');
        render();
      }, onError);
    }
  };
  window.addEventListener('popstate', render);
  onLocale(() => {
    // Keep the position: the viewer writes ?q=&view= into the address as it moves.
    render();
  });
  render();
}
