// A cell's sections and their discretisation into compartments (nodes), with NEURON's
// conventions so that voltages compare with NEURON node by node:
//   - a section of nseg segments owns nseg + 1 nodes: one at each segment centre,
//     x = (j + 0.5) / nseg, with membrane, and one at x = 1 without;
//   - its x = 0 end is its parent's node where it attaches (a root section gets a node of its own,
//     without membrane);
//   - a node without membrane has the nominal area 100 um2, so that the 1e2 / area factor of the
//     equations is 1 there and its row is Kirchhoff's current law in uS and nA;
//   - the axial conductance between a node and its parent is that of the half segments between
//     them (only the child's half where a section starts);
//   - a section is a uniform cylinder (L, diam) unless it has 3-D points: then, as with NEURON's
//     pt3dadd, it is the chain of frustums through them, its L is their path length, and each
//     segment's area and half-segment resistances are integrated over its range of arc length
//     (cable.cpp states the rules).
// Nodes are numbered so that every node comes after its parent (the roots first): the order the
// tree (Hines) solve needs.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ranvier::cell {

// A point of a section's centre line and the diameter there, as NEURON's pt3dadd takes them.
struct Point3d {
    double x = 0, y = 0, z = 0; // um
    double diam = 0;            // um
};

struct SectionSpec {
    std::string name;
    // Both unused when the section has 3-D points; read_swc then fills them with the path length
    // and the mean diameter (NEURON's L and diam at nseg 1): values to fall back on, and to
    // show, should the points be dropped.
    double length = 100; // um
    double diam = 500;   // um
    double ra = 35.4;    // ohm cm
    double cm = 1;       // uF/cm2
    int nseg = 1;
    int parent = -1;     // index of the parent section, -1 for a root
    double parent_x = 1; // where on the parent it attaches
    // None, or at least two: the section's shape, from x = 0 to x = 1. The diameter is linear in
    // arc length between points; a point repeated with another diameter is a step (an annulus
    // of membrane). NEURON 8.2 stores these in single precision, Ranvier in double, so on values
    // that a float does not hold exactly the two differ by about 1e-7 relative.
    std::vector<Point3d> points = {};
};

// The section's length (um): the path length through its points, else `length`.
double section_length(const SectionSpec& s);

class Cable {
  public:
    // Empty, with `error` set, when the sections are not a valid tree (a parent index out of
    // range or after the child, a non-positive length, diameter, Ra or nseg, a single 3-D point,
    // a 3-D diameter that is not positive, points of zero path length).
    static std::optional<Cable> discretise(const std::vector<SectionSpec>& sections,
                                           std::string& error);

    int node_count() const { return static_cast<int>(parent_.size()); }
    int root_count() const { return roots_; }
    // The node of section `s` at position x in [0, 1], as NEURON picks it: the parent's node at
    // x = 0, the membrane-less end node at x = 1, else the centre of the segment holding x.
    int node_at(int section, double x) const;

    const std::vector<int>& parent() const { return parent_; }
    const std::vector<double>& area() const { return area_; } // um2
    const std::vector<double>& cm() const { return cm_; }     // uF/cm2; 0 without membrane
    // The resistance between a node and its parent (megohm; 0 for the roots): the half segments
    // between them, NEURON's ri().
    const std::vector<double>& axial_resistance() const { return ri_; }
    const std::vector<char>& membrane() const { return membrane_; }
    // The tree matrix's off-diagonals (S/cm2): b[i] in row i, column parent(i); a[i] in row
    // parent(i), column i. Both are negative. Zero for the roots.
    const std::vector<double>& a() const { return a_; }
    const std::vector<double>& b() const { return b_; }
    // d(axial current into i)/d(v_i) summed over i's links: -(b[i] + sum of a[c] over children).
    const std::vector<double>& axial_diagonal() const { return axial_d_; }

  private:
    std::vector<int> parent_;
    std::vector<double> area_, cm_, ri_, a_, b_, axial_d_;
    std::vector<char> membrane_;
    std::vector<std::vector<int>> section_nodes_; // centre nodes, then the x = 1 node
    std::vector<int> section_start_;              // the node a section's x = 0 end is
    int roots_ = 0;
};

} // namespace ranvier::cell
