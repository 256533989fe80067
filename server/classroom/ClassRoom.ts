/**
 * ClassRoom: a thin Colyseus room over one ClassSession, for the host (console, projector) and
 * every student. Sessions map connections to roles (never a role or team from a payload); host
 * messages need the host secret given at join; every payload is zod-checked; all work is
 * serialized; state goes out as per-recipient `class:state` snapshots (coalesced), views and
 * drafts as messages.
 */
import { Room, ServerError, type Client, type RoomException } from '@colyseus/core';
import { t, type Locale } from '../../shared/index.js';
import { FLOOD_FRAMES_PER_SECOND, MAX_LISTED_PROBLEMS, MESSAGE_LIMITS, checkStructure, clip, errorText, type ErrorCode } from '../../shared/protocol/index.js';
import {
  CLASS_CLIENT_MESSAGES, ClassJoinSchema, HOST_ONLY_MESSAGES, type ClassClientMessageName, type ClassOptions, type ClassSnapshot, type ClassWelcome,
} from '../../shared/protocol/classroom.js';
import { RestoreError } from '../game/controller.js';
import { serverContext } from '../game/registry.js';
import { newJoinCode } from '../game/tokens.js';
import { serverLog } from '../log.js';
import { installMessageGate } from '../rooms/message-gate.js';
import { clipped, gateRefusal } from '../rooms/room-io.js';
import { TokenBucket } from '../rooms/rate-limit.js';
import { disposeIfNeverJoined } from '../rooms/unjoined.js';
import { classContext } from './registry.js';
import { ClassSession, type ClassRefusal, type GameOutcomes } from './session.js';

const TICK_MS = 250;
const FLUSH_MS = 150;
/** Snapshots go out at least this often (connection flags, clock drift) even when nothing changed. */
const IDLE_FLUSH_MS = 3_000;

interface Conn {
  role: ClassSnapshot['role'];
  /** A host connection opened with the co-host (TA) secret. */
  coHost?: boolean;
  studentId: string | null;
  locale: Locale;
  bucket: TokenBucket;
}

type Restore = { restore?: { classId?: unknown; key?: unknown } };

/** Text of a refusal in a locale (class.* keys from shared/i18n, error.* from the protocol). */
export function refusalText(locale: Locale, r: Pick<ClassRefusal, 'code' | 'params'>): string {
  return r.code.startsWith('class.') ? t(locale, r.code, r.params) : errorText(locale, r.code as ErrorCode, r.params);
}

