/**
 * The headless simulator (`npm run sim -- --help`): seeded all-bot batches and balance studies,
 * saved games, scripted what-if plays and replay verification, all with the shared engine.
 */
import { pathToFileURL } from 'node:url';
import { HELP, parseArgs, UsageError, type SimOptions } from './args.js';
import { runBatch, type BatchItem } from './batch.js';
import { saveGame } from './files.js';
import { playScript, readPlayScript } from './play.js';
import { progressBar } from './progress.js';
import { runSearch, searchTable } from './search.js';
import { economyTable, runEconomy } from './economy.js';
import { parTable, runPar } from './par.js';
import { climbTable, runClimb } from './climb.js';
import { levelsSummary, levelsTable, runLevels } from './levels.js';
import { ablationTable, runAblation } from './ablate.js';
import type { Difficulty } from '../../shared/index.js';
import { runSensitivity, sensitivityTable } from './sensitivity.js';
import { summarize, type Summary } from './summary.js';
import { verifyFile, verifyMessage } from './verify.js';

/** A readable table of a summary (the default, non-JSON output). */
export function summaryTable(s: Summary): string {
  const lines = [`${s.games} games in ${s.seconds} s`, '', 'strategy            games   wins  win rate  mean rank'];
  for (const [k, v] of Object.entries(s.strategies)) {
    lines.push(`${k.padEnd(18)} ${String(v.games).padStart(6)} ${String(v.wins).padStart(6)} ${(v.winRate * 100).toFixed(1).padStart(8)}% ${v.meanRank.toFixed(2).padStart(10)}`);
  }
  lines.push('', 'company  games   wins');
  for (const [k, v] of Object.entries(s.companies)) lines.push(`${k.padEnd(7)} ${String(v.games).padStart(6)} ${String(v.wins).padStart(6)}`);
  if (Object.keys(s.difficulties).length > 1) {
    lines.push('', 'difficulty  mean rank   head to head');
    for (const [k, v] of Object.entries(s.difficulties)) lines.push(`${k.padEnd(10)} ${v.meanRank.toFixed(2).padStart(10)}`);
    for (const [k, v] of Object.entries(s.headToHead)) lines.push(`  ${k.padEnd(12)} ahead in ${(v.rate * 100).toFixed(1)}% of ${v.pairs} pairs`);
  }
  return lines.join('\n');
}

/** Runs the simulator with parsed options; returns the exit code. */
export async function main(o: SimOptions, out: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): Promise<number> {
  if (o.help) {
    out(HELP);
    return 0;
  }
  if (o.verify) {
    const r = verifyFile(o.verify);
    out(o.json ? JSON.stringify(r) : verifyMessage(r));
    return r.ok ? 0 : 1;
  }
  if (o.play) {
    const rejected = playScript(readPlayScript(o.play, o.difficulty), out);
    if (rejected > 0) process.stderr.write(`note: ${rejected} order(s) were rejected and replaced by defaults (see the ordersRejected events)\n`);
    return 0;
  }
  if (o.search) {
    const report = await runSearch({
      mode: o.search, scenarioId: o.scenarioId, quarterCount: o.quarterCount, companies: o.seats, searchFor: o.searchFor ?? o.seats, seed: o.seed, threads: o.threads, level: o.difficulty as Difficulty,
      progress: process.stderr.isTTY ? (line) => process.stderr.write(`${line}\n`) : undefined,
    });
    out(o.json ? JSON.stringify(report) : searchTable(report));
    return 0;
  }
  if (o.par) {
    const report = await runPar({
      scenarioId: o.scenarioId, games: o.games, seed: o.seed, threads: o.threads,
      progress: process.stderr.isTTY ? (line) => process.stderr.write(`${line}\n`) : undefined,
    });
    out(o.json ? JSON.stringify(report) : parTable(report));
    return 0;
  }
  if (o.climb) {
    const report = await runClimb({
      scenarioId: o.scenarioId, quarterCount: o.quarterCount, ticker: o.climb, seed: o.seed, fitSeeds: o.games, valSeeds: 150, passes: 2,
      postureFields: o.climbPosture, threads: o.threads,
      progress: process.stderr.isTTY ? (line) => process.stderr.write(`${line}\n`) : undefined,
    });
    out(o.json ? JSON.stringify(report) : climbTable(report));
    return 0;
  }
  if (o.economy) {
    const report = await runEconomy({ scenarioId: o.scenarioId, quarterCount: o.quarterCount, companies: o.seats, seed: o.seed, games: o.games, threads: o.threads, difficulty: o.difficulty as Difficulty });
    out(o.json ? JSON.stringify(report) : economyTable(report));
    return 0;
  }
  if (o.levels) {
    const report = await runLevels({ scenarioId: o.scenarioId, quarterCount: o.quarterCount, companies: o.seats, seeds: o.seeds, seed: o.seed, table: o.difficulty as Difficulty, threads: o.threads });
    out(o.json ? JSON.stringify(o.summary ? levelsSummary(report) : report) : levelsTable(report));
    return 0;
  }
  if (o.ablate) {
    const report = await runAblation({ scenarioId: o.scenarioId, quarterCount: o.quarterCount, companies: o.seats, seeds: o.seeds, seed: o.seed, table: o.difficulty as Difficulty, threads: o.threads });
    out(o.json ? JSON.stringify(report) : ablationTable(report));
    return 0;
  }
  if (o.sensitivity) {
    let bar: ReturnType<typeof progressBar> | null = null;
    const report = await runSensitivity({
      scenarioId: o.scenarioId, quarterCount: o.quarterCount, companies: o.seats, seed: o.seed, seeds: o.seeds, threads: o.threads,
      progress: (done, total) => {
        bar ??= progressBar(total, 'sensitivity');
        bar.tick(done);
      },
    });
    (bar as ReturnType<typeof progressBar> | null)?.end();
    out(o.json ? JSON.stringify(report) : sensitivityTable(report));
    return 0;
  }
  const started = process.hrtime.bigint();
  const bar = progressBar(o.games, o.balance ? 'balance' : 'games');
  let done = 0;
  const spec = {
    scenarioId: o.scenarioId, quarterCount: o.quarterCount, baseSeed: o.seed, games: o.games, keepReplays: o.save !== null,
    assignment: { companies: o.seats, fixed: o.fixed, pool: o.pool, difficulty: o.difficulty },
  };
  const onGame = (item: BatchItem): void => {
    done += 1;
    bar.tick(done);
    if (o.save && item.replay) saveGame(o.save, item.replay);
    if (o.save) item.replay = null;
  };
  const items = await runBatch(spec, o.threads, onGame);
  bar.end();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = summarize(items.map((x) => x.result), seconds, !o.summary);
  out(o.json ? JSON.stringify(summary) : summaryTable(summary));
  return 0;
}

/** Entry point: parses argv, maps errors to exit codes (2: usage or input files). */
export async function cli(argv: readonly string[]): Promise<number> {
  try {
    return await main(parseArgs(argv));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`sim: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`sim: ${(e as Error).stack ?? String(e)}\n`);
    return 3;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // A closed pipe (e.g. `| head`) ends the output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  void cli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
