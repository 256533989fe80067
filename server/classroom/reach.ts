/**
 * The address students reach a class at (the join link and the QR code): PUBLIC_ADDRESS when the
 * operator set one; else the address the host's browser used, when it is not a loopback name;
 * else this machine's first LAN IPv4 address; else loopback — with a warning, since a phone
 * cannot reach `localhost` (docs/classroom.md: running a class on a school network).
 */
import type { NetworkInterfaceInfo } from 'node:os';

export interface Reach {
  /** Origin for join links, e.g. http://192.168.1.20:2567 */
  base: string;
  source: 'public' | 'request' | 'lan' | 'loopback';
  /** Only a loopback address is known: other devices cannot use the link. */
  warning: boolean;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1|0\.0\.0\.0)$/i;

/** Splits "host:port" / "[v6]:port". */
function splitHost(hostHeader: string): { host: string; port: string | null } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim());
  return m ? { host: m[1]!, port: m[2] ?? null } : { host: hostHeader, port: null };
}

/** Picks the join origin (pure: the caller passes the environment, the request and the interfaces). */
export function joinReach(input: {
  publicAddress?: string | undefined;
  hostHeader: string;
  proto: string;
  port: number;
  interfaces: Record<string, NetworkInterfaceInfo[] | undefined>;
}): Reach {
  const proto = input.proto === 'https' ? 'https' : 'http';
  const pub = input.publicAddress?.trim();
  if (pub) return { base: /^https?:\/\//.test(pub) ? pub.replace(/\/+$/, '') : `${proto}://${pub}`, source: 'public', warning: false };
  const { host, port } = splitHost(input.hostHeader);
  if (host && !LOOPBACK.test(host)) return { base: `${proto}://${input.hostHeader}`, source: 'request', warning: false };
  for (const list of Object.values(input.interfaces)) {
    const ip = list?.find((i) => i.family === 'IPv4' && !i.internal && !i.address.startsWith('169.254.'));
    if (ip) return { base: `${proto}://${ip.address}:${port ?? input.port}`, source: 'lan', warning: false };
  }
  return { base: `${proto}://${input.hostHeader || `localhost:${input.port}`}`, source: 'loopback', warning: true };
}
