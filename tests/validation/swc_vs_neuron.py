#!/usr/bin/python3
"""Ranvier's SWC reader and 3-D cable geometry against NEURON 8.2's Import3d.

Usage (Debian packages neuron, python3-neuron):
    /usr/bin/python3 tests/validation/swc_vs_neuron.py BUILD/bin/swc_geometry [NSEG]

Loads each swc_*.swc file beside this script in NEURON (Import3d_SWC_read, then
Import3d_GUI(...).instantiate(None)), gives every section NSEG segments (1, 3 and 7 in turn by
default) and compares, section by section, with what swc_geometry prints from Ranvier: the
names, the parent and where the section attaches, L, and each segment's area (um2) and ri
(megohm), and ri at x = 1. Relative differences beyond 1e-9 fail. Prints PASS/FAIL lines; the
exit status is the number of failures. Without NEURON it prints SKIPPED and succeeds.

NEURON 8.2 keeps 3-D points in single precision, Ranvier in double: the files use values that a
float holds exactly (multiples of 1/8), so that the two agree to round-off. On values that a
float does not hold (e.g. 12.37) they differ by about 1e-7 to 1e-6 relative. NEURON 8.2's
read_swc.hoc also fails on files whose ids are out of order, which Ranvier sorts.
"""
import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 1e-9  # relative


def neuron_cell(h, path, nseg):
    """{name: (parent, parent_x, L, [(x, area, ri), ...])} for the file, as NEURON builds it."""
    for sec in list(h.allsec()):
        h.delete_section(sec=sec)
    reader = h.Import3d_SWC_read()
    reader.quiet = 1
    reader.input(path)
    h.Import3d_GUI(reader, 0).instantiate(None)
    cell = {}
    for sec in h.allsec():
        sec.nseg = nseg
        parent = sec.parentseg()
        nodes = [(seg.x, seg.area(), seg.ri()) for seg in sec] + [(1.0, 0.0, sec(1).ri())]
        cell[sec.name()] = (parent.sec.name() if parent else "-",
                            parent.x if parent else 1.0, sec.L, nodes)
    return cell


def ranvier_cell(binary, path, nseg):
    out = subprocess.run([binary, path, str(nseg)], check=True, capture_output=True,
                         text=True).stdout
    cell = {}
    for line in out.splitlines():
        f = line.split()
        if f[0] == "section":
            cell[f[1]] = (f[2], float(f[3]), float(f[4]), [])
        else:
            cell[f[1]][3].append(tuple(map(float, f[2:5])))
    return cell


def relative(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def compare(neuron, ranvier):
    """The largest relative difference of L, areas and ri, and a list of mismatches."""
    problems = []
    if sorted(neuron) != sorted(ranvier):
        problems.append("sections: NEURON %s, Ranvier %s" % (sorted(neuron), sorted(ranvier)))
        return float("inf"), problems
    worst = 0.0
    for name, (parent, px, length, nodes) in neuron.items():
        rparent, rpx, rlength, rnodes = ranvier[name]
        if (parent, px) != (rparent, rpx):
            problems.append("%s attaches at %s(%g) in NEURON, %s(%g) in Ranvier"
                            % (name, parent, px, rparent, rpx))
        if len(nodes) != len(rnodes):
            problems.append("%s: %d nodes in NEURON, %d in Ranvier" % (name, len(nodes),
                                                                       len(rnodes)))
            continue
        worst = max(worst, relative(length, rlength))
        for (x, area, ri), (rx, rarea, rri) in zip(nodes, rnodes):
            if abs(x - rx) > 1e-12:
                problems.append("%s: node at x = %g in NEURON, %g in Ranvier" % (name, x, rx))
            worst = max(worst, relative(ri, rri))
            if x < 1:
                worst = max(worst, relative(area, rarea))
    return worst, problems


def main():
    binary = os.path.abspath(sys.argv[1])
    nsegs = [int(sys.argv[2])] if len(sys.argv) > 2 else [1, 3, 7]
    try:
        os.chdir(tempfile.mkdtemp(prefix="rv_swc_"))
        from neuron import h
    except ImportError as e:
        print("SKIPPED: NEURON is not importable (%s)" % e)
        return 0
    h.load_file("stdlib.hoc")
    h.load_file("import3d.hoc")
    failures = 0
    for path, nseg in [(p, n) for p in sorted(glob.glob(os.path.join(HERE, "swc_*.swc")))
                       for n in nsegs]:
        neuron = neuron_cell(h, path, nseg)
        ranvier = ranvier_cell(binary, path, nseg)
        worst, problems = compare(neuron, ranvier)
        ok = not problems and worst <= TOLERANCE
        failures += not ok
        print("%s  %s: %d sections, nseg %d, max relative difference of L, area, ri = %.2e"
              % ("PASS" if ok else "FAIL", os.path.basename(path), len(neuron), nseg, worst),
              flush=True)
        for p in problems:
            print("      " + p)
    return failures


if __name__ == "__main__":
    sys.exit(main())
