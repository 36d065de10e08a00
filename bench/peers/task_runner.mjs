// The task list, data paths, command-line contract and timing loop shared
// by the Node peer benchmarks (polars_bench.mjs, duckdb_bench.mjs). The
// pandas and Strata programs implement the same contract; keep the four in
// step (bench/README.md lists the tasks).
//
//   node --expose-gc <engine>_bench.mjs CSV THREADS REPEAT TASK[,TASK...]
//
// CSV is the group-by data set (G1_<rows>_<groups>_<nulls>_<sorted>.csv); the join
// and Parquet data sets sit next to it under derived names (see
// dataPaths). For every task it prints one JSON line:
//   {"engine","version","task","threads","first_s","best_s","rows","checksum","peak_rss_mb"}
// or, for a task the engine cannot run, {"engine","task","skipped":"reason"}.
// first_s is the first run, best_s the fastest of REPEAT runs; rows is the
// number of rows of the result; checksum is task-specific (see CHECKSUMS in
// the README), compared across engines with a relative tolerance;
// peak_rss_mb is the process's peak resident memory so far.
import path from 'node:path';

/// The H2O.ai group-by questions 1-10 on G1, then the H2O join questions
/// 1-5 on J1, sorting, and Parquet input/output.
export const GROUPBY_TASKS = [
  'groupby_sum_id1', // q1: sum v1 by id1
  'groupby_sum_id1_id2', // q2: sum v1 by id1, id2
  'groupby_sum_mean_id3', // q3: sum v1, mean v3 by id3
  'groupby_mean_id4', // q4: mean v1, v2, v3 by id4
  'groupby_sum_id6', // q5: sum v1, v2, v3 by id6
  'groupby_median_sd_id4_id5', // q6: median v3, sd v3 by id4, id5
  'groupby_range_id3', // q7: max v1 - min v2 by id3
  'groupby_top2_id6', // q8: largest two v3 by id6
  'groupby_r2_id2_id4', // q9: regression r2 of v1, v2 by id2, id4
  'groupby_sum_count_all', // q10: sum v3, count v1 by id1..id6
];

/// Join questions: the right table, the key, the join type.
export const JOIN_TASKS = {
  join_small_inner: { right: 'small', on: 'id1', how: 'inner' },
  join_medium_inner: { right: 'medium', on: 'id2', how: 'inner' },
  join_medium_left: { right: 'medium', on: 'id2', how: 'left' },
  join_medium_inner_str: { right: 'medium', on: 'id5', how: 'inner' },
  join_big_inner: { right: 'big', on: 'id3', how: 'inner' },
};

/// Columns of the join data sets (x's and each right table's).
export const JOIN_COLUMNS = {
  x: ['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1'],
  small: ['id1', 'id4', 'v2'],
  medium: ['id1', 'id2', 'id4', 'id5', 'v2'],
  big: ['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v2'],
};

/// Sorting the whole G1 table by one column.
export const SORT_TASKS = { sort_int: 'id6', sort_float: 'v3', sort_str: 'id3' };

export const PARQUET_TASKS = ['parquet_write', 'parquet_read', 'parquet_filter_glob'];

export const ALL_TASKS = ['csv_read', ...GROUPBY_TASKS, ...Object.keys(JOIN_TASKS), ...Object.keys(SORT_TASKS),
  ...PARQUET_TASKS];

/// The numeric columns whose sums make the csv_read (and Parquet read)
/// checksum.
export const CSV_CHECKSUM_COLUMNS = ['id4', 'id5', 'id6', 'v1', 'v2', 'v3'];

/// parquet_filter_glob: rows with id4 <= 10 and v3 >= 50, columns id1, id4, v1, v3.
export const PARQUET_FILTER = { maxId4: 10, minV3: 50, columns: ['id1', 'id4', 'v1', 'v3'] };

/// A count in the short form of the H2O file names ("1e7").
export function shortCount(value) {
  let exponent = 0;
  let rest = value;
  while (rest % 10 === 0 && rest > 1) {
    rest /= 10;
    exponent++;
  }
  return exponent === 0 ? String(value) : `${rest}e${exponent}`;
}

/// The data files next to the group-by CSV: the join tables (as written by
/// generate_join) and the Parquet copies (written by prepare_parquet.mjs).
/// The join data has no sorted variant: a sorted CSV (_1.csv) names the
/// same join tables as the unsorted one.
export function dataPaths(csv) {
  const match = /^G1_([0-9e]+)_[0-9e]+_(\d+)_[01]\.csv$/.exec(path.basename(csv));
  if (!match) {
    throw new Error(`cannot derive the data set names from ${csv}: expected G1_<rows>_<groups>_<nulls>_<0|1>.csv`);
  }
  const [, rowsLabel, nulls] = match;
  const rows = Number(rowsLabel);
  const dir = path.dirname(csv);
  const join = (right) => path.join(dir, `J1_${rowsLabel}_${right}_${nulls}_0.csv`);
  const stem = csv.replace(/\.csv$/, '');
  return {
    joinX: join('NA'),
    joinRight: {
      small: join(shortCount(Math.max(10, Math.floor(rows / 1e6)))),
      medium: join(shortCount(Math.max(100, Math.floor(rows / 1e3)))),
      big: join(rowsLabel),
    },
    parquet: `${stem}.parquet`,
    parquetGlob: `${stem}.parts/*.parquet`,
    parquetOutput: (engine) => `${stem}.written-by-${engine}.parquet`,
  };
}

/// Rows of a sorted result whose key values make the sort checksum: every
/// step-th row, with about 1000 rows in all. Ties leave the checksum alone.
export function sortChecksumStep(rows) {
  return Math.max(1, Math.floor(rows / 1000));
}

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
/// `fileBytes`, when given, is the size of the Parquet file the task wrote
/// or read.
export function emitResult({ engine, version, task, threads, first, best, rows, checksum, fileBytes }) {
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
  if (fileBytes !== undefined) record.file_bytes = Number(fileBytes);
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

/// Prints the line for a task the engine does not run.
export function emitSkipped({ engine, version, task, reason }) {
  process.stdout.write(`${JSON.stringify({ engine, version, task, skipped: reason })}\n`);
}
