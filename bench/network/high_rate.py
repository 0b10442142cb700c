#!/usr/bin/python3
"""Speed at equal accuracy at a high input rate: Ranvier's BDF against its fixed step.

Usage (from the repository root, after the build):
    /usr/bin/python3 bench/network/high_rate.py [--build build] [--cells 500] [--tstop 200]

Brunel's network (examples/brunel) is chaotic, so its spike times say nothing about accuracy.
This takes its neuron and its inputs without the recurrence: N unconnected iaf_psc_exp neurons
(Brunel's parameters), each driven by excitatory Poisson input at 27.2 kHz (Brunel's 20 kHz
drive plus 80 recurrent excitatory synapses at about 90 Hz) and inhibitory Poisson input at
1.8 kHz (20 synapses at 90 Hz, weight -5 J). Every neuron then fires at Brunel's rate, about
90 Hz, with a new input every 34 us, and its spike times are fixed by the inputs alone.

Each method runs on one rank, in the same invocation, and is compared with BDF at rtol = atol
= 1e-9 (no event window): the difference of the k-th spike of each
cell (median and 90th percentile, up to a cell's first spike off by more than 1 ms), and the
spikes unmatched (missing, extra, or from that first one on). The table gives the run phase's wall time, steps, and
the ratio of wall time to the fixed step at dt 0.1 ms.
"""
import argparse
import os
import statistics
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMPI_MCA_rmaps_base_oversubscribe="1")

MODEL = """
CELL LIF {
    SECTION soma { L = 10 (um)  diam = 10 (um) }
    SYNAPSE lif = iaf_psc_exp AT soma(0.5) {
        C_m = 0.25 (nF)  tau_m = 20 (ms)  E_L = 0 (mV)  V_th = 20 (mV)  V_reset = 10 (mV)
        t_ref = 2 (ms)  tau_syn_ex = 0.5 (ms)  tau_syn_in = 0.5 (ms)
    }
    DETECTOR lif
}

NETWORK high_rate {
    tstop = %(tstop)g (ms)
    POPULATION cells = LIF[%(cells)d]
    STIMULUS exc = poisson(rate = 27200 (Hz)) -> cells.lif { WEIGHT 0.05497 (nA) }
    STIMULUS inh = poisson(rate = 1800 (Hz)) -> cells.lif { WEIGHT -0.27485 (nA) }
    RECORD spikes FROM cells
}
"""

METHODS = [
    ("fixed dt 0.1", ["--method", "fixed", "--dt", "0.1"]),
    ("fixed dt 0.05", ["--method", "fixed", "--dt", "0.05"]),
    ("fixed dt 0.025", ["--method", "fixed", "--dt", "0.025"]),
    ("fixed dt 0.01", ["--method", "fixed", "--dt", "0.01"]),
    ("fixed dt 0.0025", ["--method", "fixed", "--dt", "0.0025"]),
    ("fixed Crank-Nicolson dt 0.1", ["--method", "fixed", "--dt", "0.1", "--secondorder", "2"]),
    ("fixed Crank-Nicolson dt 0.025", ["--method", "fixed", "--dt", "0.025", "--secondorder", "2"]),
    ("BDF 1e-3", ["--rtol", "1e-3", "--atol", "1e-3"]),
    ("BDF 1e-3, window 0.1", ["--rtol", "1e-3", "--atol", "1e-3", "--event-window", "0.1"]),
    ("BDF 1e-3, window 0.05", ["--rtol", "1e-3", "--atol", "1e-3", "--event-window", "0.05"]),
    ("BDF 1e-4", ["--rtol", "1e-4", "--atol", "1e-4"]),
    ("BDF 1e-5", ["--rtol", "1e-5", "--atol", "1e-5"]),
]


def run(binary, out, args):
    subprocess.run(["mpirun", "-np", "1", binary, "--quiet", "--out", out] + args,
                   check=True, env=ENV)
    report = dict(l.split("\t", 1) for l in open(os.path.join(out, "report.txt")).read().splitlines())
    spikes = {}
    for line in open(os.path.join(out, "spikes.tsv")).read().splitlines()[1:]:
        gid, t = line.split("\t")
        spikes.setdefault(int(gid), []).append(float(t))
    return float(report["run_s"]), float(report["steps"]), spikes


def compare(spikes, reference):
    differences, unmatched = [], 0
    for gid in set(spikes) | set(reference):
        a, b = spikes.get(gid, []), reference.get(gid, [])
        unmatched += abs(len(a) - len(b))
        # Spike k against spike k up to the first miss; a cell that has lost a spike is counted
        # as unmatched from there on (its later spikes shift by a whole interval).
        for x, y in zip(a, b):
            if abs(x - y) > 1.0:
                unmatched += 1
                break
            differences.append(abs(x - y))
    if not differences:
        return float("nan"), float("nan"), unmatched
    differences.sort()
    return (statistics.median(differences), differences[int(0.9 * (len(differences) - 1))],
            unmatched)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--cells", type=int, default=500)
    ap.add_argument("--tstop", type=float, default=200)
    args = ap.parse_args()
    ranvier = os.path.join(args.build, "bin", "ranvier")
    with tempfile.TemporaryDirectory() as work:
        model = os.path.join(work, "high_rate.rvn")
        open(model, "w").write(MODEL % dict(cells=args.cells, tstop=args.tstop))
        binary = os.path.join(work, "high_rate")
        subprocess.run([ranvier, "build", "--target=cpu", model, "-o", binary], check=True,
                       stdout=subprocess.DEVNULL)
        _, _, reference = run(binary, os.path.join(work, "reference"), ["--rtol", "1e-9", "--atol", "1e-9"])
        count = sum(len(v) for v in reference.values())
        print("%d cells, %g ms, %d reference spikes (%.0f Hz per cell)\n" %
              (args.cells, args.tstop, count, 1e3 * count / args.cells / args.tstop))
        rows = []
        for name, extra in METHODS:
            seconds, steps, spikes = run(binary, os.path.join(work, name.replace(" ", "_")), extra)
            rows.append((name, seconds, steps) + compare(spikes, reference))
        base = next(r[1] for r in rows if r[0] == "fixed dt 0.1")
        print("| method | wall (s) | vs fixed 0.1 | steps | median error (ms) | 90th percentile (ms) | unmatched spikes |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, seconds, steps, median, p90, unmatched in rows:
            print("| %s | %.3f | %.2f | %.3g | %.2g | %.2g | %d |" %
                  (name, seconds, seconds / base, steps, median, p90, unmatched))


if __name__ == "__main__":
    main()
