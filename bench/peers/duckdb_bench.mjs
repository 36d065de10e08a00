// DuckDB (@duckdb/node-api) side of the benchmark; see task_runner.mjs for
// the command-line contract and the output line. Tables live in an
// in-memory database; each group-by result is materialized as a table, as
// the H2O.ai benchmark does.
import { DuckDBInstance } from '@duckdb/node-api';

import { CSV_CHECKSUM_COLUMNS, GROUPBY_TASKS, emitResult, parseArguments, timeRepeated } from './task_runner.mjs';

const { csv, threads, repeat, tasks } = parseArguments(process.argv.slice(2));

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`SET threads = ${threads}`);

async function queryValues(sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows()[0];
}

const [version] = await queryValues('SELECT version()');
const [threadSetting] = await queryValues("SELECT current_setting('threads')");
if (Number(threadSetting) !== threads) {
  throw new Error(`DuckDB runs with ${threadSetting} threads, expected ${threads}`);
}

const csvLiteral = `'${csv.replaceAll("'", "''")}'`;

async function loadTable() {
  await connection.run(`CREATE OR REPLACE TABLE x AS SELECT * FROM read_csv(${csvLiteral})`);
}

/// Result rows and the sum of `columns` (nulls skipped), computed in SQL.
async function rowsAndChecksum(table, columns) {
  const sums = columns.map((column) => `coalesce(sum(${column}), 0)::DOUBLE`).join(' + ');
  const [rows, checksum] = await queryValues(`SELECT count(*)::DOUBLE, ${sums} FROM ${table}`);
  return { rows, checksum };
}

let loaded = false;
for (const task of tasks) {
  if (task === 'csv_read') {
    const drop = () => connection.run('DROP TABLE IF EXISTS x');
    const { first, best } = await timeRepeated(repeat, loadTable, drop);
    loaded = true;
    emitResult({
      engine: 'duckdb', version, task, threads, first, best,
      ...(await rowsAndChecksum('x', CSV_CHECKSUM_COLUMNS)),
    });
    continue;
  }
  if (!loaded) {
    await loadTable();
    loaded = true;
  }
  const { keys, aggs } = GROUPBY_TASKS[task];
  const selectList = [...keys, ...aggs.map(([column, func]) => `${func === 'mean' ? 'avg' : func}(${column}) AS ${column}`)];
  const query = `CREATE TABLE ans AS SELECT ${selectList.join(', ')} FROM x GROUP BY ${keys.join(', ')}`;
  const drop = () => connection.run('DROP TABLE IF EXISTS ans');
  const { first, best } = await timeRepeated(repeat, () => connection.run(query), drop);
  emitResult({
    engine: 'duckdb', version, task, threads, first, best,
    ...(await rowsAndChecksum('ans', aggs.map(([column]) => column))),
  });
  await drop();
}
