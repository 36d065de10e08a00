#!/usr/bin/env bash
# Benchmarks Strata against Polars, DuckDB, pandas and Dask on the H2O.ai
# db-benchmark group-by and join data (plus sorting and Parquet input and
# output), in one run, and prints a table per task and a summary.
#
#   scripts/bench.sh [--rows 1e6|1e7] [--threads N] [--tasks a,b] [--repeat R]
#                    [--engines strata,strata_lazy,polars,duckdb,pandas,dask] [--nulls-percent P]
#                    [--sorted] [--build-dir DIR] [--smoke]
#
# Installs what is missing (the npm peers in bench/peers, Debian's
# python3-pandas and python3-dask), builds the benchmark programs in
# Release, generates the data sets into bench/data/ when they are not
# there, runs every task for every engine, and checks that the engines'
# answers agree. Exits non-zero when an engine fails or the answers
# differ. --sorted uses the data set sorted by id1..id6 (H2O's G1_..._1.csv),
# which has no join data: its default tasks leave the joins out. See
# bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

groupby_tasks=groupby_sum_id1,groupby_sum_id1_id2,groupby_sum_mean_id3,groupby_mean_id4,groupby_sum_id6
groupby_tasks+=,groupby_median_sd_id4_id5,groupby_range_id3,groupby_top2_id6,groupby_r2_id2_id4,groupby_sum_count_all
join_tasks=join_small_inner,join_medium_inner,join_medium_left,join_medium_inner_str,join_big_inner
sort_tasks=sort_int,sort_float,sort_str
parquet_tasks=parquet_write,parquet_read,parquet_filter_glob
all_tasks=csv_read,$groupby_tasks,$join_tasks,$sort_tasks,$parquet_tasks
rows=1e7
threads=$(nproc)
tasks=$all_tasks
repeat=3
engines=strata,polars,duckdb,pandas,dask
nulls_percent=0
nulls_given=0
sorted=0
tasks_given=0
build_dir=${STRATA_BENCH_BUILD_DIR:-build/release}
smoke=0

usage() {
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  echo
  echo "Defaults: --rows $rows --threads $threads --repeat $repeat --engines $engines --build-dir $build_dir"
  echo "Tasks: $all_tasks"
  echo "--smoke: 1e4 rows, one repetition, every task, without and with 5% nulls, then the group-by tasks"
  echo "         on the sorted data set, checked against the unsorted one; for CI (seconds)."
}

die() {
  echo "bench.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case $1 in
    --rows|--threads|--tasks|--repeat|--engines|--nulls-percent|--build-dir)
      [ $# -ge 2 ] || die "$1 needs a value"
      value=$2
      case $1 in
        --rows) rows=$value ;;
        --threads) threads=$value ;;
        --tasks) tasks=$value tasks_given=1 ;;
        --repeat) repeat=$value ;;
        --engines) engines=$value ;;
        --nulls-percent) nulls_percent=$value nulls_given=1 ;;
        --build-dir) build_dir=$value ;;
      esac
      shift 2 ;;
    --smoke) smoke=1; shift ;;
    --sorted) sorted=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

if [ "$smoke" = 1 ]; then
  rows=1e4
  repeat=1
fi

# ---- Check the options

# Row counts may be written as 1e7 or 10000000; the file is named in the
# short form, like the H2O data sets (G1_1e7_1e2_0_0.csv).
if [[ $rows =~ ^([1-9][0-9]*)e([0-9]+)$ ]]; then
  row_count=${BASH_REMATCH[1]}$(printf '%0*d' "${BASH_REMATCH[2]}" 0)
elif [[ $rows =~ ^[1-9][0-9]*$ ]]; then
  row_count=$rows
else
  die "--rows must be a count such as 1e6, 1e7 or 5000000, got '$rows'"
fi
mantissa=$row_count exponent=0
while [ "$mantissa" -gt 1 ] && [ $((mantissa % 10)) -eq 0 ]; do
  mantissa=$((mantissa / 10)) exponent=$((exponent + 1))
