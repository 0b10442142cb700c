: Tests REPRESENTS (NEURON 9 ontology annotations, as in nrn's hh.mod): after SUFFIX, alone, and
: in USEION. The ontology id contains a ':' that does not start a comment there, and emit keeps
: the whole id.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON {
    SUFFIX leak REPRESENTS NCIT:C17145
    REPRESENTS NCIT:C17008   : potassium channel
    USEION na READ ena WRITE ina REPRESENTS CHEBI:29101
}
: CHECK-LABEL: {{^}}NEURON {
: CHECK-NEXT: {{^}}    SUFFIX leak REPRESENTS NCIT:C17145{{$}}
: CHECK-NEXT: {{^}}    REPRESENTS NCIT:C17008{{$}}
: CHECK-NEXT: {{^}}    USEION na READ ena WRITE ina REPRESENTS CHEBI:29101{{$}}
ASSIGNED { v ena ina }
BREAKPOINT { ina = v - ena }
