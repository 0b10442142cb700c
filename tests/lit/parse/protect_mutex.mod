: Tests PROTECT before an assignment and MUTEXLOCK / MUTEXUNLOCK around statements (thread-safe
: updates of GLOBALs).
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX pm GLOBAL count, total THREADSAFE }
ASSIGNED { count total }
INITIAL {
    PROTECT count = count + 1
    MUTEXLOCK
    total = total + count
    MUTEXUNLOCK
}
: CHECK-LABEL: {{^}}INITIAL {
: CHECK-NEXT: {{^}}    PROTECT count = count + 1{{$}}
: CHECK-NEXT: {{^}}    MUTEXLOCK{{$}}
: CHECK-NEXT: {{^}}    total = total + count{{$}}
: CHECK-NEXT: {{^}}    MUTEXUNLOCK{{$}}
