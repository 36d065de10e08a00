// Polars (nodejs-polars) side of the benchmark; see task_runner.mjs for the
// command-line contract and the output line.
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { CSV_CHECKSUM_COLUMNS, GROUPBY_TASKS, emitResult, parseArguments, timeRepeated } from './task_runner.mjs';

const { csv, threads, repeat, tasks } = parseArguments(process.argv.slice(2));

// Polars sizes its thread pool from this variable when the pool starts, so
// it must be set before the library does any work.
process.env.POLARS_MAX_THREADS = String(threads);
const { default: pl } = await import('nodejs-polars');
const version = createRequire(import.meta.url)('nodejs-polars/package.json').version;

/// The eager read, as Python Polars' read_csv does it (one chunk per column).
function readTable() {
  return pl.readCSV(csv, { rechunk: true });
}

/// Fails when Polars' pool does not have the requested size: a benchmark run
/// with a different thread count than the other engines would mislead.
function checkPoolSize() {
  const poolThreads = fs
    .readdirSync('/proc/self/task')
    .filter((task) => /^polars-\d+$/.test(fs.readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim())).length;
  if (poolThreads !== threads) {
    throw new Error(`Polars runs ${poolThreads} pool threads, expected ${threads}; is POLARS_MAX_THREADS honoured?`);
  }
}

function sumColumns(frame, columns) {
  return columns.reduce((total, name) => total + Number(frame.getColumn(name).sum() ?? 0), 0);
}

function aggregation(column, func) {
  const expr = pl.col(column);
  if (func === 'sum') return expr.sum();
  if (func === 'mean') return expr.mean();
  throw new Error(`unsupported aggregation ${func}`);
}

let table = null;
for (const task of tasks) {
  if (task === 'csv_read') {
    const { first, best, result } = await timeRepeated(repeat, readTable);
    checkPoolSize();
    emitResult({
      engine: 'polars', version, task, threads, first, best,
      rows: result.height,
      checksum: sumColumns(result, CSV_CHECKSUM_COLUMNS),
    });
    table = result;  // later group-by tasks reuse the loaded table
    continue;
  }
  if (table === null) {
    table = readTable();
    checkPoolSize();
  }
  const { keys, aggs } = GROUPBY_TASKS[task];
  const expressions = aggs.map(([column, func]) => aggregation(column, func));
  const { first, best, result } = await timeRepeated(repeat, () => table.groupBy(keys).agg(...expressions));
  emitResult({
    engine: 'polars', version, task, threads, first, best,
    rows: result.height,
    checksum: sumColumns(result, aggs.map(([column]) => column)),
  });
}
