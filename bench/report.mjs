// Prints the benchmark results collected by scripts/bench.sh as one table per
// task and checks that every engine got the same answer. An engine may
// report a task as skipped (it cannot run it); that counts as neither a
// failure nor an answer.
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
  groupby_median_sd_id4_id5: 'median v3, sd v3 by id4, id5 (H2O q6: 10,000 integer groups)',
  groupby_range_id3: 'max v1 - min v2 by id3 (H2O q7: N/100 groups)',
  groupby_top2_id6: 'largest two v3 by id6 (H2O q8: N/100 groups, two rows each)',
  groupby_r2_id2_id4: 'r2 of v1, v2 by id2, id4 (H2O q9: 10,000 groups)',
  groupby_sum_count_all: 'sum v3, count v1 by id1..id6 (H2O q10: about N groups)',
  join_small_inner: 'x inner join small on id1 (H2O join q1: N/1e6 right rows)',
  join_medium_inner: 'x inner join medium on id2 (H2O join q2: N/1e3 right rows)',
  join_medium_left: 'x left join medium on id2 (H2O join q3)',
  join_medium_inner_str: 'x inner join medium on id5, a string key (H2O join q4)',
  join_big_inner: 'x inner join big on id3 (H2O join q5: N right rows)',
  sort_int: 'sort the table by id6 (integers, N/100 distinct)',
  sort_float: 'sort the table by v3 (floats, nearly all distinct)',
  sort_str: 'sort the table by id3 (strings, N/100 distinct)',
  parquet_write: 'write the table as one Parquet file (snappy)',
  parquet_read: 'read one Parquet file of the table',
  parquet_filter_glob: 'id1, id4, v1, v3 where id4 <= 10 and v3 >= 50 over a glob of 10 Parquet files',
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

/// Strata's engines (eager and lazy) are never peers of each other.
function isStrata(engine) {
  return engine === 'strata' || engine === 'strata_lazy';
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
  if (!isStrata(record.engine) && record.best_s === fastestPeer) return 'fastest';
  const ratio = record.best_s / fastestPeer;
  const verdict = ratio < 0.995 ? 'faster' : ratio > 1.005 ? 'slower' : 'same';
  return `${ratio.toFixed(2)}x ${verdict}`;
}

/// Four decimals: enough to see a real difference, few enough that
/// summation-order noise does not show.
function formatChecksum(checksum) {
  return checksum.toFixed(4).replace(/\.?0+$/, '');
}

/// A file size in MB (10^6 bytes) with one decimal, or '' when unknown.
function formatFileSize(bytes) {
  return bytes === undefined ? '' : (bytes / 1e6).toFixed(1);
}

/// One line of the closing summary: every engine's best time and Strata's
/// ratio to the fastest peer.
function summaryRow(task, engines, found, fastestPeer) {
  const times = found.map((record) => {
    if (record === undefined) return 'FAILED';
    if (record.skipped !== undefined) return 'skipped';
    return formatSeconds(record.best_s);
  });
  const ratioOf = (engine) => {
    const record = found[engines.indexOf(engine)];
    return record && record.skipped === undefined && fastestPeer ? (record.best_s / fastestPeer).toFixed(2) : '-';
  };
  const ratios = ['strata', 'strata_lazy'].filter((engine) => engines.includes(engine)).map(ratioOf);
  return [task, ...times, ...ratios];
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
  const summary = [];
  for (const task of tasks) {
    const found = engines.map((engine) => records.find((record) => record.engine === engine && record.task === task));
    const succeeded = found.filter((record) => record !== undefined && record.skipped === undefined);
    const peers = succeeded.filter((record) => !isStrata(record.engine));
    const fastestPeer = peers.length > 0 ? Math.min(...peers.map((record) => record.best_s)) : null;
    const agreed = new Set(consensus(succeeded));

    console.log(`\n${task}: ${TASK_DESCRIPTIONS[task] ?? ''}`);
    const rows = engines.map((engine, index) => {
      const record = found[index];
      if (record === undefined) {
        missing++;
        return [engine, '', 'FAILED', '', '', '', '', '', 'MISSING'];
      }
      if (record.skipped !== undefined) return [engine, String(record.version ?? ''), 'skipped', '', '', '', '', '', 'n/a'];
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
    const header = ['engine', 'version', 'first s', 'best s', 'vs fastest peer', 'peak MB', 'rows', 'checksum', 'answer'];
    // Parquet tasks also report the size of the file each engine wrote (or read).
    if (found.some((record) => record?.file_bytes !== undefined)) {
      header.push('file MB');
      rows.forEach((row, index) => row.push(formatFileSize(found[index]?.file_bytes)));
    }
    printTable(header, rows);
    summary.push(summaryRow(task, engines, found, fastestPeer));
  }

  console.log('\nSummary: best seconds per engine; the ratio is Strata over the fastest peer (below 1: Strata is faster)');
  const ratioTitles = ['strata', 'strata_lazy'].filter((engine) => engines.includes(engine)).map((e) => `${e} / fastest peer`);
  printTable(['task', ...engines, ...ratioTitles], summary);

  console.log('');
  if (missing > 0) console.log(`${missing} result(s) MISSING: an engine failed (see the .log next to ${path}).`);
  if (mismatches > 0) console.log(`${mismatches} result(s) DIFFER from the other engines' answer.`);
  if (missing === 0 && mismatches === 0) console.log('All engines agree on every answer.');
  process.exit(missing > 0 || mismatches > 0 ? 1 : 0);
}

main();
