#!/usr/bin/python3
"""GPU benchmark: networks on one GPU against the CPU backend on the same machine, in one run.

Usage (from the repository root, after the build):
    /usr/bin/python3 bench/gpu/gpu.py [--build build] [--sizes 10000 100000 1000000]
        [--tstop 100] [--cores N] [--networks brunel ring] [--indegree 1000]

For each network and size, on the machine it runs on:
  - the GPU backend (executable built with --target=cuda, 1 rank): the fixed step (Brunel:
    dt 0.1 ms; the ring: dt 0.025 ms);
  - BDF (rtol = atol = 1e-5) on the GPU (each cell its own integrator; the ring only) and on the
    CPU backend;
  - the CPU backend on 1 core and on --cores cores (mpirun -np), with the same fixed step, and
    BDF (rtol = atol = 1e-5) on the cores;
and prints the run phase's wall time (report.txt's run_s), cell-steps per second (steps over
run time; for BDF the steps it took), the real-time factor (wall time / simulated time; below 1
is faster than real time), the device memory (the GPU backend's allocations) and the speed-up
of the GPU over the CPU backend on 1 core and on all cores. Without a GPU the GPU rows say so
and the CPU rows are still measured.

The networks: Brunel's (iaf_psc_exp point neurons, 80% / 20% excitatory / inhibitory,
--indegree synapses per neuron split 4:1, J = 0.1 mV, g = 5, a 20 kHz Poisson drive per neuron
(eta = 2 whatever the indegree): 10^5 neurons at indegree 1000 is the goal's 10^8 synapses);
the ring of ball-and-stick hh cells of examples/ring (one wave; a low rate); and (--networks
branched) cells of 185 compartments (an hh soma, eight passive dendrites of 15 segments, each
with a tuft of 8), a block of threads per cell on the GPU by default, with a row for one thread
per cell (--threads-per-cell 1) beside it.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench", "network"))
import network  # noqa: E402  (the ring's and Brunel's model texts)

ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMPI_MCA_rmaps_base_oversubscribe="1", OMPI_MCA_btl_vader_single_copy_mechanism="none")


def brunel_model(n, tstop, indegree):
    exc, inh = indegree * 4 // 5, indegree // 5
    text = network.brunel_model(n, tstop)
    text = text.replace("fixed_indegree(80)", "fixed_indegree(%d)" % exc)
    return text.replace("fixed_indegree(20)", "fixed_indegree(%d)" % inh)


def branched_model(n, tstop):
    return """
