// What the TPC-H peer programs share: the command line, timing and the
// output lines (the same contract as bench/tpch_bench.cpp):
//
//   node tpch_<engine>.mjs DATA_DIR THREADS REPEAT [q1,q2,...] [--answers DIR]
//
// prints per query {"engine","version","query","threads","first_s","best_s","rows","peak_rss_mb"}
// or {"engine","query","error"}.
import fs from 'node:fs';

export const ALL_QUERIES = Array.from({ length: 22 }, (_, i) => `q${i + 1}`);

export function parseTpchArguments(argv) {
  const positional = [];
  let answersDir = '';
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--answers') {
      answersDir = argv[i + 1];
      i += 1;
    } else {
      positional.push(argv[i]);
    }
  }
  if (positional.length < 3 || positional.length > 4 || answersDir === undefined) {
    throw new Error('usage: DATA_DIR THREADS REPEAT [q1,q2,...] [--answers DIR]');
  }
  const [dataDir, threadText, repeatText, queryText] = positional;
  const threads = Number(threadText);
  const repeat = Number(repeatText);
  if (!(threads >= 1) || !(repeat >= 1)) throw new Error('THREADS and REPEAT must be positive');
  const queries = queryText ? queryText.split(',').filter(Boolean) : ALL_QUERIES;
  for (const query of queries) {
    if (!ALL_QUERIES.includes(query)) throw new Error(`unknown query ${query}`);
  }
  const scaleFactor = Number(fs.readFileSync(`${dataDir}/scale_factor`, 'utf8').trim());
  return { dataDir, threads, repeat, queries, answersDir, scaleFactor };
}

/// Runs `body` `repeat` times; the first and the fastest wall time in seconds.
export async function timeRuns(repeat, body) {
  let first = 0;
  let best = Infinity;
  for (let run = 0; run < repeat; run += 1) {
    const start = process.hrtime.bigint();
    await body();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run === 0) first = seconds;
    best = Math.min(best, seconds);
  }
  return { first, best };
}

export function emitTiming(engine, version, query, threads, timing, rows) {
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({
    engine, version, query, threads, first_s: timing.first, best_s: timing.best, rows,
    peak_rss_mb: Math.round(peakRssMb * 10) / 10,
  }));
}

export function emitError(engine, query, error) {
  console.log(JSON.stringify({ engine, query, error: String(error?.stack ?? error) }));
}
