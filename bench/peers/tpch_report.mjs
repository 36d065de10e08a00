// Checks the TPC-H answers of every engine against DuckDB's and prints the
// timing table (see bench/README.md, "TPC-H").
//
//   node tpch_report.mjs RESULTS.jsonl ANSWERS_DIR [q1,q2,...] [strata,duckdb,polars]
//
// RESULTS.jsonl holds the engines' output lines; ANSWERS_DIR/<engine>/<q>.csv
// their answers. Answers must have DuckDB's rows in DuckDB's order (every
// query with several rows has an ORDER BY), except that rows with equal
// ORDER BY keys may come in any order, and the same number of columns; cells compare as numbers when both are numbers (within a
// relative 1e-6 or an absolute 1e-2, as the engines add floats in different
// orders) and as exact text otherwise. Times are the best of the runs; peak
// MB is each process's peak resident memory. Exits 1 when an engine failed or an
// answer differs.
import fs from 'node:fs';

import { ALL_QUERIES } from './tpch_runner.mjs';

const REFERENCE = 'duckdb';
const ALL_ENGINES = ['strata', 'duckdb', 'polars'];

/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function sameCell(expected, actual) {
  if (expected === actual) return true;
  if (NUMBER.test(expected) && NUMBER.test(actual)) {
    const a = Number(expected);
    const b = Number(actual);
    const difference = Math.abs(a - b);
    return difference <= 1e-2 || difference <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
  }
  return false;
}

/// The columns (0-based) of each query's ORDER BY, in order. Rows whose
/// keys are equal may come in any order (q11 at SF 10 has parts of equal
/// value), so the check accepts any order within such a run of rows.
const ORDER_KEYS = {
  q1: [0, 1], q2: [0, 2, 1, 3], q3: [1, 2], q4: [0], q5: [1], q7: [0, 1, 2], q8: [0], q9: [0, 1], q10: [2],
  q11: [1], q12: [0], q13: [1, 0], q15: [0], q16: [3, 0, 1, 2], q18: [4, 3], q20: [0], q21: [1, 0], q22: [0],
};

const sameRow = (expected, actual) =>
  expected.length === actual.length && expected.every((cell, c) => sameCell(cell, actual[c]));

function describeDifference(expected, actual, r) {
  if (expected.length !== actual.length) return `row ${r + 1}: ${actual.length} columns, expected ${expected.length}`;
  const c = expected.findIndex((cell, i) => !sameCell(cell, actual[i]));
  return `row ${r + 1}, column ${c + 1}: ${JSON.stringify(actual[c])}, expected ${JSON.stringify(expected[c])}`;
}

/// The first difference between two answers, or '' when they agree.
export function compareAnswers(expectedText, actualText, orderKeys = []) {
  const expected = parseCsv(expectedText).slice(1);  // headers may name columns differently
  const actual = parseCsv(actualText).slice(1);
  if (expected.length !== actual.length) return `${actual.length} rows, expected ${expected.length}`;
  for (let begin = 0; begin < expected.length;) {
    // The run of rows whose order keys equal this row's.
    let end = begin + 1;
    const sameKeys = (a, b) => orderKeys.every((k) => sameCell(a[k] ?? '', b[k] ?? ''));
    while (end < expected.length && orderKeys.length > 0 && sameKeys(expected[begin], expected[end])) end += 1;
    const unused = new Set(Array.from({ length: end - begin }, (_, i) => begin + i));
    for (let r = begin; r < end; r += 1) {
      let match = unused.has(r) && sameRow(expected[r], actual[r]) ? r : -1;
      if (match < 0) match = [...unused].find((a) => sameRow(expected[r], actual[a])) ?? -1;
      if (match < 0) return describeDifference(expected[r], actual[r], r);
      unused.delete(match);
    }
    begin = end;
  }
  return '';
}

function main() {
  const [resultsFile, answersDir, queryText, engineText] = process.argv.slice(2);
  const queries = queryText ? queryText.split(',') : ALL_QUERIES;
  const engines = engineText ? engineText.split(',') : ALL_ENGINES;
  const results = new Map();  // "engine/query" -> line
  for (const line of fs.readFileSync(resultsFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const result = JSON.parse(line);
    results.set(`${result.engine}/${result.query}`, result);
  }
  const problems = [];
  const table = [];
  const ratios = [];
  const fmt = (seconds) => (seconds === undefined ? '–' : seconds.toFixed(3));
  for (const query of queries) {
    const best = {};
    const peak = {};
    for (const engine of engines) {
      const result = results.get(`${engine}/${query}`);
      if (!result) {
        problems.push(`${query} ${engine}: no result`);
      } else if (result.error) {
        problems.push(`${query} ${engine}: failed: ${result.error.split('\n')[0]}`);
      } else {
        best[engine] = result.best_s;
        peak[engine] = Math.round(result.peak_rss_mb);
      }
    }
    const referencePath = `${answersDir}/${REFERENCE}/${query}.csv`;
    const checks = [];
    if (fs.existsSync(referencePath)) {
      const reference = fs.readFileSync(referencePath, 'utf8');
      for (const engine of engines.filter((name) => name !== REFERENCE && best[name] !== undefined)) {
        const path = `${answersDir}/${engine}/${query}.csv`;
        const difference = fs.existsSync(path) ? compareAnswers(reference, fs.readFileSync(path, 'utf8'), ORDER_KEYS[query]) : 'no answer file';
        if (difference) {
          problems.push(`${query} ${engine}: answer differs from DuckDB's: ${difference}`);
          checks.push(`${engine} differs`);
        }
      }
    }
    const peers = ['duckdb', 'polars'].map((engine) => best[engine]).filter((value) => value !== undefined);
    const fastestPeer = peers.length ? Math.min(...peers) : undefined;
    let ratio = '–';
    if (best.strata !== undefined && fastestPeer !== undefined) {
      const value = best.strata / fastestPeer;
      ratios.push(value);
      ratio = value.toFixed(2);
    }
    const peaks = ALL_ENGINES.map((engine) => peak[engine] ?? '–').join(' / ');
    table.push([query, fmt(best.strata), fmt(best.duckdb), fmt(best.polars), ratio, peaks,
      checks.length ? checks.join(', ') : 'ok']);
  }
  const geomean = ratios.length ? Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length) : NaN;
  const sums = ALL_ENGINES.map((engine) => queries.reduce((sum, q) => sum + (results.get(`${engine}/${q}`)?.best_s ?? 0), 0));
  console.log('| query | Strata s | DuckDB s | Polars s | Strata / fastest peer | peak MB Strata / DuckDB / Polars | answers |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of table) console.log(`| ${row.join(' | ')} |`);
  console.log(`| total | ${sums.map((s) => s.toFixed(3)).join(' | ')} | geometric mean ${geomean.toFixed(2)} | | |`);
  if (problems.length) {
    console.log(`\n${problems.length} problem(s):`);
    for (const problem of problems) console.log(`  ${problem}`);
    process.exitCode = 1;
  } else {
    console.log('\nAll answers agree with DuckDB\'s.');
  }
}

main();
