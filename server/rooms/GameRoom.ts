/**
 * GameRoom: a thin Colyseus room over one GameController. Maps sessions to seats (never a seat
 * from a payload), lets every frame through the message gate (rate, size, structure), validates
 * payloads with the protocol's zod schemas, calls the controller (which persists), then
 * broadcasts. All work is serialized per room.
 */
import { CloseCode, Room, ServerError, type Client, type RoomException } from '@colyseus/core';
import { CLIENT_MESSAGES, FLOOD_FRAMES_PER_SECOND, type ClientMessageName, type GameOptions } from '../../shared/protocol/index.js';
import { GameController, RestoreError, type QuarterOutcome } from '../game/controller.js';
import { serverContext } from '../game/registry.js';
import { newJoinCode } from '../game/tokens.js';
import { serverLog } from '../log.js';
import { installMessageGate } from './message-gate.js';
import { TokenBucket } from './rate-limit.js';
import { disposeIfNeverJoined } from './unjoined.js';
import { replayStoreOf } from '../replays/service.js';
import { GameRoomState, applySummary } from './room-state.js';
import { handleMessage } from './room-handlers.js';
import { joinError, parseJoinOptions, gateRefusal, sendError, sendIntro, zodDetail, type Session } from './room-io.js';
import { messageFrame, sendFrameToAll, type FrameCache } from './message-frames.js';

const TICK_MS = 250;
type Restore = { restore?: { gameId?: unknown; key?: unknown } };

/** One game. Created by `client.create('game', …)` or, on boot, by the server to restore a game. */
export class GameRoom extends Room<{ state: GameRoomState }> {
  override state = new GameRoomState();
  /** Frames the gate does not see (pings, the join handshake): Colyseus' own cap (disconnects). */
  override maxMessagesPerSecond = FLOOD_FRAMES_PER_SECOND;
  private ctl!: GameController;
  private readonly sessions = new Map<string, Session>();
  private queue: Promise<unknown> = Promise.resolve();
  private creatorHostToken: string | null = null;

  override async onCreate(options: unknown): Promise<void> {
    const ctx = serverContext();
    const deps = { store: ctx.store, now: () => this.clock.currentTime, autopilotGraceMs: ctx.config.autopilotGraceMs };
    const restore = (options as Restore | undefined)?.restore;
    if (restore && restore.key === ctx.restoreKey && typeof restore.gameId === 'string') {
      // A game that cannot be restored is named by the recovery pass (LeaseKeeper.recover), without a stack.
      this.ctl = await GameController.restore(deps, restore.gameId).catch((e: unknown) => {
        throw e instanceof RestoreError ? new ServerError(500, e.message) : e;
      });
    } else {
      const game = parseJoinOptions(options, true).game as GameOptions;
      let id = newJoinCode();
      while (ctx.live.has(id) || (await ctx.store.exists(id))) id = newJoinCode();
      await ctx.leases?.hold(id);
      const created = await GameController.create(deps, id, game, { joined: false });
      this.ctl = created.controller;
      this.creatorHostToken = created.hostToken;
    }
    this.roomId = this.ctl.id;
    this.autoDispose = this.ctl.status === 'finished';
    this.seatReservationTimeout = ctx.config.seatReservationSec;
    ctx.live.set(this.ctl.id, this.ctl);
    installMessageGate(this, {
      bucketOf: (client) => this.sessions.get(client.sessionId)?.bucket,
      refuse: (client, type, r) => {
        const s = this.sessions.get(client.sessionId);
        if (!s) return;
        const g = gateRefusal(s.locale, type, r);
        sendError(client, s.locale, g.code, g.params, type);
      },
      deliver: (client, type, payload) => this.fromClient(client, type, payload),
    });
    // A running game with a deadline, a player away or a ready quarter has something to tick; the rest do not.
    this.clock.setInterval(() => {
      if (this.ctl.needsTick()) void this.serial(async () => this.announce(await this.ctl.tick()));
    }, TICK_MS);
    this.sync();
    // A game nobody has ever joined (stored: GameController.joined) must be joined within the grace
    // period from now: one just created, and one created before a restart (or a crash: restored at
    // boot or adopted by another process) that nobody had joined. A game someone joined, a fork or
    // an import waits for its players however long they take.
    if (!this.ctl.joined) {
      disposeIfNeverJoined(this, ctx.config.unjoinedGraceMs, {
        joined: () => this.ctl.joined, serial: (work) => this.serial(work), remove: () => replayStoreOf(ctx).remove(this.ctl.id),
      });
    }
  }

