#!/usr/bin/env bash
# The MPI tests of networks: each network is built with `ranvier build` and run under mpirun on
# 1, 2, 3 and 4 ranks, with both spike exchanges and both methods. spikes.tsv (and traces.tsv)
# must be byte-identical across rank counts and exchanges for the same seed, and the
# connectivity hash identical across rank counts; another seed must change the network; bad
# arguments and impossible runs must fail with a message.
#   run_network.sh RANVIER SOURCE_DIR WORK_DIR
set -euo pipefail
ranvier=$1
source=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
. "$(dirname "$0")/../expect_failure.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
run() { mpirun --oversubscribe -np "$@"; }

field() { grep "^$1	" "$2" | cut -f2; }

for entry in examples/ring/ring examples/brunel/brunel:--tstop,60 tests/network/random_net \
             tests/network/tiny tests/network/artificial tests/network/lanes tests/network/bursts; do
    net=${entry%%:*}
    extra=()
    options=${entry#*:}
    [ "$net" = "$entry" ] || read -ra extra <<< "${options//,/ }"
    name=$(basename "$net")
    bin="$work/$name"
    "$ranvier" build --target=cpu "$source/$net.rvn" -o "$bin" || fail "build $name"
    for method in bdf fixed; do
        reference=""
        for ranks in 1 2 3 4; do
            for exchange in async bsp; do
                out="$work/$name-$method-$ranks-$exchange"
                run "$ranks" "$bin" --quiet --method "$method" --exchange "$exchange" \
                    ${extra[@]+"${extra[@]}"} --out "$out" || fail "$name $method on $ranks ranks ($exchange)"
                [ "$(head -1 "$out/spikes.tsv")" = "gid	time_ms" ] || fail "$out: header"
                [ "$(wc -l < "$out/spikes.tsv")" -gt 2 ] || fail "$out: no spikes"
                [ "$(field ranks "$out/report.txt")" = "$ranks" ] || fail "$out: ranks"
                if [ -z "$reference" ]; then
                    reference=$out
                    continue
                fi
                cmp -s "$reference/spikes.tsv" "$out/spikes.tsv" ||
                    fail "$name $method: spikes on $ranks ranks ($exchange) differ from 1 rank"
                if [ -f "$reference/traces.tsv" ]; then
                    cmp -s "$reference/traces.tsv" "$out/traces.tsv" ||
                        fail "$name $method: traces on $ranks ranks ($exchange) differ"
                fi
                [ "$(field connectivity_hash "$out/report.txt")" = \
                  "$(field connectivity_hash "$reference/report.txt")" ] ||
                    fail "$name: connectivity differs on $ranks ranks"
            done
        done
        echo "$name $method: identical spikes on 1-4 ranks, async and bsp ($(($(wc -l < "$reference/spikes.tsv") - 1)) spikes)"
    done
done

# same_as REFERENCE OUT WHAT: OUT's spikes (and traces) are REFERENCE's, byte for byte.
same_as() {
    cmp -s "$1/spikes.tsv" "$2/spikes.tsv" || fail "$3: spikes differ from the CPU backend's"
    if [ -f "$1/traces.tsv" ]; then
        cmp -s "$1/traces.tsv" "$2/traces.tsv" || fail "$3: traces differ from the CPU backend's"
    fi
}

# The lane engine on the host (the GPU's data layout and kernels, run by loops): the CPU
# backend's spikes, traces, steps and events, byte for byte, on 1 and 3 ranks with both
# exchanges; with the fixed step, and with BDF (each cell's own integrator on the device paths,
# events as the CPU backend handles them; Brunel's LIF neurons spike through WATCH, a condition
# that turns true inside a step is found on its dense output and the step ends there).
for method in fixed bdf; do
    for name in ring brunel random_net tiny artificial lanes bursts; do
        extra=()
        [ "$name" = brunel ] && extra=(--tstop 60)
        reference="$work/$name-$method-1-async"
        for ranks in 1 3; do
            for exchange in async bsp; do
                out="$work/$name-lanes-$method-$ranks-$exchange"
                what="$name, lanes $method on $ranks ranks ($exchange)"
                run "$ranks" "$work/$name" --quiet --method "$method" --backend lanes \
                    --exchange "$exchange" ${extra[@]+"${extra[@]}"} --out "$out" || fail "$what"
                same_as "$reference" "$out" "$what"
                [ "$(field backend "$out/report.txt")" = lanes ] || fail "$out: backend not reported"
                for count in steps events; do
                    [ "$(field $count "$out/report.txt")" = "$(field $count "$reference/report.txt")" ] ||
                        fail "$what: $count differ"
                done
            done
        done
        echo "$name lanes: the CPU backend's $method spikes and traces on 1 and 3 ranks"
    done
done
# A block of threads per cell (the tree solve by branches, the node updates shared): the same
# bits again, fixed step and BDF.
for case in "lanes fixed 32" "ring fixed 64" "tiny fixed 32" "ring bdf 32" "random_net bdf 32"; do
    read -r name method threads <<< "$case"
    reference="$work/$name-$method-1-async"
    for ranks in 1 2; do
        out="$work/$name-lanes-$method-block-$ranks"
        run "$ranks" "$work/$name" --quiet --method "$method" --backend lanes \
            --threads-per-cell "$threads" --out "$out" || fail "$name: lanes, $threads threads per cell"
        same_as "$reference" "$out" "$name, lanes $method with $threads threads per cell"
    done
    echo "$name lanes, $method, a block of $threads threads per cell: the CPU backend's spikes and traces"
done
# Cells of 185 compartments get a block by default.
"$ranvier" build --target=cpu "$source/tests/network/branched.rvn" -o "$work/branched" ||
    fail "build branched"
for method in fixed bdf; do
    reference="$work/branched-$method-cpu"
    run 1 "$work/branched" --quiet --method "$method" --backend cpu --out "$reference" ||
        fail "branched: $method on the CPU"
    [ "$(wc -l < "$reference/spikes.tsv")" -gt 10 ] || fail "branched: too few spikes"
    for ranks in 1 2; do
        out="$work/branched-$method-lanes-$ranks"
        run "$ranks" "$work/branched" --quiet --method "$method" --backend lanes --out "$out" ||
            fail "branched: $method on the lane engine"
        same_as "$reference" "$out" "branched, lanes $method on $ranks ranks"
    done
    echo "branched lanes, $method, a block per cell by default: the CPU backend's spikes and traces"
done
expect_failure "threads per cell" "expected auto, 1, or a multiple of 32 up to 1024" \
    run 1 "$work/ring" --backend lanes --threads-per-cell 40
# BDF's event window (network and stimulus events this close after a delivery are delivered
# with it): the CPU backend's spikes and traces with the same window, byte for byte.
for name in brunel lanes bursts artificial; do
    extra=(--method bdf --event-window 0.1)
    [ "$name" = brunel ] && extra+=(--tstop 60)
    reference="$work/$name-window-cpu"
    run 1 "$work/$name" --quiet "${extra[@]}" --backend cpu --out "$reference" ||
        fail "$name: BDF with an event window"
    for ranks in 1 3; do
        out="$work/$name-window-lanes-$ranks"
        run "$ranks" "$work/$name" --quiet "${extra[@]}" --backend lanes --out "$out" ||
            fail "$name: lanes BDF with an event window on $ranks ranks"
        same_as "$reference" "$out" "$name, lanes BDF with an event window on $ranks ranks"
    done
    echo "$name lanes, BDF with a 0.1 ms event window: the CPU backend's spikes and traces"
done
expect_failure "gpu in a CPU build" "build it with ranvier build --target=cuda" \
    run 1 "$work/ring" --method fixed --backend gpu
expect_failure "bad backend" "expected cpu, gpu or lanes" run 1 "$work/ring" --backend quantum

# Cells dealt round robin instead of by cost: the same spikes.
for ranks in 2 3; do
    run "$ranks" "$work/random_net" --quiet --balance round-robin --out "$work/round-robin-$ranks"
    cmp -s "$work/round-robin-$ranks/spikes.tsv" "$work/random_net-bdf-1-async/spikes.tsv" ||
        fail "round-robin on $ranks ranks: other spikes"
    [ "$(field balance "$work/round-robin-$ranks/report.txt")" = round-robin ] ||
        fail "round-robin: not reported"
done
expect_failure "--balance other" "--balance other: expected cost or round-robin" \
    run 2 "$work/random_net" --balance other

# Artificial cells receive their events at the exact times with either method: the spikes of
# the NetStim and IntFire1 populations (gids 0 to 41) are the same for BDF and the fixed step.
[ "$(awk '$1 < 42' "$work/artificial-bdf-1-async/spikes.tsv")" = \
  "$(awk '$1 < 42' "$work/artificial-fixed-1-async/spikes.tsv")" ] ||
    fail "artificial cells: BDF and fixed-step spikes differ"

# Another seed: another network and other spikes, the same on any number of ranks.
bin="$work/random_net"
run 1 "$bin" --quiet --seed 8 --out "$work/seed8-1"
run 3 "$bin" --quiet --seed 8 --out "$work/seed8-3"
cmp -s "$work/seed8-1/spikes.tsv" "$work/seed8-3/spikes.tsv" || fail "seed 8: ranks differ"
[ "$(field connectivity_hash "$work/seed8-1/report.txt")" != \
  "$(field connectivity_hash "$work/random_net-bdf-1-async/report.txt")" ] || fail "seed 8: same network"
cmp -s "$work/seed8-1/spikes.tsv" "$work/random_net-bdf-1-async/spikes.tsv" && fail "seed 8: same spikes"

# The recorded traces: time, then one column per recorded cell; numbers from the first row.
for method in bdf fixed; do
    if grep -qi "nan" "$work/random_net-$method-1-async/traces.tsv"; then
        fail "$method traces hold NaN"
    fi
    [ "$(sed -n 2p "$work/random_net-$method-1-async/traces.tsv" | cut -f2)" = "-65" ] ||
        fail "$method traces do not start at v_init"
done
header=$(head -1 "$work/random_net-bdf-1-async/traces.tsv")
[ "$header" = "time_ms	exc[0].v(soma(0.5))	exc[1].v(soma(0.5))	exc[2].v(soma(0.5))	inh[7].v(soma(0.5))	inh[1].g(gaba)	inh[2].g(gaba)" ] ||
    fail "traces header: $header"
# ranvier plot: a raster and the traces as PNG files; a folder without outputs is an error.
"$ranvier" plot "$work/random_net-bdf-1-async" -o "$work/plots" > "$work/plots.txt" ||
    fail "ranvier plot"
for png in raster traces; do
    [ "$(head -c 8 "$work/plots/$png.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
        fail "ranvier plot: $png.png is not a PNG"
    grep -q "wrote $work/plots/$png.png" "$work/plots.txt" || fail "ranvier plot: $png.png not listed"
done
mkdir -p "$work/empty"
expect_failure "plot of an empty folder" "neither spikes.tsv nor traces.tsv" "$ranvier" plot "$work/empty"
# SONATA: spikes.h5 and the reports hold what spikes.tsv and traces.tsv hold.
for out in "$work"/random_net-*-1-async "$work"/random_net-bdf-3-bsp "$work"/ring-bdf-2-async \
           "$work"/artificial-bdf-4-async; do
    /usr/bin/python3 "$source/tests/network/check_sonata.py" "$out" || fail "$out: SONATA output"
done

# Failures: a message and exit status 1, from every rank count.
expect_failure "bad method" "expected bdf or fixed" run 2 "$work/ring" --method euler
expect_failure "cvode" "CVODE runs single cells only" run 1 "$work/ring" --method cvode
expect_failure "bad exchange" "expected async or bsp" run 2 "$work/ring" --exchange sometimes
expect_failure "dt past the delay" "must be longer than dt" run 2 "$work/tiny" --method fixed --dt 1
expect_failure "window past the delay" "event window must be shorter" run 2 "$work/tiny" --event-window 1
cat > "$work/unstable.rvn" <<'MODEL'
CELL Leaky {
    SECTION soma { L = 20  diam = 20 }
    INSERT pas
    DETECTOR soma(0.5) THRESHOLD 0 (mV)
}
NETWORK unstable {
    POPULATION fine = Leaky[3]
    POPULATION bad = Leaky[2] { g_pas = uniform(-10, -5) (S/cm2) }
}
MODEL
"$ranvier" build --target=cpu "$work/unstable.rvn" -o "$work/unstable" || fail "build unstable"
expect_failure "unstable" "bad[|at t = " run 2 "$work/unstable" --tstop 10 --out "$work/unstable-out"
# The fixed step fails later and otherwise (backward Euler damps a fast runaway): the lane engine
# names the same cell, time and node as the CPU backend.
sed 's/uniform(-10, -5)/uniform(-0.035, -0.03)/' "$work/unstable.rvn" > "$work/runaway.rvn"
"$ranvier" build --target=cpu "$work/runaway.rvn" -o "$work/runaway" || fail "build runaway"
for backend in cpu lanes; do
    expect_failure "runaway on $backend" "gid 3 (bad[0]) at t = 10.325 ms|node 2 is inf" \
        run 2 "$work/runaway" --tstop 30 --method fixed --backend $backend --out "$work/runaway-out"
done
echo "network tests passed"
