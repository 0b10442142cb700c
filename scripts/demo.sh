#!/usr/bin/env bash
# The headline example for the current stage of Ranvier: the pyramidal cell of
# examples/pyramidal (an SWC morphology, .mod channels, synapses driven by spike trains)
# compiled with `ranvier build` and run under mpirun (one rank: networks over MPI come next).
set -euo pipefail
build=${1:-build}
ranvier="$build/bin/ranvier"
out="$build/demo"
mkdir -p "$out"

echo "== ranvier build examples/pyramidal/pyramidal.rvn -o $out/pyramidal"
"$ranvier" build examples/pyramidal/pyramidal.rvn -o "$out/pyramidal"
run=("$out/pyramidal")
if command -v mpirun > /dev/null; then
    run=(mpirun --allow-run-as-root --oversubscribe -np 1 "$out/pyramidal")
fi
for method in bdf fixed; do
    echo
    echo "== ${run[*]} --method $method --out $out/$method"
    "${run[@]}" --method "$method" --out "$out/$method"
done
echo
echo "== spikes (BDF, first 5 of $(($(wc -l < "$out/bdf/spikes.tsv") - 1)))"
head -6 "$out/bdf/spikes.tsv"
echo
echo "Outputs: $out/bdf/{spikes,traces,stimuli}.tsv and $out/fixed/; the model is"
echo "examples/pyramidal/pyramidal.rvn (docs/language.md describes CELL blocks)."
