/**
 * ClassSession: the framework-free owner of one class (no Colyseus here). It owns N game
 * controllers (server/game/controller.ts) and a team layer mapping students to the companies of
 * those games: join and auto-balance, moves, removals, shared team drafts, pacing (host or auto),
 * pause/extend/resolve-now, hidden shocks, broadcast, end. Every change is stored before the
 * method returns (persist before broadcast); the class room only maps sessions to calls.
 */
import { getScenario, ranking, scheduleShock, type PlayerView, type ScheduledShock, type Ticker } from '../../shared/index.js';
import type { ServerMessage } from '../../shared/protocol/index.js';
import {
  CLASS_BOT_LEVEL,
  CLASS_MAX_STUDENTS, DEFAULT_REFLECTIONS, REFLECTION_MAX, parseRoster, sanitizeName, uniqueName,
  type ClassErrorCode, type ClassGame, type ClassMember, type ClassOptions, type ClassRank, type ClassSnapshot, type ClassTeam, type TeamDraft,
} from '../../shared/protocol/classroom.js';
import { GameController, type QuarterOutcome, type Refusal } from '../game/controller.js';
import { hashToken, newToken } from '../game/tokens.js';
import type { GameStore } from '../store/game-store.js';
import { noExtras, type Activity, type ClassExtras, type ClassStore, type QuarterRecord, type StoredClass, type StoredStudent } from './class-store.js';

/** What a session needs from the server. */
export interface SessionDeps {
  store: GameStore;
  classes: ClassStore;
  now: () => number;
  autopilotGraceMs: number;
  /** Live games by id (the HTTP API and replays read them). */
  live: Map<string, GameController>;
  /** A fresh, unused game id. */
  newGameId: () => Promise<string>;
}

/** A refusal of a class action. */
export interface ClassRefusal {
  ok: false;
  code: ClassErrorCode | Refusal['code'];
  params: Record<string, string | number>;
  problems?: Refusal['problems'];
}
export type ClassOutcome<T> = { ok: true; value: T } | ClassRefusal;

/** Quarters resolved in one game. */
export interface GameOutcomes {
  game: number;
  outcomes: QuarterOutcome[];
}

const refuse = (code: ClassRefusal['code'], params: Record<string, string | number> = {}): ClassRefusal => ({ ok: false, code, params });
const teamKey = (game: number, company: string): string => `${game}:${company}`;
const fromRefusal = (r: Refusal): ClassRefusal => (r.problems ? { ok: false, code: r.code, params: r.params, problems: r.problems } : { ok: false, code: r.code, params: r.params });

/**
 * The host's last action, as `host:undo` needs it. Undoable (before a quarter resolves): pause /
 * resume, extra time, a team move, a bot change, the join lock, a hidden shock. The others are
 * recorded by kind only, so the refusal can say why they cannot be undone.
 */
export type HostAction =
  | { kind: 'pause'; paused: boolean; at: string }
  | { kind: 'extend'; game: number | null; seconds: number; at: string }
  | { kind: 'move'; student: string; from: { game: number | null; company: string | null }; to: { game: number; company: string | null }; at: string }
  | { kind: 'bot'; game: number; company: string; bot: boolean; at: string }
  | { kind: 'lock'; locked: boolean }
  | { kind: 'shock'; game: number | null; at: string }
  | { kind: 'start' | 'resolve' | 'broadcast' | 'remove' | 'roster' | 'restart' | 'end' };

/** Host actions `host:undo` can take back (before a quarter resolves). */
export const UNDOABLE: readonly HostAction['kind'][] = ['pause', 'extend', 'move', 'bot', 'lock', 'shock'];

/** Least time a quarter keeps when extra time is taken back (ms). */
export const UNDO_MIN_LEFT_MS = 10_000;

/** One class. */
export class ClassSession {
  private readonly students = new Map<string, StoredStudent>();
  private games: GameController[] = [];
  private readonly drafts = new Map<string, TeamDraft>();
  private readonly editedAt = new Map<string, number>();
  /** Live connections: connection id → the student (null: host/projector) and what it is attached to. */
  private readonly conns = new Map<string, { student: string | null; attached: { game: number; seat: Ticker | null }[] }>();
  /** What the class saw of each resolved quarter (teams, who played, activity). */
  private readonly records: QuarterRecord[] = [];
  /** Activity of the quarter being played, by `game:student`. */
  private readonly activity = new Map<string, Activity>();
  private readonly answers = new Map<string, { answers: string[]; at: number }>();
  private extras: ClassExtras = noExtras();
  /** The host's last action (in memory: a server restart forgets it, and nothing is undone then). */
  private last: HostAction | null = null;

  private constructor(private readonly deps: SessionDeps, private readonly cls: StoredClass) {}

  /** Creates and stores a class; returns it with the host's secret. */
  static async create(deps: SessionDeps, id: string, options: ClassOptions): Promise<{ session: ClassSession; hostToken: string }> {
    const sc = getScenario(options.scenarioId);
    const opts: ClassOptions = {
      ...options,
      teamsPerGame: Math.min(options.teamsPerGame, sc.companies.length),
      quarterCount: Math.max(sc.minQuarters, Math.min(sc.maxQuarters, options.quarterCount)),
    };
    const hostToken = newToken();
    const now = deps.now();
    const cls: StoredClass = {
      id, options: opts, hostTokenHash: hashToken(hostToken), status: 'lobby', paused: false, pausedLeft: [], gameIds: [], broadcast: null, createdAt: now, joined: false,
    };
    await deps.classes.insertClass(cls, now);
    return { session: new ClassSession(deps, cls), hostToken };
  }

