: Tests operator precedence and associativity (--stage=ast parenthesises every expression):
: ^ binds tighter than unary minus (-x^2 is -(x^2)) and is right-associative, * / before + -,
: both left-associative, then comparisons, &&, ||; ! binds like unary minus.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=ast %s | FileCheck %s
NEURON { SUFFIX prec }
ASSIGNED { a b c d x e[2] }
BREAKPOINT {
    x = -a^2
    x = a^b^c
    x = (a^b)^c
    x = a - b - c
    x = a/b/c
    x = a/b*c
    x = a + b*c
    x = (a + b)*c
    x = a*b^c
    x = -a*b
    x = - -a
    x = a - -b
    x = 2^-a
    x = a^-b^c
    x = a*-b
    x = a < b && c > d || !a
    x = a || b && c
    x = a && b && c
    x = !a == b
    x = a + b < c*d
    x = a <= b
    x = a >= b
    x = a != b
    x = (a)
    x = exp(-a/b)*c
    x = e[a + 1]*-e[0]^2
}
: CHECK-LABEL: {{^}}BREAKPOINT {
: CHECK-NEXT: {{^}}    x = (- (^ a 2)){{$}}
: CHECK-NEXT: {{^}}    x = (^ a (^ b c)){{$}}
: CHECK-NEXT: {{^}}    x = (^ (^ a b) c){{$}}
: CHECK-NEXT: {{^}}    x = (- (- a b) c){{$}}
: CHECK-NEXT: {{^}}    x = (/ (/ a b) c){{$}}
: CHECK-NEXT: {{^}}    x = (* (/ a b) c){{$}}
: CHECK-NEXT: {{^}}    x = (+ a (* b c)){{$}}
: CHECK-NEXT: {{^}}    x = (* (+ a b) c){{$}}
: CHECK-NEXT: {{^}}    x = (* a (^ b c)){{$}}
: CHECK-NEXT: {{^}}    x = (* (- a) b){{$}}
: CHECK-NEXT: {{^}}    x = (- (- a)){{$}}
: CHECK-NEXT: {{^}}    x = (- a (- b)){{$}}
: CHECK-NEXT: {{^}}    x = (^ 2 (- a)){{$}}
: CHECK-NEXT: {{^}}    x = (^ a (- (^ b c))){{$}}
: CHECK-NEXT: {{^}}    x = (* a (- b)){{$}}
: CHECK-NEXT: {{^}}    x = (|| (&& (< a b) (> c d)) (! a)){{$}}
: CHECK-NEXT: {{^}}    x = (|| a (&& b c)){{$}}
: CHECK-NEXT: {{^}}    x = (&& (&& a b) c){{$}}
: CHECK-NEXT: {{^}}    x = (== (! a) b){{$}}
: CHECK-NEXT: {{^}}    x = (< (+ a b) (* c d)){{$}}
: CHECK-NEXT: {{^}}    x = (<= a b){{$}}
: CHECK-NEXT: {{^}}    x = (>= a b){{$}}
: CHECK-NEXT: {{^}}    x = (!= a b){{$}}
: CHECK-NEXT: {{^}}    x = a{{$}}
: CHECK-NEXT: {{^}}    x = (* exp((/ (- a) b)) c){{$}}
: CHECK-NEXT: {{^}}    x = (* e[(+ a 1)] (- (^ e[0] 2))){{$}}
: CHECK-NEXT: {{^}}}{{$}}
