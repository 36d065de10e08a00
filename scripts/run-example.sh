#!/usr/bin/env bash
# Quick start: installs what is missing, builds Strata (Release) and runs the
# main job: the example pipeline (examples/pipeline) materializes every
# unpartitioned asset on the embedded defaults (Parquet files and a SQLite
# run database in $STRATA_HOME, default ./.strata), backfills the monthly
# partitions in parallel processes, then shows the recorded runs, the
# metadata of one asset and the partitions of another. Extra arguments go to `materialize`
# (e.g. --select 'group:events').
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release > /dev/null
cmake --build --preset release --target pipeline
pipeline=./build/release/examples/pipeline/pipeline

echo
echo "==> pipeline list"
"$pipeline" list
echo
echo "==> pipeline materialize $*"
"$pipeline" materialize "$@"
echo
echo "==> pipeline backfill --select 'group:monthly' --all-partitions --executor multiprocess"
"$pipeline" backfill --select 'group:monthly' --all-partitions --executor multiprocess
echo
echo "==> pipeline runs"
"$pipeline" runs --limit 3
echo
echo "==> pipeline asset sales/by_region"
"$pipeline" asset sales/by_region
echo
echo "==> pipeline partitions orders/trailing_quarter"
"$pipeline" partitions orders/trailing_quarter