  /** Restores a stored class and its games (each game re-folded and hash-checked). */
  static async restore(deps: SessionDeps, id: string): Promise<ClassSession> {
    const loaded = await deps.classes.load(id);
    if (!loaded) throw new Error(`class ${id} is not stored`);
    const s = new ClassSession(deps, loaded.cls);
    for (const st of loaded.students) s.students.set(st.id, st);
    s.records.push(...(await deps.classes.quarters(id)));
    for (const [k, v] of await deps.classes.reflections(id)) s.answers.set(k, v);
    s.extras = await deps.classes.extras(id);
    for (const gameId of loaded.cls.gameIds) {
      const ctl = await GameController.restore(deps, gameId, await deps.classes.shocksOf(gameId));
      ctl.holdForHost = loaded.cls.options.pacing === 'host';
      s.games.push(ctl);
      deps.live.set(gameId, ctl);
    }
    s.games.forEach((ctl, g) => {
      for (const seat of ctl.seats.list()) if (seat.kind === 'bot' && s.members(g, seat.company).length > 0) s.forced.add(teamKey(g, seat.company));
    });
    return s;
  }

  get id(): string { return this.cls.id; }
  get options(): ClassOptions { return this.cls.options; }
  get status(): StoredClass['status'] { return this.cls.status; }
  /** Whether anyone has ever joined the class (stored; server/rooms/unjoined.ts). */
  get joined(): boolean { return this.cls.joined; }

  /** Records the first join (stored before it returns; nothing to do after that). */
  async markJoined(): Promise<void> {
    if (this.cls.joined) return;
    await this.deps.classes.markJoined(this.id);
    this.cls.joined = true;
  }
  get paused(): boolean { return this.cls.paused; }
  get gameIds(): readonly string[] { return this.cls.gameIds; }
  /** The game controllers (server-side only). */
  get controllers(): readonly GameController[] { return this.games; }

  /** The host's secret or the co-host's (TA link). */
  isHost(token: string | undefined): boolean {
    return this.isMainHost(token) || this.isCoHost(token);
  }

  /** The secret of the class's creator (the co-host's does not count). */
  isMainHost(token: string | undefined): boolean {
    return token !== undefined && hashToken(token) === this.cls.hostTokenHash;
  }

  isCoHost(token: string | undefined): boolean {
    return token !== undefined && this.extras.coHostHash !== null && hashToken(token) === this.extras.coHostHash;
  }

  /** The student a token was issued for (removed students have none). */
  studentByToken(token: string | undefined): StoredStudent | null {
    if (!token) return null;
    const h = hashToken(token);
    for (const s of this.students.values()) if (s.tokenHash !== '' && s.tokenHash === h && !s.removed) return s;
    return null;
  }

  student(id: string): StoredStudent | undefined {
    const s = this.students.get(id);
    return s && !s.removed ? s : undefined;
  }

  /** Students (not removed), in join order. */
  roster(): StoredStudent[] {
    return [...this.students.values()].filter((s) => !s.removed);
  }

  // ---------------------------------------------------------------- students

  /** A new student: sanitized unique name, a team (or observer), a token to come back with. */
  async join(rawName: string): Promise<ClassOutcome<{ student: StoredStudent; token: string }>> {
    const clean = sanitizeName(rawName);
    if (this.cls.status === 'finished') return refuse('class.error.ended');
    if (!clean) return refuse('class.error.badName');
    // A roster name not yet claimed: the student takes that place (and its team).
    const listed = this.roster().find((s) => s.tokenHash === '' && s.name.toLowerCase() === clean.toLowerCase());
    if (listed) {
      const token = newToken();
      listed.tokenHash = hashToken(token);
      await this.deps.classes.saveStudent(this.id, listed);
      if (listed.company !== null && listed.game !== null) await this.syncSeat(listed.game, listed.company);
      return { ok: true, value: { student: listed, token } };
    }
    if (this.extras.locked) return refuse('class.error.locked');
    if (this.roster().length >= CLASS_MAX_STUDENTS) return refuse('class.error.full', { max: CLASS_MAX_STUDENTS });
    const name = uniqueName(clean, this.roster().map((s) => s.name));
    const token = newToken();
    let id = this.newStudentId();
    while (this.students.has(id)) id = this.newStudentId();
    const spot = this.pickTeam();
    // Join order survives a restore (joinedAt strictly increases, even within one clock tick).
    const joinedAt = Math.max(this.deps.now(), ...[...this.students.values()].map((x) => x.joinedAt + 1));
    const student: StoredStudent = { id, name, tokenHash: hashToken(token), game: spot.game, company: spot.company, removed: false, joinedAt };
    this.students.set(id, student);
    await this.deps.classes.saveStudent(this.id, student);
    if (spot.company) await this.syncSeat(spot.game, spot.company);
    return { ok: true, value: { student, token } };
  }

  /** Host: moves a student to a team (company) or makes them an observer (company null). */
  async move(studentId: string, game: number, company: string | null): Promise<ClassOutcome<null>> {
    const st = this.student(studentId);
    if (!st) return refuse('class.error.unknownStudent');
    if (!this.teamExists(game, company)) return refuse('class.error.badTarget', { game, company: company ?? '' });
    const before = { game: st.game, company: st.company };
    [st.game, st.company] = [game, company];
    await this.deps.classes.saveStudent(this.id, st);
    await this.reattach(studentId);
    if (before.company !== null && before.game !== null) await this.syncSeat(before.game, before.company);
    if (company) await this.syncSeat(game, company);
    this.last = { kind: 'move', student: studentId, from: before, to: { game, company }, at: this.stamp() };
    return { ok: true, value: null };
  }

  /** Host: removes a student (their token stops working). */
  async remove(studentId: string): Promise<ClassOutcome<StoredStudent>> {
    const st = this.student(studentId);
    if (!st) return refuse('class.error.unknownStudent');
    st.removed = true;
    await this.deps.classes.saveStudent(this.id, st);
    await this.reattach(studentId);
    if (st.company !== null && st.game !== null) await this.syncSeat(st.game, st.company);
    this.last = { kind: 'remove' };
    return { ok: true, value: st };
  }

