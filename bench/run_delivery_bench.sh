#!/bin/sh
# Builds and runs the delivery benchmark (nginx on loopback + wrk baseline, both started by
# the benchmark itself). Usage: bench/run_delivery_bench.sh [BUILD_DIR] [COUNT] [CONCURRENCY]
set -eu
build=${1:-build/bench}
src=$(cd "$(dirname "$0")/.." && pwd)
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRECTIFYD_BENCH=ON >/dev/null
cmake --build "$build" --target delivery_bench
exec "$build/bench/delivery_bench" "${2:-100000}" "${3:-64}"
