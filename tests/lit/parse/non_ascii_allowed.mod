: Tests that non-ASCII text (UTF-8: é, µ, →) is allowed in ':' and '?' comments, the TITLE line,
: COMMENT and VERBATIM blocks and strings (an INCLUDE path too), and is kept byte for byte by emit.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
: RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %S/Inputs/include_decls.inc %t.dir/décl.inc
: RUN: cp %S/Inputs/include_utf8.inc %t.dir/main.mod && %ranvier check --units=off %t.dir/main.mod
TITLE Canal µ-opioïde
: CHECK: {{^}}TITLE Canal µ-opioïde{{$}}
? café → µm
COMMENT
Modèle de canal : τ = 5 ms
ENDCOMMENT
: CHECK: {{^}}Modèle de canal : τ = 5 ms{{$}}
NEURON { SUFFIX na8 } : naïve
ASSIGNED { x }
INITIAL {
VERBATIM
    /* µ-opioid */
ENDVERBATIM
    printf("x → %g µm\n", x)
}
: CHECK: {{^}}    /* µ-opioid */{{$}}
: CHECK: {{^}}    printf("x → %g µm\n", x){{$}}
