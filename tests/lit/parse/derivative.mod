: Tests DERIVATIVE blocks: x' equations, derivatives of array STATEs written ca'[i] and with an
: expression index, and LOCALs and a loop inside.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=ast %s | FileCheck %s
NEURON { SUFFIX der }
PARAMETER { tau = 2 (ms) }
STATE { m ca[3] }
INITIAL { m = 0 FROM i = 0 TO 2 { ca[i] = 0 } }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states {
    LOCAL minf
    minf = 1
    m' = (minf - m)/tau
    FROM i = 0 TO 1 {
        ca'[i] = -ca[i]/tau
    }
    ca'[1 + 1] = 0
}
: CHECK-LABEL: {{^}}DERIVATIVE states {
: CHECK-NEXT: {{^}}    LOCAL minf{{$}}
: CHECK-NEXT: {{^}}    minf = 1{{$}}
: CHECK-NEXT: {{^}}    m' = (/ (- minf m) tau){{$}}
: CHECK-NEXT: {{^}}    FROM i = 0 TO 1 {{{$}}
: CHECK-NEXT: {{^}}        ca'[i] = (/ (- ca[i]) tau){{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    ca'[(+ 1 1)] = 0{{$}}
: CHECK-NEXT: {{^}}}{{$}}
