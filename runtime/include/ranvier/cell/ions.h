// Ion concentrations, reversal potentials and currents per node, shared by the mechanisms that
// USEION an ion, with NEURON's defaults and rules: a reversal potential is a constant unless a
// mechanism reads the ion's concentrations (then it is set from them by the Nernst equation at
// initialisation) or writes them (then it follows them every step).
#pragma once

#include <string>
#include <vector>

namespace ranvier::cell {

struct Ion {
    std::string name;
    double valence = 1;
    std::vector<double> e, ci, co; // mV, mM, mM per node
    std::vector<double> i, di_dv;  // total membrane current of the ion (mA/cm2) and its derivative
    bool nernst_at_init = false;   // a mechanism reads a concentration
    bool nernst_each_step = false; // a mechanism writes a concentration
};

// NEURON's defaults for the ions it predefines (na, k, ca); other ions start at 0 and 1 mM.
Ion make_ion(const std::string& name, double valence, int nodes);

// E = (1000 R T / F) / z ln(co / ci) in mV, T = celsius + 273.15, with NEURON 8.2's constants.
double nernst(double ci, double co, double valence, double celsius);

} // namespace ranvier::cell
