// Test helpers for the runtime: the standard library's generated mechanisms (tests/CMakeLists.txt
// builds them), a one-compartment 20 x 20 um soma, and setting a field by its .mod name.
#pragma once

#include "ranvier/cell/cell.h"

#include <gtest/gtest.h>
#include <optional>
#include <string>

extern "C" const rv_mechanism rv_mechanism_hh;
extern "C" const rv_mechanism rv_mechanism_pas;
extern "C" const rv_mechanism rv_mechanism_IClamp;
extern "C" const rv_mechanism rv_mechanism_ExpSyn;

namespace ranvier::test {

inline cell::Cell soma_cell() {
    std::string error;
    std::optional<cell::Cable> cable =
        cell::Cable::discretise({{"soma", 20, 20, 100, 1, 1, -1, 1}}, error);
    EXPECT_TRUE(cable) << error;
    return cell::Cell(*cable, 6.3);
}

inline void set(cell::Cell& cell, const rv_mechanism& m, int instance, const char* field,
                double value) {
    cell::MechanismSet& set = cell.mechanism(m);
    const int k = set.field(field);
    ASSERT_GE(k, 0) << set.name() << " has no field " << field;
    set.at(k, instance) = value;
}

} // namespace ranvier::test