/** One class. Created by `client.create('class', { options })`; restored on boot by the server. */
export class ClassRoom extends Room {
  /** Frames the message gate does not see (pings, the join handshake): Colyseus' own cap. */
  override maxMessagesPerSecond = FLOOD_FRAMES_PER_SECOND;
  private session!: ClassSession;
  private readonly conns = new Map<string, Conn>();
  private queue: Promise<unknown> = Promise.resolve();
  private creatorHostToken: string | null = null;
  private dirty = false;
  private lastFlush = 0;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  override async onCreate(options: unknown): Promise<void> {
    const ctx = serverContext();
    const cctx = classContext();
    const deps = {
      store: ctx.store, classes: cctx.store, now: () => this.clock.currentTime, autopilotGraceMs: ctx.config.autopilotGraceMs, live: ctx.live,
      newGameId: async () => {
        let id = newJoinCode();
        while (ctx.live.has(id) || cctx.live.has(id) || (await ctx.store.exists(id)) || (await cctx.store.exists(id))) id = newJoinCode();
        return id;
      },
    };
    const restore = (options as Restore | undefined)?.restore;
    if (restore && restore.key === ctx.restoreKey && typeof restore.classId === 'string') {
      this.session = await ClassSession.restore(deps, restore.classId).catch((e: unknown) => {
        throw e instanceof RestoreError ? new ServerError(500, e.message) : e;
      });
    } else {
      const parsed = checkStructure(options, MESSAGE_LIMITS) ? null : ClassJoinSchema.safeParse(options ?? {});
      if (!parsed?.success || !parsed.data.options) throw new ServerError(400, 'class options are required');
      const id = await deps.newGameId();
      const created = await ClassSession.create(deps, id, parsed.data.options as ClassOptions);
      this.session = created.session;
      this.creatorHostToken = created.hostToken;
    }
    this.roomId = this.session.id;
    this.autoDispose = false;
    cctx.live.set(this.session.id, this.session);
    installMessageGate(this, {
      bucketOf: (client) => this.conns.get(client.sessionId)?.bucket,
      refuse: (client, type, r) => {
        const c = this.conns.get(client.sessionId);
        if (c) this.error(client, c, gateRefusal(c.locale, type, r), type);
      },
      deliver: (client, type, payload) => this.fromClient(client, type, payload),
    });
    this.clock.setInterval(() => void this.serial(async () => this.announce(await this.session.tick())), TICK_MS);
    this.clock.setInterval(() => this.flush(), IDLE_FLUSH_MS);
    this.seatReservationTimeout = ctx.config.seatReservationSec;
    // A class nobody has ever joined (stored: ClassSession.joined) must be joined within the grace
    // period from now: one just created, and one created before a restart (or a crash) that nobody
    // had joined. A class someone joined waits for its host and students however long they take.
    if (!this.session.joined) {
      disposeIfNeverJoined(this, ctx.config.unjoinedGraceMs, {
        joined: () => this.session.joined, serial: (work) => this.serial(work), remove: () => cctx.store.removeWithoutGames(this.session.id),
      });
    }
  }

  override async onJoin(client: Client, options: unknown): Promise<void> {
    await this.serial(async () => {
      const structure = checkStructure(options, MESSAGE_LIMITS);
      const parsed = structure ? null : ClassJoinSchema.safeParse(options ?? {});
      const locale: Locale = parsed?.success ? parsed.data.locale : 'en';
      if (!parsed?.success) throw new ServerError(400, t(locale, 'class.error.badPayload', { type: 'join' }));
      const o = parsed.data;
      const welcome: ClassWelcome = { code: this.session.id, role: 'observer' };
      const conn: Conn = { role: 'observer', studentId: null, locale, bucket: new TokenBucket() };
      if (o.options && this.creatorHostToken) {
        [conn.role, welcome.hostToken, this.creatorHostToken] = ['host', this.creatorHostToken, null];
      } else if (o.hostToken !== undefined) {
        if (!this.session.isHost(o.hostToken)) throw new ServerError(403, t(locale, 'class.error.badToken'));
        conn.role = o.view === 'projector' ? 'projector' : 'host';
        if (conn.role === 'host') welcome.hostToken = o.hostToken;
        if (conn.role === 'host' && !this.session.isMainHost(o.hostToken)) conn.coHost = true;
      } else if (o.studentToken !== undefined) {
        const st = this.session.studentByToken(o.studentToken);
        if (!st) throw new ServerError(403, t(locale, 'class.error.badToken'));
        conn.studentId = st.id;
        [welcome.studentId, welcome.studentToken, welcome.name] = [st.id, o.studentToken, st.name];
      } else {
        const r = await this.session.join(o.name ?? '');
        if (!r.ok) throw new ServerError(403, refusalText(locale, r));
        conn.studentId = r.value.student.id;
        [welcome.studentId, welcome.studentToken, welcome.name] = [r.value.student.id, r.value.token, r.value.student.name];
      }
      if (conn.studentId) conn.role = this.session.student(conn.studentId)?.company ? 'student' : 'observer';
      welcome.role = conn.role;
      // The first join is stored before it is answered: from now on the class is kept across restarts.
      await this.session.markJoined();
      this.conns.set(client.sessionId, conn);
      this.session.connect(client.sessionId, conn.role === 'host' || conn.role === 'projector' ? null : conn.studentId);
      client.send('class:welcome', welcome);
      this.markDirty();
      this.sendIntro(client, conn);
      this.announce(await this.session.settle());
    });
  }

