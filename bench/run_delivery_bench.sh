#!/bin/sh
# Builds and runs the delivery benchmark (nginx on loopback, with wrk and a plain libcurl multi
# loop as baselines, all started by the benchmark itself). The machine's load moves the figures:
# run it several times (RUNS=3) and compare the best, or the per-CPU-second figure.
# Usage: [RUNS=n] bench/run_delivery_bench.sh [BUILD_DIR] [COUNT] [CONCURRENCY]
set -eu
build=${1:-build/bench}
src=$(cd "$(dirname "$0")/.." && pwd)
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRECTIFYD_BENCH=ON >/dev/null
cmake --build "$build" --target delivery_bench
runs=${RUNS:-1}
i=1
while [ "$i" -le "$runs" ]; do
  "$build/bench/delivery_bench" "${2:-100000}" "${3:-64}"
  i=$((i + 1))
done
