/**
 * The network layer: the only module that imports @colyseus/sdk. Speaks the protocol of
 * shared/protocol (docs/protocol.md): room `game`, `welcome` / `view` / `orders:state` /
 * `quarter:resolved` / `digest` / `error` from the server; `orders:*`, `seat:claim`, `game:start`,
 * `game:sync` to it. Feeds the store; never decides anything.
 */
import { Client, type Room } from '@colyseus/sdk';
import { DIFFICULTIES, type Difficulty, type HistoryPoint, type Orders, type PlayerView, type Ticker } from '../../shared/index.js';
import type { ServerMessage } from '../../shared/protocol/index.js';
import { locale, tr } from '../model/i18n.js';
import { store, type RoomInfo, type SeatInfo } from '../model/store.js';
import { getJson, serverBase } from './http.js';
import { keepSeat, type GameWhereabouts, type JoinAttempt, type RejoinOutcome } from './rejoin.js';
import { rememberGame, tokensFor } from '../replay/wallet.js';
import { saveName, savedName } from '../model/player-name.js';
import type { CreateOptions, Net, OpenGame } from './types.js';

/** Room name (shared/protocol ROOM_NAME; not imported as a value to keep zod out of the bundle). */
export const ROOM = 'game';
const SESSION_KEY = 'capex.session';

/** What this tab needs to rejoin after a reload. */
interface Session {
  gameId: string;
  seatToken?: string;
  hostToken?: string;
}

function loadSession(): Session | null {
  for (const st of [sessionStorage, localStorage]) {
    try {
      const raw = st.getItem(SESSION_KEY);
      if (raw) return JSON.parse(raw) as Session;
    } catch {
      /* ignore */
    }
  }
  return null;
}

function saveSession(s: Session | null): void {
  for (const st of [sessionStorage, localStorage]) {
    try {
      if (s) st.setItem(SESSION_KEY, JSON.stringify(s));
      else st.removeItem(SESSION_KEY);
    } catch {
      /* private mode */
    }
  }
}

/** The tokens this browser holds for a game: this tab's session, or the game wallet. */
function tokensOf(gameId: string): Session | null {
  const s = loadSession();
  if (s?.gameId === gameId) return s;
  const w = tokensFor(gameId);
  return w ? { gameId, seatToken: w.seatToken, hostToken: w.hostToken } : null;
}

/** A difficulty from the room state ('normal' for anything else). */
function difficultyOf(v: string | undefined): Difficulty {
  return (DIFFICULTIES as readonly string[]).includes(v ?? '') ? (v as Difficulty) : 'normal';
}

/** Plain JSON of the public room state (schema instance or already plain). */
interface PublicState {
  gameId?: string;
  status?: string;
  quarter?: number;
  quarterCount?: number;
  deadlineAt?: number;
  spectators?: number;
  botDifficulty?: string;
  seats?: Record<string, { company: string; name: string; kind: string; connected: boolean; ready: boolean; autopilot: boolean }>;
}

/** An error the UI shows as is (already in the player's language). */
export class ServerError extends Error {}

