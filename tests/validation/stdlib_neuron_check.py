#!/usr/bin/python3
"""Cross-check the Ranvier standard-library mechanisms in NEURON.

Usage (Debian packages neuron, neuron-dev, python3-neuron):
    /usr/bin/python3 tests/validation/stdlib_neuron_check.py [workdir]

The script copies every stdlib_models/*.mod into a scratch directory,
renames the mechanisms that share a name with a NEURON built-in (hh, pas,
ExpSyn, Exp2Syn, NetStim, IClamp get the prefix rv_), translates them with
nocmodl, builds libnrnmech.so with NEURON's nrnmech_makefile, loads it and
runs a set of simulations, comparing against NEURON's built-ins or against
closed-form results. Each check prints PASS or FAIL; the exit status is the
number of failures.
"""
import glob
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODDIR = os.path.join(os.path.dirname(os.path.dirname(HERE)), "stdlib_models")
CLASH = ["hh", "pas", "ExpSyn", "Exp2Syn", "NetStim", "IClamp", "IntFire1"]
BUILTIN_ORDER = ["pas", "hh", "IClamp", "ExpSyn", "Exp2Syn", "NetStim", "IntFire1"]

results = []


def check(name, ok, detail):
    results.append(ok)
    print("%s  %-38s %s" % ("PASS" if ok else "FAIL", name, detail), flush=True)


