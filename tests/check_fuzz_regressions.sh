#!/usr/bin/env bash
# Replays the fuzzer's reproducers (tests/fuzz/regressions) through the real driver: each must get
# exit status 0 or 1 (never a crash), and an accepted one must print back to NMODL that checks
# again to the same tree.
set -u
ranvier=$1
source_dir=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
pass=0 fail=0
for f in "$source_dir"/tests/fuzz/regressions/*.mod; do
    [ -f "$f" ] || continue
    "$ranvier" check -w "$f" >/dev/null 2>&1
    rc=$?
    ok=0
    if [ $rc -eq 1 ]; then
        ok=1
    elif [ $rc -eq 0 ]; then
        "$ranvier" emit -w --stage=nmodl "$f" > "$scratch/p.mod" &&
            "$ranvier" emit -w --stage=ast "$f" > "$scratch/a1" &&
            "$ranvier" emit -w --stage=ast "$scratch/p.mod" > "$scratch/a2" &&
            cmp -s "$scratch/a1" "$scratch/a2" && ok=1
    fi
    if [ $ok -eq 1 ]; then pass=$((pass + 1)); else echo "FAIL (exit $rc): $f"; fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