  // ---------------------------------------------------------------- host controls

  /** Host: creates the games and starts quarter 0 everywhere. */
  async start(): Promise<ClassOutcome<null>> {
    if (this.cls.status !== 'lobby') return refuse('class.error.notRunning', { status: this.cls.status });
    const o = this.cls.options;
    const all = this.companies();
    for (let g = 0; g < o.games; g += 1) {
      let companies = all.filter((c) => o.bots || this.present(g, c).length > 0);
      for (const c of all) if (companies.length < 2 && !companies.includes(c)) companies.push(c);
      companies = all.filter((c) => companies.includes(c));
      const id = await this.deps.newGameId();
      const { controller } = await GameController.create(this.deps, id, {
        scenarioId: o.scenarioId, quarterCount: o.quarterCount, companies: companies as Ticker[], deadlineSec: o.deadlineSec,
        timeoutPolicy: o.bots ? 'bot' : 'repeat', public: false, botDifficulty: CLASS_BOT_LEVEL,
      });
      controller.holdForHost = o.pacing === 'host';
      this.games.push(controller);
      this.cls.gameIds.push(id);
      this.deps.live.set(id, controller);
    }
    this.cls.status = 'running';
    this.cls.pausedLeft = this.games.map(() => null);
    await this.saveClass();
    for (let g = 0; g < this.games.length; g += 1) {
      // Students of teams dropped from a game (no bots, empty team padding) become observers there.
      for (const st of this.roster()) if (st.game === g && st.company && !this.inGame(g, st.company)) st.company = null;
      for (const c of this.games[g]!.state.seats) await this.syncSeat(g, c);
      await this.games[g]!.start();
    }
    for (const st of this.roster()) await this.deps.classes.saveStudent(this.id, st);
    for (const id of this.conns.keys()) this.reattachConn(id);
    if (this.cls.paused) await this.freeze();
    this.last = { kind: 'start' };
    return { ok: true, value: null };
  }

  /** Host: pause (freezes every deadline) or resume (gives back the time that was left). */
  async pause(paused: boolean): Promise<ClassOutcome<null>> {
    if (this.cls.paused === paused) return { ok: true, value: null };
    this.cls.paused = paused;
    if (paused) await this.freeze();
    else {
      for (let g = 0; g < this.games.length; g += 1) {
        const left = this.cls.pausedLeft[g];
        const ctl = this.games[g]!;
        if (ctl.status === 'running' && left !== null && left !== undefined) await ctl.setDeadline(this.deps.now() + left);
        this.cls.pausedLeft[g] = null;
      }
    }
    await this.saveClass();
    this.last = { kind: 'pause', paused, at: this.stamp() };
    return { ok: true, value: null };
  }

  /** Host: adds time to the quarter of one game or all. */
  async extend(game: number | null, seconds: number): Promise<ClassOutcome<null>> {
    const targets = this.targets(game);
    if (!targets) return refuse('class.error.badTarget', { game: game ?? '' });
    const ms = seconds * 1000;
    for (const g of targets) {
      const ctl = this.games[g]!;
      if (ctl.status !== 'running') continue;
      if (this.cls.paused) this.cls.pausedLeft[g] = (this.cls.pausedLeft[g] ?? 0) + ms;
      else await ctl.setDeadline((ctl.deadlineAt ?? this.deps.now()) + ms);
    }
    await this.saveClass();
    this.last = { kind: 'extend', game, seconds, at: this.stamp() };
    return { ok: true, value: null };
  }

  /**
   * Host: resolves the quarter `quarter` now (teams not ready play their bot / default orders). The
   * host names the quarter it saw: a game already past it (a double click, or the game resolved
   * itself meanwhile) is left alone, and when no target game is at that quarter the action is refused.
   */
  async resolveNow(game: number | null, quarter: number): Promise<ClassOutcome<GameOutcomes[]>> {
    const targets = this.targets(game);
    if (!targets) return refuse('class.error.badTarget', { game: game ?? '' });
    if (this.cls.status !== 'running') return refuse('class.error.notRunning', { status: this.cls.status });
    const due = targets.filter((g) => this.games[g]!.status === 'running' && this.games[g]!.state.quarter === quarter);
    if (due.length === 0) {
      const current = Math.min(...targets.map((g) => this.games[g]!.state.quarter));
      return refuse('class.error.alreadyResolved', { quarter: quarter + 1, current: current + 1 });
    }
    const out: GameOutcomes[] = [];
    for (const g of due) {
      const outcomes = await this.games[g]!.forceResolve();
      if (outcomes.length > 0) out.push({ game: g, outcomes: await this.afterResolve(g, outcomes) });
    }
    await this.finishIfDone();
    this.last = { kind: 'resolve' };
    return { ok: true, value: out };
  }

  /** Host: a bot plays this team (bot true) or the team's students play again (bot false). */
  async setBot(game: number, company: string, bot: boolean): Promise<ClassOutcome<null>> {
    const ctl = this.games[game];
    if (!ctl || !this.inGame(game, company)) return refuse('class.error.badTarget', { game, company });
    if (bot) {
      const r = await ctl.releaseToBot(company as Ticker);
      if (!r.ok) return fromRefusal(r);
      this.forced.add(teamKey(game, company));
    } else {
      this.forced.delete(teamKey(game, company));
      if (this.members(game, company).length === 0) return refuse('class.error.refused', { reason: 'empty team' });
      await this.syncSeat(game, company);
    }
    for (const id of this.conns.keys()) this.reattachConn(id);
    this.last = { kind: 'bot', game, company, bot, at: this.stamp() };
    return { ok: true, value: null };
  }

  /** Host: a message to everyone (stored; shown until replaced). */
  async broadcast(text: string): Promise<ClassOutcome<{ text: string; at: number }>> {
    this.cls.broadcast = { text: text.slice(0, 280), at: this.deps.now() };
    await this.saveClass();
    this.last = { kind: 'broadcast' };
    return { ok: true, value: this.cls.broadcast };
  }