def build(work, extra=()):
    """Builds WORK/libnrnmech.so from the standard library, the .mod files beside this script
    and the EXTRA .mod files (e.g. those a model file INCLUDEs); returns its path."""
    os.makedirs(work, exist_ok=True)
    sources = sorted(glob.glob(os.path.join(MODDIR, "*.mod")) + glob.glob(os.path.join(HERE, "*.mod")))
    for f in sources + list(extra):
        base = os.path.basename(f)[:-4]
        text = open(f).read()
        if base in CLASH:
            text = re.sub(r"^(\s*)(SUFFIX|POINT_PROCESS|ARTIFICIAL_CELL) %s\b" % base,
                          r"\1\2 rv_%s" % base, text, flags=re.M)
            base = "rv_" + base
        open(os.path.join(work, base + ".mod"), "w").write(text)
    # Registered as NEURON and nrnivmodl would: the built-ins' stand-ins first, in NEURON's
    # order, then the rest by name (Ranvier's executables order a cell's mechanisms alike).
    mods = sorted((os.path.basename(m)[:-4] for m in glob.glob(os.path.join(work, "*.mod"))),
                  key=lambda m: (BUILTIN_ORDER.index(m[3:]) if m.startswith("rv_") and
                                 m[3:] in BUILTIN_ORDER else len(BUILTIN_ORDER), m))
    env = dict(os.environ, MODLUNIT="/usr/share/nrn/lib/nrnunits.lib")
    for m in mods:
        subprocess.run(["nocmodl", m + ".mod"], cwd=work, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(work, "mod_func.cpp"), "w") as fh:
        fh.write('#include <stdio.h>\n#include "hocdec.h"\n'
                 'extern "C" {\n')
        for m in mods:
            fh.write("extern void _%s_reg(void);\n" % m)
        fh.write("void modl_reg() {\n")
        for m in mods:
            fh.write("  _%s_reg();\n" % m)
        fh.write("}\n}\n")
    open(os.path.join(work, "makemod2c_inc"), "w").close()
    objs = " ".join("./%s.o" % m for m in mods)
    subprocess.run(["make", "-s", "-f", "/usr/lib/nrn/nrnmech_makefile", "ROOT=/usr",
                    "libdir=/usr/lib/nrn", "MODOBJFILES=" + objs, "mech_lib_shared"],
                   cwd=work, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(work, "libnrnmech.so")


def main():
    work = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="rv_nrn_")
    lib = build(work)
    os.chdir(tempfile.mkdtemp())  # keep neuron from auto-loading anything
    from neuron import h
    h.nrn_load_dll(lib)
    h.load_file("stdrun.hoc")

    def run(tstop, dt=0.025, celsius=6.3, cvode=False):
        h.cvode_active(1 if cvode else 0)
        h.dt = dt
        h.celsius = celsius
        h.finitialize(-65)
        h.continuerun(tstop)

    keep = []  # sections are never freed: point processes and records may still point into them

    def soma(mech=None):
        s = h.Section(name="soma%d" % len(keep))
        keep.append(s)
        s.L = s.diam = 20
        if mech:
            s.insert(mech)
        return s

    def spikes_of(sec, thr=0):
        nc = h.NetCon(sec(0.5)._ref_v, None, sec=sec)
        nc.threshold = thr
        tv = h.Vector()
        nc.record(tv)
        return nc, tv

    # ---- hh: 20x20 um soma, 0.15 nA for 1000 ms at 6.3 degC ----
    traces = {}
    h.usetable_hh = 0  # compare with the untabulated rates of NEURON's hh
    for mech, clamp in (("hh", "IClamp"), ("rv_hh", "rv_IClamp")):
        s = soma(mech)
        st = getattr(h, clamp)(s(0.5))
        setattr(st, "del", 0)
        st.dur, st.amp = 1000, 0.15
        vv = h.Vector().record(s(0.5)._ref_v)
        nc, tv = spikes_of(s)
        run(1000)
        traces[mech] = (s, st, vv, nc, tv)
    n_ref, n_rv = len(traces["hh"][4]), len(traces["rv_hh"][4])
    dv = max(abs(a - b) for a, b in zip(traces["hh"][2], traces["rv_hh"][2]))
    check("hh repetitive firing (0.15 nA, 1 s)", n_rv > 20 and n_rv == n_ref,
          "%d spikes (NEURON hh: %d), max |dv| %.2e mV" % (n_rv, n_ref, dv))
    dts = max((abs(a - b) for a, b in zip(traces["hh"][4], traces["rv_hh"][4])), default=0)
    check("hh spike times vs NEURON hh", dts < 1e-6, "max diff %.2e ms (usetable_hh = 0)" % dts)
    traces.clear()

    # hh near the removable singularities of the rates
    s = soma("rv_hh")
    ok = True
    for vm in (-40.0, -55.0, -40.0 + 1e-9, -55.0 - 1e-7):
        s(0.5).v = vm
        h.celsius = 6.3
        h.finitialize(vm)
        ok &= all(math.isfinite(x) for x in (s(0.5).minf_rv_hh, s(0.5).ninf_rv_hh,
                                             s(0.5).mtau_rv_hh, s(0.5).ntau_rv_hh))
    # at v = -40 exactly am = 1/ms, bm = 4 exp(-25/18)
    h.finitialize(-40)
    am, bm = 1.0, 4 * math.exp(-25 / 18)
    check("hh rates finite at 0/0 points", ok and abs(s(0.5).minf_rv_hh - am / (am + bm)) < 1e-12,
          "minf(-40) = %.12f" % s(0.5).minf_rv_hh)

    # ---- pas + IClamp vs built-ins ----
    out = {}
    for mech, clamp in (("pas", "IClamp"), ("rv_pas", "rv_IClamp")):
        s = soma(mech)
        setattr(s, "g_" + mech, 0.0005)
        setattr(s, "e_" + mech, -65)
        st = getattr(h, clamp)(s(0.5))
        st.dur, st.amp = 20, 0.05
        setattr(st, "del", 5.0125)  # between grid points: both must switch on the same step
        vv = h.Vector().record(s(0.5)._ref_v)
        run(50)
        out[mech] = (s, st, vv)
    dv = max(abs(a - b) for a, b in zip(out["pas"][2], out["rv_pas"][2]))
    check("pas + IClamp vs built-ins (fixed step)", dv < 1e-9, "max |dv| %.2e mV" % dv)
    for k in out:
        out[k][2].record(out[k][0](0.5)._ref_v, 0.1)
    run(50, cvode=True)
    dv = max(abs(a - b) for a, b in zip(out["pas"][2], out["rv_pas"][2]))
    check("pas + IClamp vs built-ins (cvode)", dv < 1e-2, "max |dv| %.2e mV" % dv)
    s = out["rv_pas"][0]
    area = math.pi * 20 * 20 * 1e-8  # cm2
    vinf = -65 + 0.05e-9 / (0.0005 * area) * 1e3  # nA -> A, V -> mV
    check("pas steady state under clamp", abs(max(out["rv_pas"][2]) - vinf) < 0.5,
          "v_max %.3f mV, analytic plateau %.3f mV" % (max(out["rv_pas"][2]), vinf))
    out.clear()

    # ---- NetStim regular train vs built-in ----
    ns_ref, ns_rv = h.NetStim(), h.rv_NetStim()
    recs = []
    for ns in (ns_ref, ns_rv):
        ns.start, ns.interval, ns.number, ns.noise = 5, 7, 12, 0
        nc = h.NetCon(ns, None)
        tv = h.Vector()
        nc.record(tv)
        recs.append((nc, tv))
    run(200)
    a, b = list(recs[0][1]), list(recs[1][1])
    check("NetStim noise=0 vs built-in", a == b and len(b) == 12,
          "%d events, first %.3f, last %.3f" % (len(b), b[0], b[-1]))
    # ---- IntFire1 vs built-in: the same input trains (excitation, inhibition, inputs in the
    # refractory period), the same output spikes ----
    cells = (h.IntFire1(), h.rv_IntFire1())
    drives, outputs = [], []
    for cell in cells:
        cell.tau, cell.refrac = 8, 3
        for start, interval, weight in ((1, 1.7, 0.3), (2.5, 4.1, -0.25), (40, 0.9, 0.45)):
            ns = h.NetStim()
            ns.start, ns.interval, ns.number, ns.noise = start, interval, 60, 0
            drives.append((ns, h.NetCon(ns, cell, 0, 0, weight)))
        tv = h.Vector()
        nc = h.NetCon(cell, None)
        nc.record(tv)
        outputs.append((nc, tv))
    run(120)
    a, b = list(outputs[0][1]), list(outputs[1][1])
    worst = max((abs(x - y) for x, y in zip(a, b)), default=0)
    check("IntFire1 vs built-in", len(a) == len(b) and len(a) > 10 and worst < 1e-9,
          "%d vs %d spikes, max |dt| %.1e ms" % (len(a), len(b), worst))
    del drives, outputs, cells
    # Poisson: mean interval and CV
    ns_rv.start, ns_rv.interval, ns_rv.number, ns_rv.noise = 0, 5, 1e9, 1
    run(20000)
    t = list(recs[1][1])
    isi = [y - x for x, y in zip(t, t[1:])]
    m = sum(isi) / len(isi)
    cv = math.sqrt(sum((x - m) ** 2 for x in isi) / len(isi)) / m
    check("NetStim noise=1 is Poisson", abs(m - 5) < 0.3 and abs(cv - 1) < 0.06,
          "%d events, mean ISI %.3f ms (5), CV %.3f (1)" % (len(t), m, cv))
    ns_rv.noise = 0.5
    run(20000)
    t = list(recs[1][1])
    isi = [y - x for x, y in zip(t, t[1:])]
    check("NetStim noise=0.5 dead time", min(isi) >= 2.5 - 1e-9 and abs(sum(isi) / len(isi) - 5) < 0.3,
          "min ISI %.3f ms (>= 2.5), mean %.3f ms" % (min(isi), sum(isi) / len(isi)))
    # start/stop by events: weight > 0 starts a train, weight < 0 stops it
    ns_rv.start, ns_rv.interval, ns_rv.number, ns_rv.noise = -1, 10, 100, 0
    go, halt = h.NetCon(None, ns_rv), h.NetCon(None, ns_rv)
    go.weight[0], halt.weight[0] = 1, -1
    h.cvode_active(0)
    h.finitialize(-65)
    go.event(20)
    halt.event(55)
    go.event(70)
    h.continuerun(95)
    t = list(recs[1][1])
    exp_t = [20, 30, 40, 50, 70, 80, 90]
    check("NetStim start/stop by events", len(t) == len(exp_t) and all(abs(x - y) < 1e-6 for x, y in zip(t, exp_t)),
          "events at %s" % [round(x, 3) for x in t])
    del recs, ns_ref, ns_rv, go, halt

    # ---- ExpSyn / Exp2Syn vs built-ins ----
    out = {}
    for syn in ("ExpSyn", "rv_ExpSyn", "Exp2Syn", "rv_Exp2Syn"):
        s = soma("pas")
        sy = getattr(h, syn)(s(0.5))
        if "2" in syn:
            sy.tau1, sy.tau2 = 0.5, 5
        else:
            sy.tau = 2
        st = h.NetStim()
        st.start, st.interval, st.number = 2, 3, 8
        nc = h.NetCon(st, sy)
        nc.weight[0] = 0.002
        nc2 = h.NetCon(st, sy)  # a second stream with another weight: must superpose
        nc2.weight[0] = 0.001
        nc2.delay = 1.3
        vv = h.Vector().record(s(0.5)._ref_v)
        out[syn] = (s, sy, st, nc, nc2, vv)
    run(60)
    for a, b in (("ExpSyn", "rv_ExpSyn"), ("Exp2Syn", "rv_Exp2Syn")):
        dv = max(abs(x - y) for x, y in zip(out[a][5], out[b][5]))
        check("%s vs NEURON %s" % (b[3:], a), dv < 1e-9, "max |dv| %.2e mV" % dv)
    out.clear()
    # Exp2Syn peak normalisation for several tau1/tau2
    s = soma("pas")
    worst = 0
    for tau1, tau2 in ((0.2, 2), (1, 3), (2.999, 3), (3, 3), (5, 3)):
        sy = h.rv_Exp2Syn(s(0.5))
        sy.tau1, sy.tau2 = tau1, tau2
        nc = h.NetCon(None, sy)
        nc.weight[0] = 1.0
        gv = h.Vector().record(sy._ref_g, 0.001)
        h.cvode_active(0)
        h.dt = 0.001
        h.finitialize(-65)
        nc.event(1.0)
        h.continuerun(30)
        worst = max(worst, abs(gv.max() - 1))
    check("Exp2Syn peak = weight", worst < 2e-3, "max |g_peak - 1| = %.2e uS (tau1 >= tau2 clamped)" % worst)

    # ---- kinetic synapses: single event vs closed form ----
    for name, alpha, beta, erev in (("AMPA", 1.1, 0.19, 0), ("GABAA", 5, 0.18, -80), ("NMDA", 0.072, 0.0066, 0)):
        s = soma("pas")
        sy = getattr(h, name)(s(0.5))
        nc = h.NetCon(None, sy)
        nc.weight[0] = 0.001
        ov = h.Vector().record(sy._ref_O)
        h.cvode_active(0)
        h.dt = 0.0005
        h.finitialize(-65)
        nc.event(1.0)
        h.continuerun(5)
        r = alpha * 1.0 + beta
        o_end = alpha / r * (1 - math.exp(-r * 1.0))      # end of the 1-ms pulse
        o_late = o_end * math.exp(-beta * 3.0)            # 3 ms later
        got_end = ov[int(round(2.0 / h.dt))]
        got_late = ov[int(round(5.0 / h.dt))]
        ok = abs(got_end - o_end) < 2e-3 * max(o_end, 1e-3) + 1e-6 and abs(got_late - o_late) < 2e-3 * max(o_late, 1e-3) + 1e-6
        check("%s two-state kinetics" % name, ok,
              "O(end of pulse) %.5f (closed form %.5f), O(+3ms) %.5f (%.5f)" % (got_end, o_end, got_late, o_late))
    s = soma("pas")
    sy = h.NMDA(s(0.5))
    blocks = []
    for vm in (-80, -40, 0, 40):
        h.finitialize(vm)
        h.fcurrent()
        blocks.append(sy.B)
    expect = [1 / (1 + math.exp(-0.062 * vm) / 3.57) for vm in (-80, -40, 0, 40)]
    check("NMDA Mg block (Jahr-Stevens)", max(abs(a - b) for a, b in zip(blocks, expect)) < 0.02,
          "B(-80,-40,0,40) = %s" % [round(x, 4) for x in blocks])
    # pulse extension: two events 0.5 ms apart keep T on until 1 ms after the second
    sy = h.AMPA(s(0.5))
    nc = h.NetCon(None, sy)
    nc.weight[0] = 0.001
    Tv = h.Vector().record(sy._ref_T, 0.1)
    h.cvode_active(0)
    h.dt = 0.025
    h.finitialize(-65)
    nc.event(1.0)
    nc.event(1.5)
    h.continuerun(4)
    on_times = [i * 0.1 for i, x in enumerate(Tv) if x > 0]
    check("AMPA pulse extended by 2nd event", abs(on_times[0] - 1.0) < 0.11 and abs(on_times[-1] - 2.4) < 0.11,
          "T on from %.2f to %.2f ms" % (on_times[0], on_times[-1]))

    # ---- cad, filled by a constant Ca current (helper mechanism rv_catest) ----
    s = soma()
    s.insert("cad")
    s.insert("rv_catest")
    F = 96485.3
    for amp in (-1e-5, 1e-5):
        s(0.5).amp_rv_catest = amp
        run(3000, dt=0.025)
        cinf, taur, depth = s(0.5).cainf_cad, s(0.5).taur_cad, s(0.5).depth_cad
        drive = max(0.0, -1e4 * amp / (2 * F * depth))
        exp_c = cinf + taur * drive
        check("cad steady state, ica = %g mA/cm2" % amp, abs(s(0.5).cai - exp_c) / exp_c < 1e-3,
              "cai %.6e mM (closed form %.6e)" % (s(0.5).cai, exp_c))
    s(0.5).amp_rv_catest = -1e-5
    run(100, dt=0.025)
    drive = 1e4 * 1e-5 / (2 * F * depth)
    exp_c = cinf + taur * drive * (1 - math.exp(-100 / taur))
    check("cad filling transient (100 ms)", abs(s(0.5).cai - exp_c) / exp_c < 1e-3,
          "cai %.6e mM (closed form %.6e)" % (s(0.5).cai, exp_c))

    # ---- point neurons driven by a constant current ----
    def point(name, **par):
        s = soma()
        c = getattr(h, name)(s(0.5))
        for k, v in par.items():
            setattr(c, k, v)
        nc = h.NetCon(c, None)
        tv = h.Vector()
        nc.record(tv)
        vv = h.Vector().record(c._ref_V_m, 0.1)
        return s, c, nc, tv, vv

    def isis(tv):
        t = list(tv)
        return [y - x for x, y in zip(t, t[1:])]

    # iaf_psc_exp, I_e = 0.5 nA: V_inf = -50 mV, ISI = t_ref + tau_m ln(20/5)
    for dt in (0.025, 0.001):
        cell = point("iaf_psc_exp", I_e=0.5)
        run(500, dt=dt)
        isi = isis(cell[3])
        ana = 2 + 10 * math.log(20 / 5)
        check("iaf_psc_exp ISI (dt=%g)" % dt, len(isi) > 10 and abs(isi[-1] - ana) < 2 * dt + 1e-6,
              "%d spikes, ISI %.4f ms (closed form %.4f)" % (len(cell[3]), isi[-1], ana))
        vmin = min(cell[4])
        check("iaf_psc_exp held at V_reset", vmin >= -70 - 1e-9, "min V_m %.6f mV" % vmin)
    # inhibitory input (negative weight) must go to I_syn_in and hyperpolarise
    cell = point("iaf_psc_exp")
    nc = h.NetCon(None, cell[1])
    nc.weight[0] = -0.2
    run(0)
    h.finitialize(-65)
    nc.event(1)
    h.continuerun(10)
    check("iaf_psc_exp inhibitory routing", cell[1].I_syn_in < 0 and cell[1].I_syn_ex == 0 and cell[1].V_m < -70,
          "I_syn_in %.4f nA, V_m %.3f mV" % (cell[1].I_syn_in, cell[1].V_m))
    del cell, nc

    # iaf_cond_exp, I_e = 0.5 nA: tau = C/g_L = 15 ms, V_inf = -40, ISI = 2 + 15 ln(20/15)
    cell = point("iaf_cond_exp", I_e=0.5)
    run(500, dt=0.001)
    isi = isis(cell[3])
    ana = 2 + 0.25 / 0.0166667 * math.log((-40.00006 + 60) / (-40.00006 + 55))
    check("iaf_cond_exp ISI (dt=0.001)", abs(isi[-1] - ana) < 0.005,
          "%d spikes, ISI %.4f ms (closed form %.4f)" % (len(cell[3]), isi[-1], ana))
    cell2 = point("iaf_cond_exp")
    nc = h.NetCon(None, cell2[1])
    nc.weight[0] = -0.01
    run(0)
    h.finitialize(-65)
    nc.event(1)
    h.continuerun(3)
    check("iaf_cond_exp inhibitory routing", cell2[1].g_in > 0 and cell2[1].g_ex == 0 and cell2[1].V_m < -70,
          "g_in %.5f uS, V_m %.3f mV" % (cell2[1].g_in, cell2[1].V_m))
    del cell, cell2, nc

    # AdEx, I_e = 0.8 nA: tonic firing with spike-frequency adaptation
    cell = point("AdEx", I_e=0.8)
    run(1000, dt=0.01)
    isi = isis(cell[3])
    ok = len(isi) > 5 and isi[-1] > 1.5 * isi[0] and abs(isi[-1] - isi[-2]) < 0.05 * isi[-1]
    check("AdEx adapting spike train", ok and all(math.isfinite(x) for x in cell[4]),
          "%d spikes, first ISI %.2f ms, last ISI %.2f ms, w %.4f nA"
          % (len(cell[3]), isi[0] if isi else 0, isi[-1] if isi else 0, cell[1].w))
    # reference: NEST's right-hand side (V bounded by V_peak) by forward Euler, h = 0.001 ms
    C, gL, EL, VT, DT, Vp, Vr, a, b, tw, Ie = 0.281, 0.03, -70.6, -50.4, 2.0, 0.0, -60.0, 0.004, 0.0805, 144.0, 0.8
    v, w, hs, ref = EL, 0.0, 0.001, []
    for k in range(int(1000 / hs)):
        vb = min(v, Vp)
        dv = (-gL * (vb - EL) + gL * DT * math.exp((vb - VT) / DT) - w + Ie) / C
        dw = (a * (vb - EL) - w) / tw
        v, w = v + hs * dv, w + hs * dw
        if v >= Vp:
            ref.append((k + 1) * hs)
            v, w = Vr, w + b
    run(1000, dt=0.001)
    dts = max(abs(x - y) for x, y in zip(ref, list(cell[3])))
    check("AdEx vs forward-Euler reference", len(ref) == len(cell[3]) and dts < 0.01,
          "%d spikes (reference %d), spike times within %.4f ms (dt=0.001)" % (len(cell[3]), len(ref), dts))
    del cell
    # AdEx below rheobase: no spikes
    cell = point("AdEx", I_e=0.5)
    run(500, dt=0.01)
    check("AdEx sub-rheobase (0.5 nA) is silent", len(cell[3]) == 0, "%d spikes, V_m %.3f mV" % (len(cell[3]), cell[1].V_m))
    del cell

    # Izhikevich regular spiking, I_e = 10
    cell = point("Izhikevich", I_e=10)
    run(1000, dt=0.01)
    isi = isis(cell[3])
    ok = len(isi) > 5 and max(cell[4]) < 100 and max(isi) - min(isi) < 0.05
    check("Izhikevich RS tonic spiking (I=10)", ok,
          "%d spikes, first ISI %.2f ms, last ISI %.2f ms" % (len(cell[3]), isi[0], isi[-1]))
    # reference: same equations by forward Euler with a tiny step (NEST scheme, h=0.001)
    v, u, hh_ = -65.0, 0.0, 0.001
    spikes = []
    for k in range(int(1000 / hh_)):
        v, u = v + hh_ * (0.04 * v * v + 5 * v + 140 - u + 10), u + hh_ * 0.02 * (0.2 * v - u)
        if v >= 30:
            spikes.append((k + 1) * hh_)
            v, u = -65.0, u + 8
    run(1000, dt=0.001)
    dts = max(abs(x - y) for x, y in zip(spikes, list(cell[3])))
    check("Izhikevich vs forward-Euler reference", len(spikes) == len(cell[3]) and dts < 0.2,
          "%d spikes (reference %d), spike times within %.4f ms (dt=0.001)" % (len(cell[3]), len(spikes), dts))
    del cell
    # adaptation from the paper's initial condition U = b*V (first ISI shorter)
    cell = point("Izhikevich", I_e=10, U_init=-13)
    run(1000, dt=0.01)
    isi = isis(cell[3])
    check("Izhikevich RS adaptation from U=b*V", len(isi) > 5 and isi[0] < isi[-1],
          "first ISI %.2f ms, last ISI %.2f ms" % (isi[0], isi[-1]))
    del cell

    nfail = results.count(False)
    print("%d passed, %d failed" % (results.count(True), nfail))
    return nfail


if __name__ == "__main__":
    sys.exit(main())
