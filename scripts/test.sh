#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite twice: a release build with
# warnings as errors, then an AddressSanitizer + UndefinedBehaviorSanitizer build.
# Usage: scripts/test.sh [--quick]   (--quick: the release build only)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test

echo "== format check"
mapfile -t sources < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find daemon tests bench -name '*.cpp' -o -name '*.h')
if ((${#sources[@]})); then
  clang-format --dry-run -Werror "${sources[@]}"
fi

jobs=$(nproc)

echo "== release build and tests"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"

if [[ "${1:-}" != "--quick" ]]; then
  echo "== sanitizer build and tests"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  ctest --preset asan -j "$jobs"
fi
