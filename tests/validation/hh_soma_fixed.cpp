// The hh_soma protocol on Ranvier's fixed-step method, for comparison with NEURON
// (hh_soma_check.py): a 20 x 20 um soma (nseg 1, cm 1 uF/cm2, Ra 100 ohm cm) with the standard
// library's hh at its defaults, celsius 6.3 degC, v_init -65 mV, and an IClamp at soma(0.5) of
// 0.15 nA from 10 ms for 1000 ms. Prints `t v` after each step.
//
//   hh_soma_fixed TSTOP_MS DT_MS [SECONDORDER]
#include "ranvier/integrate/fixed_step.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

extern "C" const rv_mechanism rv_mechanism_hh;
extern "C" const rv_mechanism rv_mechanism_IClamp;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: hh_soma_fixed TSTOP_MS DT_MS [SECONDORDER]\n");
        return 2;
    }
    const double tstop = std::atof(argv[1]), dt = std::atof(argv[2]);
    const int secondorder = argc > 3 ? std::atoi(argv[3]) : 0;
    std::string error;
    std::optional<ranvier::cell::Cable> cable =
        ranvier::cell::Cable::discretise({{"soma", 20, 20, 100, 1, 1, -1, 1}}, error);
    if (!cable) {
        std::fprintf(stderr, "hh_soma_fixed: %s\n", error.c_str());
        return 1;
    }
    ranvier::cell::Cell cell(*cable, 6.3);
    const int node = cell.cable().node_at(0, 0.5);
    cell.insert(rv_mechanism_hh, node);
    ranvier::cell::MechanismSet& clamp = cell.mechanism(rv_mechanism_IClamp);
    const int stim = cell.insert(rv_mechanism_IClamp, node);
    clamp.at(clamp.field("del"), stim) = 10;
    clamp.at(clamp.field("dur"), stim) = 1000;
    clamp.at(clamp.field("amp"), stim) = 0.15;
    ranvier::integrate::FixedStep solver(cell, {dt, secondorder});
    solver.initialize(-65);
    std::printf("%.17g %.17g\n", cell.t(), cell.v()[static_cast<std::size_t>(node)]);
    const long steps = std::lround(tstop / dt);
    for (long n = 0; n < steps; ++n) {
        if (!solver.step()) {
            std::fprintf(stderr, "hh_soma_fixed: %s\n", solver.failure().c_str());
            return 1;
        }
        std::printf("%.17g %.17g\n", cell.t(), cell.v()[static_cast<std::size_t>(node)]);
    }
    return 0;
}
