#!/usr/bin/env bash
# Generated kernels compile cleanly: for every shipped model and test .mod file that lowers, the emitted C++ passes
# g++ -std=c++20 -Wall -Wextra -Werror, and the emitted CUDA passes nvcc -std=c++17 -arch=sm_90
# (skipped, and said so, when nvcc is absent). Only the project's include folder is given.
set -u
ranvier=$1
source_dir=$2
mode=$3 # cpp or cuda
include="$source_dir/runtime/include"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [ "$mode" = cuda ] && ! command -v nvcc >/dev/null; then
    echo "SKIPPED: nvcc not found; CUDA code was not compiled"
    exit 0
fi
pass=0 fail=0 lowered=0
n=0
for f in "$source_dir"/stdlib_models/*.mod "$source_dir"/tests/models/*.mod /usr/share/nrn/demo/release/*.mod \
         "$source_dir"/tests/lit/*/*.mod "$source_dir"/tests/validation/*.mod; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    name=$n-$(basename "$f" .mod)
    out="$scratch/$name.$mode"
    # Test inputs may leave units out; some are errors on purpose (they do not lower).
    "$ranvier" emit -w --units=off --stage="$mode" "$f" > "$out" 2>/dev/null || continue
    lowered=$((lowered + 1))
    if [ "$mode" = cpp ]; then
        g++ -std=c++20 -Wall -Wextra -Werror -I"$include" -x c++ -c "$out" -o "$scratch/$name.o"
    else
        nvcc -std=c++17 -arch=sm_90 -I"$include" -Xcompiler -Wall,-Wextra,-Werror -x cu -c "$out" -o "$scratch/$name.o"
    fi
    if [ $? -eq 0 ]; then pass=$((pass + 1)); else echo "FAIL: $f"; fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$lowered" -ge 18 ]
