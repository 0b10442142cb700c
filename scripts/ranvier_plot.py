#!/usr/bin/python3
"""`ranvier plot DIR`: draws a run's outputs as PNG files.

    ranvier_plot.py DIR [-o FOLDER] [--tmin MS] [--tmax MS] [--max-traces N]

Reads what a network or cell executable wrote to DIR:
  spikes.tsv (+ populations.tsv)  ->  raster.png: a dot per spike, gid against time, coloured
                                      by population, with each population's rate (Hz per cell)
                                      in 1 ms bins below
  traces.tsv                      ->  traces.png: one panel per recorded variable, one line per
                                      cell (at most --max-traces per panel)
Prints the files it wrote. Exit status 1, with a message, when DIR holds neither output or a
file is malformed.
"""
import argparse
import math
import sys
from pathlib import Path


def fail(message):
    print(f"ranvier plot: error: {message}", file=sys.stderr)
    sys.exit(1)


def read_table(path):
    """A tab-separated file with a header: the names and the rows (lists of strings)."""
    with open(path) as f:
        lines = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    if not lines:
        fail(f"{path}: empty")
    header = lines[0].split("\t")
    rows = [line.split("\t") for line in lines[1:]]
    for number, row in enumerate(rows, start=2):
        if len(row) > len(header):
            fail(f"{path}:{number}: {len(row)} fields, the header has {len(header)}")
    return header, rows


def number(text, path, line):
    try:
        return float(text)
    except ValueError:
        fail(f"{path}:{line}: '{text}' is not a number")


def read_spikes(folder):
    header, rows = read_table(folder / "spikes.tsv")
    if header[:2] != ["gid", "time_ms"]:
        fail(f"{folder / 'spikes.tsv'}: expected the columns gid and time_ms")
    return [(int(number(r[0], "spikes.tsv", k + 2)), number(r[1], "spikes.tsv", k + 2))
            for k, r in enumerate(rows)]


def read_populations(folder, spikes):
    path = folder / "populations.tsv"
    if not path.exists():
        largest = max((gid for gid, _ in spikes), default=0)
        return [("cells", 0, largest + 1)]
    header, rows = read_table(path)
    if header[:4] != ["population", "cell", "first_gid", "count"]:
        fail(f"{path}: expected the columns population, cell, first_gid and count")
    return [(r[0], int(r[2]), int(r[3])) for r in rows]


def raster(plt, folder, output, tmin, tmax):
    spikes = read_spikes(folder)
    populations = read_populations(folder, spikes)
    spikes = [(g, t) for g, t in spikes if tmin <= t <= tmax]
    end = tmax if math.isfinite(tmax) else max((t for _, t in spikes), default=1.0)
    start = tmin if math.isfinite(tmin) else 0.0
    figure, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(10, 6.5),
                                         gridspec_kw={"height_ratios": [3, 1]})
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    bins = max(1, int(math.ceil(end - start)))
    width = (end - start) / bins if end > start else 1.0
    dots = 0.5 if len(spikes) > 20000 else 2.0
    total = sum(count for _, _, count in populations)
    for k, (name, first, count) in enumerate(populations):
        colour = colours[k % len(colours)]
        mine = [(g, t) for g, t in spikes if first <= g < first + count]
        small = total <= 200
        top.scatter([t for _, t in mine], [g for g, _ in mine], s=16 if small else dots,
                    color=colour, marker="|" if small else ".", linewidths=0.8,
                    label=f"{name} ({count} cells, {len(mine)} spikes)")
        counts = [0] * bins
        for _, t in mine:
            counts[min(bins - 1, max(0, int((t - start) / width)))] += 1
        rate = [c / count / (width / 1000) for c in counts]
        bottom.step([start + (i + 0.5) * width for i in range(bins)], rate, where="mid",
                    color=colour, linewidth=0.8)
    top.set_ylim(-0.5, total - 0.5)
    top.set_ylabel("gid")
    top.set_title(f"{folder.name}: {len(spikes)} spikes")
    top.legend(loc="upper right", fontsize="small", markerscale=4 if dots < 1 else 2)
    bottom.set_xlim(start, end)
    bottom.set_xlabel("time (ms)")
    bottom.set_ylabel("rate (Hz)")
    figure.tight_layout()
    path = output / "raster.png"
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def traces(plt, folder, output, tmin, tmax, most):
    path = folder / "traces.tsv"
    header, rows = read_table(path)
    if header[0] != "time_ms":
        fail(f"{path}: the first column must be time_ms")
    columns = header[1:]
    # Group the columns by variable: "exc[3].v(soma(0.5))" -> "v(soma(0.5))".
    panels = {}
    for j, name in enumerate(columns):
        variable = name.split("].", 1)[1] if "]." in name else name
        panels.setdefault(variable, []).append(j)
    figure, axes = plt.subplots(len(panels), 1, sharex=True, squeeze=False,
                                figsize=(10, 2.2 + 2.2 * len(panels)))
    times = [number(r[0], path, k + 2) for k, r in enumerate(rows)]
    for axis, (variable, indices) in zip(axes[:, 0], panels.items()):
        for j in indices[:most]:
            xs, ys = [], []
            for k, row in enumerate(rows):
                if j + 1 < len(row) and row[j + 1] != "" and tmin <= times[k] <= tmax:
                    xs.append(times[k])
                    ys.append(number(row[j + 1], path, k + 2))
            label = columns[j].split("].", 1)[0] + "]" if "]." in columns[j] else columns[j]
            axis.plot(xs, ys, linewidth=0.8, label=label)
        hidden = len(indices) - most
        axis.set_ylabel(variable)
        if len(indices) <= 10:
            axis.legend(loc="upper right", fontsize="x-small")
        if hidden > 0:
            axis.set_title(f"{most} of {len(indices)} cells", fontsize="small")
    axes[-1, 0].set_xlabel("time (ms)")
    figure.tight_layout()
    out = output / "traces.png"
    figure.savefig(out, dpi=120)
    plt.close(figure)
    return out


def main():
    parser = argparse.ArgumentParser(prog="ranvier plot",
                                     description="draw a run's spikes and traces as PNG files")
    parser.add_argument("folder", help="the run's output folder (its --out)")
    parser.add_argument("-o", "--output", help="where to write the PNGs (default: the folder)")
    parser.add_argument("--tmin", type=float, default=-math.inf, help="start of the time axis (ms)")
    parser.add_argument("--tmax", type=float, default=math.inf, help="end of the time axis (ms)")
    parser.add_argument("--max-traces", type=int, default=20,
                        help="most cells drawn per variable (default 20)")
    parser.error = fail  # a usage error exits 1, as the other commands' do
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        fail(f"{folder}: no such folder")
    has_spikes = (folder / "spikes.tsv").exists()
    has_traces = (folder / "traces.tsv").exists()
    if not has_spikes and not has_traces:
        fail(f"{folder}: neither spikes.tsv nor traces.tsv (is it a run's --out folder?)")
    output = Path(args.output) if args.output else folder
    output.mkdir(parents=True, exist_ok=True)
    try:
        import matplotlib
    except ImportError:
        fail("matplotlib is missing (Debian: apt install python3-matplotlib)")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    written = []
    if has_spikes:
        written.append(raster(plt, folder, output, args.tmin, args.tmax))
    if has_traces:
        written.append(traces(plt, folder, output, args.tmin, args.tmax, max(1, args.max_traces)))
    for path in written:
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
