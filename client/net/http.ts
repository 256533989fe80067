/**
 * The server's JSON routes. The client is served by the server itself (same origin); in `vite dev`
 * it talks to the server on port 2567.
 */

/** Base URL of the game server ('' = the page's own origin). */
export function serverBase(): string {
  if (import.meta.env.MODE === 'development' && typeof location !== 'undefined') return `${location.protocol}//${location.hostname}:2567`;
  return '';
}

/** GETs JSON; throws with the server's message on a non-2xx answer. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${serverBase()}${path}`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${res.status} ${await res.text().catch(() => '')}`.trim());
  return (await res.json()) as T;
}

/** POSTs JSON. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${serverBase()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${res.status} ${await res.text().catch(() => '')}`.trim());
  return (await res.json()) as T;
}