  /** Host: a hidden shock hits one game (or all) when the quarter being played resolves. */
  async shock(game: number | null, card: string, region: ScheduledShock['region']): Promise<ClassOutcome<ScheduledShock[]>> {
    const targets = this.targets(game);
    if (!targets) return refuse('class.error.badTarget', { game: game ?? '' });
    if (this.cls.status !== 'running') return refuse('class.error.notRunning', { status: this.cls.status });
    const out: ScheduledShock[] = [];
    for (const g of targets) {
      const ctl = this.games[g]!;
      if (ctl.status !== 'running') continue;
      const shock: ScheduledShock = { quarter: ctl.state.quarter, card, region };
      const check = scheduleShock(ctl.state, shock);
      if (!check.ok) return refuse('class.error.refused', { reason: check.problems.map((p) => p.key).join(', ') });
      await this.deps.classes.saveShock(ctl.id, shock.quarter, ctl.pendingShocks.length, shock);
      const r = ctl.injectShock(card, region);
      if (!r.ok) return fromRefusal(r);
      out.push(r.value);
    }
    this.last = { kind: 'shock', game, at: this.stamp() };
    return { ok: true, value: out };
  }

  /**
   * Host: undo the last hidden shock (of one game, or of every game that has one) — safe while its
   * quarter is being played, since nobody but the host has seen it. Deleted from the store first.
   */
  async unshock(game: number | null): Promise<ClassOutcome<ScheduledShock[]>> {
    const targets = this.targets(game);
    if (!targets) return refuse('class.error.badTarget', { game: game ?? '' });
    const out: ScheduledShock[] = [];
    for (const g of targets) {
      const ctl = this.games[g]!;
      const n = ctl.pendingShocks.length;
      if (ctl.status !== 'running' || n === 0) continue;
      await this.deps.classes.deleteShock(ctl.id, ctl.state.quarter, n - 1);
      const taken = ctl.retractShock();
      if (taken) out.push(taken);
    }
    if (out.length === 0) return refuse('class.error.nothingToUndo');
    this.last = null;
    return { ok: true, value: out };
  }

  /** Host: ends the class (every game stops where it is; debrief and export stay). */
  async end(): Promise<ClassOutcome<null>> {
    for (const ctl of this.games) await ctl.finish();
    this.cls.status = 'finished';
    this.cls.paused = false;
    await this.saveClass();
    this.last = { kind: 'end' };
    return { ok: true, value: null };
  }

  /** Host: the join lock (locked: only roster names may join). */
  async lock(locked: boolean): Promise<ClassOutcome<null>> {
    this.extras.locked = locked;
    await this.deps.classes.saveExtras(this.id, this.extras);
    this.last = { kind: 'lock', locked };
    return { ok: true, value: null };
  }

  /**
   * Host: a pasted roster or CSV (shared/protocol parseRoster). Each new name becomes a place on a
   * team, kept for the student who joins with that name (until then it counts as nobody playing);
   * a name already in the class is moved to the given team. Without a team: balanced, in the
   * roster's order or shuffled (`random`).
   */
  async importRoster(text: string, random: boolean): Promise<ClassOutcome<{ added: number; moved: number }>> {
    if (this.cls.status === 'finished') return refuse('class.error.ended');
    const parsed = parseRoster(text, this.companies(), this.cls.options.games);
    if (!parsed.ok) return refuse('class.error.roster', { line: parsed.line, reason: parsed.reason });
    const entries = [...parsed.entries];
    if (random) {
      for (let i = entries.length - 1; i > 0; i -= 1) {
        const j = Math.floor(Math.random() * (i + 1));
        [entries[i], entries[j]] = [entries[j]!, entries[i]!];
      }
    }
    if (this.roster().length + entries.filter((e) => !this.byName(e.name)).length > CLASS_MAX_STUDENTS) return refuse('class.error.full', { max: CLASS_MAX_STUDENTS });
    let added = 0;
    let moved = 0;
    // Placed teams first, so the balancing of the others counts them.
    for (const e of [...entries.filter((x) => x.team), ...entries.filter((x) => !x.team)]) {
      const known = this.byName(e.name);
      if (known) {
        if (e.team && this.teamExists(e.team.game, e.team.company) && (known.game !== e.team.game || known.company !== e.team.company)) {
          await this.move(known.id, e.team.game, e.team.company);
          moved += 1;
        }
        continue;
      }
      const spot = e.team && this.teamExists(e.team.game, e.team.company) ? e.team : this.pickTeam();
      const joinedAt = Math.max(this.deps.now(), ...[...this.students.values()].map((x) => x.joinedAt + 1));
      let id = this.newStudentId();
      while (this.students.has(id)) id = this.newStudentId();
      const st: StoredStudent = { id, name: e.name, tokenHash: '', game: spot.game, company: spot.company, removed: false, joinedAt };
      this.students.set(id, st);
      await this.deps.classes.saveStudent(this.id, st);
      added += 1;
    }
    this.last = { kind: 'roster' };
    return { ok: true, value: { added, moved } };
  }

  /**
   * Host: the practice is over — the games played so far are set aside (kept in the library as
   * practice) and the class is back in the lobby with the same teams; Start begins the real games.
   */
  async restart(): Promise<ClassOutcome<null>> {
    if (this.cls.status === 'lobby') return refuse('class.error.notRunning', { status: this.cls.status });
    for (const ctl of this.games) {
      await ctl.finish();
      this.deps.live.delete(ctl.id);
    }
    for (const id of this.conns.keys()) {
      const c = this.conns.get(id)!;
      for (const a of c.attached) this.games[a.game]?.detach(a.seat);
      c.attached = [];
    }
    this.extras.practiceGameIds.push(...this.cls.gameIds);
    this.extras.replay = null;
    this.games = [];
    this.cls.gameIds = [];
    this.cls.status = 'lobby';
    this.cls.paused = false;
    this.cls.pausedLeft = [];
    this.drafts.clear();
    this.activity.clear();
    this.forced.clear();
    await this.deps.classes.saveExtras(this.id, this.extras);
    await this.saveClass();
    this.last = { kind: 'restart' };
    return { ok: true, value: null };
  }

