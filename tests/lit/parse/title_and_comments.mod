: Tests TITLE (the rest of the line, trimmed at both ends, inner blanks kept) and ':' and '?'
: line comments: anywhere a blank may be, to the end of the line, dropped by emit; a ':' or '?'
: inside a string is part of the string.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
: CHECK: {{^}}TITLE Sodium channel (test)   for  the title line{{$}}
: CHECK-NEXT: {{^}}NEURON {
: CHECK-NOT: comment
TITLE   Sodium channel (test)   for  the title line  
? a question-mark comment at top level
NEURON { : after a brace
    SUFFIX lc   ? after a statement
}
ASSIGNED {
    x   : comment after a declaration
    y ? another
}
BREAKPOINT {
    x = 1 + : an expression continues on the next line
        2
    y = x?no blank before the comment
    printf("a:b ? c\n")
}
: CHECK-LABEL: {{^}}BREAKPOINT {
: CHECK-NEXT: {{^}}    x = 1 + 2{{$}}
: CHECK-NEXT: {{^}}    y = x{{$}}
: CHECK-NEXT: {{^}}    printf("a:b ? c\n"){{$}}
: CHECK-NEXT: {{^}}}{{$}}
