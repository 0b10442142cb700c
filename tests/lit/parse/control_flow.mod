: Tests control flow: IF / ELSE IF / ELSE chains in upper and lower case (if, else), nested
: IFs, conditions with comparisons and && || !, WHILE / while loops, and FROM i = a TO b [BY c]
: loops whose variable is a declared LOCAL or undeclared (the loop declares it); emit prints the
: keywords in upper case.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX cflow }
ASSIGNED { x y n }
BREAKPOINT {
    IF (x > 0) { y = 1 } ELSE IF (x < 0) { y = -1 } ELSE { y = 0 }
    if (x >= 1 && !(y == 2)) {
        if (y != 3) { y = 2 }
    } else {
        y = 3
    }
    if (x <= 1 || y > 2) { y = 4 }
}
: CHECK-LABEL: {{^}}BREAKPOINT {
: CHECK-NEXT: {{^}}    IF (x > 0) {{{$}}
: CHECK-NEXT: {{^}}        y = 1{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    ELSE IF (x < 0) {{{$}}
: CHECK-NEXT: {{^}}        y = -1{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    ELSE {{{$}}
: CHECK-NEXT: {{^}}        y = 0{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    IF (x >= 1 && !(y == 2)) {{{$}}
: CHECK-NEXT: {{^}}        IF (y != 3) {{{$}}
: CHECK-NEXT: {{^}}            y = 2{{$}}
: CHECK-NEXT: {{^}}        }{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    ELSE {{{$}}
: CHECK-NEXT: {{^}}        y = 3{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    IF (x <= 1 || y > 2) {{{$}}
: CHECK-NEXT: {{^}}        y = 4{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}}{{$}}
INITIAL {
    LOCAL a, j
    a = 0
    WHILE (a < 3) { a = a + 1 }
    while (a > 0) { a = a - 1 }
    FROM i = 0 TO 2 { x = x + i }
    FROM i = 0 TO 10 BY 2 { a = a + i }
    FROM j = n TO n + 4 BY 1 { a = j }
}
: CHECK-LABEL: {{^}}INITIAL {
: CHECK: {{^}}    WHILE (a < 3) {{{$}}
: CHECK-NEXT: {{^}}        a = a + 1{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    WHILE (a > 0) {{{$}}
: CHECK-NEXT: {{^}}        a = a - 1{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    FROM i = 0 TO 2 {{{$}}
: CHECK-NEXT: {{^}}        x = x + i{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    FROM i = 0 TO 10 BY 2 {{{$}}
: CHECK: {{^}}    FROM j = n TO n + 4 BY 1 {{{$}}
