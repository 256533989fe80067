/** A token bucket per connection (protocol RATE_LIMIT): a burst, then a steady rate. */
import { FLOOD_FRAMES_PER_SECOND, RATE_LIMIT } from '../../shared/protocol/index.js';

/** What to do with one incoming frame. */
export type Admission = 'ok' | 'limited' | 'flood';

/** Rate limiter for one connection; time in ms (performance.now by default). */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;
  private lastWarnMs = -Infinity;
  private frames = 0;
  private framesResetAt = -Infinity;

  constructor(private readonly burst = RATE_LIMIT.burst, private readonly perSecond = RATE_LIMIT.perSecond, private readonly nowMs = () => performance.now()) {
    this.tokens = burst;
    this.lastMs = nowMs();
  }

  /** Takes a token; false when the connection is over its rate. */
  take(): boolean {
    const now = this.nowMs();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastMs) * this.perSecond) / 1000);
    this.lastMs = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /**
   * One incoming frame: `ok` (go on), `limited` (over the rate: dropped) or `flood` (more than
   * FLOOD_FRAMES_PER_SECOND frames within one second, whatever they hold: close the connection).
   */
  admit(): Admission {
    const now = this.nowMs();
    if (now >= this.framesResetAt) [this.frames, this.framesResetAt] = [0, now + 1000];
    this.frames += 1;
    if (this.frames > FLOOD_FRAMES_PER_SECOND) return 'flood';
    return this.take() ? 'ok' : 'limited';
  }

  /** Whether to tell the client it is limited (at most once a second, not once per dropped message). */
  shouldWarn(): boolean {
    const now = this.nowMs();
    if (now - this.lastWarnMs < 1000) return false;
    this.lastWarnMs = now;
    return true;
  }
}
