#!/usr/bin/python3
"""Single-cell benchmark on model files: the examples' cells built with `ranvier build`.

Usage (Debian's neuron, neuron-dev and python3-neuron; after `make build`):
    /usr/bin/python3 bench/single_cell/cells.py [--model examples/pyramidal/pyramidal.rvn]
                                                [--tstop MS] [--build DIR]

Prints one table row per method: steps, Newton iterations, Jacobian evaluations, the wall time
of the integration, the number of spikes and the largest spike-time error against a tight
reference (Ranvier's BDF at rtol = atol = 1e-10; its agreement with NEURON's CVODE at 1e-10 is
printed too). The methods, all measured in this run on the same .mod files and protocol
(the model's STIMULUS events replayed in NEURON from the run's stimuli.tsv): Ranvier's BDF at
several tolerances, Ranvier's fixed step (backward Euler at dt 0.025 and 0.005 ms), SUNDIALS
CVODE driving Ranvier's cell (generated Jacobian, block/tree linear solve), NEURON 8.2's fixed
step and its CVODE. NEURON's Newton iterations and Jacobian evaluations are those of its
`cvode.statistics()` (its linear solves, one per Newton iteration, and Jacobian setups); its
step count is the number of steps the integration returned.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "validation"))
from cell_vs_neuron import includes, neuron_cell, parse_cell, ranvier_run  # noqa: E402
from stdlib_neuron_check import build  # noqa: E402

REFERENCE_TOL = 1e-10
SUMMARY = re.compile(r"steps (\d+)(?: rhs (\d+) jacobians (\d+) newton (\d+))?.*; (\d+) spikes; "
                     r"([0-9.e+-]+) s")


def ranvier(binary, work, tstop, *args):
    """(spikes, steps, newton, jacobians, seconds) of one run of the built executable."""
    out = os.path.join(work, "run")
    run = subprocess.run([binary, "--out", out, "--tstop", str(tstop)] + [str(a) for a in args],
                         check=True, capture_output=True, text=True).stdout
    m = SUMMARY.search(run)
    spikes = [float(line.split("\t")[1])
              for line in open(os.path.join(out, "spikes.tsv")).read().splitlines()[1:]]
    steps, newton, jacobians = (int(m.group(k)) if m.group(k) else None for k in (1, 4, 3))
    return spikes, steps, newton, jacobians, float(m.group(6))


def captured_statistics(h):
    """NEURON's cvode.statistics() text (printed by C code on file descriptor 1)."""
    sys.stdout.flush()
    saved = os.dup(1)
    with tempfile.TemporaryFile(mode="w+") as f:
        os.dup2(f.fileno(), 1)
        try:
            h.cvode.statistics()
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)
        f.seek(0)
        return f.read()


def neuron_run(h, model, events, tstop, dt=None, tol=None):
    """(spikes, steps, newton, jacobians, seconds) of NEURON on the same cell."""
    cell, secs, netcons = model
    sec, x = cell["detectors"][0]["at"]
    h.secondorder = 0
    h.cvode_active(1 if tol else 0)
    if tol:
        h.cvode.rtol(tol)
        h.cvode.atol(tol)
        h.cvode.condition_order(2)
    else:
        h.dt = dt
    detector = h.NetCon(secs[sec](x)._ref_v, None, sec=secs[sec])
    detector.threshold = cell["detectors"][0]["threshold"]
    spikes, tv = h.Vector(), h.Vector()
    detector.record(spikes)
    tv.record(h._ref_t)
    start = time.perf_counter()
    h.finitialize(cell["v_init"])
    for label, times in events.items():
        for t in times:
            netcons[label].event(t)
    h.continuerun(tstop)
    seconds = time.perf_counter() - start
    newton = jacobians = None
    if tol:
        text = captured_statistics(h)
        # "... function evaluations, N mx=b solves, J jacobian setups": a linear solve per
        # Newton iteration.
        found = re.search(r"(\d+) mx=b solves", text)
        newton = int(found.group(1)) if found else None
        found = re.search(r"(\d+) jacobian setups", text)
        jacobians = int(found.group(1)) if found else None
    h.cvode_active(0)
    return list(spikes), len(tv) - 1, newton, jacobians, seconds


