#!/usr/bin/python3
"""Checks a network run's SONATA files against its text outputs.

    check_sonata.py DIR

spikes.h5 must hold, per recorded population, the spikes of spikes.tsv (gids made population
node ids through populations.tsv), sorted by time and marked so; every report (*.h5 other than
spikes.h5) must hold the traces.tsv columns of its variable at its frames, with a consistent
mapping (index pointers, node ids, a time triple whose frames match the data).
"""
import math
import sys
from pathlib import Path

import h5py
import numpy as np


def fail(message):
    print(f"check_sonata: {message}", file=sys.stderr)
    sys.exit(1)


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def main(folder):
    populations = []
    with open(folder / "populations.tsv") as f:
        next(f)
        for line in f:
            name, _, first, count = line.split()
            populations.append((name, int(first), int(count)))

    def node(gid):
        for name, first, count in populations:
            if first <= gid < first + count:
                return name, gid - first
        fail(f"gid {gid} in no population")

    expected = {}
    with open(folder / "spikes.tsv") as f:
        next(f)
        for line in f:
            gid, time = line.split()
            name, index = node(int(gid))
            expected.setdefault(name, []).append((float(time), index))
    with h5py.File(folder / "spikes.h5", "r") as h5:
        written = h5["spikes"]
        for name in expected:
            if name not in written:
                fail(f"spikes.h5 lacks population {name}")
        for name, group in written.items():
            if group.attrs["sorting"] != 2:
                fail(f"{name}: not marked sorted by time")
            if text(group["timestamps"].attrs["units"]) != "ms":
                fail(f"{name}: timestamps not in ms")
            times, nodes = group["timestamps"][:], group["node_ids"][:]
            if np.any(np.diff(times) < 0):
                fail(f"{name}: timestamps not sorted")
            want = expected.get(name, [])
            if len(want) != len(times):
                fail(f"{name}: {len(times)} spikes, spikes.tsv has {len(want)}")
            for (t, n), t5, n5 in zip(want, times, nodes):
                # spikes.tsv prints 17 significant digits: the same double.
                if t != t5 or n != n5:
                    fail(f"{name}: spike ({t5}, {n5}) differs from spikes.tsv's ({t}, {n})")

    reports = [p for p in folder.glob("*.h5") if p.name != "spikes.h5"]
    if not reports:
        if (folder / "traces.tsv").exists():
            fail("traces.tsv without a SONATA report")
        return
    table = np.genfromtxt(folder / "traces.tsv", delimiter="\t", names=True,
                          deletechars="", missing_values="", filling_values=np.nan)
    columns = table.dtype.names
    times = table["time_ms"]
    checked = 0
    for path in reports:
        with h5py.File(path, "r") as h5:
            for name, group in h5["report"].items():
                data = group["data"][:]
                mapping = group["mapping"]
                ids = mapping["node_ids"][:]
                pointers = mapping["index_pointers"][:]
                if list(pointers) != list(range(len(ids) + 1)):
                    fail(f"{path.name} {name}: index pointers")
                if len(mapping["element_ids"]) != len(ids) or data.shape[1] != len(ids):
                    fail(f"{path.name} {name}: elements")
                start, stop, step = mapping["time"][:]
                frames = round((stop - start) / step)
                if frames != data.shape[0]:
                    fail(f"{path.name} {name}: {data.shape[0]} frames, time says {frames}")
                for j, index in enumerate(ids):
                    prefix = f"{name}[{index}]."
                    matches = [c for c in columns if c.startswith(prefix) and
                               path.stem.startswith(c[len(prefix):].split("(")[0])]
                    if len(matches) != 1:
                        fail(f"{path.name}: no single traces.tsv column for {prefix} ({matches})")
                    column = table[matches[0]]
                    for k in range(frames):
                        t = start + k * step
                        row = np.flatnonzero(np.abs(times - t) < 1e-9)
                        if len(row) != 1 or math.isnan(column[row[0]]):
                            fail(f"{path.name}: no traces.tsv value of {matches[0]} at {t}")
                        want = column[row[0]]
                        if abs(data[k, j] - want) > 1e-6 * max(1.0, abs(want)):
                            fail(f"{path.name}: {matches[0]} at {t}: {data[k, j]} vs {want}")
                    checked += 1
    print(f"check_sonata: {folder.name}: spikes of {len(expected)} populations, "
          f"{checked} report columns match the text outputs")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
