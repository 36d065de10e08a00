// Checks that Strata's Parquet reader and writer interoperate with DuckDB and
// Polars, both ways, and optionally measures throughput against them.
//
//   node scripts/parquet-interop.mjs [--tool PATH] [--rows N]   interop checks
//   node scripts/parquet-interop.mjs --conformance               + parquet-testing vs DuckDB
//   node scripts/parquet-interop.mjs --bench [--bench-rows N]    throughput table
//
// The Strata side is tools/parquet_tool (default: build/release/tools, then
// build-parquet/tools). Peers come from bench/peers (npm ci there first);
// they are references, never runtime dependencies of Strata.
//
// Interop checks. DuckDB generates a table with integers, floats, unicode
// strings, booleans, dates, timestamps and decimals, all with nulls.
//   peers -> Strata: DuckDB and Polars write it with default and non-default
//     settings (codecs, no dictionary, small row groups, format v2); Strata
//     converts each file to CSV and DuckDB compares that CSV, cast to the
//     file's column types, with the file (EXCEPT ALL both ways).
//   Strata -> peers: Strata writes the table (from DuckDB's CSV) with every
//     codec and option; DuckDB and Polars read each file and DuckDB compares
//     the values with the source table.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromPeers = createRequire(path.join(root, 'bench/peers/package.json'));
const { DuckDBInstance } = await import(pathToFileURL(requireFromPeers.resolve('@duckdb/node-api')).href);
const { default: pl } = await import(pathToFileURL(requireFromPeers.resolve('nodejs-polars')).href);

function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}
const flag = (name) => process.argv.includes(name);

const tool =
  argument('--tool') ??
  ['build/release/tools/parquet_tool', 'build-parquet-rel/tools/parquet_tool', 'build-parquet/tools/parquet_tool']
    .map((candidate) => path.join(root, candidate))
    .find((candidate) => fs.existsSync(candidate));