export class Connection implements Net {
  private readonly client = new Client(serverBase() || undefined);
  private room: Room | null = null;
  private session: Session | null = null;
  private host = false;
  /** The player asked for a seat (not to spectate): show the seat choice until they have one. */
  private wantSeat = false;
  /** The name this browser plays under (remembered; set on the home and seat screens). */
  private name = savedName() || tr('ui.home.anonymous');
  private scenarioId = 'capex-race-2026';
  private waiters: { type: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  /** Bumped whenever the player opens something else: a running rejoin loop (keepSeat) stops. */
  private generation = 0;

  constructor(private readonly onNavigate: (code: string | null) => void) {}

  async listGames(): Promise<OpenGame[]> {
    const res = await getJson<{ games?: unknown[] } | unknown[]>('/api/games');
    const list = (Array.isArray(res) ? res : (res.games ?? [])) as Record<string, unknown>[];
    return list.map((g) => ({
      gameId: String(g['gameId'] ?? g['code'] ?? ''),
      code: String(g['joinCode'] ?? g['code'] ?? g['gameId'] ?? ''),
      scenarioId: String(g['scenarioId'] ?? ''),
      quarter: Number(g['quarter'] ?? 0),
      quarterCount: Number(g['quarterCount'] ?? 0),
      openSeats: Array.isArray(g['seats'])
        ? (g['seats'] as { company: Ticker; kind: string }[]).filter((x) => x.kind !== 'human').map((x) => x.company)
        : [],
      humans: Array.isArray(g['seats']) ? (g['seats'] as { kind: string }[]).filter((x) => x.kind === 'human').length : 0,
    }));
  }

  async createGame(o: CreateOptions): Promise<void> {
    this.generation += 1;
    await this.leave();
    this.clearGame();
    store.set({ connection: 'connecting', error: null });
    this.wantSeat = true;
    this.name = o.name;
    const room = await this.client.create(ROOM, {
      name: o.name, locale: locale(), ...(o.company ? { company: o.company } : {}),
      game: {
        scenarioId: o.scenarioId, quarterCount: o.quarterCount, companies: o.seats, deadlineSec: o.deadlineSec, timeoutPolicy: o.onTimeout,
        public: o.isPublic, botDifficulty: o.botDifficulty, ...(o.seed ? { seed: o.seed } : {}),
      },
    });
    this.scenarioId = o.scenarioId;
    // Quick play: the seat was claimed with the game; start it once the welcome says we host it.
    const welcomed = o.start ? this.waitFor('welcome') : null;
    this.attach(room);
    if (welcomed) {
      await welcomed;
      await this.startGame();
    }
  }

  async joinGame(code: string, opts: { name: string; spectate: boolean }, held: Session | null = tokensOf(code)): Promise<void> {
    this.generation += 1;
    await this.leave();
    if (this.session?.gameId !== code) this.clearGame();
    store.set({ connection: 'connecting', error: null });
    const tokens = held ? { seatToken: held.seatToken, hostToken: held.hostToken } : {};
    this.wantSeat = !opts.spectate;
    this.name = opts.name;
    const room = await this.client.joinById(code, { name: opts.name, locale: locale(), ...(opts.spectate ? {} : tokens) });
    this.attach(room);
  }

  /**
   * Opens what the address asks for after a (re)load: the game of a join link (/g/CODE) — with this
   * browser's seat or host token for it, or else at its seat choice — or, without a code, the game
   * this tab was playing. False when there is nothing to open (the home screen shows).
   */
  async open(code: string | null): Promise<boolean> {
    if (code === null) return this.resume();
    const held = tokensOf(code);
    if (held && (held.seatToken || held.hostToken) && (await this.rejoin({ gameId: code, seatToken: held.seatToken, hostToken: held.hostToken }))) return true;
    try {
      await this.joinGame(code, { name: this.name, spectate: false }, null);
      return true;
    } catch (e) {
      store.set({ connection: 'offline', error: tr('ui.err.cannotOpen', { code, reason: e instanceof Error ? e.message : String(e) }) });
      return false;
    }
  }

  /** Rejoins the game of this tab's session (after a reload or a lost connection); false if there is none. */
  async resume(): Promise<boolean> {
    const s = loadSession();
    return s ? this.rejoin(s) : false;
  }

  /**
   * Rejoins a game with the tokens held for it. When the game is stored but not served right now
   * (its process stopped; another one is adopting it) the seat is kept and a rejoin loop runs in
   * the background (true); only a game that is gone or finished forgets the session (false).
   */
  private async rejoin(s: Session): Promise<boolean> {
    store.set({ connection: 'connecting' });
    const first = await this.joinWithTokens(s);
    if (first === 'joined') return true;
    const where = await this.whereIs(s.gameId);
    if (where === 'gone' || where === 'finished' || first === 'refused') {
      this.ended(s.gameId, where === 'gone' || where === 'finished' ? where : 'refused');
      return false;
    }
    void this.holdSeat(s);
    return true;
  }

  /** One join with the seat/host tokens. */
  private async joinWithTokens(s: Session, generation = this.generation): Promise<JoinAttempt> {
    try {
      const room = await this.client.joinById(s.gameId, { name: this.name, locale: locale(), seatToken: s.seatToken, hostToken: s.hostToken });
      if (generation !== this.generation || this.room) {
        void room.leave(true).catch(() => undefined);
        return 'failed';
      }
      this.attach(room);
      return 'joined';
    } catch (e) {
      // 403: the game refused these tokens; anything else (404 not adopted yet, network) may pass.
      return (e as { code?: unknown }).code === 403 ? 'refused' : 'failed';
    }
  }

  /** Where the game is, according to the lobby API (any process answers). */
  private async whereIs(gameId: string): Promise<GameWhereabouts> {
    try {
      const res = await fetch(`${serverBase()}/api/games/${encodeURIComponent(gameId)}`, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (res.status === 404) return 'gone';
      if (!res.ok) return 'unreachable';
      const g = (await res.json()) as { status?: string; served?: boolean };
      return g.status === 'finished' ? 'finished' : g.served ? 'served' : 'waiting';
    } catch {
      return 'unreachable';
    }
  }

  /** Rejoins until back in the seat (client/net/rejoin.ts), telling the player what is happening. */
  private async holdSeat(s: Session): Promise<void> {
    const generation = ++this.generation;
    const outcome: RejoinOutcome = await keepSeat(s.gameId, {
      whereIs: (id) => this.whereIs(id),
      join: () => this.joinWithTokens(tokensOf(s.gameId) ?? s, generation),
      sleep: (ms) => new Promise((r) => window.setTimeout(r, ms)),
      cancelled: () => generation !== this.generation || this.room !== null,
      progress: (p) => store.set({ connection: 'reconnecting', notice: tr(`ui.rejoin.${p.phase}`, { n: p.attempt }) }),
    });
    if (outcome === 'joined') store.set({ notice: tr('ui.rejoin.back') });
    else if (outcome !== 'cancelled') this.ended(s.gameId, outcome);
  }

  /** The game will not open again: say why; forget the session only when the game is over or gone. */
  private ended(gameId: string, why: 'finished' | 'gone' | 'refused'): void {
    if (why !== 'refused' && loadSession()?.gameId === gameId) saveSession(null);
    store.set({ connection: 'offline', notice: tr(`ui.rejoin.${why}`, { code: gameId }) });
  }

  /** Changes (and remembers) the name used to claim seats. */
  setName(name: string): void {
    this.name = saveName(name) || this.name;
  }

  /** The name used to claim seats. */
  playerName(): string {
    return this.name;
  }

  /** Watch the game without a seat (a join link opened by someone who only wants to look). */
  watch(): void {
    this.wantSeat = false;
    this.route();
  }

  claimSeat(ticker: Ticker): Promise<void> {
    return this.send('seat:claim', { company: ticker, name: this.name }, 'welcome');
  }

  startGame(): Promise<void> {
    return this.send('game:start', {}, null);
  }

  submitOrders(o: Orders, ready = false): Promise<void> {
    return this.send('orders:submit', { quarter: this.quarter(), orders: o, ...(ready ? { ready } : {}) }, 'orders:state');
  }

  withdrawOrders(): Promise<void> {
    return this.send('orders:withdraw', { quarter: this.quarter() }, 'orders:state');
  }

  setReady(ready: boolean): Promise<void> {
    return this.send('orders:ready', { quarter: this.quarter(), ready }, 'orders:state');
  }

  async leave(): Promise<void> {
    const r = this.room;
    this.room = null;
    if (r) await r.leave(true).catch(() => undefined);
  }

  /** Forgets the stored session (back to the home screen). */
  forget(): void {
    this.generation += 1;
    saveSession(null);
    void this.leave();
    store.reset();
  }

  /** Forgets what the store knows of the previous game (another one is being opened). */
  private clearGame(): void {
    this.session = null;
    store.set({ room: null, view: null, seat: null, spectator: false, draft: null, submitted: null, ready: false, history: [] });
  }

  private quarter(): number {
    return store.get().view?.quarter ?? store.get().room?.quarter ?? 0;
  }

  /** Waits for the next message of a type (or a server error). */
  private waitFor(type: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const w = { type, resolve, reject };
      this.waiters.push(w);
      window.setTimeout(() => {
        if (this.waiters.includes(w)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          reject(new ServerError(tr('ui.err.timeout')));
        }
      }, 10_000);
    });
  }

