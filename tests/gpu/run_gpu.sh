#!/usr/bin/env bash
# GPU tests (ctest label gpu). Networks built with --target=cuda run on the rank's GPU: with the
# fixed step their spikes and traces must be those of the CPU backend (and the lane engine on the
# host), on 1 and 2 ranks; with BDF the same spikes within 0.01 ms (the device's exp and log
# differ in the last bits). Without a GPU the executables must say so and exit 1 (checked here),
# and the rest is SKIPPED, visibly.
#   run_gpu.sh RANVIER SOURCE_DIR WORK_DIR
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

if ! "$ranvier" build --target=cuda "$source/tests/network/tiny.rvn" -o "$work/tiny" 2> "$work/build.txt"; then
    grep -q "built without CUDA" "$work/build.txt" || fail "build --target=cuda: $(cat "$work/build.txt")"
    echo "SKIPPED: this Ranvier was built without CUDA"
    exit 0
fi
networks=(examples/ring/ring tests/network/random_net tests/network/artificial tests/network/lanes
          tests/network/branched
          examples/brunel/brunel)
for net in "${networks[@]}"; do
    "$ranvier" build --target=cuda "$source/$net.rvn" -o "$work/$(basename "$net")" ||
        fail "build --target=cuda $net"
done

if ! { command -v nvidia-smi > /dev/null && nvidia-smi -L > /dev/null 2>&1; }; then
    # No GPU: a clear message and exit status 1, on any number of ranks and with either
    # method (BDF's event window too); the CPU backend still runs when asked for, and CVODE
    # stays on it.
    for ranks in 1 2; do
        for method in fixed bdf; do
            expect_failure "no GPU on $ranks ranks ($method)" "no usable GPU|--backend cpu" \
                run "$ranks" "$work/ring" --method "$method" --tstop 5 --out "$work/none"
        done
    done
    run 1 "$work/ring" --method fixed --backend cpu --tstop 5 --quiet --out "$work/cpu" ||
        fail "--backend cpu in a GPU build"
    expect_failure "no GPU, BDF with an event window" "no usable GPU" \
        run 1 "$work/ring" --method bdf --event-window 0.1 --tstop 5 --out "$work/none"
    run 1 "$work/ring" --method bdf --event-window 0.1 --backend cpu --tstop 5 --quiet \
        --out "$work/window" || fail "an event window on the CPU backend in a GPU build"
    echo "SKIPPED: no GPU on this machine; the GPU executables said so and exited 1, and the GPU runs were not done"
    exit 0
fi

for net in "${networks[@]}"; do
    name=$(basename "$net")
    extra=()
    [ "$name" = brunel ] && extra=(--tstop 60)
    run 1 "$work/$name" --quiet --method fixed --backend cpu ${extra[@]+"${extra[@]}"} \
        --out "$work/$name-cpu" || fail "$name on the CPU"
    for ranks in 1 2; do
        out="$work/$name-gpu-$ranks"
        run "$ranks" "$work/$name" --quiet --method fixed ${extra[@]+"${extra[@]}"} --out "$out" ||
            fail "$name on the GPU, $ranks ranks"
        [ "$(field backend "$out/report.txt")" = gpu ] || fail "$name: not on the GPU"
        cmp -s "$work/$name-cpu/spikes.tsv" "$out/spikes.tsv" ||
            fail "$name: GPU spikes on $ranks ranks differ from the CPU's"
        echo "$name on $(field device "$out/report.txt"): the CPU's spikes on $ranks ranks"
    done
done

# BDF on the GPU (Brunel: WATCH found on the dense output): the CPU backend's spikes within
# 0.01 ms.
for name in ring brunel random_net artificial; do
    extra=()
    [ "$name" = brunel ] && extra=(--tstop 60)
    run 1 "$work/$name" --quiet --method bdf --backend cpu ${extra[@]+"${extra[@]}"} \
        --out "$work/$name-bdf-cpu" || fail "$name: BDF on the CPU"
    for ranks in 1 2; do
        out="$work/$name-bdf-gpu-$ranks"
        run "$ranks" "$work/$name" --quiet --method bdf ${extra[@]+"${extra[@]}"} --out "$out" ||
            fail "$name: BDF on the GPU"
        [ "$(field backend "$out/report.txt")" = gpu ] || fail "$name: BDF not on the GPU"
        python3 "$source/tests/network/spike_diff.py" "$work/$name-bdf-cpu" "$out" 0.01 ||
            fail "$name: BDF spikes on the GPU ($ranks ranks) differ from the CPU's"
    done
done
# BDF with an event window on the GPU, and a block per cell forced on the ring's small cells.
run 1 "$work/brunel" --quiet --method bdf --event-window 0.1 --tstop 60 --backend cpu \
    --out "$work/brunel-window-cpu" || fail "brunel: BDF with an event window on the CPU"
run 1 "$work/brunel" --quiet --method bdf --event-window 0.1 --tstop 60 \
    --out "$work/brunel-window-gpu" || fail "brunel: BDF with an event window on the GPU"
python3 "$source/tests/network/spike_diff.py" "$work/brunel-window-cpu" "$work/brunel-window-gpu" 0.01 ||
    fail "brunel: BDF spikes with an event window on the GPU differ from the CPU's"
run 1 "$work/ring" --quiet --method fixed --threads-per-cell 64 --out "$work/ring-block" ||
    fail "ring: the fixed step with a block per cell on the GPU"
cmp -s "$work/ring-cpu/spikes.tsv" "$work/ring-block/spikes.tsv" ||
    fail "ring: fixed-step spikes with a block per cell on the GPU differ from the CPU's"
run 1 "$work/ring" --quiet --method bdf --threads-per-cell 64 --out "$work/ring-block-bdf" ||
    fail "ring: BDF with a block per cell on the GPU"
python3 "$source/tests/network/spike_diff.py" "$work/ring-bdf-cpu" "$work/ring-block-bdf" 0.01 ||
    fail "ring: BDF spikes with a block per cell on the GPU differ from the CPU's"
echo "GPU tests passed"