done
rows_label=$([ "$exponent" -gt 0 ] && echo "${mantissa}e${exponent}" || echo "$mantissa")
[ "$row_count" -ge 100 ] || die "--rows must be at least 100 (the number of groups), got '$rows'"
[[ $threads =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive integer, got '$threads'"
[[ $repeat =~ ^[1-9][0-9]*$ ]] || die "--repeat must be a positive integer, got '$repeat'"
if ! [[ $nulls_percent =~ ^[0-9]+$ ]] || [ "$nulls_percent" -gt 100 ]; then
  die "--nulls-percent must be a whole number from 0 to 100, got '$nulls_percent'"
fi

IFS=, read -r -a task_list <<< "$tasks"
for task in "${task_list[@]}"; do
  [[ ,$all_tasks, == *",$task,"* ]] || die "unknown task '$task'; tasks: $all_tasks"
done
if [ "$sorted" = 1 ]; then
  if [ "$tasks_given" = 1 ]; then
    for task in "${task_list[@]}"; do
      [[ $task != join_* ]] || die "--sorted has no join data (H2O sorts only the group-by data set): leave out '$task'"
    done
  else
    tasks=csv_read,$groupby_tasks,$sort_tasks,$parquet_tasks
    IFS=, read -r -a task_list <<< "$tasks"
  fi
fi
IFS=, read -r -a engine_list <<< "$engines"
uses() { [[ ,$engines, == *",$1,"* ]]; }
for engine in "${engine_list[@]}"; do
  case $engine in strata|strata_lazy|polars|duckdb|pandas|dask) ;; *) die "unknown engine '$engine'; engines: strata,strata_lazy,polars,duckdb,pandas,dask" ;; esac
done

# ---- Install missing peers

command -v node > /dev/null || die "Node.js is needed (for the Polars and DuckDB peers and the report)"
# The Parquet copies of the data are written with DuckDB, whatever the engines.
if uses polars || uses duckdb || uses strata_lazy || [[ ,$tasks, == *,parquet_* ]]; then
  peers=bench/peers
  # npm records what it installed in node_modules/.package-lock.json; a
  # newer lock file means the pins changed.
  if [ ! -f $peers/node_modules/.package-lock.json ] || [ $peers/package-lock.json -nt $peers/node_modules/.package-lock.json ]; then
    echo "==> installing the npm peers (bench/peers)"
    (cd $peers && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
python_packages=()
uses pandas && ! /usr/bin/python3 -c 'import pandas' 2> /dev/null && python_packages+=(python3-pandas)
uses dask && ! /usr/bin/python3 -c 'import dask.dataframe' 2> /dev/null && python_packages+=(python3-dask)
if [ ${#python_packages[@]} -gt 0 ]; then
  echo "==> installing ${python_packages[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${python_packages[@]}" > /dev/null
fi

# ---- Build (Release)

targets=(generate_groupby generate_join)
{ uses strata || uses strata_lazy; } && targets+=(strata_bench)
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  echo "==> configuring $build_dir (Release)"
  if [ "$build_dir" = build/release ]; then
    cmake --preset release > /dev/null  # the same tree the test script builds
  else
    generator=()
    command -v ninja > /dev/null && generator=(-G Ninja)
    cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release > /dev/null
  fi
fi
echo "==> building ${targets[*]}"
cmake --build "$build_dir" -j 2 --target "${targets[@]}" > "$build_dir/bench-build.log" 2>&1 || {
  tail -n 40 "$build_dir/bench-build.log" >&2
  die "the build failed (full log: $build_dir/bench-build.log)"
}

# ---- Generate the data and run every engine on it

# Sets `command` to the program that runs `engine`'s side of the benchmark.
set_engine_command() {
  case $1 in
    strata) command=("$build_dir/bench/strata_bench") ;;
    strata_lazy) command=("$build_dir/bench/strata_bench" --lazy) ;;
    polars) command=(node --expose-gc bench/peers/polars_bench.mjs) ;;
    duckdb) command=(node --expose-gc bench/peers/duckdb_bench.mjs) ;;
    pandas) command=(/usr/bin/python3 bench/peers/pandas_bench.py) ;;
    dask) command=(/usr/bin/python3 bench/peers/dask_bench.py) ;;
  esac
}

data_dir=bench/data

# The group-by data set with `$1` percent nulls, sorted when `$2` is 1:
# prints its path, generating it when missing.
groupby_dataset() {
  local nulls=$1 sorted=$2
  local csv=$data_dir/G1_${rows_label}_1e2_${nulls}_${sorted}.csv
  if [ ! -f "$csv" ]; then
    echo "==> generating $csv" >&2
    local sort_flag=()
    [ "$sorted" = 1 ] && sort_flag=(--sorted)
    "$build_dir/bench/generate_groupby" --rows "$row_count" --groups 100 --nulls-percent "$nulls" "${sort_flag[@]}" \
      --output "$csv" > /dev/null || return 1
  fi
  echo "$csv"
}

# Checks that the sorted data set `$1` holds the rows of the unsorted one
# stably sorted by id1..id6, nulls (empty fields) first, by comparing it with
# what coreutils' sort makes of the unsorted file.
check_sorted_dataset() {
  local sorted_csv=$1 unsorted_csv
  unsorted_csv=$(groupby_dataset "$2" 0) || return 1
  if ! { head -n 1 "$unsorted_csv"
         tail -n +2 "$unsorted_csv" | LC_ALL=C sort -s -t, -k1,1 -k2,2 -k3,3 -k4,4n -k5,5n -k6,6n
       } | cmp -s - "$sorted_csv"; then
    echo "bench.sh: $sorted_csv is not $(basename "$unsorted_csv") stably sorted by id1..id6" >&2
    return 1
  fi
  echo "==> $(basename "$sorted_csv") holds the rows of $(basename "$unsorted_csv") sorted by id1..id6"
}