  override async onJoin(client: Client, options: unknown): Promise<void> {
    await this.serial(async () => {
      const creating = this.creatorHostToken !== null && (options as { game?: unknown } | undefined)?.game !== undefined;
      const o = parseJoinOptions(options, creating);
      const s: Session = { seat: null, host: false, locale: o.locale, bucket: new TokenBucket(), attached: true };
      if (creating) [s.host, s.hostToken, this.creatorHostToken] = [true, this.creatorHostToken ?? undefined, null];
      else if (o.hostToken !== undefined) {
        if (!this.ctl.isHost(o.hostToken)) throw joinError(o.locale, 'error.badHostToken');
        [s.host, s.hostToken] = [true, o.hostToken];
      }
      if (o.seatToken) {
        s.seat = this.ctl.seats.byToken(o.seatToken);
        if (!s.seat) throw joinError(o.locale, 'error.badSeatToken');
        s.seatToken = o.seatToken;
      } else if (o.company) {
        const r = await this.ctl.claim(o.company, o.name);
        if (!r.ok) throw joinError(o.locale, r.code, r.params);
        [s.seat, s.seatToken] = [o.company, r.value];
      }
      // The first join is stored before it is answered: from now on the game is kept across restarts.
      await this.ctl.markJoined();
      this.demoteOtherSessions(client.sessionId, s.seat);
      this.sessions.set(client.sessionId, s);
      sendIntro(client, s, this.ctl, await this.ctl.attach(s.seat));
      this.announce(await this.ctl.settle());
    });
  }

  override async onDrop(client: Client): Promise<void> {
    await this.serial(async () => this.unattach(client));
    try {
      this.allowReconnection(client, serverContext().config.reconnectGraceSec).catch(() => undefined);
    } catch {
      // The room is shutting down: no reconnection, the game is already stored.
    }
  }

  override async onReconnect(client: Client): Promise<void> {
    await this.serial(async () => {
      const s = this.sessions.get(client.sessionId);
      if (!s) return;
      s.attached = true;
      sendIntro(client, s, this.ctl, await this.ctl.attach(s.seat));
      this.announce(await this.ctl.settle());
    });
  }

  override async onLeave(client: Client): Promise<void> {
    await this.serial(async () => {
      this.unattach(client);
      this.sessions.delete(client.sessionId);
    });
  }

  override onDispose(): void {
    const ctx = serverContext();
    if (this.ctl && ctx.live.get(this.ctl.id) === this.ctl) {
      ctx.live.delete(this.ctl.id);
      // After the work in hand (an order being stored, a quarter resolving) has settled.
      void ctx.leases?.release(this.ctl.id, this.queue);
    }
  }

  /** Graceful shutdown: the work in hand settles (stored, acknowledged) before the clients are closed (4001). */
  override onBeforeShutdown(): void {
    void this.queue.then(() => this.disconnect(CloseCode.SERVER_SHUTDOWN)).catch(() => undefined);
  }

  override onUncaughtException(err: RoomException, method: string): void {
    // Never log the exception object: it carries the client and its join options (seat/host tokens).
    const cause = err.cause;
    if (cause instanceof ServerError) return; // a refused join: the client has its answer
    serverLog.internal(`room ${this.roomId}`, `uncaught exception in ${method}`, cause ?? err.message);
  }

