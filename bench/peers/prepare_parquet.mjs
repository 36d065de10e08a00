// Writes the Parquet copies of a group-by CSV that the Parquet tasks read:
// CSV with ".csv" replaced by ".parquet" (one file) and by ".parts/" (ten
// files part-0.parquet .. part-9.parquet of consecutive rows), with DuckDB
// as a neutral writer (snappy, its default row groups). Writes each file
// under a temporary name and renames it when complete.
//
//   node bench/peers/prepare_parquet.mjs CSV
import fs from 'node:fs';
import path from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';

import { dataPaths } from './task_runner.mjs';

const PARTS = 10;

const [csv] = process.argv.slice(2);
if (!csv) {
  process.stderr.write('usage: node bench/peers/prepare_parquet.mjs CSV\n');
  process.exit(2);
}
const paths = dataPaths(csv);
const literal = (text) => `'${text.replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`CREATE TABLE x AS SELECT * FROM read_csv(${literal(csv)})`);

async function copy(select, target) {
  const temporary = `${target}.partial`;
  await connection.run(`COPY (${select}) TO ${literal(temporary)} (FORMAT parquet, COMPRESSION snappy)`);
  fs.renameSync(temporary, target);
}

await copy('SELECT * FROM x', paths.parquet);
const partsDir = path.dirname(paths.parquetGlob);
fs.mkdirSync(partsDir, { recursive: true });
const reader = await connection.runAndReadAll('SELECT count(*) FROM x');
const rows = Number(reader.getRows()[0][0]);
for (let part = 0; part < PARTS; part++) {
  const begin = Math.floor((rows * part) / PARTS);
  const end = Math.floor((rows * (part + 1)) / PARTS);
  await copy(`SELECT * FROM x WHERE rowid >= ${begin} AND rowid < ${end} ORDER BY rowid`,
    path.join(partsDir, `part-${part}.parquet`));
}
console.log(`${paths.parquet}\n${paths.parquetGlob}`);
