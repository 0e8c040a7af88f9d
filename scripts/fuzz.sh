#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, ASan + UBSan) and runs each for SECONDS
# (default 60) over its corpus in fuzz/corpus/<target>. New inputs go to a scratch corpus under
# build/fuzz/work, so the kept corpora change only when asked:
#   scripts/fuzz.sh [SECONDS] [--merge] [TARGET…]
#   --merge   afterwards, minimise each target's kept corpus with what the run found
# A crash, leak, timeout or broken promise stops with its input in build/fuzz/artifacts; turn
# it into a regression test (tests/…/*_test.cpp) and fix it. Prints executions per target.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
merge=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --merge) merge=1 ;;
    [0-9]*) seconds=$arg ;;
    *) targets+=("$arg") ;;
  esac
done
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(ls fuzz/corpus)
fi

scripts/install-deps.sh --fuzz

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
echo "== fuzz build"
cmake --preset fuzz "${launcher[@]}" >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

bin=build/fuzz/fuzz
work=build/fuzz/work
artifacts=build/fuzz/artifacts
mkdir -p "$artifacts"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

printf '== fuzzing, %ss per target\n' "$seconds"
failed=()
summary=()
for t in "${targets[@]}"; do
  rm -rf "${work:?}/$t"
  mkdir -p "$work/$t"
  log="$work/$t.log"
  status=ok
  if ! "$bin/fuzz_$t" "$work/$t" "fuzz/corpus/$t" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/$t-" \
      >"$log" 2>&1; then
    status=FAILED
    failed+=("$t")
    tail -n 40 "$log"
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  kept=$(find "fuzz/corpus/$t" -type f | wc -l)
  found=$(find "$work/$t" -type f | wc -l)
  summary+=("$(printf '%-16s %10s execs %7s/s  corpus %4s kept, %4s new  %s' \
    "$t" "${execs:-?}" "${rate:-?}" "$kept" "$found" "$status")")
  if ((merge)) && [[ $status == ok ]]; then
    merged="$work/$t.merged"
    rm -rf "$merged" && mkdir -p "$merged"
    "$bin/fuzz_$t" -merge=1 -max_len=65536 "$merged" "fuzz/corpus/$t" "$work/$t" >/dev/null 2>&1
    rm -rf "fuzz/corpus/$t" && mv "$merged" "fuzz/corpus/$t"
  fi
done

echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "fuzz: broken by an input: ${failed[*]} (inputs in $artifacts)" >&2
  exit 1
fi
