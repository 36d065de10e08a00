// Polars (nodejs-polars) side of the benchmark; see task_runner.mjs for the
// command-line contract and the output line.
import fs from 'node:fs';
import { createRequire } from 'node:module';

import {
  CSV_CHECKSUM_COLUMNS, JOIN_TASKS, PARQUET_FILTER, SORT_TASKS, dataPaths, emitResult, parseArguments,
  sortChecksumStep, timeRepeated,
} from './task_runner.mjs';

const { csv, threads, repeat, tasks } = parseArguments(process.argv.slice(2));
const paths = dataPaths(csv);

// Polars sizes its thread pool from this variable when the pool starts, so
// it must be set before the library does any work.
process.env.POLARS_MAX_THREADS = String(threads);
const { default: pl } = await import('nodejs-polars');
const version = createRequire(import.meta.url)('nodejs-polars/package.json').version;

/// The eager read, as Python Polars' read_csv does it (one chunk per column).
function readTable(file) {
  return pl.readCSV(file, { rechunk: true });
}

/// Fails when Polars' pool does not have the requested size: a benchmark run
/// with a different thread count than the other engines would mislead.
function checkPoolSize() {
  // A pool thread names itself once it runs, so a check right after the pool
  // starts may miss some: look again for up to a second before failing.
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let poolThreads = 0;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    poolThreads = fs
      .readdirSync('/proc/self/task')
      .filter((task) => {
        try {
          return /^polars-\d+$/.test(fs.readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim());
        } catch {
          return false;  // a thread that ended between the listing and the read
        }
      }).length;
    if (poolThreads === threads) return;
    Atomics.wait(sleeper, 0, 0, 10);
  }
  throw new Error(`Polars runs ${poolThreads} pool threads, expected ${threads}; is POLARS_MAX_THREADS honoured?`);
}

/// Sum of the columns' values; nulls and NaN are skipped.
function sumColumns(frame, columns) {
  const sums = columns.map((name) => {
    const column = pl.col(name);
    return (frame.getColumn(name).dtype.equals(pl.Float64) ? column.fillNan(null) : column).sum().cast(pl.Float64);
  });
  const row = frame.select(...sums.map((sum, i) => sum.alias(`sum_${i}`))).row(0);
  return row.reduce((total, value) => total + Number(value ?? 0), 0);
}

const col = (name) => pl.col(name);

/// The H2O group-by questions: the query and the result columns whose sums
/// make the checksum.
const GROUPBY = {
  groupby_sum_id1: [(x) => x.groupBy(['id1']).agg(col('v1').sum()), ['v1']],
  groupby_sum_id1_id2: [(x) => x.groupBy(['id1', 'id2']).agg(col('v1').sum()), ['v1']],
  groupby_sum_mean_id3: [(x) => x.groupBy(['id3']).agg(col('v1').sum(), col('v3').mean()), ['v1', 'v3']],
  groupby_mean_id4: [(x) => x.groupBy(['id4']).agg(col('v1').mean(), col('v2').mean(), col('v3').mean()),
    ['v1', 'v2', 'v3']],
  groupby_sum_id6: [(x) => x.groupBy(['id6']).agg(col('v1').sum(), col('v2').sum(), col('v3').sum()),
    ['v1', 'v2', 'v3']],
  groupby_median_sd_id4_id5: [
    (x) => x.groupBy(['id4', 'id5']).agg(col('v3').median().alias('median_v3'), col('v3').std().alias('sd_v3')),
    ['median_v3', 'sd_v3']],
  groupby_range_id3: [(x) => x.groupBy(['id3']).agg(col('v1').max().minus(col('v2').min()).alias('range_v1_v2')),
    ['range_v1_v2']],
  groupby_top2_id6: [
    (x) => x.select('id6', 'v3').dropNulls('v3').sort('v3', true).groupBy(['id6'])
      .agg(col('v3').head(2).alias('largest2_v3')).explode('largest2_v3'),
    ['largest2_v3']],
  groupby_r2_id2_id4: [(x) => x.groupBy(['id2', 'id4']).agg(pl.pearsonCorr('v1', 'v2').pow(2).alias('r2')), ['r2']],
  groupby_sum_count_all: [
    (x) => x.groupBy(['id1', 'id2', 'id3', 'id4', 'id5', 'id6']).agg(col('v3').sum().alias('v3'),
      col('v1').count().alias('count')),
    ['v3', 'count']],
};

/// Sum of the sorted key at every step-th row (strings "id<digits>" by their number).
function sortChecksum(frame, key) {
  let values = frame.getColumn(key).gatherEvery(sortChecksumStep(frame.height));
  if (key === 'id3') values = values.str.slice(2).cast(pl.Int64);
  return Number(values.sum() ?? 0);
}

async function runTask(task, state) {
  const emit = (timing, rows, checksum, fileBytes) =>
    emitResult({ engine: 'polars', version, task, threads, first: timing.first, best: timing.best, rows, checksum,
      fileBytes });
  const groupTable = () => {
    if (state.table === undefined) {
      state.table = readTable(csv);
      checkPoolSize();
    }
    return state.table;
  };

  if (task === 'csv_read') {
    const timing = await timeRepeated(repeat, () => readTable(csv));
    checkPoolSize();
    state.table = timing.result;  // later tasks reuse the loaded table
    return emit(timing, timing.result.height, sumColumns(timing.result, CSV_CHECKSUM_COLUMNS));
  }
  if (GROUPBY[task]) {
    const [query, columns] = GROUPBY[task];
    const x = groupTable();
    const timing = await timeRepeated(repeat, () => query(x));
    return emit(timing, timing.result.height, sumColumns(timing.result, columns));
  }
  if (JOIN_TASKS[task]) {
    const { right, on, how } = JOIN_TASKS[task];
    state.joinX ??= readTable(paths.joinX);
    const rightTable = readTable(paths.joinRight[right]);
    const timing = await timeRepeated(repeat, () => state.joinX.join(rightTable, { on, how }));
    return emit(timing, timing.result.height, sumColumns(timing.result, ['v1', 'v2']));
  }
  if (SORT_TASKS[task]) {
    const key = SORT_TASKS[task];
    const x = groupTable();
    const timing = await timeRepeated(repeat, () => x.sort({ by: key, nullsLast: true }));
    return emit(timing, timing.result.height, sortChecksum(timing.result, key));
  }
  if (task === 'parquet_write') {
    const x = groupTable();
    const output = paths.parquetOutput('polars');
    const timing = await timeRepeated(repeat, () => x.writeParquet(output, { compression: 'snappy' }));
    const written = pl.readParquet(output);
    const fileBytes = fs.statSync(output).size;
    fs.rmSync(output, { force: true });
    return emit(timing, written.height, sumColumns(written, CSV_CHECKSUM_COLUMNS), fileBytes);
  }
  if (task === 'parquet_read') {
    const timing = await timeRepeated(repeat, () => pl.readParquet(paths.parquet));
    return emit(timing, timing.result.height, sumColumns(timing.result, CSV_CHECKSUM_COLUMNS),
      fs.statSync(paths.parquet).size);
  }
  if (task === 'parquet_filter_glob') {
    const { maxId4, minV3, columns } = PARQUET_FILTER;
    const timing = await timeRepeated(repeat, () =>
      pl.scanParquet(paths.parquetGlob).filter(col('id4').ltEq(maxId4).and(col('v3').gtEq(minV3))).select(...columns)
        .collect());
    return emit(timing, timing.result.height, sumColumns(timing.result, ['v1', 'v3']));
  }
  throw new Error(`unhandled task ${task}`);
}

const state = {};
for (const task of tasks) await runTask(task, state);
