#!/usr/bin/env python3
"""Corpus benchmark for Ranvier's NMODL front end.

Runs `ranvier check FILE` on every .mod file below the given folders (each file
with its own folder as the working directory, so INCLUDEs resolve as NEURON
resolves them) and reports how many files are accepted, rejected (grouped by
the normalised first error message), crash, or hang. With --nocmodl it also
runs NEURON's nocmodl on each file and compares the two verdicts file by file.

Python 3 standard library only. See bench/corpus/README.md.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

OUTPUT_KEEP = 4000  # characters of each tool's output kept in --json

ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
DIAG_RE = re.compile(r"^(?P<file>.*?):(?P<line>\d+)(?::(?P<col>\d+))?:\s*(?:fatal\s+)?error:\s*(?P<msg>.*)$")
LOOSE_ERROR_RE = re.compile(r"\b(?:fatal\s+)?error\b\s*:?\s*(?P<msg>.*)$", re.IGNORECASE)

# NMODL keywords stay visible when they are quoted in a diagnostic, so that e.g.
# "unsupported construct 'LINEAR'" and "... 'FUNCTION_TABLE'" form separate groups.
NMODL_KEYWORDS = set("""
TITLE COMMENT ENDCOMMENT VERBATIM ENDVERBATIM NEURON UNITS PARAMETER ASSIGNED STATE CONSTANT
INDEPENDENT DEPENDENT INITIAL BREAKPOINT DERIVATIVE KINETIC CONSERVE COMPARTMENT LONGITUDINAL_DIFFUSION
LINEAR NONLINEAR PROCEDURE FUNCTION FUNCTION_TABLE TABLE DEPEND FROM TO WITH BY NET_RECEIVE
WATCH FOR_NETCONS SUFFIX POINT_PROCESS ARTIFICIAL_CELL USEION READ WRITE VALENCE REPRESENTS
NONSPECIFIC_CURRENT ELECTRODE_CURRENT RANGE GLOBAL POINTER BBCOREPOINTER EXTERNAL THREADSAFE
RANDOM LOCAL IF ELSE WHILE UNITSON UNITSOFF INCLUDE SOLVE METHOD STEADYSTATE SENS
MATCH PLOT CONSTRUCTOR DESTRUCTOR BEFORE AFTER STEP SWEEP PARTIAL DISCRETE TERMINAL
LAG ABSTOL KINETIC SOLVEFOR IFERROR PROTECT NRNMUTEX
cnexp derivimplicit euler runge sparse newton clamp after_cvode cvode_t cvode_v
net_send net_event net_move
""".split())

QUOTED_RE = re.compile(r"'([^'\n]*)'|\"([^\"\n]*)\"|`([^`\n]*)`|\u2018([^\u2019\n]*)\u2019|\u201c([^\u201d\n]*)\u201d")
LOC_RE = re.compile(r"(?:<file>|[\w./+\-]*\.(?:mod|inc|rvn|MOD))?:\d+(?::\d+)?\b")
PATH_RE = re.compile(r"[\w./+\-]*\.(?:mod|inc|rvn|MOD)\b")
NUM_RE = re.compile(r"(?<![\w<])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w>])")


def normalise(msg, path=None):
    """Strip file-specific names, locations and numbers from a diagnostic."""
    if path:
        # The file's own name may contain spaces, so replace it literally first.
        for name in sorted({path, os.path.abspath(path), os.path.basename(path)}, key=len, reverse=True):
            msg = msg.replace(name, "<file>")
    def repl_quoted(m):
        inner = next(g for g in m.groups() if g is not None)
        if inner in NMODL_KEYWORDS:
            return "'%s'" % inner
        return "'_'"
    msg = QUOTED_RE.sub(repl_quoted, msg)
    msg = re.sub(r"\b\w+(?:\s*->\s*\w+)+", "<call chain>", msg)  # a -> b -> a
    msg = LOC_RE.sub("<loc>", msg)
    msg = PATH_RE.sub("<file>", msg)
    msg = NUM_RE.sub("<N>", msg)
    msg = re.sub(r"\s+", " ", msg).strip()
    return msg[:160] if msg else "<empty message>"


def first_error(output):
    """The first error message in a ranvier output (without file:line:col)."""
    lines = [ANSI_RE.sub("", l).rstrip() for l in output.splitlines()]
    for l in lines:
        m = DIAG_RE.match(l)
        if m:
            return m.group("msg").strip() or l.strip()
    for l in lines:
        m = LOOSE_ERROR_RE.search(l)
        if m:
            return (m.group("msg") or l).strip()
    for l in lines:
        if l.strip():
            return l.strip()
    return "<no diagnostic printed>"


NOCMODL_NOISE_RE = re.compile(
    r"^(Translating .* into |Notice:|Warning:|Thread Safe|INCLUDEing |VERBATIM blocks are not thread safe"
    r"|.*is not thread safe|.*not thread safe)")


def nocmodl_first_error(output):
    """nocmodl prints e.g. 'syntax error:' then 'Illegal block at line 2 in file x.mod'."""
    lines = [l.strip() for l in output.splitlines()]
    lines = [l for l in lines if l and not NOCMODL_NOISE_RE.match(l)]
    if not lines:
        return "<no diagnostic printed>"
    msg = lines[0]
    # "syntax error:" alone says little; join it with the next line or two.
    if msg.rstrip(":").lower() in ("syntax error", "error") and len(lines) > 1:
        msg = " ".join(lines[:3]) if lines[1].endswith(":") and len(lines) > 2 else " ".join(lines[:2])
    msg = re.sub(r"\s+at line \d+ in file \S+", "", msg)
    return msg


def run_tool(argv, cwd, timeout, env=None):
    """Run a command in its own process group; returns (rc or None on timeout, output, seconds)."""
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    except OSError as e:
        return -1000, "could not start %s: %s" % (argv[0], e), 0.0
    try:
        out, _ = proc.communicate(timeout=timeout)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        out, _ = proc.communicate()
        rc = None
    elapsed = time.perf_counter() - start
    return rc, out.decode("utf-8", errors="replace"), elapsed


def run_ranvier(ranvier, path, timeout):
    folder, name = os.path.split(path)
    rc, out, secs = run_tool([ranvier, "check", name], folder or ".", timeout)
    ice = "internal compiler error" in out.lower()
    if rc is None:
        status = "hang"
    elif rc == -1000:
        status = "crash"
    elif ice or rc not in (0, 1):
        status = "crash"
    elif rc == 0:
        status = "accepted"
    else:
        status = "rejected"
    res = {"status": status, "rc": rc, "time_s": round(secs, 4), "output": out[:OUTPUT_KEEP]}
    if status == "rejected":
        res["first_error"] = first_error(out)
        res["group"] = normalise(res["first_error"], path)
    elif status == "crash":
        res["first_error"] = first_error(out)
        res["ice"] = ice
        if rc is not None and rc < 0:
            try:
                res["signal"] = signal.Signals(-rc).name
            except ValueError:
                res["signal"] = str(-rc)
    return res


MAX_COPY_BYTES = 4 << 20


def run_nocmodl(nocmodl, path, timeout):
    """nocmodl writes X.c next to X.mod, so run it on a copy of the file's folder."""
    folder, name = os.path.split(os.path.abspath(path))
    tmp = tempfile.mkdtemp(prefix="ranvier-nocmodl-")
    try:
        for entry in os.scandir(folder):
            try:
                if entry.is_file() and (entry.name == name or entry.stat().st_size <= MAX_COPY_BYTES):
                    shutil.copy2(entry.path, os.path.join(tmp, entry.name))
            except OSError:
                pass
        env = dict(os.environ)
        # INCLUDEs with paths relative to the original folder (e.g. "../x.inc") still resolve.
        env["MODL_INCLUDE"] = folder + (":" + env["MODL_INCLUDE"] if env.get("MODL_INCLUDE") else "")
        rc, out, secs = run_tool([nocmodl, name], tmp, timeout, env=env)
        cfile = os.path.join(tmp, os.path.splitext(name)[0] + ".c")
        produced = os.path.exists(cfile)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if rc is None:
        status = "hang"
    elif rc == 0:
        status = "accepted"
    elif rc < 0 or rc == -1000:
        status = "crash"
    else:
        status = "rejected"
    res = {"status": status, "rc": rc, "time_s": round(secs, 4), "c_file": produced,
           "output": out[:OUTPUT_KEEP]}
    if status != "accepted":
        res["first_error"] = nocmodl_first_error(out)
        res["group"] = normalise(res["first_error"], path)
    return res