def error(spikes, reference):
    if len(spikes) != len(reference):
        return "%d spikes, not %d" % (len(spikes), len(reference))
    return "%.1e" % max((abs(a - b) for a, b in zip(spikes, reference)), default=0)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=os.path.join(ROOT, "examples", "pyramidal", "pyramidal.rvn"))
    ap.add_argument("--tstop", type=float, help="ms (default: the model's tstop)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--segment-length", type=float,
                    help="um: the model's segment_length replaced (a finer cable, more nodes)")
    args = ap.parse_args()
    compiler = os.path.join(args.build, "bin", "ranvier")
    model = os.path.abspath(args.model)
    if args.segment_length:
        # A copy beside the original, so that its INCLUDEs and MORPHOLOGY still resolve.
        text = re.sub(r"segment_length = [^\n:]*", "segment_length = %g (um)" % args.segment_length,
                      open(model).read())
        finer = os.path.join(os.path.dirname(model), ".bench_%d.rvn" % os.getpid())
        open(finer, "w").write(text)
        try:
            run_model(args, compiler, finer, model)
        finally:
            os.remove(finer)
        return
    run_model(args, compiler, model, model)


def run_model(args, compiler, model, shown):
    work = tempfile.mkdtemp(prefix="rv_bench_cells_")
    cell = parse_cell(subprocess.run([compiler, "emit", "--stage=cell", model], check=True,
                                     capture_output=True, text=True).stdout)
    tstop = args.tstop or cell["tstop"]
    binary = os.path.join(work, "bin")
    subprocess.run([compiler, "build", model, "-o", binary], check=True)
    reference = ranvier(binary, work, tstop, "--method", "bdf", "--rtol", REFERENCE_TOL,
                        "--atol", REFERENCE_TOL)[0]
    _, _, events = ranvier_run(binary, os.path.join(work, "events"), "--tstop", tstop)
    rows = []
    for tol in (1e-3, 1e-4, 1e-5, 1e-6, 1e-7):
        rows.append(("Ranvier BDF, tol %g" % tol,)
                    + ranvier(binary, work, tstop, "--method", "bdf", "--rtol", tol, "--atol", tol))
    for dt in (0.025, 0.005):
        rows.append(("Ranvier fixed step, backward Euler dt %g" % dt,)
                    + ranvier(binary, work, tstop, "--method", "fixed", "--dt", dt))
    for tol in (1e-3, 1e-5, 1e-7):
        rows.append(("Ranvier + SUNDIALS CVODE, tol %g" % tol,)
                    + ranvier(binary, work, tstop, "--method", "cvode", "--rtol", tol, "--atol",
                              tol))
    os.chdir(tempfile.mkdtemp(prefix="rv_bench_nrn_"))
    from neuron import h
    h.nrn_load_dll(build(os.path.join(work, "nrnmech"), includes(model)))
    h.load_file("stdrun.hoc")
    secs, points, netcons, _ = neuron_cell(h, cell)
    nrn = (cell, secs, netcons)
    neuron_reference = neuron_run(h, nrn, events, tstop, tol=REFERENCE_TOL)[0]
    for dt in (0.025, 0.005):
        rows.append(("NEURON fixed step, backward Euler dt %g" % dt,)
                    + neuron_run(h, nrn, events, tstop, dt=dt))
    for tol in (1e-3, 1e-5, 1e-7):
        rows.append(("NEURON CVODE, tol %g" % tol,) + neuron_run(h, nrn, events, tstop, tol=tol))
    nodes = sum(s.nseg for s in secs.values())
    print("%s (%s): %d sections, %d segments; %g ms; %d spikes in the reference (Ranvier BDF at "
          "%g; NEURON CVODE at %g: %s)" % (cell["name"], os.path.relpath(shown, ROOT), len(secs),
                                           nodes, tstop, len(reference), REFERENCE_TOL,
                                           REFERENCE_TOL, error(neuron_reference, reference)))
    print("| method | steps | Newton iterations | Jacobians | wall (s) | spikes | "
          "max spike-time error (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, spikes, steps, newton, jacobians, seconds in rows:
        print("| %s | %d | %s | %s | %.4f | %d | %s |"
              % (name, steps, "-" if newton is None else newton,
                 "-" if jacobians is None else jacobians, seconds, len(spikes),
                 error(spikes, reference)))


if __name__ == "__main__":
    main()
