// The command-line contract and timing loop shared by the Node peer
// benchmarks (polars_bench.mjs, duckdb_bench.mjs). The pandas and Strata
// programs implement the same contract; keep the four in step.
//
//   node --expose-gc <engine>_bench.mjs CSV THREADS REPEAT TASK[,TASK...]
//
// For every task it prints one JSON line:
//   {"engine","version","task","threads","first_s","best_s","rows","checksum","peak_rss_mb"}
// first_s is the first run, best_s the fastest of REPEAT runs; rows is the
// number of rows of the result (of the loaded table for csv_read); checksum is
// the sum of the aggregated result columns (of id4,id5,id6,v1,v2,v3 for
// csv_read), nulls skipped, to be compared across engines with a relative
// tolerance; peak_rss_mb is the process's peak resident memory so far.

/// The H2O.ai db-benchmark group-by questions 1-5 on the G1 dataset. Each
/// names its key columns and its aggregations as [column, function].
export const GROUPBY_TASKS = {
  groupby_sum_id1: { keys: ['id1'], aggs: [['v1', 'sum']] },
  groupby_sum_id1_id2: { keys: ['id1', 'id2'], aggs: [['v1', 'sum']] },
  groupby_sum_mean_id3: { keys: ['id3'], aggs: [['v1', 'sum'], ['v3', 'mean']] },
  groupby_mean_id4: { keys: ['id4'], aggs: [['v1', 'mean'], ['v2', 'mean'], ['v3', 'mean']] },
  groupby_sum_id6: { keys: ['id6'], aggs: [['v1', 'sum'], ['v2', 'sum'], ['v3', 'sum']] },
};

/// The numeric columns whose sums make the csv_read checksum.
export const CSV_CHECKSUM_COLUMNS = ['id4', 'id5', 'id6', 'v1', 'v2', 'v3'];

export const ALL_TASKS = ['csv_read', ...Object.keys(GROUPBY_TASKS)];

function usage(problem) {
  process.stderr.write(
    `${problem}\nusage: node --expose-gc <engine>_bench.mjs CSV THREADS REPEAT TASK[,TASK...]\n` +
      `tasks: ${ALL_TASKS.join(', ')}\n`,
  );
  process.exit(2);
}

/// Parses and checks the four positional arguments; exits with status 2 and
/// a usage message when they are wrong.
export function parseArguments(argv) {
  if (argv.length !== 4) usage(`expected 4 arguments, got ${argv.length}`);
  const [csv, threadsText, repeatText, taskList] = argv;
  const threads = Number(threadsText);
  const repeat = Number(repeatText);
  if (!Number.isInteger(threads) || threads < 1) usage(`THREADS must be a positive integer, got '${threadsText}'`);
  if (!Number.isInteger(repeat) || repeat < 1) usage(`REPEAT must be a positive integer, got '${repeatText}'`);
  const tasks = taskList.split(',').filter((task) => task.length > 0);
  for (const task of tasks) {
    if (!ALL_TASKS.includes(task)) usage(`unknown task '${task}'`);
  }
  return { csv, threads, repeat, tasks };
}

/// Frees unreachable objects, including the native memory behind them.
/// Native finalizers run on a later turn of the event loop, hence the waits.
async function collectGarbage() {
  if (globalThis.gc === undefined) return;  // node was started without --expose-gc
  globalThis.gc();
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

/// Runs `run` `repeat` times and returns the first and best wall time in
/// seconds with the last run's result. `release(result)` is called on every
/// result but the last, before the next run, so that at most one result is
/// alive at a time (and the garbage collector is asked to free it).
export async function timeRepeated(repeat, run, release = () => {}) {
  let first = 0;
  let best = Infinity;
  let result;
  for (let i = 0; i < repeat; i++) {
    if (i > 0) {
      await release(result);
      result = undefined;
      await collectGarbage();
    }
    const start = process.hrtime.bigint();
    result = await run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (i === 0) first = seconds;
    best = Math.min(best, seconds);
  }
  return { first, best, result };
}

/// The process's peak resident set size in MiB (maxRSS is in KiB).
export function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

/// Prints one result line of the contract.
export function emitResult({ engine, version, task, threads, first, best, rows, checksum }) {
  const record = {
    engine,
    version,
    task,
    threads,
    first_s: Number(first.toFixed(6)),
    best_s: Number(best.toFixed(6)),
    rows: Number(rows),
    checksum: Number(checksum),
    peak_rss_mb: Number(peakRssMb().toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(record)}\n`);
}
