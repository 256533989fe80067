/**
 * A progress bar on stderr when it is a terminal; silent otherwise (CI, pipes, tests).
 */

/** Reports progress of `total` units of work. */
export interface Progress {
  tick(done: number): void;
  end(): void;
}

/** A bar on a TTY, nothing elsewhere. */
export function progressBar(total: number, label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total < 2) return { tick: () => undefined, end: () => undefined };
  const width = 30;
  let last = -1;
  return {
    tick(done: number): void {
      const filled = Math.floor((done * width) / total);
      if (filled === last && done !== total) return;
      last = filled;
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    end(): void {
      stream.write('\n');
    },
  };
}
