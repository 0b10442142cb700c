// SWC morphologies read into sections the way NEURON 8.2's Import3d reads them
// (Import3d_SWC_read, then Import3d_GUI's instantiate), so that a cell built from a file has the
// sections, names, attachments and 3-D points that NEURON gives it. Its own library
// (ranvier_swc, the standard library only) because the compiler reads SWC files too.
//
// The rules, after Import3d:
//   - a section is an unbranched run of points of one type: it ends at a branch point, where
//     the type changes, and at a leaf. Its first 3-D point is a copy of its parent's last point
//     (with the child's own first diameter when the parent is a soma and the child is not);
//   - names are NEURON's, arrays in id order: soma[i] (type 1), axon[i] (2),
//     dend[i] (3), apic[i] (4), dend_N[i] for another type N;
//   - children attach at the parent's x = 1, except: children of a single-point soma attach at
//     soma(0.5) by a wire (the copy of the soma point is dropped: they start at their own first
//     point); children of the root soma's first point attach at x = 0; children of an interior
//     soma point attach at soma(0.5) (by a wire if they have more than one point); a branch from
//     the first point of a dendrite wired to the soma attaches at that dendrite's x = 0;
//   - a single-point soma of diameter d becomes NEURON's cylinder along x of length and
//     diameter d (3 points), so its area is that of the sphere. So does neuromorpho.org's
//     3-point soma (a root and two children at +-r, all of one diameter, length d within 1%).
//     Any other soma is the chain of frustums through its points;
//   - a non-root section of one point, or of two coincident points, is dropped and its children
//     move to its parent;
//   - every section gets nseg 1, Ra 35.4 ohm cm and cm 1 uF/cm2; callers change them later.
// Stricter than Import3d: one tree, with a soma, positive radii, integer ids, and every parent's
// id below its child's (Import3d's rule; the lines may come in any order, which NEURON 8.2's
// read_swc.hoc means to allow but fails on). Anything else is an error, never a guess.
#pragma once

#include "ranvier/cell/cable.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ranvier::cell {

// The sections in parent-first order; empty, with `error` set to `file:line: error: message`,
// when the file is not a valid SWC tree.
std::optional<std::vector<SectionSpec>> read_swc(std::istream& in, const std::string& file_name,
                                                 std::string& error);

} // namespace ranvier::cell
