// DuckDB (@duckdb/node-api) side of the benchmark; see task_runner.mjs for
// the command-line contract and the output line. Tables live in an
// in-memory database; every result is materialized as a table (CREATE
// TABLE ans AS ...), as the H2O.ai benchmark does.
import fs from 'node:fs';

import { DuckDBInstance } from '@duckdb/node-api';

import {
  CSV_CHECKSUM_COLUMNS, JOIN_COLUMNS, JOIN_TASKS, PARQUET_FILTER, SORT_TASKS, dataPaths, emitResult, parseArguments,
  sortChecksumStep, timeRepeated,
} from './task_runner.mjs';

const { csv, threads, repeat, tasks } = parseArguments(process.argv.slice(2));
const paths = dataPaths(csv);

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`SET threads = ${threads}`);
// Sorted results keep their order in the table (the sort checksum reads rowid).
await connection.run('SET preserve_insertion_order = true');

async function queryValues(sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows()[0];
}

const [version] = await queryValues('SELECT version()');
const [threadSetting] = await queryValues("SELECT current_setting('threads')");
if (Number(threadSetting) !== threads) {
  throw new Error(`DuckDB runs with ${threadSetting} threads, expected ${threads}`);
}

const literal = (text) => `'${text.replaceAll("'", "''")}'`;

