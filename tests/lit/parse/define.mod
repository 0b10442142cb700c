: Tests DEFINE: a named integer constant usable in expressions, FROM loops and as an array
: size in declarations and LOCALs; emit keeps the name, not its value.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
DEFINE NSHELL 4
: CHECK: {{^}}DEFINE NSHELL 4{{$}}
NEURON { SUFFIX def }
ASSIGNED { a[NSHELL] total }
: CHECK: {{^}}    a[NSHELL]{{$}}
INITIAL {
    LOCAL tmp[NSHELL]
    FROM i = 0 TO NSHELL - 1 { tmp[i] = i a[i] = tmp[i] }
    total = NSHELL*2
}
: CHECK: LOCAL tmp[NSHELL]
: CHECK-NEXT: FROM i = 0 TO NSHELL - 1 {
: CHECK: total = NSHELL*2
