#!/usr/bin/env python3
"""How much of a corpus lowers to kernels, and whether the kernels compile.

For every .mod file below the given folders that `ranvier check` accepts, runs
`ranvier emit --stage=cpp` (or --stage=cuda; in the file's folder, so INCLUDEs
resolve) and, with --compile, `g++ -std=c++20 -Wall -Wextra -Werror -fsyntax-only`
(or `nvcc -std=c++17 -arch=sm_90 -c`) on the output. --tables lowers with tables.
Prints the counts and the first errors of the files that do not lower, grouped
as run.py groups them. Python 3 standard library only.
"""

import argparse
import collections
import concurrent.futures
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import DIAG_RE, normalise  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def one(path, ranvier, compile_, stage, tables):
    folder, name = os.path.split(os.path.abspath(path))
    run = lambda *args: subprocess.run(args, cwd=folder, capture_output=True, text=True, timeout=60)
    if run(ranvier, "check", "-w", name).returncode != 0:
        return "rejected", None
    emit = run(ranvier, "emit", "-w", "--stage=" + stage, *(["--tables"] if tables else []), name)
    if emit.returncode != 0:
        for line in emit.stderr.splitlines():
            m = DIAG_RE.match(line)
            if m:
                return "not lowered", normalise(m.group("msg"), name)
        return "not lowered", emit.stderr.strip()[:200]
    if not compile_:
        return "lowered", None
    include = "-I" + os.path.join(ROOT, "runtime", "include")
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "kernels" + (".cu" if stage == "cuda" else ".cpp"))
        with open(source, "w") as f:
            f.write(emit.stdout)
        if stage == "cuda":
            command = ["nvcc", "-std=c++17", "-arch=sm_90", "-c", include, source,
                       "-o", os.path.join(tmp, "kernels.o")]
        else:
            command = ["g++", "-std=c++20", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                       include, source]
        cc = subprocess.run(command, capture_output=True, text=True)
    return ("compiled", None) if cc.returncode == 0 else ("does not compile", cc.stderr[:300])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--ranvier", default=os.path.join(ROOT, "build", "bin", "ranvier"))
    ap.add_argument("--compile", action="store_true", help="also compile every lowered file")
    ap.add_argument("--stage", choices=["cpp", "cuda"], default="cpp",
                    help="the kernels to emit (and compile: g++ or nvcc)")
    ap.add_argument("--tables", action="store_true", help="lower with --tables")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    files = sorted(os.path.join(d, f) for p in args.paths for d, _, fs in os.walk(p)
                   for f in fs if f.endswith(".mod"))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(
            lambda f: one(f, args.ranvier, args.compile, args.stage, args.tables), files))
    counts = collections.Counter(verdict for verdict, _ in results)
    accepted = len(files) - counts["rejected"]
    lowered = counts["lowered"] + counts["compiled"] + counts["does not compile"]
    print(f"{len(files)} files, {accepted} accepted by check, {lowered} lower to kernels "
          f"({100 * lowered / max(accepted, 1):.0f}%)")
    if args.compile:
        how = "nvcc -arch=sm_90" if args.stage == "cuda" else "g++ -Wall -Wextra -Werror"
        print(f"{counts['compiled']} compile with {how}, {counts['does not compile']} do not")
        for (verdict, detail), path in zip(results, files):
            if verdict == "does not compile":
                print(f"  {path}: {detail.splitlines()[0] if detail else ''}")
    groups = collections.Counter(detail for verdict, detail in results if verdict == "not lowered")
    print("\nnot lowered, by first error:")
    for message, n in groups.most_common(args.top):
        print(f"{n:5d}  {message}")


if __name__ == "__main__":
    main()