  override async onLeave(client: Client): Promise<void> {
    await this.serial(async () => {
      this.session.disconnect(client.sessionId);
      this.conns.delete(client.sessionId);
      this.markDirty();
    });
  }

  override onDispose(): void {
    this.disposed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.session) classContext().live.delete(this.session.id);
  }

  override onUncaughtException(err: RoomException, method: string): void {
    // Never log the exception object: it carries the client and its join options (tokens, host secret).
    const cause = err.cause;
    if (cause instanceof ServerError) return; // a refused join: the client has its answer
    serverLog.internal(`class ${this.roomId}`, `uncaught exception in ${method}`, cause ?? err.message);
  }

  private fromClient(client: Client, type: string, payload: unknown): void {
    const c = this.conns.get(client.sessionId);
    if (!c) return;
    const schema = Object.hasOwn(CLASS_CLIENT_MESSAGES, type) ? CLASS_CLIENT_MESSAGES[type as ClassClientMessageName] : undefined;
    if (!schema) return this.error(client, c, { code: 'class.error.badPayload', params: { type } }, type);
    if (type.startsWith('host:') && c.role !== 'host') return this.error(client, c, { code: 'class.error.notHost', params: {} }, type);
    if (c.coHost && HOST_ONLY_MESSAGES.includes(type as ClassClientMessageName)) return this.error(client, c, { code: 'class.error.coHost', params: {} }, type);
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) return this.error(client, c, { code: 'class.error.badPayload', params: { type } }, type);
    void this.serial(async () => {
      await this.handle(client, c, type as ClassClientMessageName, parsed.data as Record<string, unknown>);
      this.markDirty();
      this.announce(await this.session.settle());
    });
  }

  private async handle(client: Client, c: Conn, type: ClassClientMessageName, m: Record<string, unknown>): Promise<void> {
    const s = this.session;
    const fail = (r: ClassRefusal): void => this.error(client, c, r, type);
    switch (type) {
      case 'class:sync':
        return this.sendIntro(client, c);
      case 'team:draft': {
        if (!c.studentId) return fail({ ok: false, code: 'class.error.notOnTeam', params: {} });
        const r = s.draft(c.studentId, m['quarter'] as number, m['draft'] as Record<string, unknown>);
        if (!r.ok) return fail(r);
        for (const st of s.members(r.value.game, r.value.company)) for (const id of s.connectionsOf(st.id)) this.clients.getById(id)?.send('team:draft', r.value.draft);
        return;
      }
      case 'team:submit':
      case 'team:unready': {
        if (!c.studentId) return fail({ ok: false, code: 'class.error.notOnTeam', params: {} });
        const r = type === 'team:submit' ? await s.submit(c.studentId, m['quarter'] as number, m['orders'] as Record<string, unknown>) : await s.unready(c.studentId, m['quarter'] as number);
        if (!r.ok) return fail(r);
        const st = s.student(c.studentId)!;
        for (const mate of s.members(st.game!, st.company!)) for (const id of s.connectionsOf(mate.id)) this.clients.getById(id)?.send('orders:state', r.value);
        return;
      }
      case 'chat:send': {
        if (!s.options.chat) return fail({ ok: false, code: 'class.error.chatOff', params: {} });
        if (!c.studentId) return fail({ ok: false, code: 'class.error.notOnTeam', params: {} });
        const st = s.student(c.studentId);
        if (!st || st.company === null) return fail({ ok: false, code: 'class.error.notOnTeam', params: {} });
        const msg = { from: st.name, text: String(m['text']), at: this.clock.currentTime };
        s.noteActivity(st.id, 'chats');
        for (const mate of s.members(st.game!, st.company)) for (const id of s.connectionsOf(mate.id)) this.clients.getById(id)?.send('class:chat', msg);
        return;
      }
      case 'host:start': {
        const r = await s.start();
        if (!r.ok) return fail(r);
        return this.sendViewsToAll();
      }
      case 'host:pause': {
        const r = await s.pause(m['paused'] as boolean);
        return r.ok ? this.markDirty() : fail(r);
      }
      case 'host:extend': {
        const r = await s.extend(m['game'] as number | null, m['seconds'] as number);
        return r.ok ? this.markDirty() : fail(r);
      }
      case 'host:resolve': {
        const r = await s.resolveNow(m['game'] as number | null, m['quarter'] as number);
        return r.ok ? this.announce(r.value) : fail(r);
      }
      case 'host:bot': {
        const r = await s.setBot(m['game'] as number, m['company'] as string, m['bot'] as boolean);
        if (!r.ok) return fail(r);
        return this.sendViewsToAll();
      }
      case 'host:move': {
        const student = m['student'] as string;
        const r = await s.move(student, m['game'] as number, m['company'] as string | null);
        if (!r.ok) return fail(r);
        for (const id of s.connectionsOf(student)) {
          const conn = this.conns.get(id);
          const cl = this.clients.getById(id);
          if (!conn || !cl) continue;
          conn.role = s.student(student)?.company ? 'student' : 'observer';
          this.sendIntro(cl, conn);
        }
        return this.markDirty();
      }
      case 'host:remove': {
        const student = m['student'] as string;
        const ids = s.connectionsOf(student);
        const r = await s.remove(student);
        if (!r.ok) return fail(r);
        for (const id of ids) {
          const cl = this.clients.getById(id);
          if (!cl) continue;
          cl.send('class:removed', {});
          s.disconnect(id);
          this.conns.delete(id);
          cl.leave(4000);
        }
        return this.markDirty();
      }
      case 'host:broadcast': {
        const r = await s.broadcast(m['text'] as string);
        if (!r.ok) return fail(r);
        this.broadcast('class:broadcast', r.value);
        return this.markDirty();
      }
      case 'host:shock': {
        const r = await s.shock(m['game'] as number | null, m['card'] as string, (m['region'] as never) ?? null);
        if (!r.ok) return fail(r);
        for (const [id, conn] of this.conns) if (conn.role === 'host') this.clients.getById(id)?.send('class:shocked', { shocks: r.value });
        return this.markDirty();
      }
      case 'host:unshock': {
        const r = await s.unshock(m['game'] as number | null);
        if (!r.ok) return fail(r);
        return this.markDirty();
      }
      case 'host:lock': {
        const r = await s.lock(m['locked'] as boolean);
        return r.ok ? this.markDirty() : fail(r);
      }
      case 'host:roster': {
        const r = await s.importRoster(m['text'] as string, m['random'] as boolean);
        if (!r.ok) return fail(r);
        client.send('class:roster', r.value);
        for (const [id, conn] of this.conns) if (conn.studentId) { const cl = this.clients.getById(id); if (cl) this.sendIntro(cl, conn); }
        return this.markDirty();
      }
      case 'host:restart': {
        const r = await s.restart();
        if (!r.ok) return fail(r);
        return this.sendViewsToAll();
      }
      case 'host:undo': {
        const r = await s.undo();
        if (!r.ok) return fail(r);
        // A bot change or a move taken back changes who plays: everyone gets fresh views.
        if (r.value === 'bot' || r.value === 'move') {
          for (const [id, conn] of this.conns) {
            const cl = this.clients.getById(id);
            if (!cl) continue;
            if (conn.studentId) conn.role = s.student(conn.studentId)?.company ? 'student' : 'observer';
            this.sendIntro(cl, conn);
          }
        }
        return this.markDirty();
      }
      case 'host:replay': {
        const r = await s.presentReplay(m['game'] as number, m['quarter'] as number | null);
        return r.ok ? this.markDirty() : fail(r);
      }
      case 'host:cohost': {
        const r = await s.coHost();
        if (!r.ok) return fail(r);
        client.send('class:cohost', { token: r.value });
        return;
      }
      case 'student:reflect': {
        if (!c.studentId) return fail({ ok: false, code: 'class.error.notOnTeam', params: {} });
        const r = await s.reflect(c.studentId, m['answers'] as string[]);
        return r.ok ? this.markDirty() : fail(r);
      }
      case 'host:end': {
        const r = await s.end();
        if (!r.ok) return fail(r);
        return this.sendViewsToAll();
      }
    }
  }

  /** Tells everyone in a game about its resolved quarters (already stored), with fresh views. */
  private announce(all: GameOutcomes[]): void {
    if (all.length === 0) return;
    for (const { game, outcomes } of all) {
      // A class game that ended: its final standings (after the board's years) in the views and the leaderboard sent now.
      if (outcomes.some((o) => o.finished)) this.session.controllers[game]?.standings();
      for (const [id, conn] of this.conns) {
        const cl = this.clients.getById(id);
        if (!cl) continue;
        const st = conn.studentId ? this.session.student(conn.studentId) : null;
        if (st && st.game !== game) continue;
        for (const o of outcomes) cl.send('class:resolved', { game, quarter: o.quarter, hash: o.hash, finished: o.finished });
        this.sendView(cl, conn, st ? null : game);
      }
    }
    this.markDirty();
  }

  private sendViewsToAll(): void {
    for (const [id, conn] of this.conns) {
      const cl = this.clients.getById(id);
      if (cl) this.sendView(cl, conn);
    }
    this.markDirty();
  }

  private sendIntro(client: Client, c: Conn): void {
    client.send('class:state', this.snapshotFor(c));
    this.sendView(client, c);
  }

  private sendView(client: Client, c: Conn, onlyGame: number | null = null): void {
    if (!c.studentId) {
      // Host and projector: every game's public view (map, ticker, headlines).
      this.session.controllers.forEach((_, g) => {
        if (onlyGame !== null && g !== onlyGame) return;
        const v = this.session.viewOf(null, g);
        if (v) client.send('class:view', v);
      });
      return;
    }
    const v = this.session.viewOf(c.studentId);
    if (!v) return;
    client.send('class:view', v);
    const st = this.session.student(c.studentId);
    if (st?.company && st.game !== null) client.send('team:draft', this.session.draftOf(st.game, st.company));
  }

  private snapshotFor(c: Conn): ClassSnapshot {
    const snap = this.session.snapshot(c.role, c.studentId);
    return c.coHost ? { ...snap, coHost: true } : snap;
  }

  /** Something changed: snapshots go out shortly (coalesced; a real timer, so a faked room clock does not hold them). */
  private markDirty(): void {
    this.dirty = true;
    if (this.flushTimer || this.disposed) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      if (!this.disposed) this.flush();
    }, FLUSH_MS);
  }

  /** Coalesced `class:state` to every connection (each its own snapshot). */
  private flush(): void {
    const now = this.clock.currentTime;
    if (!this.dirty && now - this.lastFlush < IDLE_FLUSH_MS) return;
    [this.dirty, this.lastFlush] = [false, now];
    for (const [id, conn] of this.conns) this.clients.getById(id)?.send('class:state', this.snapshotFor(conn));
  }

  private error(client: Client, c: Conn, r: Pick<ClassRefusal, 'code' | 'params'> & { problems?: ClassRefusal['problems'] }, type: string): void {
    const problems = r.problems?.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({ ...p, message: t(c.locale, p.key, p.params) }));
    const params = clipped(r.params, 400);
    client.send('class:error', { code: r.code, params, message: refusalText(c.locale, { code: r.code, params }), type: clip(type), ...(problems ? { problems } : {}) });
  }

  /** Serialized room work; an error is logged and never kills the process. */
  private serial(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch((err: unknown) => {
      if (err instanceof ServerError) return;
      serverLog.internal(`class ${this.roomId}`, 'room work failed', err);
    });
    return run;
  }
}