  /** A message that passed the gate (rate, size, structure): type, schema, then the handler (serialized). */
  private fromClient(client: Client, type: string, payload: unknown): void {
    const s = this.sessions.get(client.sessionId);
    if (!s) return;
    if (!Object.hasOwn(CLIENT_MESSAGES, type)) return sendError(client, s.locale, 'error.unknownMessage', { type }, type);
    const parsed = CLIENT_MESSAGES[type as ClientMessageName].safeParse(payload ?? {});
    if (!parsed.success) return sendError(client, s.locale, 'error.badPayload', { type, detail: zodDetail(s.locale, parsed.error.issues) }, type);
    void this.serial(async () => {
      await handleMessage(this.ctl, client, s, type as ClientMessageName, parsed.data as Record<string, unknown>);
      this.announce(await this.ctl.settle());
    }, client, s, type);
  }

  /**
   * Tells every client about resolved quarters (already stored by the controller). Clients who get
   * the same view (spectators, several tabs of one seat) get the same frame, packed once.
   */
  private announce(outcomes: QuarterOutcome[]): void {
    if (outcomes.length === 0) return;
    const bySeat = this.clientsBySeat();
    for (const o of outcomes) {
      const viewOf = this.ctl.viewsForAll();
      // One cache for the quarter's frames: the public parts are packed once for all of them.
      const cache: FrameCache = new Map();
      for (const [seat, clients] of bySeat) {
        sendFrameToAll(clients, messageFrame('quarter:resolved', { quarter: o.quarter, hash: o.hash, finished: o.finished, orders: o.orders, view: viewOf(seat) }, cache));
      }
      if (o.finished) {
        this.autoDispose = true;
        this.announceStandings().catch((err: unknown) => serverLog.internal(`room ${this.roomId}`, "the board's years failed", err));
      }
    }
  }

  /** The room's clients by the seat they hold (null: spectators). */
  private clientsBySeat(): Map<Session['seat'], Client[]> {
    const bySeat = new Map<Session['seat'], Client[]>();
    for (const client of this.clients) {
      const seat = this.sessions.get(client.sessionId)?.seat ?? null;
      const list = bySeat.get(seat);
      if (list) list.push(client);
      else bySeat.set(seat, [client]);
    }
    return bySeat;
  }

  /**
   * After the last quarter's announcement: the board's years (worked out between other games' work), then every
   * client's view again, now with the final standings (the end screen shows them when they come). The views are
   * built and packed as a quarter's are: together, their public parts packed once.
   */
  private async announceStandings(): Promise<void> {
    if (!(await this.ctl.settleStandings())) return;
    const viewOf = this.ctl.viewsForAll();
    const cache: FrameCache = new Map();
    for (const [seat, clients] of this.clientsBySeat()) {
      sendFrameToAll(clients, messageFrame('view', { view: viewOf(seat), pending: this.ctl.pendingOf(seat) }, cache));
    }
  }

  /** Another session holding this seat (an old tab, a dead connection) becomes a spectator. */
  private demoteOtherSessions(sessionId: string, seat: Session['seat']): void {
    if (!seat) return;
    for (const [id, other] of this.sessions) {
      if (id === sessionId || other.seat !== seat) continue;
      if (other.attached) {
        this.ctl.detach(seat);
        void this.ctl.attach(null);
      }
      [other.seat, other.seatToken] = [null, undefined];
      const c = this.clients.getById(id);
      if (c) sendIntro(c, other, this.ctl);
    }
  }

  private unattach(client: Client): void {
    const s = this.sessions.get(client.sessionId);
    if (!s?.attached) return;
    this.ctl.detach(s.seat);
    s.attached = false;
  }

  private sync(): void {
    let spectators = 0;
    for (const s of this.sessions.values()) if (s.attached && !s.seat) spectators += 1;
    applySummary(this.state, this.ctl.summary(), spectators);
  }

  /** Runs room work one at a time; an error answers `error.internal` and never kills the process. */
  private serial(work: () => Promise<void>, client?: Client, s?: Session, type?: string): Promise<void> {
    const run = this.queue.then(work).finally(() => this.sync());
    this.queue = run.catch((err: unknown) => {
      if (err instanceof ServerError) return;
      serverLog.internal(`room ${this.roomId}${client ? ` client ${client.sessionId}` : ''}`, type ? `"${type}" failed` : 'room work failed', err);
      if (client && s) sendError(client, s.locale, 'error.internal', {}, type);
    });
    return run;
  }
}
