// Computes the expected answers of the cross-check cases with DuckDB.
//
//   node scripts/crosscheck.mjs          write tests/data/crosscheck/expected/*.csv
//   node scripts/crosscheck.mjs --check  fail when a committed answer differs
//
// Every run also asks Polars the questions it can answer in its own API
// and checks that it agrees with DuckDB's committed answer, so each of
// those answers is confirmed by two independent engines.
//
// DuckDB comes from bench/peers (npm ci there first, or run scripts/bench.sh
// once); it is a reference for tests, never a runtime dependency.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const caseDir = path.join(root, 'tests/data/crosscheck');
const requireFromPeers = createRequire(path.join(root, 'bench/peers/package.json'));
const { DuckDBInstance } = await import(pathToFileURL(requireFromPeers.resolve('@duckdb/node-api')).href);

const check = process.argv.includes('--check');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
for (const table of ['people', 'depts']) {
  const file = path.join(caseDir, `${table}.csv`);
  await connection.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${file}', header = true)`);
}

const sql = fs.readFileSync(path.join(caseDir, 'cases.sql'), 'utf8');
const cases = [...sql.matchAll(/^-- case: (\S+)\n([\s\S]*?;)/gm)].map((m) => ({ name: m[1], query: m[2] }));
if (cases.length === 0) throw new Error('no cases found in cases.sql');

let failures = 0;
for (const { name, query } of cases) {
  const target = path.join(caseDir, 'expected', `${name}.csv`);
  const temporary = `${target}.tmp`;
  await connection.run(`COPY (${query.replace(/;\s*$/, '')}) TO '${temporary}' (HEADER, DELIMITER ',')`);
  const fresh = fs.readFileSync(temporary, 'utf8');
  if (check) {
    fs.unlinkSync(temporary);
    const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    if (committed !== fresh) {
      console.error(`MISMATCH ${name}: DuckDB's answer differs from ${path.relative(root, target)}`);
      failures++;
    } else {
      console.log(`ok ${name}`);
    }
  } else {
    fs.renameSync(temporary, target);
    console.log(`wrote ${path.relative(root, target)}`);
  }
}
// ---- Polars' answers to the same questions ----------------------------------
const pl = requireFromPeers('nodejs-polars');
const people = pl.readCSV(path.join(caseDir, 'people.csv'));
const depts = pl.readCSV(path.join(caseDir, 'depts.csv'));
const c = pl.col;
const polarsCases = {
  filter_project: () => people.filter(c('salary').gt(50000))
      .select(c('id'), c('name'), c('salary').mul(2).alias('double_salary')).sort('id'),
  groupby_aggregates: () => people.groupBy('dept').agg(
      c('salary').sum().alias('total'), c('salary').mean().alias('mean'), c('salary').min().alias('low'),
      c('salary').max().alias('high'), c('salary').count().alias('n'), pl.len().alias('rows'),
      c('salary').median().alias('med'), c('salary').std().alias('sd'), c('salary').var().alias('var'),
      c('salary').quantile(0.25, 'linear').alias('q25')).sort('dept', false, true),
  groupby_two_keys_nunique: () => people.groupBy(['dept', 'salary']).agg(
      pl.len().alias('rows'), c('bonus').nUnique().alias('bonus_n_unique'),
      c('name').first().alias('first_name'), c('name').last().alias('last_name'))
      .sort(['dept', 'salary'], false, true),
  sort_multi_key: () => people.select('id', 'dept', 'salary').sort(['dept', 'salary', 'id'], [true, false, false], true),
  join_inner: () => people.join(depts, { on: 'dept' }).select('id', 'name', 'dept', 'floor').sort('id'),
  join_left: () => people.join(depts, { on: 'dept', how: 'left' }).select('id', 'dept', 'floor', 'head').sort('id'),
  unique_depts: () => people.select('dept').unique().sort('dept', false, true),
};

// Values are compared as numbers when both parse as numbers, else as text.
const same = (a, b) => {
  if (a === b) return true;
  const x = Number(a), y = Number(b);
  return a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y) &&
         Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
};
const rowsOf = (text) => text.trim().split('\n').map((line) => line.split(','));
let polarsChecked = 0;
for (const [name, run] of Object.entries(polarsCases)) {
  const polarsText = run().writeCSV().toString();
  const expected = fs.readFileSync(path.join(caseDir, 'expected', `${name}.csv`), 'utf8');
  const got = rowsOf(polarsText), want = rowsOf(expected);
  const agrees = got.length === want.length &&
      got.every((row, r) => row.length === want[r].length && row.every((v, k) => same(v, want[r][k])));
  if (!agrees) {
    console.error(`MISMATCH ${name}: Polars disagrees with DuckDB\n--- polars\n${polarsText}--- duckdb\n${expected}`);
    failures++;
  } else {
    polarsChecked++;
  }
}
console.log(`Polars agrees with DuckDB on ${polarsChecked} of ${Object.keys(polarsCases).length} cases`);
console.log(`${cases.length + Object.keys(polarsCases).length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
