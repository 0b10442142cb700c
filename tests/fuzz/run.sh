#!/usr/bin/env bash
# Builds the front-end fuzzer (ASan + UBSan + libFuzzer, clang) in build-fuzz/ and runs it.
#
#   ./tests/fuzz/run.sh [SECONDS]       fuzz for SECONDS (default 600) from the seeds plus the
#                                       corpus kept by earlier runs
#   ./tests/fuzz/run.sh regressions     replay tests/fuzz/regressions/*.mod once each
#
# Exits non-zero on any crash, hang (-timeout), memory blow-up, leak or sanitizer report; the
# input that caused it lands in tests/fuzz/corpus-work/artifacts/. JOBS=N builds with -jN
# (default 1). Work files live in tests/fuzz/corpus-work/ (git-ignored).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
fuzz_dir=tests/fuzz
work=$fuzz_dir/corpus-work
build=build-fuzz
binary=$build/bin/fuzz_frontend

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DRANVIER_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target fuzz_frontend -j "${JOBS:-1}"

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

if [[ "${1:-}" == "regressions" ]]; then
    shopt -s nullglob
    reproducers=("$fuzz_dir"/regressions/*.mod)
    if ((${#reproducers[@]} == 0)); then
        echo "no reproducers in $fuzz_dir/regressions/"
        exit 0
    fi
    mkdir -p "$work"
    failed=0
    for file in "${reproducers[@]}"; do
        if "$binary" "$file" >"$work/regression.log" 2>&1; then
            echo "ok    $file"
        else
            echo "FAIL  $file"
            grep -E "ERROR|SUMMARY|fuzz_frontend:|runtime error" "$work/regression.log" | head -5
            failed=1
        fi
    done
    exit "$failed"
fi

duration=${1:-600}
if ! [[ "$duration" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 [SECONDS | regressions]" >&2
    exit 2
fi

mkdir -p "$work/corpus" "$work/artifacts"
cp "$fuzz_dir"/seeds/*.mod "$work/corpus/"

# -timeout: an input that takes 10 s is a hang. -max_len bounds recursion depth and keeps
# executions fast; the parser's own limits (1 MiB, bracket depth 256) sit far above it.
set +e
"$binary" "$work/corpus" \
    -dict="$fuzz_dir/nmodl.dict" \
    -artifact_prefix="$work/artifacts/" \
    -max_total_time="$duration" \
    -timeout=10 \
    -rss_limit_mb=4096 \
    -max_len=8192 \
    -print_final_stats=1 \
    2>&1 | tee "$work/fuzz.log"
status=${PIPESTATUS[0]}
set -e

if ((status != 0)); then
    echo "run.sh: the fuzzer failed (exit $status); see $work/artifacts/ and $work/fuzz.log" >&2
    exit "$status"
fi
echo "run.sh: clean run of ${duration} s"
