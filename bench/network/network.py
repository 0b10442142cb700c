#!/usr/bin/python3
"""Networks in Ranvier and NEURON, timed in the same run: the ring and Brunel's network.

Usage (from the repository root, after the build; NEURON from Debian's python3-neuron):
    /usr/bin/python3 bench/network/network.py [--build build] [--ranks 2] [--sizes 1000 10000]
        [--tstop 200] [--no-neuron]

For each network and size it runs, on --ranks MPI ranks where Ranvier runs:
  - Ranvier BDF (rtol = atol = 1e-5) with the asynchronous exchange, and with bsp;
  - Ranvier fixed step (ring: dt 0.025 ms; Brunel: dt 0.1 ms) with bsp;
  - NEURON 8.2 fixed step (same dt) and NEURON's local variable step (lvardt, 1e-5), serial;
and prints wall time (Ranvier: the run phase from report.txt; NEURON: psolve), steps, events,
spikes, the real-time factor (wall time / simulated time), and for the ring the largest
spike-time error against Ranvier's BDF at 1e-8 (the k-th spike of each cell). Brunel's network
is chaotic, so its spikes are compared by rate only. The ring: ball-and-stick cells (hh soma,
passive dendrite of 11 segments), each exciting the next with a 1 ms delay, one wave: every
cell fires about once per lap (N x 2.56 ms), a low rate. Brunel: iaf_psc_exp neurons, 80% / 20%
excitatory / inhibitory, 80 + 20 synapses per neuron, 20 kHz Poisson drive, about 100 Hz: a
high rate (NEURON's drive is a NetStim per neuron, its own random stream).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "validation"))

ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMPI_MCA_rmaps_base_oversubscribe="1")


def ring_model(n, tstop):
    text = open(os.path.join(ROOT, "examples", "ring", "ring.rvn")).read()
    text = text.replace("BallStick[64]", "BallStick[%d]" % n)
    text = text.replace("cells[0 TO 62] -> cells[1 TO 63]", "cells[0 TO %d] -> cells[1 TO %d]" % (n - 2, n - 1))
    text = text.replace("cells[63] -> cells[0]", "cells[%d] -> cells[0]" % (n - 1))
    text = re.sub(r"tstop = \d+ \(ms\)", "tstop = %g (ms)" % tstop, text)
    return re.sub(r"\n    RECORD v .*", "", text)


def brunel_model(n, tstop):
    text = open(os.path.join(ROOT, "examples", "brunel", "brunel.rvn")).read()
    text = text.replace("LIF[800]", "LIF[%d]" % (n * 4 // 5)).replace("LIF[200]", "LIF[%d]" % (n // 5))
    text = re.sub(r"tstop = \d+ \(ms\)", "tstop = %g (ms)" % tstop, text)
    return re.sub(r"\n    RECORD V_m .*", "", text)


def ranvier(binary, ranks, out, *args):
    subprocess.run(["mpirun", "-np", str(ranks), binary, "--quiet", "--out", out] +
                   [str(a) for a in args], check=True, env=ENV)
    report = dict(line.split("\t", 1) for line in open(os.path.join(out, "report.txt")).read().splitlines())
    rows = [l.split("\t") for l in open(os.path.join(out, "spikes.tsv")).read().splitlines()[1:]]
    return dict(seconds=float(report["run_s"]), steps=float(report["steps"]),
                events=float(report["events"]), spikes=[(int(g), float(t)) for g, t in rows])


def spike_error(spikes, reference):
    ref, count = {}, {}
    for g, t in reference:
        count[g] = count.get(g, 0) + 1
        ref[g, count[g]] = t
    worst, seen, missing = 0.0, {}, 0
    for g, t in spikes:
        seen[g] = seen.get(g, 0) + 1
        if (g, seen[g]) in ref:
            worst = max(worst, abs(t - ref[g, seen[g]]))
        else:
            missing += 1
    missing += len(reference) - (len(spikes) - missing)
    return worst, missing


# ---- NEURON ----

def neuron_ring(h, n):
    cells, keep = [], []
    for i in range(n):
        soma = h.Section(name="soma%d" % i)
        dend = h.Section(name="dend%d" % i)
        soma.L = soma.diam = 12.6157
        dend.L, dend.diam, dend.nseg = 200, 1, 11
        for s in (soma, dend):
            s.Ra, s.cm = 100, 1
        dend.connect(soma(1))
        soma.insert("rv_hh")
        dend.insert("rv_pas")
        for seg in dend:
            seg.rv_pas.g, seg.rv_pas.e = 0.001, -65
        syn = h.rv_ExpSyn(dend(0.5))
        syn.tau, syn.e = 2, 0
        cells.append((soma, dend, syn))
    spikes = []
    for i, (soma, dend, syn) in enumerate(cells):
        target = cells[(i + 1) % n][2]
        nc = h.NetCon(soma(0.5)._ref_v, target, sec=soma)
        nc.threshold, nc.delay, nc.weight[0] = 10, 1, 0.01
        v = h.Vector()
        nc.record(v)
        spikes.append(v)
        keep.append(nc)
    start = h.NetCon(None, cells[0][2])
    start.weight[0] = 0.04
    keep.append(start)
    return cells, spikes, keep, [(start, 10.0)]


def neuron_brunel(h, n):
    ne, ni = n * 4 // 5, n // 5
    cells, keep, spikes = [], [], []
    import random
    rng = random.Random(1)
    for i in range(n):
        soma = h.Section(name="c%d" % i)
        soma.L = soma.diam = 10
        lif = h.iaf_psc_exp(soma(0.5))
        lif.C_m, lif.tau_m, lif.E_L, lif.V_th, lif.V_reset = 0.25, 20, 0, 20, 10
        lif.t_ref, lif.tau_syn_ex, lif.tau_syn_in = 2, 0.5, 0.5
        cells.append((soma, lif))
        v = h.Vector()
        rec = h.NetCon(lif, None)
        rec.record(v)
        spikes.append(v)
        keep.append(rec)
        stim = h.NetStim()
        stim.interval, stim.number, stim.start, stim.noise = 0.05, 1e9, 0, 1
        stim.seed(i + 1)
        nc = h.NetCon(stim, lif)
        nc.weight[0], nc.delay = 0.05497, 0
        keep += [stim, nc]
    for i in range(n):
        for _ in range(80):
            nc = h.NetCon(cells[rng.randrange(ne)][1], cells[i][1])
            nc.weight[0], nc.delay = 0.05497, 1.5
            keep.append(nc)
        for _ in range(20):
            nc = h.NetCon(cells[ne + rng.randrange(ni)][1], cells[i][1])
            nc.weight[0], nc.delay = -0.27485, 1.5
            keep.append(nc)
    return cells, spikes, keep, []


def neuron_run(h, build, n, tstop, variable, dt):
    cells, vecs, keep, events = build(h, n)
    h.dt = dt
    h.cvode_active(1 if variable else 0)
    if variable:
        h.cvode.use_local_dt(1)
        h.cvode.rtol(1e-5)
        h.cvode.atol(1e-5)
        h.cvode.condition_order(2)
    h.finitialize(-65)
    for nc, t in events:
        nc.event(t)
    start = time.perf_counter()
    h.continuerun(tstop)
    seconds = time.perf_counter() - start
    spikes = sorted((t, g) for g, v in enumerate(vecs) for t in v)
    h.cvode.use_local_dt(0)
    h.cvode_active(0)
    del cells, keep
    return dict(seconds=seconds, steps=float("nan"), events=float("nan"),
                spikes=[(g, t) for t, g in spikes])


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--ranks", type=int, default=2)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--tstop", type=float, default=200)
    ap.add_argument("--networks", nargs="+", default=["ring", "brunel"])
    ap.add_argument("--no-neuron", action="store_true")
    args = ap.parse_args()
    ranvier_bin = os.path.join(args.build, "bin", "ranvier")
    work = tempfile.mkdtemp(prefix="bench_network_")
    h = None
    if not args.no_neuron:
        try:
            os.chdir(work)
            from neuron import h
            from stdlib_neuron_check import build
            h.nrn_load_dll(build(os.path.join(work, "nrnmech"), []))
            h.load_file("stdrun.hoc")
        except ImportError as e:
            print("NEURON not importable (%s): its rows are left out" % e)
            h = None
    print("%-7s %7s %-22s %9s %12s %12s %9s %9s %22s" % (
        "network", "cells", "method", "wall (s)", "steps", "events", "spikes", "RTF",
        "spike error (ms)"))
    for name in args.networks:
        for n in args.sizes:
            model = os.path.join(work, "%s%d.rvn" % (name, n))
            text = ring_model(n, args.tstop) if name == "ring" else brunel_model(n, args.tstop)
            open(model, "w").write(text)
            binary = os.path.join(work, "%s%d" % (name, n))
            subprocess.run([ranvier_bin, "build", "--target=cpu", model, "-o", binary], check=True,
                           cwd=os.path.dirname(model))
            dt = 0.025 if name == "ring" else 0.1
            runs = [("Ranvier BDF 1e-5 async", ["--method", "bdf", "--rtol", 1e-5, "--atol", 1e-5]),
                    ("Ranvier BDF 1e-5 bsp", ["--method", "bdf", "--rtol", 1e-5, "--atol", 1e-5,
                                              "--exchange", "bsp"]),
                    ("Ranvier fixed %g bsp" % dt, ["--method", "fixed", "--dt", dt, "--exchange", "bsp"])]
            reference = None
            if name == "ring":
                reference = ranvier(binary, args.ranks, os.path.join(work, "ref"), "--rtol", 1e-8,
                                    "--atol", 1e-8)["spikes"]
            results = []
            for label, options in runs:
                r = ranvier(binary, args.ranks, os.path.join(work, "out"), *options)
                results.append((label + " (%d ranks)" % args.ranks, r))
            if h is not None:
                builder = neuron_ring if name == "ring" else neuron_brunel
                results.append(("NEURON fixed %g" % dt, neuron_run(h, builder, n, args.tstop, False, dt)))
                results.append(("NEURON lvardt 1e-5", neuron_run(h, builder, n, args.tstop, True, dt)))
            for label, r in results:
                error = ""
                if reference is not None:
                    worst, missing = spike_error(r["spikes"], reference)
                    error = "%.3g%s" % (worst, " (%+d spikes)" % missing if missing else "")
                print("%-7s %7d %-22s %9.3f %12.4g %12.4g %9d %9.3g %22s" % (
                    name, n, label[:22], r["seconds"], r["steps"], r["events"], len(r["spikes"]),
                    r["seconds"] / (args.tstop / 1000), error), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
