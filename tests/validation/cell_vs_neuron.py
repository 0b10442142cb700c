#!/usr/bin/python3
"""A model file (.rvn) run in Ranvier and in NEURON 8.2, compared.

Usage (Debian packages neuron, neuron-dev, python3-neuron):
    /usr/bin/python3 tests/validation/cell_vs_neuron.py BUILD/bin/ranvier MODEL.rvn
        [--cvode-tstop MS] [--work DIR]

Ranvier side: `ranvier emit --stage=cell MODEL` gives the resolved cell (parsed here), and
`ranvier build MODEL` the executable. NEURON side: the standard library, and the .mod files the
model INCLUDEs, are built with nocmodl (stdlib_neuron_check.build, which renames hh, pas,
IClamp, ... to rv_NAME); the cell is built from the printed description: the SWC through
Import3d when there is a MORPHOLOGY (then nseg, Ra and cm by section name), h.Section otherwise;
mechanisms and values per segment, point processes, cell-wide ion values through the
<ion>i0_<ion>_ion / <ion>o0_<ion>_ion globals and e<ion> per segment, and one NetCon per
STIMULUS carrying its weights, fed with the events that Ranvier's run wrote to stimuli.tsv
(delivery times: NetCon.event(t) delivers at t).

Checks:
  - the structure: the same sections, parents, L (to the 6 digits the printout has);
  - fixed step, dt 0.025 ms, backward Euler: every RECORD that maps onto NEURON (v, ion
    variables, NAME_MECH range variables, variables of point processes), row by row over
    min(tstop, 200) ms: |v - v_NEURON| < 0.01 mV; other variables within 1e-4 of the trace's
    largest magnitude;
  - fixed step spikes over tstop: Ranvier's spikes.tsv against the detector's threshold
    crossings in NEURON's trace, interpolated linearly between steps (as Ranvier does): the same
    count, within 0.01 ms;
  - tight variable step: Ranvier's BDF at rtol = atol = 1e-8 against NEURON's CVODE at the same
    tolerances (condition_order 2: crossings located on CVODE's interpolant), the same count,
    within 0.01 ms, over tstop, or over --cvode-tstop MS when shorter (for large models; the
    examples run in full: NEURON's CVODE takes about 2 s on pyramidal.rvn's 1000 ms).

Limits: one CELL per file and one DETECTOR; the printout has 6 significant digits, so lengths and
values with more digits are rounded on the NEURON side (exact for the examples); ion values in
only some sections cannot be mapped (the printout does not name them): the model is then
SKIPPED. Prints PASS/FAIL lines with the measured maxima; the exit status is the number of
failures. Without NEURON it prints SKIPPED and succeeds.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from stdlib_neuron_check import CLASH, build  # noqa: E402

DT = 0.025
TRACE_WINDOW_MS = 200.0
TOLERANCE_MV = 0.01
TOLERANCE_RELATIVE = 1e-4  # recorded variables other than v, of the trace's largest magnitude
SPIKE_TOLERANCE_MS = 0.01
TIGHT = 1e-8  # rtol = atol of the variable-step runs

LOCATION = re.compile(r"^(.+)\(([-+.0-9eE]+)\)$")
RECORD = re.compile(r"^(\w+)\((.+)\)$")


class Unsupported(Exception):
    """The model uses something this script cannot reproduce in NEURON."""


def location(text):
    m = LOCATION.match(text)
    return m.group(1), float(m.group(2))


def values(tokens):
    return [(k, float(v)) for k, v in (t.split("=", 1) for t in tokens)]


# ---- the printout of `ranvier emit --stage=cell` (compiler/model/resolve.cpp, print) ----

def parse_cell(text):
    cell = dict(morphology=None, sections=[], inserts=[], points=[], detectors=[], stimuli=[],
                ions=[], records=[])
    for line in text.splitlines():
        f = line.split()
        if not f:
            continue
        if f[0] == "CELL":
            if "name" in cell:
                raise Unsupported("more than one CELL")
            cell.update(name=f[1], celsius=float(f[3]), v_init=float(f[5]), tstop=float(f[7]))
        elif f[0] == "morphology":
            cell["morphology"] = os.path.abspath(line.strip().split(None, 1)[1])
        elif f[0] == "section":
            s = dict(name=f[1], L=float(f[3]), diam=float(f[5]), nseg=int(f[7]), Ra=float(f[9]),
                     cm=float(f[11]), parent=None, points=line.endswith(" 3-d points"))
            if len(f) > 13 and f[12] == "parent":
                s["parent"] = location(f[13])
            cell["sections"].append(s)
        elif f[0] == "insert":
            split = next((i for i, t in enumerate(f) if "=" in t), len(f))
            cell["inserts"].append(dict(mech=f[1], sections=f[3:split], values=values(f[split:])))
        elif f[0] == "point":
            cell["points"].append(dict(label=f[1], mech=f[2], at=location(f[4]),
                                       values=values(f[5:])))
        elif f[0] == "detector":
            cell["detectors"].append(dict(at=location(f[1]), threshold=float(f[3])))
        elif f[0] == "stimulus":
            arrow, delay = f.index("->"), f.index("delay")
            cell["stimuli"].append(dict(label=f[1], target=f[arrow + 1],
                                        weights=[float(w) for w in f[arrow + 3:delay]]))
        elif f[0] == "ion":
            ion = dict(ion=f[1], count=int(f[3]))
            ion.update((f[i], float(f[i + 1])) for i in range(5, len(f) - 1, 2))
            cell["ions"].append(ion)
        elif f[0] == "record":
            cell["records"].append(dict(label=f[1], every=float(f[3])))
    return cell


def includes(model):
    """The .mod files MODEL INCLUDEs (paths relative to the model file)."""
    found = re.findall(r'^\s*INCLUDE\s+"([^"]+)"', open(model).read(), flags=re.M)
    return [os.path.join(os.path.dirname(model), p) for p in found]


# ---- Ranvier ----

def ranvier_run(binary, out, *args):
    """spikes, (header, rows) of traces.tsv, {stimulus: [delivery times]}"""
    subprocess.run([binary, "--out", out, "--quiet"] + [str(a) for a in args], check=True)

    def table(name):
        path = os.path.join(out, name)
        if not os.path.exists(path):
            return [], []
        lines = [line.split("\t") for line in open(path).read().splitlines()]
        return lines[0], lines[1:]

    spikes = [float(r[1]) for r in table("spikes.tsv")[1]]
    header, rows = table("traces.tsv")
    events = {}
    for label, t in table("stimuli.tsv")[1]:
        events.setdefault(label, []).append(float(t))
    return spikes, (header, [[float(x) for x in r] for r in rows]), events


# ---- NEURON ----

def neuron_name(mech):
    return "rv_" + mech if mech in CLASH else mech


def neuron_sections(h, cell):
    """{name: Section} built from the printout, and a list of structural differences."""
    secs = {}
    if cell["morphology"]:
        h.load_file("import3d.hoc")
        reader = h.Import3d_SWC_read()
        reader.quiet = 1
        reader.input(cell["morphology"])
        h.Import3d_GUI(reader, 0).instantiate(None)
        secs = {sec.name(): sec for sec in h.allsec()}
    problems = []
    for s in cell["sections"]:
        if s["name"] not in secs:
            if s["points"]:
                problems.append("%s has 3-d points but is not in the SWC" % s["name"])
            sec = secs[s["name"]] = h.Section(name=s["name"])
            sec.L, sec.diam = s["L"], s["diam"]
        sec = secs[s["name"]]
        sec.nseg, sec.Ra, sec.cm = s["nseg"], s["Ra"], s["cm"]
    for s in cell["sections"]:
        sec, parent = secs[s["name"]], s["parent"]
        if parent and sec.parentseg() is None:
            sec.connect(secs[parent[0]](parent[1]))
        p = sec.parentseg()
        got = (p.sec.name(), p.x) if p is not None else None
        if got != (parent and (parent[0], parent[1])):
            problems.append("%s: parent %s in NEURON, %s in Ranvier" % (s["name"], got, parent))
        if abs(sec.L - s["L"]) > 1e-5 * s["L"]:
            problems.append("%s: L %.6g in NEURON, %.6g in Ranvier" % (s["name"], sec.L, s["L"]))
    extra = sorted(set(secs) - {s["name"] for s in cell["sections"]})
    if extra:
        problems.append("sections only in NEURON: %s" % extra)
    return secs, problems


def set_range(h, seg, name, value):
    try:
        setattr(seg, name, value)
    except (AttributeError, LookupError):
        setattr(h, name, value)  # a GLOBAL: one value for every segment


def neuron_cell(h, cell):
    """Sections, point processes and one NetCon per stimulus, with the printed values."""
    secs, problems = neuron_sections(h, cell)
    h.celsius = cell["celsius"]
    for ins in cell["inserts"]:
        mech = neuron_name(ins["mech"])
        for name in ins["sections"]:
            secs[name].insert(mech)
            for seg in secs[name]:
                for field, v in ins["values"]:
                    set_range(h, seg, "%s_%s" % (field, mech), v)
    for ion in cell["ions"]:
        if ion["count"] != len(cell["sections"]):
            raise Unsupported("ion %s values in %d of %d sections (the printout does not name "
                              "them)" % (ion["ion"], ion["count"], len(cell["sections"])))
        name = ion["ion"]
        for key, suffix in (("inside", "i0"), ("outside", "o0")):
            if key in ion:
                setattr(h, "%s%s_%s_ion" % (name, suffix, name), ion[key])
        for sec in secs.values():
            if "reversal" in ion and h.ismembrane(name + "_ion", sec=sec):
                for seg in sec:
                    setattr(seg, "e" + name, ion["reversal"])
    points = {}
    for p in cell["points"]:
        sec, x = p["at"]
        pp = points[p["label"]] = getattr(h, neuron_name(p["mech"]))(secs[sec](x))
        for field, v in p["values"]:
            setattr(pp, field, v)
    netcons = {}
    for s in cell["stimuli"]:
        nc = netcons[s["label"]] = h.NetCon(None, points[s["target"]])
        for i, w in enumerate(s["weights"]):
            nc.weight[i] = w
    return secs, points, netcons, problems


def reference(cell, secs, points, label):
    """The NEURON pointer a RECORD label (VAR(SEC(x)) or VAR(POINT)) names, or None."""
    m = RECORD.match(label)
    if not m:
        return None
    var, target = m.groups()
    try:
        if target in points:
            return getattr(points[target], "_ref_" + var)
        sec, x = location(target)
        if sec not in secs and sec + "[0]" in secs and sec + "[1]" not in secs:
            sec += "[0]"  # a RECORD label keeps the name as written: soma for soma[0]
        seg = secs[sec](x)
        for ins in cell["inserts"]:
            if sec in ins["sections"] and var.endswith("_" + ins["mech"]):
                field = var[:-len(ins["mech"]) - 1]
                return getattr(seg, "_ref_%s_%s" % (field, neuron_name(ins["mech"])))
        return getattr(seg, "_ref_" + var)  # v and ion variables (cai, ina, ek, ...)
    except (AttributeError, LookupError, ValueError):
        return None


def neuron_run(h, model, events, tstop, refs=(), cvode=False, secondorder=0):
    """NEURON's spike times at the detector, and with the fixed step the step times and the
    vectors REFS recorded at every step."""
    cell, secs, netcons = model
    sec, x = cell["detectors"][0]["at"]
    h.secondorder = secondorder
    h.cvode_active(1 if cvode else 0)
    if cvode:
        h.cvode.rtol(TIGHT)
        h.cvode.atol(TIGHT)
        h.cvode.condition_order(2)
    h.dt = DT
    detector = h.NetCon(secs[sec](x)._ref_v, None, sec=secs[sec])
    detector.threshold = cell["detectors"][0]["threshold"]
    spikes = h.Vector()
    detector.record(spikes)
    tv = h.Vector().record(h._ref_t) if not cvode else None
    vecs = [h.Vector().record(r) for r in refs] if not cvode else []
    h.finitialize(cell["v_init"])
    for label, times in events.items():
        for t in times:
            netcons[label].event(t)
    h.continuerun(tstop)
    h.cvode_active(0)
    return list(spikes), (list(tv) if tv is not None else []), [list(v) for v in vecs]


def crossings(times, trace, threshold):
    """Upward threshold crossings, linearly interpolated between samples."""
    out = []
    for t0, t1, v0, v1 in zip(times, times[1:], trace, trace[1:]):
        if v0 < threshold <= v1:
            out.append(t0 + (threshold - v0) / (v1 - v0) * (t1 - t0))
    return out


def spike_difference(a, b):
    return max((abs(x - y) for x, y in zip(a, b)), default=0.0)


class Report:
    def __init__(self):
        self.failures = 0

    def check(self, ok, text):
        self.failures += not ok
        print("%s  %s" % ("PASS" if ok else "FAIL", text), flush=True)


def compare_traces(report, header, rows, labels, tv, vecs, window, method="fixed step"):
    """Ranvier's sampled rows against NEURON's per-step vectors, over t <= window."""
    for label, j, vec in zip(labels, [header.index(lab) for lab in labels], vecs):
        worst, scale, compared = 0.0, 0.0, 0
        for row in rows:
            t = row[0]
            k = int(round(t / DT))
            if t > window + 1e-9 or k >= len(tv) or abs(tv[k] - t) > 1e-6:
                continue
            worst = max(worst, abs(row[j] - vec[k]))
            scale = max(scale, abs(vec[k]))
            compared += 1
        expected = sum(1 for row in rows if row[0] <= window + 1e-9)
        if label.startswith("v("):
            ok, bar = worst < TOLERANCE_MV, "%.2e mV (bar %g mV)" % (worst, TOLERANCE_MV)
        else:
            ok = worst <= TOLERANCE_RELATIVE * scale
            bar = "%.2e (%.2e of its largest magnitude %.3g; bar %g)" % (
                worst, worst / scale if scale else 0.0, scale, TOLERANCE_RELATIVE)
        report.check(ok and compared == expected > 0,
                     "%s dt %g, %s over %g ms: max |diff| %s, %d of %d rows"
                     % (method, DT, label, window, bar, compared, expected))


def spike_check(report, what, ranvier, neuron):
    dts = spike_difference(ranvier, neuron)
    report.check(len(ranvier) == len(neuron) and dts < SPIKE_TOLERANCE_MS,
                 "%s: %d spikes (NEURON %d), max spike-time difference %.2e ms"
                 % (what, len(ranvier), len(neuron), dts))


def fixed_step(report, h, model, binary, work, secondorder=0):
    """Backward Euler (secondorder 0) or Crank-Nicolson (2, with NEURON's time-centred ion
    currents), traces and spikes."""
    cell, secs, points = model[0], model[1], model[2]
    tstop = cell["tstop"]
    start = time.perf_counter()
    spikes, (header, rows), events = ranvier_run(binary, os.path.join(work, "fixed"), "--method",
                                                 "fixed", "--dt", DT, "--secondorder",
                                                 secondorder, "--tstop", tstop)
    refs = {label: reference(cell, secs, points, label) for label in header[1:]}
    for label in [lab for lab, r in refs.items() if r is None]:
        print("SKIP  %s: no NEURON counterpart found" % label)
    labels = [lab for lab, r in refs.items() if r is not None]
    sec, x = cell["detectors"][0]["at"]
    _, tv, vecs = neuron_run(h, (cell, secs, model[3]), events, tstop,
                             [refs[lab] for lab in labels] + [secs[sec](x)._ref_v],
                             secondorder=secondorder)
    method = "Crank-Nicolson" if secondorder else "fixed step"
    compare_traces(report, header, rows, labels, tv, vecs, min(tstop, TRACE_WINDOW_MS), method)
    neuron = crossings(tv, vecs[-1], cell["detectors"][0]["threshold"])
    spike_check(report, "%s dt %g over %g ms" % (method, DT, tstop), spikes, neuron)
    print("      (fixed step, both: %.2f s)" % (time.perf_counter() - start), flush=True)


def variable_step(report, h, model, binary, work, tstop):
    cell, secs = model[0], model[1]
    start = time.perf_counter()
    spikes, _, events = ranvier_run(binary, os.path.join(work, "bdf"), "--method", "bdf",
                                    "--rtol", TIGHT, "--atol", TIGHT, "--tstop", tstop)
    ranvier_s = time.perf_counter() - start
    neuron, _, _ = neuron_run(h, (cell, secs, model[3]), events, tstop, cvode=True)
    spike_check(report, "Ranvier BDF vs NEURON CVODE, rtol = atol = %g, over %g ms"
                % (TIGHT, tstop), spikes, neuron)
    print("      (Ranvier BDF %.2f s, NEURON CVODE %.2f s)"
          % (ranvier_s, time.perf_counter() - start - ranvier_s), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ranvier")
    ap.add_argument("model")
    ap.add_argument("--cvode-tstop", type=float, help="end of the tight variable-step run (ms)")
    ap.add_argument("--work", help="scratch folder (default: a new temporary one)")
    ap.add_argument("--tables", action="store_true",
                    help="build with `ranvier build --tables` (TABLEs read from tables, as "
                         "NEURON does by default)")
    args = ap.parse_args()
    ranvier, model = os.path.abspath(args.ranvier), os.path.abspath(args.model)
    work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="rv_cell_"))
    os.makedirs(work, exist_ok=True)
    try:
        os.chdir(tempfile.mkdtemp(prefix="rv_cell_nrn_"))  # keep NEURON from loading mechanisms
        from neuron import h
    except ImportError as e:
        print("SKIPPED: NEURON is not importable (%s)" % e)
        return 0
    try:
        cell = parse_cell(subprocess.run([ranvier, "emit", "--stage=cell", model], check=True,
                                         capture_output=True, text=True).stdout)
        if len(cell["detectors"]) != 1:
            raise Unsupported("%d detectors (one is compared)" % len(cell["detectors"]))
        binary = os.path.join(work, "bin")
        subprocess.run([ranvier, "build", model, "-o", binary] +
                       (["--tables"] if args.tables else []), check=True)
        h.nrn_load_dll(build(os.path.join(work, "nrnmech"), includes(model)))
        h.load_file("stdrun.hoc")
        secs, points, netcons, problems = neuron_cell(h, cell)
    except Unsupported as e:
        print("SKIPPED: %s: %s" % (os.path.basename(model), e))
        return 0
    report = Report()
    report.check(not problems, "%s: %d sections, %d segments; structure as Ranvier's%s"
                 % (cell["name"], len(secs), sum(s.nseg for s in secs.values()),
                    "".join("\n      " + p for p in problems)))
    model_ = (cell, secs, points, netcons)
    fixed_step(report, h, model_, binary, work)
    fixed_step(report, h, model_, binary, work, secondorder=2)
    variable_step(report, h, model_, binary, work, min(cell["tstop"],
                                                       args.cvode_tstop or cell["tstop"]))
    return report.failures


if __name__ == "__main__":
    sys.exit(main())