# Benchmarks the tasks `$3` with the engines `$4` on the data set with `$1`
# percent nulls, sorted when `$2` is 1; fails when an engine failed or the
# answers differ.
benchmark_dataset() {
  local nulls=$1 sorted=$2 tasks=$3 engines=$4
  local csv task_list engine_list label=""
  IFS=, read -r -a task_list <<< "$tasks"
  IFS=, read -r -a engine_list <<< "$engines"
  [ "$sorted" = 0 ] || label=" sorted,"
  csv=$(groupby_dataset "$nulls" "$sorted") || return 1
  [ "$smoke" = 0 ] || [ "$sorted" = 0 ] || check_sorted_dataset "$csv" "$nulls" || return 1
  if [[ ,$tasks, == *,join_* ]]; then
    local join_x=$data_dir/J1_${rows_label}_NA_${nulls}_0.csv
    if [ ! -f "$join_x" ]; then
      echo "==> generating the join data sets J1_${rows_label}_*_${nulls}_0.csv"
      "$build_dir/bench/generate_join" --rows "$row_count" --nulls-percent "$nulls" --output-dir "$data_dir" \
        > /dev/null || return 1
    fi
  fi
  if uses strata_lazy || [[ ,$tasks, == *,parquet_read,* || ,$tasks, == *,parquet_filter_glob,* ]]; then
    if [ ! -f "${csv%.csv}.parquet" ] || [ ! -d "${csv%.csv}.parts" ] || [ "$csv" -nt "${csv%.csv}.parquet" ]; then
      echo "==> writing the Parquet copies of $(basename "$csv") (DuckDB)"
      node bench/peers/prepare_parquet.mjs "$csv" > /dev/null || return 1
    fi
  fi
  cat "$csv" > /dev/null  # into the page cache, so no engine pays the first disk read

  mkdir -p $data_dir/results
  local stamp results
  stamp=$(date +%Y%m%d-%H%M%S)
  results=$data_dir/results/$stamp-${rows_label}-${nulls}${label:+-sorted}-${threads}t.jsonl
  local log=${results%.jsonl}.log
  : > "$results"
  : > "$log"

  # Normally every (engine, task) pair runs in its own process, so that the
  # peak memory of a task is not inflated by the tasks before it; the smoke
  # run uses one process per engine to finish in seconds.
  local batches
  if [ "$smoke" = 1 ]; then batches=("$tasks"); else batches=("${task_list[@]}"); fi

  echo "==> $(basename "$csv"): $rows_label rows, ${nulls}% nulls,$label $threads threads, best of $repeat"
  echo "    results in $results"
  echo "    load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (times are noisy unless it is near 0)"
  local batch engine
  for batch in "${batches[@]}"; do
    for engine in "${engine_list[@]}"; do
      echo "    $engine: $batch"
      set_engine_command "$engine"
      echo "== $engine $batch" >> "$log"
      POLARS_MAX_THREADS=$threads STRATA_THREADS=$threads \
        "${command[@]}" "$csv" "$threads" "$repeat" "$batch" >> "$results" 2>> "$log" || {
        echo "    $engine FAILED (exit status $?); its messages:" >&2
        sed -n "/^== $engine $batch\$/,\$p" "$log" | tail -n +2 | tail -n 20 | sed 's/^/      /' >&2
      }
    done
  done

  # The report fails for a missing or differing answer; an engine that
  # failed has no answer, so its tasks count as missing.
  node bench/report.mjs "$results" "$engines" "$tasks"
}

# The smoke run also checks that the engines agree on data with nulls,
# where their semantics differ most, and keeps the sorted data set tested.
null_settings=("$nulls_percent")
[ "$smoke" = 1 ] && [ "$nulls_given" = 0 ] && null_settings=(0 5)
status=0
for nulls in "${null_settings[@]}"; do
  benchmark_dataset "$nulls" "$sorted" "$tasks" "$engines" || status=1
done
# The sorted pass skips pandas and Dask when it can: they add 1.3 s and 4 s
# to the 0.9 s the others take, and a third engine already checks Strata.
if [ "$smoke" = 1 ] && [ "$sorted" = 0 ]; then
  sorted_engines=""
  for engine in strata polars duckdb; do
    uses $engine && sorted_engines+=${sorted_engines:+,}$engine
  done
  benchmark_dataset "${null_settings[-1]}" 1 "$groupby_tasks" "${sorted_engines:-$engines}" || status=1
fi
exit $status
