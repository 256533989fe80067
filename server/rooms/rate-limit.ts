/** A token bucket per connection (protocol RATE_LIMIT): a burst, then a steady rate. */
import { RATE_LIMIT } from '../../shared/protocol/index.js';

/** Rate limiter for one connection; time in ms (performance.now by default). */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;
  private lastWarnMs = -Infinity;

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

  /** Whether to tell the client it is limited (at most once a second, not once per dropped message). */
  shouldWarn(): boolean {
    const now = this.nowMs();
    if (now - this.lastWarnMs < 1000) return false;
    this.lastWarnMs = now;
    return true;
  }
}
