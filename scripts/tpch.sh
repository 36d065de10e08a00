#!/usr/bin/env bash
# TPC-H-shaped benchmark: Strata's lazy engine against DuckDB and Polars on
# the same Parquet tables, with every answer checked against DuckDB's.
#
#   scripts/tpch.sh                                  # SF 1, all 22 queries, 3 repetitions, all cores
#   scripts/tpch.sh --scale-factor 10 --threads 2 --queries q1,q6,q18
#   scripts/tpch.sh --smoke                          # SF 0.01, one repetition: seconds, for CI
#
# Installs what is missing (the npm peers in bench/peers), builds
# generate_tpch and tpch_bench in Release, generates the tables into
# bench/data/tpch-sf<N>/ when they are not there yet, runs each engine on
# each query in its own process (the smoke run: one process per engine),
# then prints one table and exits non-zero when an engine failed or an
# answer differs from DuckDB's. Raw result lines go to
# bench/data/results/tpch-sf<N>.jsonl and the answers to
# bench/data/results/tpch-sf<N>-answers/<engine>/<query>.csv. With
# STRATA_BENCH_LOCK=FILE the build, the generator and every engine run hold
# that lock (flock), so that builds taking the same lock cannot compete for
# the cores during the timings, yet can run between two queries.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "tpch.sh: $*" >&2; exit 1; }
# Runs "$@" holding $STRATA_BENCH_LOCK when it is set.
locked() {
  if [ -n "${STRATA_BENCH_LOCK:-}" ]; then flock "$STRATA_BENCH_LOCK" "$@"; else "$@"; fi
}

scale_factor=1
threads=$(nproc)
repeat=3
queries=$(echo q{1..22} | tr ' ' ,)
engines=strata,duckdb,polars
build_dir=${STRATA_BENCH_BUILD_DIR:-build/release}
smoke=false
query_timeout=900  # seconds per engine and query

while [ $# -gt 0 ]; do
  option=$1
  case $option in
    --smoke) smoke=true; shift; continue ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  esac
  [ $# -ge 2 ] || die "missing value after $option"
  value=$2
  shift 2
  case $option in
    --scale-factor) scale_factor=$value ;;
    --threads) threads=$value ;;
    --repeat) repeat=$value ;;
    --queries) queries=$value ;;
    --engines) engines=$value ;;
    --build-dir) build_dir=$value ;;
    *) die "unknown option $option (see --help)" ;;
  esac
done
if $smoke; then
  scale_factor=0.01
  repeat=1
fi
uses() { [[ ,$engines, == *,$1,* ]]; }
for engine in ${engines//,/ }; do
  case $engine in strata|duckdb|polars) ;; *) die "unknown engine '$engine'; engines: strata,duckdb,polars" ;; esac
done
uses duckdb || echo "tpch.sh: without duckdb the answers are not checked" >&2

# ---- Install missing peers

command -v node > /dev/null || die "Node.js is needed (for the DuckDB and Polars peers and the report)"
peers=bench/peers
if [ ! -f $peers/node_modules/.package-lock.json ] || [ $peers/package-lock.json -nt $peers/node_modules/.package-lock.json ]; then
  echo "==> installing the npm peers (bench/peers)"
  (cd $peers && npm ci --no-audit --no-fund --loglevel=error)
fi

# ---- Build (Release)

targets=(generate_tpch tpch_bench)
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  echo "==> configuring $build_dir (Release)"
  if [ "$build_dir" = build/release ]; then
    cmake --preset release > /dev/null
  else
    generator=()
    command -v ninja > /dev/null && generator=(-G Ninja)
    cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release > /dev/null
  fi
fi
echo "==> building ${targets[*]}"
locked cmake --build "$build_dir" -j 2 --target "${targets[@]}" > "$build_dir/tpch-build.log" 2>&1 || {
  tail -n 40 "$build_dir/tpch-build.log" >&2
  die "the build failed (full log: $build_dir/tpch-build.log)"
}

# ---- Data

data_dir=bench/data/tpch-sf$scale_factor
if [ ! -f "$data_dir/scale_factor" ]; then
  echo "==> generating TPC-H SF $scale_factor into $data_dir"
  start=$(date +%s%N)
  locked "$build_dir/bench/generate_tpch" --scale-factor "$scale_factor" --output-dir "$data_dir" > /dev/null
  elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '    %d.%03d s, %s\n' $((elapsed_ms / 1000)) $((elapsed_ms % 1000)) "$(du -sh "$data_dir" | cut -f1)"
fi

# ---- Run

results_dir=bench/data/results
mkdir -p "$results_dir"
results=$results_dir/tpch-sf$scale_factor.jsonl
answers=$results_dir/tpch-sf$scale_factor-answers
log=$results_dir/tpch-sf$scale_factor.log
rm -rf "$answers"
: > "$results"
: > "$log"

run_engine() {  # engine, comma-separated queries
  local engine=$1 list=$2 command
  case $engine in
    strata) command=("$build_dir/bench/tpch_bench") ;;
    duckdb) command=(node $peers/tpch_duckdb.mjs) ;;
    polars) command=(node $peers/tpch_polars.mjs) ;;
  esac
  # A failing or timed-out run leaves no line for its queries: the report
  # counts that as a failure.
  locked timeout "$query_timeout" "${command[@]}" "$data_dir" "$threads" "$repeat" "$list" --answers "$answers/$engine" \
    >> "$results" 2>> "$log" || echo "tpch.sh: $engine failed on $list (exit $?; see $log)" >&2
}

echo "==> SF $scale_factor, $threads threads, $repeat repetition(s), engines $engines"
if $smoke; then
  for engine in ${engines//,/ }; do run_engine "$engine" "$queries"; done
else
  for query in ${queries//,/ }; do
    for engine in ${engines//,/ }; do run_engine "$engine" "$query"; done
    printf '    %s done\n' "$query"
  done
fi

node $peers/tpch_report.mjs "$results" "$answers" "$queries" "$engines"