  /**
   * Host or co-host: shows the class a finished game's replay at a frame (0 = the start, n = after
   * n quarters) — the projector and the students follow it — or stops (quarter null). Only games
   * of this class that have finished; the frame within what was played. The game is then open to
   * the class's students in the replay library (it is over: nothing in it is secret any more).
   */
  async presentReplay(game: number, quarter: number | null): Promise<ClassOutcome<ClassSnapshot['replay']>> {
    if (quarter === null) {
      this.extras.replay = null;
      await this.deps.classes.saveExtras(this.id, this.extras);
      return { ok: true, value: null };
    }
    const ctl = this.games[game];
    if (!ctl) return refuse('class.error.badTarget', { game: game + 1 });
    if (ctl.status !== 'finished') return refuse('class.error.replayNotOver', { game: game + 1 });
    const last = ctl.state.quarter;
    if (quarter > last) return refuse('class.error.replayQuarter', { game: game + 1, quarter, max: last });
    this.extras.replay = { game, gameId: ctl.id, quarter };
    if (!this.extras.presented.includes(ctl.id)) this.extras.presented.push(ctl.id);
    await this.deps.classes.saveExtras(this.id, this.extras);
    return { ok: true, value: this.replayPosition() };
  }

  /** Where the host's replay stands (null: none shown, or its game was set aside by a restart). */
  replayPosition(): ClassSnapshot['replay'] {
    const r = this.extras.replay;
    const ctl = r ? this.games[r.game] : undefined;
    if (!r || !ctl || ctl.id !== r.gameId) return null;
    return { game: r.game, gameId: r.gameId, quarter: r.quarter, last: ctl.state.quarter };
  }

  /** Whether a game's replay was shown to this class (its students may then open it). */
  presented(gameId: string): boolean {
    return this.extras.presented.includes(gameId);
  }

  /** Where every game stands (ids and quarters): an undo is safe only while this is unchanged. */
  private stamp(): string {
    return this.games.map((c) => `${c.id}:${c.state.quarter}:${c.status}`).join(',');
  }

  /** The kind of the host's last action (the console names it on its Undo button). */
  get lastAction(): HostAction['kind'] | null { return this.last?.kind ?? null; }

  /**
   * Host: undoes the last host action where that is safe — before any quarter has resolved since
   * (nobody but the class has seen its effect yet, and no result depends on it): a pause or a
   * resume, extra time (the quarter keeps at least UNDO_MIN_LEFT_MS), a team move, a bot change,
   * the join lock (any time), a hidden shock. Resolutions, broadcasts, removals, roster imports,
   * restarts, the start and the end are refused by name: everyone has seen them or they cannot be
   * taken back.
   */
  async undo(): Promise<ClassOutcome<HostAction['kind']>> {
    const a = this.last;
    if (!a) return refuse('class.error.undoNothing');
    if (!(UNDOABLE as readonly string[]).includes(a.kind)) return refuse(`class.error.undo.${a.kind}` as ClassErrorCode);
    if ('at' in a && a.at !== this.stamp()) return refuse('class.error.undoTooLate');
    let r: ClassOutcome<unknown> = { ok: true, value: null };
    switch (a.kind) {
      case 'pause':
        r = await this.pause(!a.paused);
        break;
      case 'extend': {
        const ms = a.seconds * 1000;
        for (const g of this.targets(a.game) ?? []) {
          const ctl = this.games[g]!;
          if (ctl.status !== 'running') continue;
          if (this.cls.paused) this.cls.pausedLeft[g] = Math.max(UNDO_MIN_LEFT_MS, (this.cls.pausedLeft[g] ?? 0) - ms);
          else if (ctl.deadlineAt !== null) await ctl.setDeadline(Math.max(this.deps.now() + UNDO_MIN_LEFT_MS, ctl.deadlineAt - ms));
        }
        await this.saveClass();
        r = { ok: true, value: null };
        break;
      }
      case 'move': {
        const st = this.student(a.student);
        if (!st || st.game !== a.to.game || st.company !== a.to.company) return refuse('class.error.undoTooLate');
        r = a.from.game === null ? await this.move(a.student, a.to.game, null) : await this.move(a.student, a.from.game, a.from.company);
        break;
      }
      case 'bot':
        r = await this.setBot(a.game, a.company, !a.bot);
        break;
      case 'lock':
        r = await this.lock(!a.locked);
        break;
      case 'shock':
        r = await this.unshock(a.game);
        break;
    }
    if (!r.ok) return r;
    // The undo's own steps recorded themselves as the last action: nothing is left to undo.
    this.last = null;
    return { ok: true, value: a.kind };
  }

  /** Host (not a co-host): a co-host (TA) secret — host powers except removing students and ending the class. Replaces an earlier one. */
  async coHost(): Promise<ClassOutcome<string>> {
    const token = newToken();
    this.extras.coHostHash = hashToken(token);
    await this.deps.classes.saveExtras(this.id, this.extras);
    return { ok: true, value: token };
  }

  /** A student's answers to the reflection questions: once their game is over (they may revise them). */
  async reflect(studentId: string, answers: string[]): Promise<ClassOutcome<string[]>> {
    const st = this.student(studentId);
    if (!st) return refuse('class.error.unknownStudent');
    const over = this.cls.status === 'finished' || (st.game !== null && this.games[st.game]?.status === 'finished');
    if (!over) return refuse('class.error.notYet');
    const n = this.reflectionQuestions().length;
    const clean = answers.slice(0, n).map((a) => a.trim().slice(0, REFLECTION_MAX));
    const at = this.deps.now();
    this.answers.set(studentId, { answers: clean, at });
    await this.deps.classes.saveReflection(this.id, studentId, clean, at);
    return { ok: true, value: clean };
  }

