#!/usr/bin/env bash
# Installs what is missing, builds the tests with AddressSanitizer + UndefinedBehaviorSanitizer
# and warnings as errors, and runs the whole suite.
# Usage: scripts/test.sh [--release]   (--release: also build and test the optimised build)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test

echo "== format check"
mapfile -t sources < <(git ls-files '*.cpp' '*.h')
clang-format --dry-run -Werror "${sources[@]}"

jobs=$(nproc)

step_started=$SECONDS
took() { echo "== $1 took $((SECONDS - step_started)) s"; step_started=$SECONDS; }

echo "== sanitizer build and tests"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
took "sanitizer build"
ctest --preset asan -j "$jobs"
took "tests"

echo "== fuzz step"
scripts/fuzz.sh "${FUZZ_SECONDS:-15}"
took "fuzz step (build and runs)"

if [[ "${1:-}" == "--release" ]]; then
  echo "== release build and tests"
  cmake --preset release -DRECTIFYD_WERROR=ON >/dev/null
  cmake --build --preset release -j "$jobs"
  ctest --preset release -j "$jobs"
fi
