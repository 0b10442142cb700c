#!/usr/bin/env bash
# The headline example: examples/ring (NEURON's ring of ball-and-stick cells, each exciting the
# next through an ExpSyn with a 1 ms delay) compiled with `ranvier build` and run under mpirun
# on 2 ranks: Ranvier's per-cell BDF with the asynchronous spike exchange, and NEURON's fixed
# step with the bulk-synchronous one, both measured against a BDF run at tolerance 1e-8.
set -euo pipefail
build=${1:-build}
ranvier="$build/bin/ranvier"
out="$build/demo"
mkdir -p "$out"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi=(mpirun --allow-run-as-root --oversubscribe -np 2)

# With a GPU the fixed step runs on it (--target=cuda, the default when Ranvier has CUDA);
# without one the executable is built for the CPU.
target=cpu
if command -v nvidia-smi > /dev/null && nvidia-smi -L > /dev/null 2>&1 && grep -q "HAVE_CUDA 1" \
       "$build/generated/ranvier_build_config.h"; then
    target=cuda
fi
echo "== ranvier build --target=$target examples/ring/ring.rvn -o $out/ring"
"$ranvier" build --target=$target examples/ring/ring.rvn -o "$out/ring"
runs=("bdf:--method bdf --rtol 1e-5 --atol 1e-5 --exchange async"
      "fixed:--method fixed --dt 0.025 --exchange bsp"
      "reference:--method bdf --rtol 1e-8 --atol 1e-8 --quiet")
for run in "${runs[@]}"; do
    name=${run%%:*}
    read -ra options <<< "${run#*:}"
    echo
    echo "== ${mpi[*]} $out/ring ${options[*]} --out $out/$name"
    "${mpi[@]}" "$out/ring" "${options[@]}" --out "$out/$name"
done

# The k-th spike of each cell against the reference's.
error() {
    awk -F'\t' 'FNR == 1 { next }
                NR == FNR { ref[$1, ++n[$1]] = $2; next }
                { k = ++m[$1]; if (($1, k) in ref) { d = $2 - ref[$1, k]; if (d < 0) d = -d;
                  if (d > e) e = d } else missing++ }
                END { printf "%.3g ms%s", e, missing ? " (and " missing " spikes more)" : "" }' \
        "$out/reference/spikes.tsv" "$1/spikes.tsv"
}
seconds() { grep "^run_s" "$1/report.txt" | cut -f2; }
echo
echo "== spikes (BDF, first 5 of $(($(wc -l < "$out/bdf/spikes.tsv") - 1)); gid<TAB>time_ms)"
head -6 "$out/bdf/spikes.tsv"
echo
printf "%-28s %12s %14s %30s\n" "run (2 ranks)" "steps" "run time (s)" "largest spike-time error"
for name in bdf fixed; do
    printf "%-28s %12s %14.3f %30s\n" "$name" "$(grep '^steps' "$out/$name/report.txt" | cut -f2)" \
        "$(seconds "$out/$name")" "$(error "$out/$name")"
done
echo
echo "== $ranvier plot $out/bdf"
"$ranvier" plot "$out/bdf"
echo
echo "Outputs in $out/<run>/: spikes.tsv and spikes.h5 (SONATA), traces.tsv and v_soma_0_5.h5"
echo "(a SONATA report), populations.tsv, report.txt (the run report); plots in"
echo "$out/bdf/raster.png and $out/bdf/traces.png."
echo "The model is examples/ring/ring.rvn; docs/language.md describes CELL and NETWORK blocks."
