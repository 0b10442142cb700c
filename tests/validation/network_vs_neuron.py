#!/usr/bin/python3
"""A NETWORK model file run in Ranvier (under mpirun) and in NEURON 8.2, compared spike by spike.

Usage (Debian packages neuron, neuron-dev, python3-neuron, openmpi-bin):
    /usr/bin/python3 tests/validation/network_vs_neuron.py BUILD/bin/ranvier MODEL.rvn
        [--ranks N] [--work DIR]

The NEURON network is built from `ranvier emit --stage=cell MODEL`: the CELL as
cell_vs_neuron.py builds it, once per gid; one NetCon per connection, from the detector's
v (threshold, delay and weight as printed) to the synapse; stimuli with explicit times as NetCon
events. Rules one_to_one and all_to_all, constant weights and delays, and times/regular
stimuli are reproduced; anything else makes the model SKIPPED.

Checks:
  - fixed step (dt 0.025 ms, backward Euler; spike times at the end of the step that crossed
    the threshold, as NEURON's NetCon): the same spikes, each within 1e-6 ms;
  - variable step: Ranvier's per-cell BDF at rtol = atol = 1e-8 against NEURON's local variable
    time step (lvardt, CVODE per cell) at the same tolerances: the same spikes, each within
    0.01 ms.
Ranvier runs on --ranks ranks (default 2) with the asynchronous exchange. Prints PASS/FAIL lines;
the exit status is the number of failures. Without NEURON or mpirun it prints SKIPPED.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cell_vs_neuron as single  # noqa: E402

FIXED_BAR = 1e-6  # ms
VARIABLE_BAR = 0.01  # ms


def selection(text):
    """'cells[0..62]' -> ('cells', 0, 62)"""
    name, rest = text.split("[", 1)
    first, last = rest.rstrip("]").split("..")
    return name, int(first), int(last)


def parse_network(text):
    net = dict(populations={}, projections=[], stimuli=[])
    for line in text.splitlines():
        f = line.split()
        if not f:
            continue
        if f[0] == "NETWORK":
            net.update(name=f[1], tstop=float(f[3]))
        elif f[0] == "population":
            first, last = f[7].split("..")
            net["populations"][f[1]] = dict(cell=f[3], first=int(first), count=int(f[5]))
        elif f[0] == "projection":
            target, synapse = f[4].rsplit(".", 1)
            p = dict(label=f[1], source=selection(f[2]), target=selection(target),
                     synapse=synapse, rule=f[6])
            w, d = f.index("weights"), f.index("delay")
            try:
                p["weights"] = [float(x) for x in f[w + 1:d]]
                p["delay"] = float(f[d + 1])
            except ValueError:
                raise single.Unsupported("projection %s draws its weights or delays" % f[1])
            if len(f) > d + 2 or p["rule"] not in ("one_to_one", "all_to_all"):
                raise single.Unsupported("projection %s: rule %s" % (f[1], p["rule"]))
            net["projections"].append(p)
        elif f[0] == "stimulus":
            if "point" in f:
                raise single.Unsupported("a current clamp stimulus")
            kind = f[6]
            w, d = f.index("weights"), f.index("delay")
            s = dict(label=f[1], target=selection(f[3]), synapse=int(f[5]))
            if kind == "times":
                s["times"] = [float(x) for x in f[7:w]]
            else:
                raise single.Unsupported("a %s stimulus" % kind)
            try:
                s["weights"] = [float(x) for x in f[w + 1:d]]
                s["delay"] = float(f[d + 1])
            except ValueError:
                raise single.Unsupported("stimulus %s draws its weights or delays" % f[1])
            net["stimuli"].append(s)
        elif f[0] == "record":
            pass
    return net


def neuron_network(h, cell, net):
    """Every gid's cell, the connections and the stimulus NetCons; the spike vectors per gid."""
    gids = {}
    for name, pop in net["populations"].items():
        for i in range(pop["count"]):
            secs, points, _, problems = single.neuron_cell(h, cell)
            if problems:
                raise single.Unsupported("; ".join(problems))
            gids[pop["first"] + i] = (secs, points)
    sec, x = cell["detectors"][0]["at"]
    threshold = cell["detectors"][0]["threshold"]
    keep, spikes = [], {}
    for gid, (secs, points) in gids.items():
        nc = h.NetCon(secs[sec](x)._ref_v, None, sec=secs[sec])
        nc.threshold = threshold
        spikes[gid] = h.Vector()
        nc.record(spikes[gid])
        keep.append(nc)
    first = {name: pop["first"] for name, pop in net["populations"].items()}
    for p in net["projections"]:
        sname, s0, s1 = p["source"]
        tname, t0, t1 = p["target"]
        pairs = (zip(range(s0, s1 + 1), range(t0, t1 + 1)) if p["rule"] == "one_to_one"
                 else [(s, t) for t in range(t0, t1 + 1) for s in range(s0, s1 + 1)])
        for s, t in pairs:
            src = gids[first[sname] + s][0]
            nc = h.NetCon(src[sec](x)._ref_v, gids[first[tname] + t][1][p["synapse"]],
                          sec=src[sec])
            nc.threshold = threshold
            nc.delay = p["delay"]
            for k, w in enumerate(p["weights"]):
                nc.weight[k] = w
            keep.append(nc)
    events = []
    for s in net["stimuli"]:
        tname, t0, t1 = s["target"]
        label = cell["points"][s["synapse"]]["label"]
        for t in range(t0, t1 + 1):
            nc = h.NetCon(None, gids[first[tname] + t][1][label])
            for k, w in enumerate(s["weights"]):
                nc.weight[k] = w
            keep.append(nc)
            events += [(nc, time + s["delay"]) for time in s["times"]]
    return gids, spikes, events, keep


