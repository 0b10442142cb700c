#!/usr/bin/env bash
# Network construction speed and memory: 10^4 integrate-and-fire neurons with 1000 incoming
# synapses each (10^7 synapses, fixed_indegree with a normal weight and a uniform delay),
# built on 1, 2 and 4 ranks and run for 0 ms. Prints synapses per second per rank and bytes
# per synapse (the connection tables and the synapses' NetCons; from report.txt).
#   bench/construct/construct.sh [BUILD_DIR] [RANKS...]
set -euo pipefail
build=${1:-build}
shift || true
ranks=("$@")
[ ${#ranks[@]} -gt 0 ] || ranks=(1 2 4)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
cat > "$work/construct.rvn" <<'MODEL'
CELL LIF {
    SECTION soma { L = 10 (um)  diam = 10 (um) }
    SYNAPSE lif = iaf_psc_exp AT soma(0.5)
    DETECTOR lif
}
NETWORK construct {
    POPULATION exc = LIF[8000]
    POPULATION inh = LIF[2000]
    PROJECTION exc -> exc.lif { RULE fixed_indegree(800)  WEIGHT normal(0.05, 0.005) (nA)  DELAY uniform(1, 2) (ms) }
    PROJECTION exc -> inh.lif { RULE fixed_indegree(800)  WEIGHT normal(0.05, 0.005) (nA)  DELAY uniform(1, 2) (ms) }
    PROJECTION inh -> exc.lif { RULE fixed_indegree(200)  WEIGHT -0.25 (nA)  DELAY uniform(1, 2) (ms) }
    PROJECTION inh -> inh.lif { RULE fixed_indegree(200)  WEIGHT -0.25 (nA)  DELAY uniform(1, 2) (ms) }
}
MODEL
"$build/bin/ranvier" build --target=cpu "$work/construct.rvn" -o "$work/construct"
printf "%6s %12s %12s %14s %22s %16s\n" ranks cells synapses "build (s)" "synapses/s per rank" "bytes/synapse"
for r in "${ranks[@]}"; do
    mpirun -np "$r" "$work/construct" --tstop 0 --quiet --out "$work/out$r"
    report="$work/out$r/report.txt"
    value() { grep "^$1	" "$report" | cut -f2; }
    awk -v r="$r" -v cells="$(value cells)" -v n="$(value connections)" -v s="$(value build_s)" \
        -v bytes="$(value connection_bytes)" \
        'BEGIN { printf "%6d %12d %12d %14.2f %22.3g %16.1f\n", r, cells, n, s, n / r / s, bytes / n }'
done
