#!/usr/bin/env bash
# Every model Ranvier ships, and every .mod file Debian's NEURON packages ship, passes
# `ranvier check` and prints back to NMODL that checks again (round trip through the driver).
set -u
ranvier=$1
source_dir=$2
pass=0 fail=0
files=("$source_dir"/stdlib_models/*.mod)
for f in /usr/share/nrn/demo/release/*.mod /usr/share/nmodl/*.mod; do [ -f "$f" ] && files+=("$f"); done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for f in "${files[@]}"; do
    printed="$scratch/$(basename "$f")"
    if "$ranvier" check "$f" && "$ranvier" emit --stage=nmodl -w "$f" > "$printed" &&
       "$ranvier" check -w "$printed"; then
        pass=$((pass + 1))
    else
        echo "FAIL: $f"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -ge 14 ]