async function loadTable(name, file) {
  await connection.run(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM read_csv(${literal(file)})`);
}

/// Result rows and the sum of `columns` (nulls and NaN skipped), computed in SQL.
async function rowsAndChecksum(table, columns) {
  const sums = columns
    .map((column) => `coalesce(sum(CASE WHEN isnan(${column}::DOUBLE) THEN NULL ELSE ${column} END), 0)::DOUBLE`)
    .join(' + ');
  const [rows, checksum] = await queryValues(`SELECT count(*)::DOUBLE, ${sums} FROM ${table}`);
  return { rows, checksum };
}

/// The H2O group-by questions as SQL over table x, and the result columns
/// whose sums make the checksum.
const GROUPBY = {
  groupby_sum_id1: ['SELECT id1, sum(v1) AS v1 FROM x GROUP BY id1', ['v1']],
  groupby_sum_id1_id2: ['SELECT id1, id2, sum(v1) AS v1 FROM x GROUP BY id1, id2', ['v1']],
  groupby_sum_mean_id3: ['SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM x GROUP BY id3', ['v1', 'v3']],
  groupby_mean_id4: ['SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4', ['v1', 'v2', 'v3']],
  groupby_sum_id6: ['SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM x GROUP BY id6', ['v1', 'v2', 'v3']],
  groupby_median_sd_id4_id5: [
    'SELECT id4, id5, median(v3) AS median_v3, stddev(v3) AS sd_v3 FROM x GROUP BY id4, id5', ['median_v3', 'sd_v3']],
  groupby_range_id3: ['SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3', ['range_v1_v2']],
  groupby_top2_id6: [
    'SELECT id6, largest2_v3 FROM (SELECT id6, v3 AS largest2_v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 ' +
      'DESC) AS order_v3 FROM x WHERE v3 IS NOT NULL) sub_query WHERE order_v3 <= 2',
    ['largest2_v3']],
  groupby_r2_id2_id4: ['SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4', ['r2']],
  groupby_sum_count_all: [
    'SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(v1) AS count FROM x GROUP BY id1, id2, id3, id4, id5, id6',
    ['v3', 'count']],
};

/// x joined with a right table; the right table's non-key columns that
/// clash with x's get the suffix "_right", as in Polars.
function joinQuery({ right, on, how }) {
  const rightColumns = JOIN_COLUMNS[right]
    .filter((column) => column !== on)
    .map((column) => (JOIN_COLUMNS.x.includes(column) ? `r.${column} AS ${column}_right` : `r.${column}`));
  const type = how === 'left' ? 'LEFT JOIN' : 'JOIN';
  return `SELECT x.*, ${rightColumns.join(', ')} FROM x ${type} ${right} r ON x.${on} = r.${on}`;
}

/// Sum of the sorted key at every step-th row (strings "id<digits>" by their number).
async function sortChecksum(key, rows) {
  const value = key === 'id3' ? 'CAST(substr(id3, 3) AS BIGINT)' : key;
  const [checksum] = await queryValues(
    `SELECT coalesce(sum(${value}), 0)::DOUBLE FROM ans WHERE rowid % ${sortChecksumStep(rows)} = 0`);
  return checksum;
}

const drop = () => connection.run('DROP TABLE IF EXISTS ans');

/// Times `sql` materialized as table ans; returns the timing (ans is kept).
async function timeQuery(sql) {
  const timing = await timeRepeated(repeat, () => connection.run(`CREATE TABLE ans AS ${sql}`), drop);
  return timing;
}

async function runTask(task, state) {
  const emit = (timing, values) =>
    emitResult({ engine: 'duckdb', version, task, threads, first: timing.first, best: timing.best, ...values });
  const groupTable = async () => {
    if (!state.loaded) await loadTable('x', csv);
    state.loaded = true;
  };

  if (task === 'csv_read') {
    const timing = await timeRepeated(repeat, () => loadTable('x', csv), () => connection.run('DROP TABLE IF EXISTS x'));
    state.loaded = true;
    return emit(timing, await rowsAndChecksum('x', CSV_CHECKSUM_COLUMNS));
  }
  if (GROUPBY[task]) {
    const [sql, columns] = GROUPBY[task];
    await groupTable();
    const timing = await timeQuery(sql);
    emit(timing, await rowsAndChecksum('ans', columns));
    return drop();
  }
  if (JOIN_TASKS[task]) {
    const join = JOIN_TASKS[task];
    if (!state.joinLoaded) {
      // The join's x replaces the group-by table of the same name.
      await loadTable('x', paths.joinX);
      state.joinLoaded = true;
      state.loaded = false;
    }
    await loadTable(join.right, paths.joinRight[join.right]);
    const timing = await timeQuery(joinQuery(join));
    emit(timing, await rowsAndChecksum('ans', ['v1', 'v2']));
    return drop();
  }
  if (SORT_TASKS[task]) {
    const key = SORT_TASKS[task];
    await groupTable();
    const timing = await timeQuery(`SELECT * FROM x ORDER BY ${key} NULLS LAST`);
    const [rows] = await queryValues('SELECT count(*)::DOUBLE FROM ans');
    emit(timing, { rows, checksum: await sortChecksum(key, rows) });
    return drop();
  }
  if (task === 'parquet_write') {
    await groupTable();
    const output = paths.parquetOutput('duckdb');
    const timing = await timeRepeated(repeat, () =>
      connection.run(`COPY x TO ${literal(output)} (FORMAT parquet, COMPRESSION snappy)`));
    await connection.run(`CREATE TABLE ans AS SELECT * FROM read_parquet(${literal(output)})`);
    const fileBytes = fs.statSync(output).size;
    fs.rmSync(output, { force: true });
    emit(timing, { ...(await rowsAndChecksum('ans', CSV_CHECKSUM_COLUMNS)), fileBytes });
    return drop();
  }
  if (task === 'parquet_read') {
    const timing = await timeQuery(`SELECT * FROM read_parquet(${literal(paths.parquet)})`);
    emit(timing, { ...(await rowsAndChecksum('ans', CSV_CHECKSUM_COLUMNS)), fileBytes: fs.statSync(paths.parquet).size });
    return drop();
  }
  if (task === 'parquet_filter_glob') {
    const { maxId4, minV3, columns } = PARQUET_FILTER;
    const timing = await timeQuery(
      `SELECT ${columns.join(', ')} FROM read_parquet(${literal(paths.parquetGlob)}) WHERE id4 <= ${maxId4} AND ` +
        `v3 >= ${minV3}`);
    emit(timing, await rowsAndChecksum('ans', ['v1', 'v3']));
    return drop();
  }
  throw new Error(`unhandled task ${task}`);
}

const state = {};
for (const task of tasks) await runTask(task, state);