  /** The reflection questions: the host's, or the default message keys. */
  reflectionQuestions(): string[] {
    return this.cls.options.reflections?.length ? [...this.cls.options.reflections] : [...DEFAULT_REFLECTIONS];
  }

  /** Counts one thing a student did this quarter (drafts, submits, chats; never what was said). */
  noteActivity(studentId: string, kind: keyof Activity): void {
    const st = this.student(studentId);
    if (!st || st.game === null) return;
    const key = `${st.game}:${studentId}`;
    const a = this.activity.get(key) ?? { drafts: 0, submits: 0, chats: 0 };
    a[kind] += 1;
    this.activity.set(key, a);
  }

  /** What the class saw of each resolved quarter of its current games. */
  quarterRecords(): QuarterRecord[] {
    return this.records.filter((r) => this.cls.gameIds.includes(r.gameId));
  }

  /** Reflection answers by student. */
  reflectionAnswers(): ReadonlyMap<string, { answers: string[]; at: number }> {
    return this.answers;
  }

  /** Every student ever in the class (removed ones too: exports name who played). */
  everyone(): StoredStudent[] {
    return [...this.students.values()];
  }

  /** Ids of games played as practice before a restart. */
  get practiceGameIds(): readonly string[] { return this.extras.practiceGameIds; }

  get locked(): boolean { return this.extras.locked; }

  // ---------------------------------------------------------------- team play

  /** A member changes the team's shared draft (the team comes from the student, never a payload). */
  draft(studentId: string, quarter: number, draft: Record<string, unknown>): ClassOutcome<{ game: number; company: string; draft: TeamDraft }> {
    const team = this.teamOf(studentId);
    if (!team.ok) return team;
    const ctl = this.games[team.value.game]!;
    if (quarter !== ctl.state.quarter) return refuse('error.wrongQuarter', { got: quarter, current: ctl.state.quarter });
    const key = teamKey(team.value.game, team.value.company);
    const prev = this.drafts.get(key);
    const st = this.students.get(studentId)!;
    const next: TeamDraft = { quarter, draft, by: st.name, version: (prev?.quarter === quarter ? prev.version : 0) + 1 };
    this.drafts.set(key, next);
    this.editedAt.set(studentId, this.deps.now());
    this.noteActivity(studentId, 'drafts');
    return { ok: true, value: { ...team.value, draft: next } };
  }

  /** The team's shared draft of the current quarter. */
  draftOf(game: number, company: string): TeamDraft {
    const d = this.drafts.get(teamKey(game, company));
    const q = this.games[game]?.state.quarter ?? 0;
    return d && d.quarter === q ? d : { quarter: q, draft: null, by: null, version: 0 };
  }

  /** Any member submits the team's orders (validated by the engine) and marks the team ready. */
  async submit(studentId: string, quarter: number, orders: Record<string, unknown>): Promise<ClassOutcome<ServerMessage<'orders:state'>>> {
    const team = this.teamOf(studentId);
    if (!team.ok) return team;
    const ctl = this.games[team.value.game]!;
    const seat = team.value.company as Ticker;
    if (ctl.isReady(seat)) {
      const u = await ctl.setReady(seat, quarter, false);
      if (!u.ok) return fromRefusal(u);
    }
    const r = await ctl.submit(seat, quarter, orders);
    if (!r.ok) return fromRefusal(r);
    const ready = await ctl.setReady(seat, quarter, true);
    if (!ready.ok) return fromRefusal(ready);
    this.noteActivity(studentId, 'submits');
    return { ok: true, value: ctl.pendingOf(seat)! };
  }

  /** A member takes the team's "ready" back (to change the orders). */
  async unready(studentId: string, quarter: number): Promise<ClassOutcome<ServerMessage<'orders:state'>>> {
    const team = this.teamOf(studentId);
    if (!team.ok) return team;
    const ctl = this.games[team.value.game]!;
    const r = await ctl.setReady(team.value.company as Ticker, quarter, false);
    if (!r.ok) return fromRefusal(r);
    return { ok: true, value: ctl.pendingOf(team.value.company as Ticker)! };
  }

  /** What a student sees of their game: their company's view (observers: the public view). */
  viewOf(studentId: string | null, game = 0): { game: number; view: PlayerView; pending: ServerMessage<'orders:state'> | null } | null {
    const st = studentId ? this.student(studentId) : null;
    const g = st ? st.game ?? 0 : game;
    const ctl = this.games[g];
    if (!ctl) return null;
    const seat = st?.company && this.inGame(g, st.company) ? (st.company as Ticker) : null;
    return { game: g, view: ctl.viewFor(seat), pending: ctl.pendingOf(seat) };
  }

  // ---------------------------------------------------------------- clock and connections

  /** Clock tick: deadlines and autopilot in every game (nothing while paused). */
  async tick(): Promise<GameOutcomes[]> {
    if (this.cls.paused || this.cls.status !== 'running') return [];
    const out: GameOutcomes[] = [];
    for (let g = 0; g < this.games.length; g += 1) {
      const outcomes = await this.games[g]!.tick();
      if (outcomes.length > 0) out.push({ game: g, outcomes: await this.afterResolve(g, outcomes) });
    }
    await this.finishIfDone();
    return out;
  }

  /** Resolves games whose teams are all ready (auto pacing; nothing while paused). */
  async settle(): Promise<GameOutcomes[]> {
    if (this.cls.paused || this.cls.status !== 'running') return [];
    const out: GameOutcomes[] = [];
    for (let g = 0; g < this.games.length; g += 1) {
      const outcomes = await this.games[g]!.settle();
      if (outcomes.length > 0) out.push({ game: g, outcomes: await this.afterResolve(g, outcomes) });
    }
    await this.finishIfDone();
    return out;
  }