  /** Sends and waits for the answer of type `answer` (or an `error` for this message type). */
  private send(type: string, payload: unknown, answer: string | null): Promise<void> {
    const room = this.room;
    if (!room) return Promise.reject(new ServerError(tr('ui.err.notConnected')));
    room.send(type, payload);
    return answer ? this.waitFor(answer) : Promise.resolve();
  }

  private settle(type: string, err: Error | null): void {
    const ws = this.waiters.filter((w) => err !== null || w.type === type);
    this.waiters = this.waiters.filter((w) => !ws.includes(w));
    for (const w of ws) {
      if (err) w.reject(err);
      else w.resolve();
    }
  }

  private attach(room: Room): void {
    this.room = room;
    // The SDK's own reconnection retries the same process only: a few quick tries (a network
    // blip), then the rejoin loop finds where the game lives now (its default: 15 tries, ~1 min).
    room.reconnection.maxRetries = 3;
    store.set({ connection: 'online', error: null });
    room.onStateChange((state: unknown) => this.onState(state));
    room.onMessage('welcome', (m: ServerMessage<'welcome'>) => {
      this.host = m.host;
      if (this.session?.gameId !== m.gameId) store.set({ history: [] });
      // The room state may have arrived first: the seat screen must learn that this client hosts.
      const known = store.get().room;
      if (known && known.host !== m.host) store.set({ room: { ...known, host: m.host } });
      const prev = loadSession();
      const same = prev?.gameId === m.gameId ? prev : null;
      this.session = { gameId: m.gameId, seatToken: m.seatToken ?? same?.seatToken, hostToken: m.hostToken ?? same?.hostToken };
      saveSession(this.session);
      rememberGame(this.session);
      void this.loadHistory(m.gameId);
      store.set({ seat: m.seat, spectator: m.seat === null });
      this.onNavigate(m.joinCode);
      this.settle('welcome', null);
      this.route();
    });
    room.onMessage('view', (m: ServerMessage<'view'>) => {
      store.applyView(m.view as unknown as PlayerView);
      this.applyPending(m.pending);
      this.route();
    });
    room.onMessage('orders:state', (m: ServerMessage<'orders:state'>) => {
      this.applyPending(m);
      this.settle('orders:state', null);
    });
    room.onMessage('quarter:resolved', (m: ServerMessage<'quarter:resolved'>) => {
      store.applyView(m.view as unknown as PlayerView);
      this.route();
    });
    room.onMessage('digest', (m: ServerMessage<'digest'>) => {
      const auto = m.quarters.filter((q) => q.autopilot).length;
      store.set({ notice: tr('ui.game.digest', { n: m.quarters.length, auto }) });
    });
    room.onMessage('error', (m: ServerMessage<'error'>) => {
      const detail = m.problems?.map((p) => p.message).join('; ');
      const err = new ServerError(detail ? `${m.message} — ${detail}` : m.message);
      store.set({ error: err.message });
      this.settle('', err);
    });
    room.onDrop(() => store.set({ connection: 'reconnecting' }));
    room.onReconnect(() => {
      store.set({ connection: 'online' });
      room.send('game:sync', {});
    });
    room.onLeave((code: number) => {
      if (this.room !== room) return;
      this.room = null;
      store.set({ connection: 'offline' });
      if (code > 1001) this.retry();
    });
  }

