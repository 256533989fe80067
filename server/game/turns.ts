/**
 * Background work in turns of the event loop: jobs made of small steps (a game's board's years: one quarter a
 * step, ~0.3–0.6 ms) run one step per turn of the loop, whatever the number of jobs, so a player's quarter
 * waits behind at most one step. Run as soon as it is asked for, each game's background work would take its
 * own turn: 100 games ending together put 100 steps (~50 ms) in every turn of the loop, and every awaited hop
 * of another game's resolution (its store write, its announcement) waited that long (npm run loadtest: the last
 * quarter's p99 rose from ~60 ms to 300–850 ms). Jobs run first come, first served.
 */

interface Job {
  /** Does one step; true when the job is done. */
  step: () => boolean;
  done: () => void;
  fail: (e: unknown) => void;
}

const jobs: Job[] = [];
let pumping = false;

function pump(): void {
  const job = jobs[0];
  if (!job) {
    pumping = false;
    return;
  }
  try {
    if (job.step()) {
      jobs.shift();
      job.done();
    }
  } catch (e) {
    jobs.shift();
    job.fail(e);
  }
  setImmediate(pump);
}

/** Runs `step` once per turn of the event loop (one step of all jobs per turn) until it returns true. */
export function inTurns(step: () => boolean): Promise<void> {
  return new Promise<void>((done, fail) => {
    jobs.push({ step, done, fail });
    if (!pumping) {
      pumping = true;
      setImmediate(pump);
    }
  });
}
