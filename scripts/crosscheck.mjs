// Computes the expected answers of the cross-check cases with DuckDB.
//
//   node scripts/crosscheck.mjs          write tests/data/crosscheck/expected/*.csv
//   node scripts/crosscheck.mjs --check  fail when a committed answer differs
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
console.log(`${cases.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
