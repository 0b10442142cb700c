#!/usr/bin/python3
"""Single-cell integration benchmark: hh_soma (and the branched cell) over 1000 ms.

Usage (Debian's neuron, neuron-dev and python3-neuron; after `make build`):
    /usr/bin/python3 bench/single_cell/run.py [--protocol hh_soma|branched|synapses] [--build DIR]

Prints one table row per method: steps, wall time of the integration, the number of spikes
and the largest spike-time error against a converged reference (Ranvier's Crank-Nicolson at
dt = 0.0001 ms, which matches NEURON's fixed step to round-off). The methods, all measured in
this run: Ranvier's fixed step (backward Euler at dt 0.025 and 0.005, Crank-Nicolson at 0.025),
SUNDIALS CVODE driving Ranvier's cell (generated Jacobian) at several tolerances, and NEURON
8.2's fixed step and CVODE on the same .mod files and protocol, and Ranvier's own BDF
integrator (block-elimination and tree Newton solve).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "validation"))
from stdlib_neuron_check import build  # noqa: E402
from hh_soma_check import neuron_cell  # noqa: E402

TSTOP = 1000.0


def ranvier(binary, protocol, *args):
    out = subprocess.run([binary, protocol, str(TSTOP)] + [str(a) for a in args], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    stats = dict(zip(out[-1].split()[1::2], map(float, out[-1].split()[2::2])))
    return [float(line) for line in out[:-1]], int(stats["steps"]), stats["seconds"]


def neuron_run(h, soma, events, dt=None, tol=None):
    h.cvode_active(1 if tol else 0)
    if tol:
        h.cvode.rtol(tol)
        h.cvode.atol(tol)
        h.cvode.condition_order(2)
    else:
        h.dt = dt
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = -20
    spikes, tv = h.Vector(), h.Vector()
    nc.record(spikes)
    tv.record(h._ref_t)
    start = time.perf_counter()
    h.finitialize(-65)
    for nc, t in events:
        nc.event(t)
    h.continuerun(TSTOP)
    seconds = time.perf_counter() - start
    h.cvode_active(0)
    return list(spikes), len(tv) - 1, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--protocol", default="hh_soma", choices=["hh_soma", "branched", "synapses"])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = ap.parse_args()
    binary = os.path.join(args.build, "bin", "hh_soma_fixed")
    reference, _, _ = ranvier(binary, args.protocol, 0.0001, 2, "spikes")
    rows = []
    for dt, order, name in ((0.025, 0, "backward Euler dt 0.025"),
                            (0.005, 0, "backward Euler dt 0.005"),
                            (0.025, 2, "Crank-Nicolson dt 0.025")):
        rows.append(("Ranvier fixed step, " + name,)
                    + ranvier(binary, args.protocol, dt, order, "spikes"))
    for tol in (1e-3, 1e-5, 1e-7):
        rows.append(("Ranvier BDF, tol %g" % tol,)
                    + ranvier(binary, args.protocol, "bdf", tol, tol))
    for tol in (1e-3, 1e-5, 1e-7):
        rows.append(("Ranvier + SUNDIALS CVODE, tol %g" % tol,)
                    + ranvier(binary, args.protocol, "cvode", tol, tol))
    work = tempfile.mkdtemp(prefix="rv_bench_")
    lib = build(work)
    os.chdir(tempfile.mkdtemp())
    from neuron import h
    h.nrn_load_dll(lib)
    h.load_file("stdrun.hoc")
    h.celsius = 6.3
    sections, _, stim = neuron_cell(h, args.protocol)
    for dt in (0.025, 0.005):
        rows.append(("NEURON fixed step, backward Euler dt %g" % dt,)
                    + neuron_run(h, sections[0], stim[1], dt=dt))
    for tol in (1e-3, 1e-5, 1e-7):
        rows.append(("NEURON CVODE, tol %g" % tol,)
                    + neuron_run(h, sections[0], stim[1], tol=tol))
    print("%s, %g ms, %d spikes in the reference (Crank-Nicolson dt 0.0001 ms)"
          % (args.protocol, TSTOP, len(reference)))
    print("| method | steps | wall (s) | spikes | max spike-time error (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, spikes, steps, seconds in rows:
        if len(spikes) == len(reference):
            error = "%.1e" % max((abs(a - b) for a, b in zip(spikes, reference)), default=0)
        else:
            error = "spike count differs"
        print("| %s | %d | %.4f | %d | %s |" % (name, steps, seconds, len(spikes), error))


if __name__ == "__main__":
    main()
