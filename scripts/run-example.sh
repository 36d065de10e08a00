#!/usr/bin/env bash
# Installs what is missing, builds Strata (Release) and runs the example.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release > /dev/null
cmake --build --preset release --target example_pipeline
./build/release/examples/example_pipeline "$@"
