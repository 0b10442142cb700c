// Cable discretisation (see cable.h). Resistances: a half segment of length dx/2 and diameter d
// has 1e-2 Ra (dx/2) / (pi d^2 / 4) megohm (Ra in ohm cm, lengths in um); conductances are their
// inverses in uS, and 1e2 uS/um2 is 1 S/cm2.
#include "ranvier/cell/cable.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ranvier::cell {

namespace {

constexpr double kNoMembraneArea = 100.0; // um2; see cable.h

double half_segment_resistance(const SectionSpec& s) {
    const double dx = s.length / s.nseg;
    return 1e-2 * s.ra * (dx / 2) / (std::numbers::pi * s.diam * s.diam / 4);
}

std::string check(const std::vector<SectionSpec>& sections) {
    for (std::size_t k = 0; k < sections.size(); ++k) {
        const SectionSpec& s = sections[k];
        const std::string name = "section '" + s.name + "'";
        if (!(s.length > 0) || !(s.diam > 0) || !(s.ra > 0) || !(s.cm >= 0))
            return name + " needs a positive L, diam and Ra and a non-negative cm";
        if (s.nseg < 1 || s.nseg > 32767)
            return name + " needs nseg between 1 and 32767";
        if (s.parent >= static_cast<int>(k) || s.parent < -1)
            return name + " must come after its parent";
        if (!(s.parent_x >= 0 && s.parent_x <= 1))
            return name + " attaches at x = " + std::to_string(s.parent_x) + ", outside [0, 1]";
    }
    return {};
}

} // namespace

std::optional<Cable> Cable::discretise(const std::vector<SectionSpec>& sections,
                                       std::string& error) {
    error = check(sections);
    if (!error.empty())
        return std::nullopt;
    Cable c;
    auto add_node = [&](int parent, double area, double cm, bool membrane) {
        c.parent_.push_back(parent);
        c.area_.push_back(area);
        c.cm_.push_back(cm);
        c.membrane_.push_back(membrane ? 1 : 0);
        c.a_.push_back(0.0);
        c.b_.push_back(0.0);
        return static_cast<int>(c.parent_.size()) - 1;
    };
    c.section_start_.assign(sections.size(), -1);
    c.section_nodes_.resize(sections.size());
    for (std::size_t k = 0; k < sections.size(); ++k)
        if (sections[k].parent < 0)
            c.section_start_[k] = add_node(-1, kNoMembraneArea, 0.0, false);
    c.roots_ = c.node_count();
    // Sections in order (each after its parent), their nodes in order along them.
    for (std::size_t k = 0; k < sections.size(); ++k) {
        const SectionSpec& s = sections[k];
        if (s.parent >= 0)
            c.section_start_[k] = c.node_at(s.parent, s.parent_x);
        const double dx = s.length / s.nseg;
        const double r_half = half_segment_resistance(s);
        int previous = c.section_start_[k];
        for (int j = 0; j <= s.nseg; ++j) {
            const bool centre = j < s.nseg;
            const double area = centre ? std::numbers::pi * s.diam * dx : kNoMembraneArea;
            const int node = add_node(previous, area, centre ? s.cm : 0.0, centre);
            // The first centre node links to the attachment point through its own half segment
            // only; the others through two halves; the end node through the last half.
            const double r = (j == 0 || j == s.nseg) ? r_half : 2 * r_half;
            const double rinv = 1.0 / r;
            c.b_[static_cast<std::size_t>(node)] = -1e2 * rinv / area;
            c.a_[static_cast<std::size_t>(node)] =
                -1e2 * rinv / c.area_[static_cast<std::size_t>(previous)];
            c.section_nodes_[k].push_back(node);
            previous = node;
        }
    }
    c.axial_d_.assign(c.area_.size(), 0.0);
    for (int i = c.roots_; i < c.node_count(); ++i) {
        const auto k = static_cast<std::size_t>(i);
        c.axial_d_[k] -= c.b_[k];
        c.axial_d_[static_cast<std::size_t>(c.parent_[k])] -= c.a_[k];
    }
    return c;
}

int Cable::node_at(int section, double x) const {
    const std::vector<int>& nodes = section_nodes_.at(static_cast<std::size_t>(section));
    if (x <= 0)
        return section_start_.at(static_cast<std::size_t>(section));
    if (x >= 1 || nodes.empty())
        return nodes.back();
    const int nseg = static_cast<int>(nodes.size()) - 1;
    const int j = std::min(static_cast<int>(std::floor(nseg * x)), nseg - 1);
    return nodes[static_cast<std::size_t>(j)];
}

} // namespace ranvier::cell
