/**
 * Live memory on request, for a parent process only (tests/fuzz/hostile.test.ts, issue 17): when the
 * server was spawned with an IPC channel (`process.send` exists; `npm start` never opens one, and nothing
 * here is reachable from the network), a `{ probe: 'memory' }` message is answered with the process's
 * memory after a full collection — what the server keeps, not where V8's saw-tooth of garbage happens to
 * be (one RSS reading landed anywhere within ~60 MB of it). The collection needs `--expose-gc`; without
 * it the answer says so (`collected: false`) and carries the memory as it is.
 */
export interface MemoryProbeReply {
  probe: 'memory';
  collected: boolean;
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

/** Answers memory probes over the IPC channel, if there is one. */
export function answerMemoryProbes(): void {
  if (!process.send) return;
  process.on('message', (m: unknown) => {
    if (!m || typeof m !== 'object' || (m as { probe?: unknown }).probe !== 'memory') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    // Two passes: the first can leave objects whose finalizers free more.
    if (gc) {
      gc();
      gc();
    }
    const u = process.memoryUsage();
    const reply: MemoryProbeReply = { probe: 'memory', collected: gc !== undefined, rssMb: mb(u.rss), heapUsedMb: mb(u.heapUsed), externalMb: mb(u.external) };
    process.send?.(reply);
  });
  // The channel must not keep the process alive (a graceful shutdown exits on its own).
  process.channel?.unref();
}
