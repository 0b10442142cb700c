#!/bin/bash
# Translate every stdlib_models/*.mod with NEURON's nocmodl (each in its own
# scratch directory), check its units with modlunit, and compile the generated
# C with the flags NEURON's nrnmech_makefile uses. Prints one line per file and
# a closing "N passed, N failed" line; exits non-zero on any failure.
# Needs Debian's neuron and neuron-dev packages.
set -u
here=$(cd "$(dirname "$0")/../../stdlib_models" && pwd)
export MODLUNIT=${MODLUNIT:-/usr/share/nrn/lib/nrnunits.lib}
pass=0 fail=0
for f in "$here"/*.mod; do
    b=$(basename "$f" .mod)
    d=$(mktemp -d)
    cp "$f" "$d/"
    msg=""
    if ! (cd "$d" && nocmodl "$b.mod" >"$d/nocmodl.log" 2>&1 && test -s "$b.c"); then
        msg="nocmodl failed: $(tail -3 "$d/nocmodl.log" | tr '\n' ' ')"
    elif ! (cd "$d" && modlunit "$b.mod" >"$d/modlunit.log" 2>&1); then
        msg="modlunit: $(tail -4 "$d/modlunit.log" | tr '\n' ' ')"
    elif ! (cd "$d" && cc -c -fPIC -O2 -Wall -Wno-unused -DHAVE_CONFIG_H -I/usr/include \
              -I/usr/lib/x86_64-linux-gnu/openmpi/include "$b.c" -o "$b.o" >"$d/cc.log" 2>&1); then
        msg="cc failed: $(head -5 "$d/cc.log" | tr '\n' ' ')"
    fi
    if [ -z "$msg" ]; then
        pass=$((pass + 1)); echo "PASS  $b.mod  (nocmodl, modlunit, cc)"
    else
        fail=$((fail + 1)); echo "FAIL  $b.mod  $msg"
    fi
    rm -rf "$d"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
