: C that needs NEURON's interpreter, pointers or C control flow Ranvier cannot follow is refused,
: naming the construct and its line (one file per case would be long: each RUN picks one).
: RUN: sed -n '1,12p;13p' %s > %t1.mod && not %ranvier emit -w --units=off --stage=ode %t1.mod 2>&1 | FileCheck --check-prefix=CALL %s
: RUN: sed -n '1,12p;14p' %s > %t2.mod && not %ranvier emit -w --units=off --stage=ode %t2.mod 2>&1 | FileCheck --check-prefix=PTR %s
: RUN: sed -n '1,12p;15p' %s > %t3.mod && not %ranvier emit -w --units=off --stage=ode %t3.mod 2>&1 | FileCheck --check-prefix=RET %s
: RUN: sed -n '1,12p;16p' %s > %t4.mod && not %ranvier emit -w --units=off --stage=ode %t4.mod 2>&1 | FileCheck --check-prefix=NAME %s
: RUN: sed -n '1,12p;17p' %s > %t5.mod && not %ranvier emit -w --units=off --stage=ode %t5.mod 2>&1 | FileCheck --check-prefix=LOOP %s
NEURON { SUFFIX vref }
ASSIGNED { x }
INITIAL { x = 1 refused() }
PROCEDURE refused() {
: next line is the body of refused(), one case per RUN
VERBATIM hoc_execerror("stop", 0); ENDVERBATIM }
VERBATIM double* p = &x; ENDVERBATIM }
VERBATIM if (x > 0) { return; } x = 2; ENDVERBATIM }
VERBATIM x = undeclared_thing + 1; ENDVERBATIM }
VERBATIM int i; for (i = 0; i < 3; i++) { if (x > 2) break; x += 1; } ENDVERBATIM }
: CALL: .mod:13:10: error: VERBATIM C that Ranvier cannot give a meaning to: the call to 'hoc_execerror', which needs NEURON's interpreter or C runtime
: PTR: .mod:13:16: error: VERBATIM C that Ranvier cannot give a meaning to: pointers
: RET: .mod:13:23: error: a 'return' inside an IF in VERBATIM cannot be lowered yet
: NAME: .mod:13:14: error: VERBATIM uses 'undeclared_thing', which is not a variable of the mechanism
: LOOP: .mod:13:54: error: VERBATIM C that Ranvier cannot give a meaning to: 'break'