def neuron_spikes(h, cell, net, variable):
    gids, spikes, events, keep = neuron_network(h, cell, net)
    h.dt = single.DT
    h.secondorder = 0
    h.cvode_active(1 if variable else 0)
    if variable:
        h.cvode.use_local_dt(1)
        h.cvode.rtol(single.TIGHT)
        h.cvode.atol(single.TIGHT)
        h.cvode.condition_order(2)
    h.finitialize(cell["v_init"])
    for nc, t in events:
        nc.event(t)
    h.continuerun(net["tstop"])
    h.cvode.use_local_dt(0)
    h.cvode_active(0)
    out = sorted((t, gid) for gid, v in spikes.items() for t in v)
    del keep, gids
    return [(gid, t) for t, gid in out]


def ranvier_spikes(binary, out, ranks, *args):
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    subprocess.run(["mpirun", "--oversubscribe", "-np", str(ranks), binary, "--out", out,
                    "--quiet"] + [str(a) for a in args], check=True, env=env)
    rows = [line.split("\t") for line in open(os.path.join(out, "spikes.tsv")).read().splitlines()]
    return [(int(g), float(t)) for g, t in rows[1:]]


def compare(report, what, ranvier, neuron, bar):
    same = [g for g, _ in ranvier] == [g for g, _ in neuron]
    worst = max((abs(a[1] - b[1]) for a, b in zip(ranvier, neuron)), default=0.0)
    report.check(same and worst <= bar,
                 "%s: %d spikes in Ranvier, %d in NEURON, %s; largest difference %.3g ms "
                 "(bar %g)" % (what, len(ranvier), len(neuron),
                               "the same cells in the same order" if same else "DIFFERENT cells",
                               worst, bar))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ranvier")
    ap.add_argument("model")
    ap.add_argument("--ranks", type=int, default=2)
    ap.add_argument("--work", help="scratch folder (default: a new temporary one)")
    args = ap.parse_args()
    ranvier, model = os.path.abspath(args.ranvier), os.path.abspath(args.model)
    work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="network_vs_neuron_"))
    os.makedirs(work, exist_ok=True)
    if not shutil.which("mpirun"):
        print("SKIPPED: no mpirun")
        return 0
    try:
        os.chdir(tempfile.mkdtemp(prefix="rv_net_nrn_"))  # keep NEURON from loading mechanisms
        from neuron import h
    except ImportError as e:
        print("SKIPPED: NEURON is not importable (%s)" % e)
        return 0
    text = subprocess.run([ranvier, "emit", "--stage=cell", model], check=True,
                          capture_output=True, text=True).stdout
    cell_text, _, network_text = text.partition("\nNETWORK ")
    try:
        cell = single.parse_cell(cell_text)
        net = parse_network("NETWORK " + network_text)
        if cell["stimuli"]:
            raise single.Unsupported("stimuli inside the CELL")
    except single.Unsupported as e:
        print("SKIPPED: %s" % e)
        return 0
    binary = os.path.join(work, "network")
    subprocess.run([ranvier, "build", "--target=cpu", model, "-o", binary], check=True)
    h.nrn_load_dll(single.build(os.path.join(work, "nrnmech"), single.includes(model)))
    h.load_file("stdrun.hoc")
    report = single.Report()
    ranvier = ranvier_spikes(binary, os.path.join(work, "fixed"), args.ranks, "--method", "fixed",
                             "--dt", single.DT)
    compare(report, "fixed step, dt %g ms" % single.DT, ranvier, neuron_spikes(h, cell, net, False),
            FIXED_BAR)
    ranvier = ranvier_spikes(binary, os.path.join(work, "bdf"), args.ranks, "--method", "bdf",
                             "--rtol", single.TIGHT, "--atol", single.TIGHT)
    compare(report, "BDF against NEURON's lvardt at %g" % single.TIGHT, ranvier,
            neuron_spikes(h, cell, net, True), VARIABLE_BAR)
    return report.failures


if __name__ == "__main__":
    sys.exit(main())