  /** A connection opened (student id, or null for the host / projector). */
  connect(connId: string, studentId: string | null): void {
    this.conns.set(connId, { student: studentId, attached: [] });
    this.reattachConn(connId);
  }

  /** A connection closed. */
  disconnect(connId: string): void {
    const c = this.conns.get(connId);
    if (!c) return;
    for (const a of c.attached) this.games[a.game]?.detach(a.seat);
    this.conns.delete(connId);
  }

  /** Connection ids of a student. */
  connectionsOf(studentId: string): string[] {
    return [...this.conns].filter(([, c]) => c.student === studentId).map(([id]) => id);
  }

  // ---------------------------------------------------------------- snapshots

  /** The class as a role sees it. Projector and students never get shocks; hidden names stay hidden. */
  snapshot(role: ClassSnapshot['role'], studentId: string | null = null): ClassSnapshot {
    const o = this.cls.options;
    const host = role === 'host';
    const names = host || o.showNames;
    const me = studentId ? this.student(studentId) : undefined;
    const online = new Set([...this.conns.values()].map((c) => c.student));
    const member = (s: StoredStudent): ClassMember => ({ id: host ? s.id : '', name: s.name, connected: online.has(s.id), editedAt: this.editedAt.get(s.id) ?? 0 });
    const visibleMembers = (g: number, c: string): ClassMember[] =>
      names || (me && me.game === g && me.company === c) ? this.members(g, c).map(member) : [];
    const games: ClassGame[] = [];
    for (let g = 0; g < o.games; g += 1) {
      if (me && me.game !== g && role !== 'host' && role !== 'projector') continue;
      const ctl = this.games[g];
      const companies = ctl ? ctl.state.seats : this.companies();
      const sum = ctl?.summary();
      const teams: ClassTeam[] = companies.map((c) => {
        const seat = sum?.seats.find((s) => s.company === c);
        const pending = ctl?.pendingOf(c as Ticker);
        return {
          game: g, company: c, kind: seat?.kind ?? (this.members(g, c).length > 0 || !o.bots ? 'human' : 'bot'), members: visibleMembers(g, c),
          hasDraft: this.draftOf(g, c).version > 0, submitted: !!pending?.orders, ready: seat?.ready ?? false, autopilot: seat?.autopilot ?? false,
        };
      });
      games.push({
        index: g, gameId: ctl?.id ?? null, status: ctl?.status ?? 'lobby', quarter: ctl?.state.quarter ?? 0, quarterCount: ctl?.state.quarterCount ?? o.quarterCount,
        deadlineAt: ctl?.deadlineAt ?? null, pausedLeftMs: this.cls.paused ? this.cls.pausedLeft[g] ?? null : null, teams,
        ...(host && ctl ? { shocks: ctl.pendingShocks.map((s) => ({ card: s.card, region: s.region })) } : {}),
      });
    }
    const observers = this.roster().filter((s) => s.company === null).map(member);
    return {
      code: this.id, role, status: this.cls.status, paused: this.cls.paused, options: o, games,
      observers: names ? observers : [], leaderboard: this.leaderboard(names), broadcast: this.cls.broadcast,
      locked: this.extras.locked, practiceGames: this.extras.practiceGameIds.length, replay: this.replayPosition(),
      ...(host ? { lastAction: this.lastAction } : {}),
      ...(me ? { reflection: this.answers.get(me.id)?.answers ?? null } : {}),
      ...(me ? { me: { id: me.id, name: me.name, game: me.game, company: me.company } } : {}),
      now: this.deps.now(),
    };
  }

  /** TSR ranking across every game (the class leaderboard): as it stands, and once a game is over its final standings (after the board's years). */
  leaderboard(names: boolean): ClassRank[] {
    const rows: ClassRank[] = [];
    this.games.forEach((ctl, g) => {
      for (const r of ctl.standings()?.rows ?? ranking(ctl.state)) rows.push({ game: g, company: r.ticker, tsrBps: r.returnBps, scoreBps: r.scoreBps, members: names ? this.members(g, r.ticker).map((s) => s.name) : [] });
    });
    return rows.sort((a, b) => b.scoreBps - a.scoreBps || a.game - b.game || (a.company < b.company ? -1 : 1));
  }

  // ---------------------------------------------------------------- internals

  private newStudentId(): string {
    return `s${newToken().replace(/[^a-zA-Z0-9]/g, '').slice(0, 9)}`;
  }

  private byName(name: string): StoredStudent | undefined {
    const n = name.toLowerCase();
    return this.roster().find((s) => s.name.toLowerCase() === n);
  }

  /** Members who joined (a roster place nobody claimed yet plays no part in the seat). */
  private present(game: number, company: string): StoredStudent[] {
    return this.members(game, company).filter((s) => s.tokenHash !== '');
  }

  private readonly forced = new Set<string>();

  private companies(): string[] {
    return getScenario(this.cls.options.scenarioId).companies.slice(0, this.cls.options.teamsPerGame).map((c) => c.ticker);
  }

  private inGame(game: number, company: string): boolean {
    const ctl = this.games[game];
    return ctl ? ctl.state.seats.includes(company as Ticker) : this.companies().includes(company);
  }

  private teamExists(game: number, company: string | null): boolean {
    if (game < 0 || game >= this.cls.options.games) return false;
    return company === null || this.inGame(game, company);
  }

  members(game: number, company: string): StoredStudent[] {
    return this.roster().filter((s) => s.game === game && s.company === company);
  }

