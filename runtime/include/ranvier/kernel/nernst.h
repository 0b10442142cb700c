// The Nernst potential of an ion, host and device alike.
#pragma once

#include "ranvier/kernel/math.h"

#include <math.h>

namespace ranvier::kernel {

// CODATA 2018, as NEURON 8.2 and the compiler's unit database use them.
constexpr double kGasConstant = 8.314462618; // J / (K mol)
constexpr double kFaraday = 96485.33212;     // C / mol

// mV, from the concentrations inside and outside (any one unit); 0 where undefined.
HOST_DEVICE inline double nernst(double ci, double co, double valence, double celsius) {
    if (valence == 0 || !(ci > 0) || !(co > 0))
        return 0.0;
    const double rt_f = 1000.0 * kGasConstant * (celsius + 273.15) / kFaraday; // mV
    return rt_f / valence * log(co / ci);
}

} // namespace ranvier::kernel