if (!tool) throw new Error('parquet_tool not found; build it (target parquet_tool) or pass --tool');
const rows = Number(argument('--rows', '20000'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-parquet-interop-'));
const file = (name) => path.join(work, name);

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const sql = async (query) => (await connection.runAndReadAll(query)).getRowsJson();
const quote = (text) => `'${text.replaceAll("'", "''")}'`;

function strata(...args) {
  return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let failures = 0;
function report(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures++;
}

/// Column names and DuckDB types of a query's result.
async function columnsOf(query) {
  return (await sql(`DESCRIBE ${query}`)).map(([name, type]) => ({ name, type }));
}

/// Rows that differ between two queries with the same columns (both ways).
async function differences(left, right) {
  const [[a]] = await sql(`SELECT count(*) FROM ((${left}) EXCEPT ALL (${right}))`);
  const [[b]] = await sql(`SELECT count(*) FROM ((${right}) EXCEPT ALL (${left}))`);
  return Number(a) + Number(b);
}

/// A query over a CSV written by Strata or Polars, cast to `columns`' types.
function csvAs(csvPath, columns) {
  const casts = columns.map(({ name, type }) => `CAST("${name}" AS ${type}) AS "${name}"`).join(', ');
  return `SELECT ${casts} FROM read_csv(${quote(csvPath)}, header = true, all_varchar = true)`;
}

/// Strata reads `parquetPath` (written by a peer); compare with DuckDB's reading.
async function checkStrataReads(label, parquetPath) {
  const csvPath = `${parquetPath}.strata.csv`;
  try {
    strata('to-csv', parquetPath, csvPath);
  } catch (error) {
    report(false, `Strata reads ${label}`, String(error.stderr || error.message).trim());
    return;
  }
  const fileQuery = `SELECT * FROM read_parquet(${quote(parquetPath)})`;
  const columns = await columnsOf(fileQuery);
  const diff = await differences(fileQuery, csvAs(csvPath, columns));
  report(diff === 0, `Strata reads ${label}`, diff ? `${diff} rows differ` : `${columns.length} columns`);
}

// ---- The source table --------------------------------------------------------

async function createSource(count) {
  await sql(`CREATE OR REPLACE TABLE source AS
    SELECT i::BIGINT AS id,
      CASE WHEN i % 13 = 0 THEN NULL ELSE ((i * 7919) % 100000 - 50000)::BIGINT END AS int_value,
      CASE WHEN i % 17 = 0 THEN NULL ELSE i / 7.0 END AS float_value,
      CASE WHEN i % 11 = 0 THEN NULL WHEN i % 3 = 0 THEN 'ünïcødé ✓ ' || (i % 50)
           ELSE 'value number ' || (i % 1000) END AS text,
      CASE WHEN i % 19 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
      CASE WHEN i % 23 = 0 THEN NULL ELSE DATE '2000-01-01' + (i % 10000)::INTEGER END AS day,
      CASE WHEN i % 29 = 0 THEN NULL ELSE TIMESTAMP '2020-01-01' + to_microseconds(i * 1234567) END AS moment,
      CASE WHEN i % 31 = 0 THEN NULL ELSE (i * 1.001)::DECIMAL(12, 3) END AS amount
    FROM range(${count}) t(i)`);
}

// ---- Peers -> Strata ---------------------------------------------------------

async function peersToStrata() {
  const duckdbVariants = {
    'duckdb default (snappy)': '',
    'duckdb zstd': ', COMPRESSION zstd',
    'duckdb uncompressed, row groups of 1000': ', COMPRESSION uncompressed, ROW_GROUP_SIZE 1000',
    'duckdb gzip': ', COMPRESSION gzip',
    'duckdb format v2 (delta encodings, data page v2)': ', PARQUET_VERSION v2',
    'duckdb lz4_raw': ', COMPRESSION lz4_raw',
    'duckdb brotli': ', COMPRESSION brotli',
  };
  let n = 0;
  for (const [label, options] of Object.entries(duckdbVariants)) {
    const target = file(`duckdb_${n++}.parquet`);
    await sql(`COPY source TO ${quote(target)} (FORMAT parquet${options})`);
    await checkStrataReads(label, target);
  }
  // nodejs-polars 0.25's writeParquet takes only a codec (no row group size,
  // statistics or dictionary settings), so the Polars files vary the codec.
  const frame = pl.readParquet(file('duckdb_0.parquet'));
  for (const compression of ['zstd', 'snappy', 'uncompressed', 'gzip', 'lz4', 'brotli']) {
    const target = file(`polars_${compression}.parquet`);
    frame.writeParquet(target, { compression });
    await checkStrataReads(`polars ${compression}${compression === 'zstd' ? ' (default)' : ''}`, target);
  }
}

// ---- Strata -> peers ---------------------------------------------------------

async function strataToPeers() {
  const sourceCsv = file('source.csv');
  await sql(`COPY source TO ${quote(sourceCsv)} (HEADER)`);
  const columns = await columnsOf('SELECT * FROM source');
  const variants = {
    'snappy (default)': [],
    zstd: ['--codec', 'zstd', '--level', '5'],
    gzip: ['--codec', 'gzip'],
    uncompressed: ['--codec', 'none'],
    lz4_raw: ['--codec', 'lz4'],
    brotli: ['--codec', 'brotli'],
    'no dictionary, page checksums': ['--no-dictionary', '--page-checksums'],
    'row groups of 777, pages of 2 KiB': ['--row-group-size', '777', '--page-size', '2048'],
  };
  let n = 0;
  for (const [label, options] of Object.entries(variants)) {
    const target = file(`strata_${n++}.parquet`);
    try {
      execFileSync(tool, ['from-csv', sourceCsv, target, ...options], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      report(false, `Strata writes ${label}`, String(error.stderr || error.message).trim());
      continue;
    }
    // DuckDB reads Strata's file.
    const casts = columns.map(({ name, type }) => `CAST("${name}" AS ${type}) AS "${name}"`).join(', ');
    const diff = await differences('SELECT * FROM source', `SELECT ${casts} FROM read_parquet(${quote(target)})`);
    report(diff === 0, `DuckDB reads Strata ${label}`, diff ? `${diff} rows differ` : '');
    // Polars reads Strata's file.
    try {
      const polarsCsv = `${target}.polars.csv`;
      pl.readParquet(target).writeCSV(polarsCsv);
      const polarsDiff = await differences('SELECT * FROM source', csvAs(polarsCsv, columns));
      report(polarsDiff === 0, `Polars reads Strata ${label}`, polarsDiff ? `${polarsDiff} rows differ` : '');
    } catch (error) {
      report(false, `Polars reads Strata ${label}`, String(error.message).split('\n')[0]);
    }
  }
}

// ---- parquet-testing vs DuckDB ---------------------------------------------

async function conformance() {
  const directory = process.env.STRATA_PARQUET_TESTING_DIR ?? path.join(root, '..', 'shared/data/parquet-testing');
  const data = path.join(directory, 'data');
  if (!fs.existsSync(data)) {
    console.log(`skip conformance: ${data} not found (set STRATA_PARQUET_TESTING_DIR)`);
    return;
  }
  for (const name of fs.readdirSync(data).filter((f) => f.endsWith('.parquet')).sort()) {
    const source = path.join(data, name);
    if (name === 'int96_from_spark.parquet') {
      // Values beyond the nanosecond range wrap differently in DuckDB; the
      // documented values are checked in parquet_conformance_test.cpp.
      console.log(`skip ${name}: out-of-range INT96 values wrap differently in DuckDB`);
      continue;
    }
    let columns;
    try {
      columns = await columnsOf(`SELECT * FROM read_parquet(${quote(source)})`);
    } catch {
      console.log(`skip ${name}: DuckDB cannot read it`);
      continue;
    }
    // CSV holds only flat columns; binary columns print differently.
    if (columns.some(({ type }) => /\[\]|STRUCT|MAP|BLOB|UNION|INTERVAL|UUID|TIME WITH/.test(type))) {
      console.log(`skip ${name}: nested or binary columns`);
      continue;
    }
    const csvPath = file(`${name}.csv`);
    try {
      strata('to-csv', source, csvPath, '--int96-unit', 'us');
    } catch (error) {
      console.log(`skip ${name}: Strata refuses it: ${String(error.stderr).trim().slice(0, 160)}`);
      continue;
    }
    let diff;
    try {
      diff = await differences(`SELECT * FROM read_parquet(${quote(source)})`, csvAs(csvPath, columns));
    } catch (error) {
      console.log(`skip ${name}: DuckDB cannot read it: ${String(error.message).split('\n')[0].slice(0, 120)}`);
      continue;
    }
    report(diff === 0, `parquet-testing ${name} matches DuckDB`, diff ? `${diff} rows differ` : '');
  }
}

// ---- Throughput --------------------------------------------------------------

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function best(times) {
  return Math.min(...times);
}

async function bench() {
  const count = Number(argument('--bench-rows', '10000000'));
  const repeat = Number(argument('--repeat', '3'));
  console.log(`\nthroughput: ${count} rows (i64, f64, str, i64 with nulls), ${os.cpus().length} cores, best of ${repeat}`);
  await sql(`CREATE OR REPLACE TABLE bench AS
    SELECT i::BIGINT AS id,
      CASE WHEN i % 10 = 0 THEN NULL ELSE (hash(i) % 1000000)::BIGINT END AS int_value,
      CASE WHEN i % 7 = 0 THEN NULL ELSE (hash(i * 3) % 100000) / 100.0 END AS float_value,
      CASE WHEN i % 9 = 0 THEN NULL ELSE 'customer-' || (hash(i * 5) % 50000)::VARCHAR END AS text
    FROM range(${count}) t(i)`);
  const results = [];
  for (const codec of ['snappy', 'zstd']) {
    const duckPath = file(`bench_duckdb_${codec}.parquet`);
    const polarsPath = file(`bench_polars_${codec}.parquet`);
    const strataPath = file(`bench_strata_${codec}.parquet`);
    // Writes, from each engine's in-memory table.
    const duckWrite = [];
    for (let r = 0; r < repeat; r++) {
      const start = process.hrtime.bigint();
      await sql(`COPY bench TO ${quote(duckPath)} (FORMAT parquet, COMPRESSION ${codec})`);
      duckWrite.push(seconds(start));
    }
    const frame = pl.readParquet(duckPath);
    const polarsWrite = [];
    for (let r = 0; r < repeat; r++) {
      const start = process.hrtime.bigint();
      frame.writeParquet(polarsPath, { compression: codec });
      polarsWrite.push(seconds(start));
    }
    // parquet_tool times the write of an in-memory table (read excluded),
    // to a file: temporary file, fsync, rename.
    const strataWrite = [];
    for (let r = 0; r < repeat; r++) {
      const run = spawnSync(tool, ['copy', duckPath, strataPath, '--codec', codec], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`parquet_tool copy failed: ${run.stderr}`);
      strataWrite.push(Number(/write seconds=([0-9.e-]+)/.exec(run.stderr)[1]));
    }
    // The same encode into memory: the write without file I/O and fsync.
    const encode = strata('time-write', duckPath, '--repeat', String(repeat), '--codec', codec);
    const strataEncode = Number(/seconds=([0-9.e-]+)/.exec(encode)[1]);
    // Reads: every engine reads every engine's file.
    for (const [writer, target] of [['duckdb', duckPath], ['polars', polarsPath], ['strata', strataPath]]) {
      const duckRead = [];
      for (let r = 0; r < repeat; r++) {
        const start = process.hrtime.bigint();
        await sql(`CREATE OR REPLACE TABLE loaded AS SELECT * FROM read_parquet(${quote(target)})`);
        duckRead.push(seconds(start));
      }
      const polarsRead = [];
      for (let r = 0; r < repeat; r++) {
        const start = process.hrtime.bigint();
        const loaded = pl.readParquet(target);
        polarsRead.push(seconds(start));
        if (loaded.height !== count) throw new Error(`Polars read ${loaded.height} rows from ${target}`);
      }
      const timing = strata('time-read', target, '--repeat', String(repeat));
      const strataRead = Number(/seconds=([0-9.e-]+)/.exec(timing)[1]);
      results.push({
        codec,
        file: writer,
        size: fs.statSync(target).size,
        read: { duckdb: best(duckRead), polars: best(polarsRead), strata: strataRead },
      });
    }
    const sized = (target) => (fs.statSync(target).size / 1e6).toFixed(1);
    console.log(`\n${codec}: write seconds (file MB)`);
    console.log(`  duckdb ${best(duckWrite).toFixed(3)} (${sized(duckPath)} MB)`);
    console.log(`  polars ${best(polarsWrite).toFixed(3)} (${sized(polarsPath)} MB)`);
    console.log(`  strata ${best(strataWrite).toFixed(3)} (${sized(strataPath)} MB; includes fsync before the atomic rename)`);
    console.log(`  strata ${strataEncode.toFixed(3)} encoding into memory (no file I/O)`);
  }
  console.log('\nread seconds: rows = file written by, columns = reader');
  console.log('codec   file     MB      duckdb  polars  strata  strata/duckdb  strata/polars');
  for (const r of results) {
    console.log(
      `${r.codec.padEnd(7)} ${r.file.padEnd(8)} ${(r.size / 1e6).toFixed(1).padStart(6)}  ${r.read.duckdb.toFixed(3)}   ${r.read.polars.toFixed(3)}   ${r.read.strata.toFixed(3)}   ${(r.read.strata / r.read.duckdb).toFixed(2).padStart(6)}         ${(r.read.strata / r.read.polars).toFixed(2)}`,
    );
  }
}

// ---- Main ------------------------------------------------------------------------

console.log(`Strata: ${tool}\nwork directory: ${work}`);
if (!flag('--bench') || flag('--check')) {
  await createSource(rows);
  await peersToStrata();
  await strataToPeers();
  if (flag('--conformance')) await conformance();
  console.log(`${failures === 0 ? 'all interop checks passed' : `${failures} interop checks failed`}`);
}
if (flag('--bench')) await bench();
fs.rmSync(work, { recursive: true, force: true });
process.exit(failures ? 1 : 0);