def find_mod_files(paths, pattern):
    files = []
    for p in paths:
        if os.path.isfile(p):
            files.append(p)
            continue
        if not os.path.isdir(p):
            sys.exit("run.py: no such file or folder: %s" % p)
        for root, dirs, names in os.walk(p):
            dirs.sort()
            for n in sorted(names):
                if n.lower().endswith(".mod"):
                    files.append(os.path.join(root, n))
    if pattern:
        rx = re.compile(pattern)
        files = [f for f in files if rx.search(f)]
    seen, out = set(), []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def display(path):
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def default_ranvier():
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in ("build/bin/ranvier", os.path.join(here, "..", "..", "build", "bin", "ranvier")):
        if os.path.exists(cand):
            return os.path.normpath(cand)
    return "build/bin/ranvier"


def fmt_secs(s):
    return "%.3f s" % s if s < 100 else "%.0f s" % s


def pct(n, total):
    return "%5.1f%%" % (100.0 * n / total) if total else "   - "


def print_groups(title, results, key, top):
    groups = {}
    for path, r in results:
        g = r[key].get("group", "<none>")
        groups.setdefault(g, []).append(path)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    print()
    print("%s (%d groups%s):" % (title, len(ordered), ", top %d shown" % top if len(ordered) > top else ""))
    for g, paths in ordered[:top]:
        print("  %5d  %s" % (len(paths), g))
        print("         e.g. %s" % display(paths[0]))
    if len(ordered) > top:
        rest = sum(len(p) for _, p in ordered[top:])
        print("  %5d  ... in %d further groups" % (rest, len(ordered) - top))


