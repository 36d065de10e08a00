// Prints the benchmark results collected by scripts/bench.sh as one table per
// task and checks that every engine got the same answer.
//
//   node bench/report.mjs RESULTS.jsonl ENGINE[,ENGINE...] TASK[,TASK...]
//
// RESULTS.jsonl holds the engines' result lines (see
// bench/peers/task_runner.mjs). Every listed engine must have a result for
// every listed task. Exits with 1 when one is missing (the engine failed) or
// when the engines' answers (result rows and checksum) differ, else 0.
import fs from 'node:fs';

const TASK_DESCRIPTIONS = {
  csv_read: 'read the whole CSV file into memory',
  groupby_sum_id1: 'sum v1 by id1 (H2O q1: 100 groups)',
  groupby_sum_id1_id2: 'sum v1 by id1, id2 (H2O q2: up to 10,000 groups)',
  groupby_sum_mean_id3: 'sum v1, mean v3 by id3 (H2O q3: N/100 groups)',
  groupby_mean_id4: 'mean v1, v2, v3 by id4 (H2O q4: 100 integer groups)',
  groupby_sum_id6: 'sum v1, v2, v3 by id6 (H2O q5: N/100 integer groups)',
};

/// Checksums are sums of floats computed in different orders by different
/// engines, so they agree to rounding, not to the last bit.
const RELATIVE_TOLERANCE = 1e-9;

function sameAnswer(a, b) {
  if (a.rows !== b.rows) return false;
  const scale = Math.max(Math.abs(a.checksum), Math.abs(b.checksum), 1);
  return Math.abs(a.checksum - b.checksum) <= RELATIVE_TOLERANCE * scale;
}

/// Splits the successful results into classes of equal answers and returns
/// the largest (ties go to the class seen first): the consensus answer.
function consensus(results) {
  const classes = [];
  for (const result of results) {
    const match = classes.find((members) => sameAnswer(members[0], result));
    if (match) match.push(result);
    else classes.push([result]);
  }
  return classes.reduce((best, members) => (members.length > best.length ? members : best), []);
}

function formatSeconds(seconds) {
  if (seconds >= 100) return seconds.toFixed(1);
  if (seconds >= 1) return seconds.toFixed(3);
  return seconds.toFixed(4);
}

/// The engine's best time over the fastest peer's: "0.85x faster" (below
/// 1 is faster than every peer), "1.30x slower", or "fastest" for that peer.
function formatComparison(record, fastestPeer) {
  if (fastestPeer === null || fastestPeer <= 0) return '-';
  if (record.engine !== 'strata' && record.best_s === fastestPeer) return 'fastest';
  const ratio = record.best_s / fastestPeer;
  const verdict = ratio < 0.995 ? 'faster' : ratio > 1.005 ? 'slower' : 'same';
  return `${ratio.toFixed(2)}x ${verdict}`;
}

/// Four decimals: enough to see a real difference, few enough that
/// summation-order noise does not show.
function formatChecksum(checksum) {
  return checksum.toFixed(4).replace(/\.?0+$/, '');
}

function printTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) =>
    `  ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')}`;
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function main() {
  const [path, engineList, taskList] = process.argv.slice(2);
  if (!path || !engineList || !taskList) {
    process.stderr.write('usage: node bench/report.mjs RESULTS.jsonl ENGINE[,ENGINE...] TASK[,TASK...]\n');
    process.exit(2);
  }
  const engines = engineList.split(',').filter(Boolean);
  const tasks = taskList.split(',').filter(Boolean);
  const records = fs
    .readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line));

  let missing = 0;
  let mismatches = 0;
  for (const task of tasks) {
    const found = engines.map((engine) => records.find((record) => record.engine === engine && record.task === task));
    const succeeded = found.filter((record) => record !== undefined);
    const peers = succeeded.filter((record) => record.engine !== 'strata');
    const fastestPeer = peers.length > 0 ? Math.min(...peers.map((record) => record.best_s)) : null;
    const agreed = new Set(consensus(succeeded));

    console.log(`\n${task}: ${TASK_DESCRIPTIONS[task] ?? ''}`);
    const rows = engines.map((engine, index) => {
      const record = found[index];
      if (record === undefined) {
        missing++;
        return [engine, '', 'FAILED', '', '', '', '', '', 'MISSING'];
      }
      const agrees = agreed.has(record);
      if (!agrees) mismatches++;
      return [
        record.engine,
        String(record.version ?? ''),
        formatSeconds(record.first_s),
        formatSeconds(record.best_s),
        formatComparison(record, fastestPeer),
        record.peak_rss_mb.toFixed(0),
        String(record.rows),
        formatChecksum(record.checksum),
        agrees ? 'ok' : 'DIFFERS',
      ];
    });
    printTable(['engine', 'version', 'first s', 'best s', 'vs fastest peer', 'peak MB', 'rows', 'checksum', 'answer'], rows);
  }

  console.log('');
  if (missing > 0) console.log(`${missing} result(s) MISSING: an engine failed (see the .log next to ${path}).`);
  if (mismatches > 0) console.log(`${mismatches} result(s) DIFFER from the other engines' answer.`);
  if (missing === 0 && mismatches === 0) console.log('All engines agree on every answer.');
  process.exit(missing > 0 || mismatches > 0 ? 1 : 0);
}

main();