  /** Fetches the game's chart history from the server (it survives reloads and browser restarts). */
  private async loadHistory(gameId: string): Promise<void> {
    try {
      const res = await getJson<{ gameId: string; points: HistoryPoint[] }>(`/api/games/${encodeURIComponent(gameId)}/history`);
      if (this.session?.gameId === gameId && Array.isArray(res.points)) store.applyHistory(res.points);
    } catch {
      /* charts then start from the views received in this tab */
    }
  }

  /** After a lost connection the SDK gave up on (or a process closing, 4001): keep the seat. */
  private retry(): void {
    const s = this.session ?? loadSession();
    if (s) void this.holdSeat(s);
  }

  private applyPending(p: ServerMessage<'orders:state'> | null): void {
    const view = store.get().view;
    if (!p || !view || p.quarter !== view.quarter) return store.set({ submitted: null, ready: false });
    const submitted = (p.orders as unknown as Orders | null) ?? null;
    store.set({ submitted, ready: p.ready, draft: submitted ? (JSON.parse(JSON.stringify(submitted)) as Orders) : store.get().draft });
  }

  private onState(raw: unknown): void {
    const st = (typeof (raw as { toJSON?: () => unknown }).toJSON === 'function' ? (raw as { toJSON: () => unknown }).toJSON() : raw) as PublicState;
    const seats: SeatInfo[] = Object.values(st.seats ?? {})
      .map((s) => ({
        ticker: s.company as Ticker, holder: (s.kind === 'human' ? 'human' : 'bot') as SeatInfo['holder'], name: s.name,
        ready: s.ready, connected: s.connected, autopilot: s.autopilot,
      }))
      .sort((a, b) => (a.ticker < b.ticker ? -1 : 1));
    const status = st.status === 'running' || st.status === 'finished' ? st.status : 'lobby';
    const room: RoomInfo = {
      gameId: st.gameId ?? this.session?.gameId ?? '',
      code: st.gameId ?? this.session?.gameId ?? '',
      scenarioId: store.get().view?.scenarioId ?? this.scenarioId,
      quarterCount: st.quarterCount ?? 0,
      quarter: st.quarter ?? 0,
      seats,
      deadlineAt: st.deadlineAt ? st.deadlineAt : null,
      status,
      host: this.host,
      spectators: st.spectators ?? 0,
      botDifficulty: difficultyOf(st.botDifficulty),
    };
    const prev = store.get().room;
    if (!prev || JSON.stringify(prev) !== JSON.stringify(room)) store.set({ room });
    this.route();
  }

  /** Picks the screen from what we know: lobby/seat choice, game, end. */
  private route(): void {
    const s = store.get();
    if (!s.room) return;
    const seated = s.seat !== null || !this.wantSeat;
    const screen = s.room.status === 'finished' || s.view?.finished ? 'end' : s.room.status === 'running' && seated ? 'game' : 'seat';
    if (s.screen !== screen) store.set({ screen });
  }

  /** The stored replay's address for the end screen. */
  replayHref(): string | null {
    const id = this.session?.gameId ?? store.get().room?.gameId;
    const seat = store.get().seat;
    return id ? `/replay/${encodeURIComponent(id)}${seat ? `?view=${seat}` : ''}` : null;
  }
}