CELL Branched {
    v_init = -65 (mV)
    SECTION soma { L = 20 (um)  diam = 20 (um) }
    SECTION dend[8] { L = 300 (um)  diam = 2 (um)  nseg = 15  PARENT soma(1) }
    SECTION tuft[8] { L = 100 (um)  diam = 1 (um)  nseg = 8  PARENT dend[0](1) }
    INSERT hh IN soma
    INSERT pas IN dend, tuft { g_pas = 1e-4 (S/cm2)  e_pas = -65 (mV) }
    SYNAPSE syn = ExpSyn AT dend[3](0.1) { tau = 2 (ms) }
    DETECTOR soma(0.5) THRESHOLD -20 (mV)
}
NETWORK branched {
    tstop = %g (ms)
    POPULATION cells = Branched[%d]
    PROJECTION cells -> cells.syn { RULE fixed_indegree(10)  WEIGHT 0.004 (uS)  DELAY uniform(2, 5) (ms) }
    STIMULUS drive = poisson(rate = 200 (Hz)) -> cells.syn { WEIGHT 0.04 (uS) }
    RECORD spikes FROM cells
}
""" % (tstop, n)


def have_gpu():
    if not shutil.which("nvidia-smi"):
        return False
    return subprocess.run(["nvidia-smi", "-L"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def run(binary, ranks, out, args):
    result = subprocess.run(["mpirun", "-np", str(ranks), binary, "--quiet", "--out", out] + args,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        return dict(error=(result.stderr.strip().splitlines() or ["exit %d" % result.returncode])[-1])
    report = dict(line.split("\t", 1) for line in open(os.path.join(out, "report.txt")).read().splitlines())
    spikes = sum(1 for _ in open(os.path.join(out, "spikes.tsv"))) - 1
    return dict(seconds=float(report["run_s"]), steps=float(report["steps"]), spikes=spikes,
                memory=float(report.get("device_memory_bytes", 0)), device=report.get("device", ""),
                waits=float(report.get("device_waits", 0)),
                launches=float(report.get("device_launches", 0)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000, 1000000])
    ap.add_argument("--tstop", type=float, default=100)
    ap.add_argument("--cores", type=int, default=os.cpu_count())
    ap.add_argument("--networks", nargs="+", default=["brunel", "ring"],
                    choices=["brunel", "ring", "branched"])
    ap.add_argument("--indegree", type=int, default=1000)
    ap.add_argument("--no-bdf", action="store_true", help="leave out the CPU backend's BDF rows")
    args = ap.parse_args()
    ranvier = os.path.join(args.build, "bin", "ranvier")
    gpu = have_gpu()
    print("GPU: %s; CPU backend on 1 and %d cores; tstop %g ms" %
          ("present" if gpu else "none on this machine (GPU rows not measured)", args.cores, args.tstop))
    header = "%-8s %9s %11s %-7s %-14s %9s %13s %9s %11s %9s %11s %9s" % (
        "network", "cells", "synapses", "method", "backend", "run (s)", "cell-steps/s", "RT factor",
        "GPU memory", "GPU waits", "GPU kernels", "GPU x")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as work:
        for name in args.networks:
            for n in args.sizes:
                model = os.path.join(work, "%s_%d.rvn" % (name, n))
                if name == "brunel":
                    text, synapses = brunel_model(n, args.tstop, args.indegree), n * args.indegree
                elif name == "branched":
                    text, synapses = branched_model(n, args.tstop), n * 10
                else:
                    text, synapses = network.ring_model(n, args.tstop), n
                open(model, "w").write(text)
                dt = "0.1" if name == "brunel" else "0.025"
                cpu_bin = os.path.join(work, "%s_%d_cpu" % (name, n))
                subprocess.run([ranvier, "build", "--target=cpu", model, "-o", cpu_bin], check=True,
                               stdout=subprocess.DEVNULL)
                rows = []
                if gpu:
                    gpu_bin = os.path.join(work, "%s_%d_gpu" % (name, n))
                    subprocess.run([ranvier, "build", "--target=cuda", model, "-o", gpu_bin], check=True,
                                   stdout=subprocess.DEVNULL)
                    rows.append(("fixed", "gpu", run(gpu_bin, 1, os.path.join(work, "g"),
                                                     ["--method", "fixed", "--dt", dt])))
                    if name == "branched":
                        rows.append(("fixed", "gpu 1 thr/cell", run(
                            gpu_bin, 1, os.path.join(work, "g1"),
                            ["--method", "fixed", "--dt", dt, "--threads-per-cell", "1"])))
                else:
                    rows.append(("fixed", "gpu", dict(error="no GPU")))
                fixed = ["--method", "fixed", "--dt", dt, "--exchange", "bsp"]
                rows.append(("fixed", "cpu 1 core", run(cpu_bin, 1, os.path.join(work, "c1"), fixed)))
                rows.append(("fixed", "cpu %d cores" % args.cores,
                             run(cpu_bin, args.cores, os.path.join(work, "cn"), fixed)))
                if not args.no_bdf:
                    bdf = ["--method", "bdf", "--rtol", "1e-5", "--atol", "1e-5"]
                    # BDF on the GPU: each cell its own integrator (Brunel's LIF cells too: their
                    # WATCH is found on each step's dense output).
                    if gpu:
                        rows.append(("bdf", "gpu", run(gpu_bin, 1, os.path.join(work, "gb"), bdf)))
                    rows.append(("bdf", "cpu 1 core", run(cpu_bin, 1, os.path.join(work, "b1"), bdf)))
                    rows.append(("bdf", "cpu %d cores" % args.cores,
                                 run(cpu_bin, args.cores, os.path.join(work, "b"), bdf)))
                gpu_seconds = {m: r.get("seconds") for m, b, r in rows if b == "gpu"}
                for method, backend, r in rows:
                    if "error" in r:
                        print("%-8s %9d %11d %-7s %-14s   %s" % (name, n, synapses, method, backend, r["error"]))
                        continue
                    reference = gpu_seconds.get(method)
                    speedup = "" if backend.startswith("gpu") or not reference else "%.1f" % (r["seconds"] / reference)
                    on_gpu = backend.startswith("gpu")
                    memory = "%.2f GB" % (r["memory"] / 1e9) if on_gpu else ""
                    waits = "%.3g" % r["waits"] if on_gpu else ""
                    launches = "%.3g" % r["launches"] if on_gpu else ""
                    print("%-8s %9d %11d %-7s %-14s %9.3f %13.3g %9.3g %11s %9s %11s %9s" % (
                        name, n, synapses, method, backend, r["seconds"], r["steps"] / r["seconds"],
                        r["seconds"] / (args.tstop / 1000), memory, waits, launches, speedup))
                    sys.stdout.flush()
    print("\nGPU x: the CPU backend's run time over the GPU's (same network, same method).")
    print("GPU waits: times the host waited for the GPU (report.txt's device_waits).")
    print("GPU kernels: kernels launched (report.txt's device_launches).")


if __name__ == "__main__":
    main()
