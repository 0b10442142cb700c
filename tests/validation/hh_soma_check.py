#!/usr/bin/python3
"""Ranvier's fixed-step method against NEURON 8.2's on the hh_soma protocol.

Usage (Debian packages neuron, neuron-dev, python3-neuron):
    /usr/bin/python3 tests/validation/hh_soma_check.py BUILD/bin/hh_soma_fixed [workdir]

Builds the standard library's hh, pas and IClamp into NEURON (as stdlib_neuron_check.py does),
runs the same protocols in both at dt = 0.025 ms, backward Euler and Crank-Nicolson
(secondorder = 2), and compares the voltages step by step over the first 100 ms, and the soma's
spike times (threshold -20 mV) over 1000 ms (synaptic inputs: ExpSyn, Exp2Syn, kinetic AMPA
and NMDA driven by NetCon events); and SUNDIALS CVODE driving Ranvier's cell against
NEURON's CVODE, both at rtol = atol = 1e-8 (spike times over 1000 ms). The protocols (hh_soma_fixed.cpp): hh_soma, and a
branched cell (the soma with two passive dendrites, one with an hh patch) probed at four nodes. NEURON differentiates currents numerically
(over 0.001 mV) where Ranvier's d(i)/d(v) is exact, so the voltages agree closely but not to
round-off. Prints PASS/FAIL lines; the exit status is the number of failures.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from stdlib_neuron_check import build  # noqa: E402

TOLERANCE_MV = 0.01  # over the first 100 ms (issue 4)
SPIKE_TOLERANCE_MS = 0.01


def ranvier_trace(binary, protocol, tstop, dt, secondorder):
    out = subprocess.run([binary, protocol, str(tstop), str(dt), str(secondorder)], check=True,
                         capture_output=True, text=True).stdout
    return [tuple(map(float, line.split())) for line in out.splitlines()]


def neuron_cell(h, protocol):
    """The protocol's cell in NEURON (as hh_soma_fixed.cpp builds it in Ranvier): its sections,
    the probed segments, and (the stimulating objects, the NetCon events to send after
    finitialize)."""
    soma = h.Section(name="soma_" + protocol)
    soma.L = soma.diam = 20
    soma.nseg, soma.cm, soma.Ra = 1, 1, 100
    soma.insert("rv_hh")
    sections = [soma]
    probes = [soma(0.5)]
    if protocol == "branched":
        dend = h.Section(name="dend")
        dend.L, dend.diam, dend.nseg, dend.Ra = 300, 2, 9, 100
        dend.connect(soma(1))
        side = h.Section(name="side")
        side.L, side.diam, side.nseg, side.Ra = 200, 1, 3, 100
        side.connect(soma(0.5))
        for sec in (dend, side):
            sec.insert("rv_pas")
            for seg in sec:
                seg.rv_pas.g, seg.rv_pas.e = 1e-4, -65
        side.insert("rv_hh")
        for seg in side:
            if abs(seg.x - 0.9) > 0.2:
                seg.rv_hh.gnabar = seg.rv_hh.gkbar = seg.rv_hh.gl = 0
        sections += [dend, side]
        probes += [dend(0.5), dend(1), side(0.9)]
    events = []
    if protocol == "synapses":
        stim = []
        for name, weight, times in (("rv_ExpSyn", 0.004, (5, 12.5)),
                                    ("rv_Exp2Syn", 0.003, (20, 21)),
                                    ("AMPA", 0.002, (40, 40.6, 41.2)),
                                    ("NMDA", 0.002, (60, 60.5))):
            syn = getattr(h, name)(soma(0.5))
            nc = h.NetCon(None, syn)
            nc.weight[0] = weight
            stim += [syn, nc]
            events += [(nc, t) for t in times]
    else:
        stim = h.rv_IClamp(soma(0.5))
        setattr(stim, "del", 10)
        stim.dur, stim.amp = 1000, 0.15
    return sections, probes, (stim, events)


def crossings(trace, threshold=-20.0):
    """Upward threshold crossings, linearly interpolated between samples."""
    times = []
    for (t0, v0), (t1, v1) in zip(trace, trace[1:]):
        if v0 < threshold <= v1:
            times.append(t0 + (threshold - v0) / (v1 - v0) * (t1 - t0))
    return times


def main():
    binary = sys.argv[1]
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="rv_hh_soma_")
    lib = build(work)
    os.chdir(tempfile.mkdtemp())
    from neuron import h
    h.nrn_load_dll(lib)
    h.load_file("stdrun.hoc")

    h.celsius = 6.3
    failures = 0
    def start(stim):
        h.finitialize(-65)
        for nc, t in stim[1]:
            nc.event(t)

    for protocol in ("hh_soma", "branched", "synapses"):
        sections, probes, stim = neuron_cell(h, protocol)
        for secondorder in (0, 2):
            h.secondorder = secondorder
            h.cvode_active(0)
            h.dt = 0.025
            tv = h.Vector().record(h._ref_t)
            vs = [h.Vector().record(p._ref_v) for p in probes]
            start(stim)
            h.continuerun(1000)
            neuron = [tuple([t] + [v[i] for v in vs]) for i, t in enumerate(tv)]
            ranvier = ranvier_trace(binary, protocol, 1000, 0.025, secondorder)
            n = min(len(neuron), len(ranvier))
            first = [i for i in range(n) if neuron[i][0] <= 100 + 1e-9]
            dv = max(abs(neuron[i][k] - ranvier[i][k]) for i in first
                     for k in range(1, len(probes) + 1))
            ok = dv < TOLERANCE_MV and len(neuron) == len(ranvier)
            failures += not ok
            print("%s  %s, secondorder=%d: max |v - v_NEURON| over 100 ms = %.2e mV "
                  "(%d samples x %d nodes)" % ("PASS" if ok else "FAIL", protocol, secondorder,
                                                 dv, len(first), len(probes)), flush=True)
            sn = crossings([(r[0], r[1]) for r in neuron])
            sr = crossings([(r[0], r[1]) for r in ranvier])
            dts = max((abs(a - b) for a, b in zip(sn, sr)), default=0.0)
            ok = len(sn) == len(sr) and len(sn) >= (20 if protocol == "hh_soma" else 1) \
                and dts < SPIKE_TOLERANCE_MS
            failures += not ok
            print("%s  %s, secondorder=%d: %d spikes (NEURON %d) in 1000 ms, max spike-time "
                  "difference %.2e ms" % ("PASS" if ok else "FAIL", protocol, secondorder,
                                          len(sr), len(sn), dts), flush=True)
        # Variable step at tight tolerance: SUNDIALS CVODE in Ranvier against NEURON's CVODE.
        h.secondorder = 0
        h.cvode_active(1)
        h.cvode.rtol(1e-8)
        h.cvode.atol(1e-8)
        nc = h.NetCon(probes[0]._ref_v, None, sec=sections[0])
        nc.threshold = -20
        times = h.Vector()
        nc.record(times)
        start(stim)
        h.continuerun(1000)
        h.cvode_active(0)
        out = subprocess.run([binary, protocol, "1000", "cvode", "1e-8", "1e-8"], check=True,
                             capture_output=True, text=True).stdout.splitlines()
        ranvier = [float(line) for line in out if not line.startswith("#")]
        dts = max((abs(a - b) for a, b in zip(times, ranvier)), default=0.0)
        # NEURON's CVODE locates threshold crossings less tightly than its tolerance (its spike
        # times move by 2e-3 ms between rtol 1e-8 and 1e-10): 0.01 ms on hh_soma, as issue 4
        # asks, and 0.02 ms on the branched cell. The tight check is the next one.
        allowed = SPIKE_TOLERANCE_MS if protocol == "hh_soma" else 2 * SPIKE_TOLERANCE_MS
        ok = len(times) == len(ranvier) and len(ranvier) >= 1 and dts < allowed
        failures += not ok
        print("%s  %s, CVODE rtol = atol = 1e-8: %d spikes (NEURON CVODE %d) in 1000 ms, max "
              "spike-time difference %.2e ms (%s)" % ("PASS" if ok else "FAIL", protocol,
                                                      len(ranvier), len(times), dts,
                                                      out[-1].lstrip("# ")), flush=True)
        # Ranvier's own BDF integrator at the same tolerance against NEURON's CVODE.
        out_bdf = subprocess.run([binary, protocol, "1000", "bdf", "1e-8", "1e-8"], check=True,
                                 capture_output=True, text=True).stdout.splitlines()
        bdf = [float(line) for line in out_bdf if not line.startswith("#")]
        dts = max((abs(a - b) for a, b in zip(times, bdf)), default=0.0)
        ok = len(times) == len(bdf) and len(bdf) >= 1 and dts < allowed
        failures += not ok
        print("%s  %s, Ranvier BDF rtol = atol = 1e-8: %d spikes (NEURON CVODE %d), max "
              "spike-time difference %.2e ms (%s)" % ("PASS" if ok else "FAIL", protocol,
                                                      len(bdf), len(times), dts,
                                                      out_bdf[-1].lstrip("# ")), flush=True)
        # The same CVODE run against a converged reference: Ranvier's fixed step (equal to
        # NEURON's to round-off, above) with Crank-Nicolson at dt = 0.0002 ms.
        fine = crossings([(r[0], r[1])
                          for r in ranvier_trace(binary, protocol, 1000, 0.0002, 2)])
        dts = max((abs(a - b) for a, b in zip(fine, ranvier)), default=0.0)
        ok = len(fine) == len(ranvier) and dts < 1e-3
        dts_bdf = max((abs(a - b) for a, b in zip(fine, bdf)), default=0.0)
        ok = ok and len(fine) == len(bdf) and dts_bdf < 1e-3
        failures += not ok
        print("%s  %s, CVODE and BDF at rtol = atol = 1e-8 against Crank-Nicolson at dt 0.0002 ms:"
              " max spike-time differences %.2e ms, %.2e ms"
              % ("PASS" if ok else "FAIL", protocol, dts, dts_bdf), flush=True)
        del sections, probes, stim, nc
    return failures


if __name__ == "__main__":
    sys.exit(main())