  private teamOf(studentId: string): ClassOutcome<{ game: number; company: string }> {
    const st = this.student(studentId);
    if (!st || st.company === null || st.game === null || !this.inGame(st.game, st.company)) return refuse('class.error.notOnTeam');
    if (this.cls.status !== 'running' || !this.games[st.game]) return refuse('class.error.notRunning', { status: this.cls.status });
    if (this.forced.has(teamKey(st.game, st.company))) return refuse('class.error.refused', { reason: 'bot' });
    return { ok: true, value: { game: st.game, company: st.company } };
  }

  /** The emptiest team with room (balancing games first), else an observer spot. */
  private pickTeam(): { game: number; company: string | null } {
    const o = this.cls.options;
    let best: { game: number; company: string; n: number; gameN: number } | null = null;
    for (let g = 0; g < o.games; g += 1) {
      const gameN = this.roster().filter((s) => s.game === g && s.company !== null).length;
      const companies = this.games[g] ? this.games[g]!.state.seats : this.companies();
      for (const c of companies) {
        if (this.forced.has(teamKey(g, c))) continue;
        const n = this.members(g, c).length;
        if (n >= o.studentsPerTeam) continue;
        if (!best || n < best.n || (n === best.n && gameN < best.gameN)) best = { game: g, company: c, n, gameN };
      }
    }
    if (best) return { game: best.game, company: best.company };
    let g = 0;
    for (let i = 1; i < o.games; i += 1) if (this.roster().filter((s) => s.game === i).length < this.roster().filter((s) => s.game === g).length) g = i;
    return { game: g, company: null };
  }

  /** Keeps a running game's seat in line with its team: students → human seat; empty → bot (if bots). */
  private async syncSeat(game: number, company: string): Promise<void> {
    const ctl = this.games[game];
    if (!ctl || !this.inGame(game, company) || ctl.status === 'finished') return;
    const seat = ctl.seats.get(company as Ticker);
    if (!seat) return;
    const n = this.present(game, company).length;
    if (n > 0 && seat.kind === 'bot' && !this.forced.has(teamKey(game, company))) {
      await ctl.claim(company as Ticker, this.teamName(game, company));
    } else if (n === 0 && seat.kind === 'human' && this.cls.options.bots) {
      await ctl.releaseToBot(company as Ticker);
    }
    for (const id of this.conns.keys()) this.reattachConn(id);
  }

  private teamName(game: number, company: string): string {
    const names = this.members(game, company).map((s) => s.name);
    return this.cls.options.showNames && names.length > 0 ? names.join(', ').slice(0, 60) : `${company} team ${game + 1}`;
  }

  private async reattach(studentId: string): Promise<void> {
    for (const id of this.connectionsOf(studentId)) this.reattachConn(id);
  }

  /** Re-counts one connection in the games' audiences (after a move, a start, a bot change). */
  private reattachConn(connId: string): void {
    const c = this.conns.get(connId);
    if (!c) return;
    for (const a of c.attached) this.games[a.game]?.detach(a.seat);
    c.attached = [];
    if (c.student === null) {
      this.games.forEach((ctl, g) => { void ctl.attach(null); c.attached.push({ game: g, seat: null }); });
      return;
    }
    const st = this.student(c.student);
    if (!st || st.game === null || !this.games[st.game]) return;
    const ctl = this.games[st.game]!;
    const seatInfo = st.company ? ctl.seats.get(st.company as Ticker) : undefined;
    const seat = seatInfo && seatInfo.kind === 'human' ? (st.company as Ticker) : null;
    void ctl.attach(seat);
    c.attached.push({ game: st.game, seat });
  }

  private async freeze(): Promise<void> {
    for (let g = 0; g < this.games.length; g += 1) {
      const ctl = this.games[g]!;
      if (ctl.status !== 'running') continue;
      this.cls.pausedLeft[g] = ctl.deadlineAt === null ? null : Math.max(0, ctl.deadlineAt - this.deps.now());
      await ctl.setDeadline(null);
    }
  }

  /** After a game resolved: new drafts; a paused class keeps the new deadline frozen. */
  private async afterResolve(g: number, outcomes: QuarterOutcome[]): Promise<QuarterOutcome[]> {
    const ctl = this.games[g]!;
    for (const c of ctl.state.seats) this.drafts.delete(teamKey(g, c));
    // What the class saw of each quarter: the teams as they were and who decided (stored before any broadcast).
    for (const [i, o] of outcomes.entries()) {
      const activity: Record<string, Activity> = {};
      if (i === 0) {
        for (const [k, a] of this.activity) {
          const [game, student] = k.split(':') as [string, string];
          if (Number(game) !== g) continue;
          activity[student] = a;
          this.activity.delete(k);
        }
      }
      const rec: QuarterRecord = {
        gameId: ctl.id, game: g, quarter: o.quarter, activity,
        teams: ctl.state.seats.map((c) => ({ company: c, played: o.played[c] ?? 'bot', members: this.present(g, c).map((st) => st.id) })),
      };
      this.records.push(rec);
      await this.deps.classes.saveQuarter(this.id, rec, this.deps.now());
    }
    if (this.cls.paused && ctl.status === 'running') {
      this.cls.pausedLeft[g] = ctl.deadlineAt === null ? null : Math.max(0, ctl.deadlineAt - this.deps.now());
      await ctl.setDeadline(null);
      await this.saveClass();
    }
    return outcomes;
  }

  private async finishIfDone(): Promise<void> {
    if (this.cls.status === 'running' && this.games.length > 0 && this.games.every((c) => c.status === 'finished')) {
      this.cls.status = 'finished';
      this.cls.paused = false;
      this.cls.pausedLeft = this.games.map(() => null);
      await this.saveClass();
    }
  }

  private targets(game: number | null): number[] | null {
    if (game === null) return this.games.map((_, i) => i);
    return this.games[game] ? [game] : null;
  }

  private async saveClass(): Promise<void> {
    await this.deps.classes.updateClass(this.cls, this.deps.now());
  }
}
