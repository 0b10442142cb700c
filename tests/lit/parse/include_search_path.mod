: Tests INCLUDE search paths: a file not next to the including file is found through -I DIR
: (both "-I DIR" and "-IDIR"), and is an error without it.
: RUN: %ranvier check --units=off --verify-diagnostics -I %S/Inputs/search %s
: RUN: %ranvier check --units=off --verify-diagnostics -I%S/Inputs/search %s
: RUN: not %ranvier check %s 2>&1 | FileCheck %s
: CHECK: include_search_path.mod:[[@LINE+2]]:1: error: cannot find include file 'searched.inc'
NEURON { SUFFIX sp }
INCLUDE "searched.inc"
ASSIGNED { x }
BREAKPOINT { x = searched }
