: A synapse whose NET_RECEIVE only reads its weight keeps nothing per NetCon (the descriptor's
: last entry, netcon_storage, is 0): a network may then pass each event's weight with it. A
: NET_RECEIVE that writes a weight, sets one in its INITIAL block, or walks FOR_NETCONS needs a
: weight vector per NetCon (1).
: RUN: %ranvier emit -w --stage=cpp %stdlib/ExpSyn.mod | FileCheck --check-prefix=READS %s
: RUN: sed -e 's/^#I //' -e '/^#W /d' -e '/^#L /d' %s > %t.initial.mod
: RUN: %ranvier emit -w --stage=cpp %t.initial.mod | FileCheck --check-prefix=STATE %s
: RUN: sed -e 's/^#W //' -e '/^#I /d' -e '/^#L /d' %s > %t.write.mod
: RUN: %ranvier emit -w --stage=cpp %t.write.mod | FileCheck --check-prefix=STATE %s
: RUN: sed -e 's/^#L //' -e '/^#I /d' -e '/^#W /d' %s > %t.loop.mod
: RUN: %ranvier emit -w --stage=cpp %t.loop.mod | FileCheck --check-prefix=STATE %s
: READS: current_jacobian_entries,
: READS-NEXT: nullptr,
: READS-NEXT: 0,
: READS-NEXT: };
: STATE: current_jacobian_entries,
: STATE-NEXT: nullptr,
: STATE-NEXT: 1,
: STATE-NEXT: };
NEURON { POINT_PROCESS plastic  NONSPECIFIC_CURRENT i }
ASSIGNED { v (mV)  i (nA) }
STATE { g (uS) }
INITIAL { g = 0 }
BREAKPOINT { SOLVE s METHOD cnexp  i = g * v }
DERIVATIVE s { g' = -g }
NET_RECEIVE(w (uS), tpre (ms)) {
#I INITIAL { tpre = -1e9 }
    g = g + w
#W w = w * 0.9
#L FOR_NETCONS(w1, tp1) { w1 = w1 * 0.5 }
}
