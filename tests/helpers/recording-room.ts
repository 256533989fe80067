/** A Colyseus SDK room connection that records every message it receives (for server tests). */
import type { Room } from '@colyseus/sdk';

type Received = { type: string; payload: unknown };

export class RecordingRoom {
  readonly inbox: Received[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly room: Room) {
    room.onMessage('*', (type, payload) => {
      this.inbox.push({ type: String(type), payload });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Sends any message (bad-input tests use this for malformed ones). */
  sendRaw(type: string, payload: unknown): void {
    this.room.send(type as never, payload as never);
  }

  /** Index to wait "after". */
  mark(): number {
    return this.inbox.length;
  }

  /** Index of the latest message of a type (0 when none). */
  lastIndex(type: string): number {
    for (let i = this.inbox.length - 1; i >= 0; i -= 1) if (this.inbox[i]!.type === type) return i;
    return 0;
  }

  /** Payloads of a type received so far (after an index). */
  protected payloads(type: string, after = 0): unknown[] {
    return this.inbox.slice(after).filter((m) => m.type === type).map((m) => m.payload);
  }

  /** The first payload of a type (after an index) that matches, waiting for it if needed. */
  protected async waitForPayload(type: string, pred: (m: unknown) => boolean, after: number, timeoutMs: number): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.payloads(type, after).find(pred);
      if (hit !== undefined) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${type}; got ${this.inbox.map((m) => m.type).slice(-30).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async leave(): Promise<void> {
    await this.room.leave(true).catch(() => undefined);
  }
}
