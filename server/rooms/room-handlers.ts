/**
 * What each validated client message does: the session's seat (never a payload's) calls the
 * controller, which stores the change before the answer goes out.
 */
import type { Client } from '@colyseus/core';
import type { ClientMessageName } from '../../shared/protocol/index.js';
import type { GameController } from '../game/controller.js';
import { sendError, sendIntro, sendRefusal, sendTo, type Session } from './room-io.js';

/** Handles one client message (already rate-limited, size-checked and schema-validated). */
export async function handleMessage(ctl: GameController, client: Client, s: Session, type: ClientMessageName, m: Record<string, unknown>): Promise<void> {
  if (type === 'game:sync') return sendIntro(client, s, ctl);
  if (type === 'game:start') {
    if (!s.host) return sendError(client, s.locale, 'error.notHost', {}, type);
    const r = await ctl.start();
    return r.ok ? undefined : sendRefusal(client, s.locale, r, type);
  }
  if (type === 'seat:claim') {
    if (s.seat) return sendError(client, s.locale, 'error.seatTaken', { company: s.seat }, type);
    const company = m['company'] as NonNullable<Session['seat']>;
    const r = await ctl.claim(company, (m['name'] as string | undefined) ?? 'Player');
    if (!r.ok) return sendRefusal(client, s.locale, r, type);
    ctl.detach(null);
    [s.seat, s.seatToken] = [company, r.value];
    return sendIntro(client, s, ctl, await ctl.attach(company));
  }
  if (!s.seat) return sendError(client, s.locale, 'error.notSeated', {}, type);
  if (m['seat'] !== undefined && m['seat'] !== s.seat) return sendError(client, s.locale, 'error.notYourSeat', { own: s.seat, seat: String(m['seat']) }, type);
  const q = m['quarter'] as number;
  const r = type === 'orders:submit' ? await ctl.submit(s.seat, q, m['orders'], m['ready'] === true)
    : type === 'orders:withdraw' ? await ctl.withdraw(s.seat, q)
      : await ctl.setReady(s.seat, q, m['ready'] as boolean);
  if (!r.ok) return sendRefusal(client, s.locale, r, type);
  sendTo(client, 'orders:state', ctl.pendingOf(s.seat)!);
}