def tool_summary(name, results, key):
    total = len(results)
    counts = {s: 0 for s in ("accepted", "rejected", "crash", "hang")}
    for _, r in results:
        counts[r[key]["status"]] += 1
    times = [r[key]["time_s"] for _, r in results]
    print()
    print("%s" % name)
    print("  %-10s %6d" % ("files", total))
    print("  %-10s %6d  %s" % ("accepted", counts["accepted"], pct(counts["accepted"], total)))
    print("  %-10s %6d  %s" % ("rejected", counts["rejected"], pct(counts["rejected"], total)))
    print("  %-10s %6d  %s" % ("crashes", counts["crash"], pct(counts["crash"], total)))
    print("  %-10s %6d  %s" % ("hangs", counts["hang"], pct(counts["hang"], total)))
    if times:
        print("  %-10s %s (sum over files), median %s, max %s" % (
            "time", fmt_secs(sum(times)), fmt_secs(statistics.median(times)), fmt_secs(max(times))))
    return counts


def main():
    ap = argparse.ArgumentParser(
        description="Run `ranvier check` over a corpus of .mod files and summarise the verdicts.")
    ap.add_argument("paths", nargs="+", metavar="CORPUS",
                    help="folder(s) searched recursively for *.mod, or single .mod files")
    ap.add_argument("--ranvier", default=None,
                    help="path to the ranvier binary (default: build/bin/ranvier)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel workers (default 2)")
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="seconds per file before it counts as a hang (default 10)")
    ap.add_argument("--top", type=int, default=15, help="rejection groups to show (default 15)")
    ap.add_argument("--filter", metavar="REGEX", help="only files whose path matches REGEX")
    ap.add_argument("--nocmodl", action="store_true",
                    help="also run NEURON's nocmodl on each file and compare the verdicts")
    ap.add_argument("--nocmodl-only", action="store_true",
                    help="run only nocmodl (no ranvier); reports nocmodl's verdicts")
    ap.add_argument("--nocmodl-bin", default="nocmodl", help="nocmodl executable (default: nocmodl)")
    ap.add_argument("--json", metavar="FILE", help="write per-file results to FILE")
    ap.add_argument("--list-failures", action="store_true",
                    help="print every rejected file with its first error")
    args = ap.parse_args()

    use_ranvier = not args.nocmodl_only
    use_nocmodl = args.nocmodl or args.nocmodl_only
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")

    ranvier = None
    if use_ranvier:
        ranvier = args.ranvier or default_ranvier()
        if not (os.path.isfile(ranvier) and os.access(ranvier, os.X_OK)):
            sys.exit("run.py: ranvier binary not found or not executable: %s "
                     "(build it first, or pass --ranvier PATH, or use --nocmodl-only)" % ranvier)
        ranvier = os.path.abspath(ranvier)
    nocmodl = None
    if use_nocmodl:
        nocmodl = shutil.which(args.nocmodl_bin)
        if not nocmodl:
            sys.exit("run.py: nocmodl not found (%s); on Debian: apt-get install neuron" % args.nocmodl_bin)

    files = find_mod_files(args.paths, args.filter)
    if not files:
        sys.exit("run.py: no .mod files found under %s" % " ".join(args.paths))

    def work(path):
        r = {}
        if use_ranvier:
            r["ranvier"] = run_ranvier(ranvier, path, args.timeout)
        if use_nocmodl:
            r["nocmodl"] = run_nocmodl(nocmodl, path, args.timeout)
        return path, r

    progress = sys.stderr.isatty()
    lock = threading.Lock()
    done = [0]
    results = {}
    wall_start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for path, r in ex.map(work, files):
            results[path] = r
            with lock:
                done[0] += 1
                if progress:
                    sys.stderr.write("\r[%d/%d] %s\x1b[K" % (done[0], len(files), display(path)[-60:]))
                    sys.stderr.flush()
    wall = time.perf_counter() - wall_start
    if progress:
        sys.stderr.write("\r\x1b[K")
    ordered = [(f, results[f]) for f in files]

    print("Corpus: %d .mod files under %s (%d workers, timeout %g s, wall %s)" % (
        len(files), ", ".join(args.paths), args.jobs, args.timeout, fmt_secs(wall)))

    bad = False
    if use_ranvier:
        counts = tool_summary("ranvier check  (%s)" % display(ranvier), ordered, "ranvier")
        rejected = [(p, r) for p, r in ordered if r["ranvier"]["status"] == "rejected"]
        if rejected:
            print_groups("Rejections by first error", rejected, "ranvier", args.top)
        crashes = [(p, r) for p, r in ordered if r["ranvier"]["status"] == "crash"]
        if crashes:
            print()
            print("Crashes (%d):" % len(crashes))
            for p, r in crashes:
                rr = r["ranvier"]
                why = rr.get("signal") or ("exit %s" % rr["rc"])
                if rr.get("ice"):
                    why = "internal compiler error, " + why
                print("  %s  [%s]  %s" % (display(p), why, rr.get("first_error", "")[:120]))
        hangs = [(p, r) for p, r in ordered if r["ranvier"]["status"] == "hang"]
        if hangs:
            print()
            print("Hangs (> %g s) (%d):" % (args.timeout, len(hangs)))
            for p, _ in hangs:
                print("  %s" % display(p))
        slow = sorted((pr for pr in ordered if pr[1]["ranvier"]["status"] != "hang"),
                      key=lambda pr: -pr[1]["ranvier"]["time_s"])[:5]
        print()
        print("Slowest files (hangs excluded):")
        for p, r in slow:
            print("  %8s  %s" % (fmt_secs(r["ranvier"]["time_s"]), display(p)))
        bad = counts["crash"] > 0 or counts["hang"] > 0

    if use_nocmodl:
        ncounts = tool_summary("nocmodl  (%s)" % nocmodl, ordered, "nocmodl")
        nrej = [(p, r) for p, r in ordered if r["nocmodl"]["status"] != "accepted"]
        if args.nocmodl_only and nrej:
            print_groups("nocmodl rejections by first error", nrej, "nocmodl", args.top)

    if use_ranvier and use_nocmodl:
        cats = {"both": [], "neither": [], "nocmodl_only": [], "ranvier_only": [], "ranvier_broke": [],
                "nocmodl_broke": []}
        for p, r in ordered:
            rs, ns = r["ranvier"]["status"], r["nocmodl"]["status"]
            if rs in ("crash", "hang"):
                cats["ranvier_broke"].append((p, r))
            elif ns in ("crash", "hang"):
                cats["nocmodl_broke"].append((p, r))
            elif rs == "accepted" and ns == "accepted":
                cats["both"].append((p, r))
            elif rs == "rejected" and ns == "rejected":
                cats["neither"].append((p, r))
            elif ns == "accepted":
                cats["nocmodl_only"].append((p, r))
            else:
                cats["ranvier_only"].append((p, r))
        print()
        print("ranvier vs nocmodl, file by file")
        print("  %-44s %6d" % ("accepted by both", len(cats["both"])))
        print("  %-44s %6d" % ("rejected by both", len(cats["neither"])))
        print("  %-44s %6d" % ("accepted by nocmodl, rejected by ranvier", len(cats["nocmodl_only"])))
        print("  %-44s %6d" % ("rejected by nocmodl, accepted by ranvier", len(cats["ranvier_only"])))
        print("  %-44s %6d" % ("ranvier crashed or hung", len(cats["ranvier_broke"])))
        if cats["nocmodl_broke"]:
            print("  %-44s %6d" % ("nocmodl crashed or hung", len(cats["nocmodl_broke"])))
        if cats["nocmodl_only"]:
            print()
            print("Accepted by nocmodl but rejected by ranvier (bugs to fix) (%d):" % len(cats["nocmodl_only"]))
            for p, r in cats["nocmodl_only"]:
                print("  %s: %s" % (display(p), r["ranvier"]["first_error"][:160]))
        if cats["ranvier_only"]:
            print()
            print("Rejected by nocmodl but accepted by ranvier (%d):" % len(cats["ranvier_only"]))
            for p, r in cats["ranvier_only"]:
                print("  %s  [nocmodl: %s]" % (display(p), r["nocmodl"].get("first_error", "")[:140]))
        if cats["ranvier_broke"]:
            print()
            print("Crashed or hung in ranvier, with nocmodl's verdict:")
            for p, r in cats["ranvier_broke"]:
                print("  %s  [ranvier %s, nocmodl %s]" % (
                    display(p), r["ranvier"]["status"], r["nocmodl"]["status"]))

    if args.list_failures:
        key = "ranvier" if use_ranvier else "nocmodl"
        fails = [(p, r) for p, r in ordered if r[key]["status"] == "rejected"]
        print()
        print("All files rejected by %s (%d):" % (key, len(fails)))
        for p, r in fails:
            print("  %s: %s" % (display(p), r[key].get("first_error", "")[:200]))

    if args.json:
        doc = {
            "corpus": args.paths,
            "ranvier": ranvier,
            "nocmodl": nocmodl,
            "timeout_s": args.timeout,
            "jobs": args.jobs,
            "wall_s": round(wall, 3),
            "files": [dict(path=display(p), **r) for p, r in ordered],
        }
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1)
            fh.write("\n")
        print()
        print("Per-file results written to %s" % args.json)

    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
