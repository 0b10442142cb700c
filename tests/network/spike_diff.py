#!/usr/bin/env python3
"""Compares two runs' spikes.tsv: each cell must spike as often in both, and every spike time
must agree within TOLERANCE ms (BDF on another device: the same algorithm, with that device's
exp and log). Prints the largest difference; exit 1 when they disagree.
    spike_diff.py RUN_A RUN_B TOLERANCE"""
import collections
import sys


def spikes(run):
    by_cell = collections.defaultdict(list)
    with open(f"{run}/spikes.tsv") as f:
        next(f)
        for line in f:
            gid, time = line.split("\t")
            by_cell[int(gid)].append(float(time))
    return by_cell


def main():
    a, b, tolerance = spikes(sys.argv[1]), spikes(sys.argv[2]), float(sys.argv[3])
    worst = 0.0
    for gid in sorted(set(a) | set(b)):
        x, y = sorted(a.get(gid, [])), sorted(b.get(gid, []))
        if len(x) != len(y):
            print(f"cell {gid}: {len(x)} spikes in {sys.argv[1]}, {len(y)} in {sys.argv[2]}")
            return 1
        worst = max([worst] + [abs(p - q) for p, q in zip(x, y)])
    total = sum(len(v) for v in a.values())
    print(f"{total} spikes; the largest difference {worst:.3g} ms")
    return 0 if worst <= tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
