// Cable discretisation (see cable.h). Resistances: a half segment of length dx/2 and diameter d
// has 1e-2 Ra (dx/2) / (pi d^2 / 4) megohm (Ra in ohm cm, lengths in um); conductances are their
// inverses in uS, and 1e2 uS/um2 is 1 S/cm2.
//
// Sections with 3-D points follow NEURON 8.2's integration over its pt3d list: the diameter d(s)
// is piecewise linear in arc length s through the points (and continues the last piece past
// the last point, which only round-off at s = L reaches). A segment's span is cut at its middle
// and at every point inside it; each piece [s1, s2] with end diameters d1, d2 is a frustum with
//   lateral area    pi (d1 + d2) / 2 * sqrt((s2 - s1)^2 + ((d2 - d1) / 2)^2),
//   resistance      4e-2 Ra / pi * (s2 - s1) / (d1 d2)   (megohm),
// the latter the exact integral of 4e-2 Ra / (pi d(s)^2) ds for a linear d. A zero-length piece
// at a repeated point with a new diameter thus adds the annulus between the two diameters.
#include "ranvier/cell/cable.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ranvier::cell {

namespace {

using std::numbers::pi;

constexpr double kNoMembraneArea = 100.0; // um2; see cable.h

// One segment's membrane and the resistances of its two halves.
struct Segment {
    double area;    // um2
    double r_left;  // megohm, x = j / nseg to the centre
    double r_right; // megohm, the centre to x = (j + 1) / nseg
};

std::vector<double> arc_lengths(const std::vector<Point3d>& points) {
    std::vector<double> arc(points.size(), 0.0);
    for (std::size_t i = 1; i < points.size(); ++i) {
        const double dx = points[i].x - points[i - 1].x;
        const double dy = points[i].y - points[i - 1].y;
        const double dz = points[i].z - points[i - 1].z;
        arc[i] = arc[i - 1] + std::sqrt(dx * dx + dy * dy + dz * dz);
    }
    return arc;
}

// Walks the frustums of a pt3d list in increasing arc length, one stretch at a time.
class FrustumWalk {
  public:
    explicit FrustumWalk(const std::vector<Point3d>& points)
        : points_(points), arc_(arc_lengths(points)), diam_(points.front().diam) {}

    double length() const { return arc_.back(); }

    // Moves to arc length `end`; returns the lateral area (um2) and the integral of
    // 1 / d(s)^2 (1/um) over the stretch. Invariant: s_ lies in [arc_[j_], arc_[j_ + 1]] (or
    // past the end, in the last piece), and diam_ is d(s_).
    std::pair<double, double> advance_to(double end) {
        double area = 0, inverse_d2 = 0;
        for (;;) {
            const std::size_t next = j_ + 1;
            const bool last_piece = next + 1 == points_.size();
            const bool stop = last_piece || arc_[next] > end;
            double s2 = arc_[next], d2 = points_[next].diam;
            if (stop) {
                const double span = arc_[next] - arc_[j_];
                // NEURON's rule: a piece shorter than 1e-10 um takes the far diameter.
                const double frac = span < 1e-10 ? 1.0 : (end - arc_[j_]) / span;
                s2 = end;
                d2 = (1 - frac) * points_[j_].diam + frac * points_[next].diam;
            }
            const double h = std::max(s2 - s_, 0.0);
            const double taper = (d2 - diam_) / 2;
            area += pi * (diam_ + d2) / 2 * std::sqrt(h * h + taper * taper);
            inverse_d2 += h / (diam_ * d2);
            s_ = s2;
            diam_ = d2;
            if (stop)
                return {area, inverse_d2};
            j_ = next;
        }
    }

  private:
    const std::vector<Point3d>& points_;
    std::vector<double> arc_;
    std::size_t j_ = 0;
    double s_ = 0;
    double diam_;
};

std::vector<Segment> frustum_segments(const SectionSpec& s) {
    FrustumWalk walk(s.points);
    const double ds = walk.length() / s.nseg;
    const double megohm = 4e-2 * s.ra / pi; // times the integral of 1 / d^2
    std::vector<Segment> segments;
    segments.reserve(static_cast<std::size_t>(s.nseg));
    for (int j = 0; j < s.nseg; ++j) {
        const double middle = j * ds + ds / 2;
        const auto [area_left, left] = walk.advance_to(middle);
        const auto [area_right, right] = walk.advance_to(middle + ds / 2);
        segments.push_back({area_left + area_right, megohm * left, megohm * right});
    }
    return segments;
}

std::vector<Segment> cylinder_segments(const SectionSpec& s) {
    const double dx = s.length / s.nseg;
    const double r_half = 1e-2 * s.ra * (dx / 2) / (pi * s.diam * s.diam / 4);
    return std::vector<Segment>(static_cast<std::size_t>(s.nseg),
                                Segment{pi * s.diam * dx, r_half, r_half});
}

std::string check_points(const SectionSpec& s) {
    if (s.points.size() == 1)
        return "needs no 3-D points or at least two";
    for (const Point3d& p : s.points)
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z) || !(p.diam > 0) ||
            !std::isfinite(p.diam))
            return "needs finite 3-D points with positive diameters";
    if (const double length = section_length(s);
        !s.points.empty() && !(length > 0 && std::isfinite(length)))
        return "has 3-D points whose path length is zero or not finite";
    return {};
}

std::string check(const std::vector<SectionSpec>& sections) {
    for (std::size_t k = 0; k < sections.size(); ++k) {
        const SectionSpec& s = sections[k];
        const std::string name = "section '" + s.name + "'";
        const bool cylinder = s.points.empty();
        if ((cylinder && (!(s.length > 0) || !(s.diam > 0))) || !(s.ra > 0) || !(s.cm >= 0))
            return name + " needs a positive L, diam and Ra and a non-negative cm";
        if (const std::string e = check_points(s); !e.empty())
            return name + ' ' + e;
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

double section_length(const SectionSpec& s) {
    return s.points.size() >= 2 ? arc_lengths(s.points).back() : s.length;
}

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
        c.ri_.push_back(0.0);
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
        const std::vector<Segment> segments =
            s.points.empty() ? cylinder_segments(s) : frustum_segments(s);
        int previous = c.section_start_[k];
        for (int j = 0; j <= s.nseg; ++j) {
            const bool centre = j < s.nseg;
            const auto js = static_cast<std::size_t>(j);
            const double area = centre ? segments[js].area : kNoMembraneArea;
            const int node = add_node(previous, area, centre ? s.cm : 0.0, centre);
            // The first centre node links to the attachment point through its own half segment
            // only; the others through two halves; the end node through the last half.
            const double r = j == 0        ? segments[js].r_left
                             : j == s.nseg ? segments[js - 1].r_right
                                           : segments[js - 1].r_right + segments[js].r_left;
            const double rinv = 1.0 / r;
            c.ri_[static_cast<std::size_t>(node)] = r;
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
