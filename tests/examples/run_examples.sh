#!/usr/bin/env bash
# Builds every example with `ranvier build` and runs it: each method runs and writes spikes.tsv
# (header, `gid<TAB>time` sorted by time), traces.tsv and stimuli.tsv; the same seed gives
# byte-identical output and another seed other inputs; bad arguments fail with a message.
#   run_examples.sh RANVIER SOURCE_DIR WORK_DIR
set -euo pipefail
ranvier=$1
source=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
. "$(dirname "$0")/../expect_failure.sh"

sorted() { # spikes.tsv: header, then sorted by time then gid
    [ "$(head -1 "$1")" = "gid	time_ms" ] || fail "$1: bad header"
    tail -n +2 "$1" | sort -s -t$'\t' -k2,2g -k1,1n | cmp -s - <(tail -n +2 "$1") || fail "$1 not sorted"
}

for example in hh_soma pyramidal; do
    bin="$work/$example"
    "$ranvier" build "$source/examples/$example/$example.rvn" -o "$bin" || fail "build $example"
    for method in bdf fixed cvode; do
        "$bin" --method "$method" --tstop 200 --out "$work/$example-$method" --quiet ||
            fail "$example --method $method"
        sorted "$work/$example-$method/spikes.tsv"
        spikes=$(($(wc -l < "$work/$example-$method/spikes.tsv") - 1))
        [ "$spikes" -gt 0 ] || fail "$example --method $method: no spikes in 200 ms"
        rows=$(($(wc -l < "$work/$example-$method/traces.tsv") - 1))
        [ "$rows" -eq 2001 ] || fail "$example --method $method: $rows samples, expected 2001"
        echo "PASS $example --method $method: $spikes spikes, $rows samples"
    done
done

# Reproducible: the same seed gives the same files; another seed other Poisson trains.
bin="$work/pyramidal"
"$bin" --tstop 200 --seed 5 --out "$work/seed5a" --quiet
"$bin" --tstop 200 --seed 5 --out "$work/seed5b" --quiet
"$bin" --tstop 200 --seed 6 --out "$work/seed6" --quiet
for f in spikes.tsv traces.tsv stimuli.tsv; do
    cmp -s "$work/seed5a/$f" "$work/seed5b/$f" || fail "seed 5 twice: $f differs"
done
cmp -s "$work/seed5a/stimuli.tsv" "$work/seed6/stimuli.tsv" && fail "seeds 5 and 6 give the same inputs"
echo "PASS same seed, same output; another seed, other inputs"

# Bad arguments: a message and exit status 1.
for args in "--method euler" "--tstop -1" "--dt 0" "--rtol x" "--bogus" "--secondorder 1" "--seed 1.5"; do
    expect_failure "'$args'" "" "$bin" $args --out "$work/bad"
done
echo "PASS bad arguments"
"$bin" --help | grep -q -- "--method bdf|fixed|cvode" || fail "--help"
echo "PASS --help"

# A run that cannot go on (a negative leak: v runs away) fails with the cell, the time and the
# state that failed, and exit status 1; never a hang.
cat > "$work/unstable.rvn" <<'MODEL'
CELL Unstable {
    SECTION soma { L = 20  diam = 20 }
    INSERT pas { g_pas = -10 (S/cm2) }
}
MODEL
"$ranvier" build "$work/unstable.rvn" -o "$work/unstable" || fail "build unstable"
for method in bdf cvode; do
    expect_failure "unstable --method $method" "cell Unstable|at t = |worst in v at node" \
        "$work/unstable" --method $method --tstop 10 --out "$work/unstable-out"
done
echo "PASS failures name the cell, the time and the state"

# A mechanism that integrates its states by hand runs with the fixed step and is refused, with
# a message, by the variable-step methods.
"$ranvier" build "$source/tests/examples/Inputs/hand_step.rvn" -o "$work/hand_step" ||
    fail "build hand_step"
"$work/hand_step" --method fixed --tstop 5 --out "$work/hand-out" --quiet || fail "hand_step fixed"
for method in bdf cvode; do
    expect_failure "hand_step --method $method" "only the fixed step can run" \
        "$work/hand_step" --method $method --tstop 5 --out "$work/hand-out"
done
echo "PASS a hand-integrated mechanism: fixed step only, refused otherwise"

# WATCH in every method: a WATCH on v counts the same crossings as a DETECTOR at the same
# threshold (also when CVODE's root finding and the WATCH meet in one step).
"$ranvier" build "$source/tests/examples/Inputs/watch_counter.rvn" -o "$work/watch_counter" ||
    fail "build watch_counter"
for method in bdf fixed cvode; do
    "$work/watch_counter" --method $method --out "$work/watch-$method" --quiet
    spikes=$(($(wc -l < "$work/watch-$method/spikes.tsv") - 1))
    counted=$(tail -1 "$work/watch-$method/traces.tsv" | cut -f2)
    [ "$spikes" -gt 5 ] && [ "$counted" = "$spikes" ] ||
        fail "watch_counter --method $method: $spikes spikes, WATCH counted $counted"
done
echo "PASS WATCH counts the detector's spikes with every method"
