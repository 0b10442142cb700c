// The SWC reader (see swc.h): lines to points, points to a checked tree in id order, the tree cut
// into Import3d's sections, and those into SectionSpecs. The soma rules are Import3d's, restated:
// they depend on point indices in id order, so the steps keep that order throughout.
#include "ranvier/cell/swc.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <istream>
#include <sstream>
#include <string_view>

namespace ranvier::cell {

namespace {

constexpr int kSoma = 1;

struct SwcPoint {
    long id = 0;
    int type = 0;
    double x = 0, y = 0, z = 0, diam = 0;
    long parent_id = -1;
    int line = 0;
};

// The points in id order, with `parent[i]` the index of point i's parent (-1 for the root).
struct Tree {
    std::vector<SwcPoint> points;
    std::vector<int> parent;
};

std::string located(const std::string& file, int line, const std::string& message) {
    return file + ":" + std::to_string(line) + ": error: " + message;
}

bool parse_number(std::string_view token, double& value) {
    const char* end = token.data() + token.size();
    if (!token.empty() && token.front() == '+')
        token.remove_prefix(1);
    const auto [ptr, ec] = std::from_chars(token.data(), end, value);
    return ec == std::errc() && ptr == end && std::isfinite(value);
}

bool parse_integer(std::string_view token, long& value) {
    double v = 0;
    if (!parse_number(token, v) || v != std::floor(v) || std::fabs(v) > 1e15)
        return false;
    value = static_cast<long>(v);
    return true;
}

// One line: blank, a comment, or `id type x y z radius parent` (a trailing comment allowed).
// Returns false, with `message` set, for anything else.
bool parse_line(const std::string& text, std::optional<SwcPoint>& point, std::string& message) {
    const std::string data = text.substr(0, text.find('#'));
    std::istringstream fields(data);
    std::vector<std::string> tokens;
    for (std::string t; fields >> t;)
        tokens.push_back(t);
    point.reset();
    if (tokens.empty())
        return true;
    double radius = 0;
    SwcPoint p;
    long type = 0;
    if (tokens.size() != 7 || !parse_integer(tokens[0], p.id) || !parse_integer(tokens[1], type) ||
        !parse_number(tokens[2], p.x) || !parse_number(tokens[3], p.y) ||
        !parse_number(tokens[4], p.z) || !parse_number(tokens[5], radius) ||
        !parse_integer(tokens[6], p.parent_id)) {
        message = "expected 7 numbers 'id type x y z radius parent' (integer id, type, parent)";
        return false;
    }
    if (p.id < 0 || type < -1000000 || type > 1000000) {
        message = p.id < 0 ? "negative point id" : "point type out of range";
        return false;
    }
    if (!(radius > 0)) {
        message = "point " + std::to_string(p.id) + " has a radius that is not positive";
        return false;
    }
    p.type = static_cast<int>(type);
    p.diam = 2 * radius;
    point = p;
    return true;
}

std::optional<std::vector<SwcPoint>> parse(std::istream& in, const std::string& file,
                                           std::string& error) {
    std::vector<SwcPoint> points;
    std::string text, message;
    for (int line = 1; std::getline(in, text); ++line) {
        std::optional<SwcPoint> point;
        if (!parse_line(text, point, message)) {
            error = located(file, line, message);
            return std::nullopt;
        }
        if (point) {
            point->line = line;
            points.push_back(*point);
        }
    }
    return points;
}

// Sorts by id and links parents; errors: duplicate ids, several roots, unknown parents.
std::optional<Tree> link(std::vector<SwcPoint> points, const std::string& file,
                         std::string& error) {
    std::stable_sort(points.begin(), points.end(),
                     [](const SwcPoint& a, const SwcPoint& b) { return a.id < b.id; });
    auto index_of = [&](long id) {
        auto it = std::lower_bound(points.begin(), points.end(), id,
                                   [](const SwcPoint& p, long value) { return p.id < value; });
        return it != points.end() && it->id == id ? static_cast<int>(it - points.begin()) : -1;
    };
    Tree tree;
    tree.parent.assign(points.size(), -1);
    const SwcPoint* root = nullptr;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const SwcPoint& p = points[i];
        if (i > 0 && points[i - 1].id == p.id)
            error = "duplicate point id " + std::to_string(p.id) + " (also on line " +
                    std::to_string(points[i - 1].line) + ")";
        else if (p.parent_id < 0 && root)
            error = "a second root (the first is on line " + std::to_string(root->line) +
                    "): one tree per file";
        else if (p.parent_id < 0)
            root = &p;
        else if ((tree.parent[i] = index_of(p.parent_id)) < 0)
            error = "parent id " + std::to_string(p.parent_id) + " is not in the file";
        if (!error.empty()) {
            error = located(file, p.line, error);
            return std::nullopt;
        }
    }
    tree.points = std::move(points);
    return tree;
}

// Import3d needs every parent id below its child's, which also rules out cycles; a cycle is
// named as such. Then a soma. Returns the first error, or empty.
std::string check_tree(const Tree& tree, const std::string& file) {
    const std::vector<SwcPoint>& pt = tree.points;
    for (std::size_t i = 0; i < pt.size(); ++i) {
        if (pt[i].parent_id < pt[i].id)
            continue;
        std::size_t steps = 0;
        int k = tree.parent[i];
        while (k >= 0 && k != static_cast<int>(i) && steps++ < pt.size())
            k = tree.parent[static_cast<std::size_t>(k)];
        const std::string id = std::to_string(pt[i].id);
        return located(file, pt[i].line,
                       k >= 0 ? "point " + id + " is its own ancestor (a cycle)"
                              : "parent id " + std::to_string(pt[i].parent_id) +
                                    " is not less than the point's id " + id);
    }
    if (std::none_of(pt.begin(), pt.end(), [](const SwcPoint& p) { return p.type == kSoma; }))
        return file + ": error: no soma (no point of type 1)";
    return {};
}

template <class T> T& at(std::vector<T>& v, int i) {
    return v[static_cast<std::size_t>(i)];
}
template <class T> const T& at(const std::vector<T>& v, int i) {
    return v[static_cast<std::size_t>(i)];
}

// Import3d's count of each point's children (its mark_branch). A point with exactly one child,
// next in id order and of its type, continues a section; `marked` is a child out of order or of
// another type, which ends it. A branch from the first point of a dendrite wired to the soma,
// or from a root that is not soma, does not cut there but attaches at x = 0 (`to_proximal`).
// The order of the updates matters (a reset to one child forgets earlier marks), as in Import3d.
struct Children {
    std::vector<int> count;
    std::vector<char> marked, to_proximal;
};

Children count_children(const Tree& tree) {
    const std::vector<SwcPoint>& pt = tree.points;
    Children c{std::vector<int>(pt.size(), 0), std::vector<char>(pt.size(), 0),
               std::vector<char>(pt.size(), 0)};
    for (int i = 0; i < static_cast<int>(pt.size()); ++i) {
        const int p = at(tree.parent, i);
        if (p < 0)
            continue;
        ++at(c.count, p);
        if (p != i - 1) {
            at(c.marked, p) = 1;
            const bool wired_dendrite =
                p > 1 && at(pt, p).type != kSoma && at(pt, at(tree.parent, p)).type == kSoma;
            if (wired_dendrite || (p == 0 && pt[0].type != kSoma)) {
                at(c.to_proximal, i) = 1;
                at(c.count, p) = 1;
                at(c.marked, p) = 0;
            }
        }
        if (at(pt, p).type != at(pt, i).type)
            at(c.marked, p) = 1;
    }
    return c;
}

// neuromorpho.org's 3-point soma: exactly three soma points, the root and two leaves its
// children, one diameter, their distances from the root adding to it within 1%.
bool is_three_point_soma(const Tree& tree, const Children& c, int soma_points) {
    const std::vector<SwcPoint>& pt = tree.points;
    if (soma_points != 3 || tree.parent[1] != 0 || tree.parent[2] != 0 || c.count[1] != 0 ||
        c.count[2] != 0 || pt[1].diam != pt[0].diam || pt[2].diam != pt[0].diam)
        return false;
    double length = 0;
    for (std::size_t i = 1; i <= 2; ++i)
        length += std::sqrt((pt[i].x - pt[0].x) * (pt[i].x - pt[0].x) +
                            (pt[i].y - pt[0].y) * (pt[i].y - pt[0].y) +
                            (pt[i].z - pt[0].z) * (pt[i].z - pt[0].z));
    return std::fabs(length / pt[0].diam - 1) < 0.01;
}

// Where Import3d cuts the tree into sections (its sectionify).
struct Cuts {
    std::vector<char> ends;         // point i is the last of its section
    std::vector<char> to_proximal;  // point i starts a branch attached at its parent section's 0
    std::vector<int> soma_children; // the soma points whose parent is soma point i
    bool three_point_soma = false;  // neuromorpho.org's sphere: the root point alone
};

// Soma points chained in id order stay one section unless a point other than the root has
// several soma children. The 3-point soma becomes one section (point 2 re-parented to point 1)
// of which only the root is kept.
Cuts cut(Tree& tree) {
    const std::vector<SwcPoint>& pt = tree.points;
    const int n = static_cast<int>(pt.size());
    Children c = count_children(tree);
    Cuts cuts;
    cuts.soma_children.assign(pt.size(), 0);
    int soma_points = pt[0].type == kSoma ? 1 : 0;
    for (int i = 1; i < n; ++i)
        if (at(pt, i).type == kSoma) {
            ++soma_points;
            if (at(tree.parent, i) >= 0 && at(pt, at(tree.parent, i)).type == kSoma)
                ++at(cuts.soma_children, at(tree.parent, i));
        }
    cuts.three_point_soma = is_three_point_soma(tree, c, soma_points);
    if (cuts.three_point_soma)
        tree.parent[2] = 1;
    for (int i = 0; i + 1 < n; ++i)
        if (at(pt, i).type == kSoma && at(pt, i + 1).type == kSoma && at(tree.parent, i + 1) == i &&
            !(i != 0 && at(cuts.soma_children, i) > 1)) {
            at(c.count, i) = 1;
            at(c.marked, i) = 0;
        }
    cuts.ends.assign(pt.size(), 0);
    for (int i = 0; i < n; ++i)
        at(cuts.ends, i) = at(c.count, i) == 1 && !at(c.marked, i) ? 0 : 1;
    cuts.to_proximal = std::move(c.to_proximal);
    return cuts;
}

// A section as Import3d holds it before instantiating it.
struct RawSection {
    std::vector<int> points; // tree indices; for a non-root, the parent's point comes first
    int first_own = 0;       // the first of its own points
    int type = 0;
    int parent = -1; // section index
    double parent_x = 1;
    bool wired = false; // Import3d's `first`: drop the copied parent point
    double first_diam = 0;
    bool removed = false;
};

// Where a section attaches to the root or to a soma section, and whether by a wire (the rules of
// Import3d's mksection; elsewhere a child attaches at its parent's x = 1).
void attach(const Cuts& cuts, const RawSection& parent, bool parent_is_root, RawSection& s) {
    const int own = static_cast<int>(s.points.size()) - 1;
    const int from = s.points.front();
    const bool to_soma = parent.type == kSoma;
    const bool dendrite = s.type != kSoma;
    const int soma_children = cuts.soma_children[static_cast<std::size_t>(from)];
    if (parent_is_root) {
        if (to_soma && dendrite && parent.points.size() == 1) { // a single-point soma
            s.parent_x = 0.5;
            s.wired = own > 1;
            return;
        }
        if (from == parent.first_own) { // the root's first point
            s.parent_x = 0;
            s.wired = dendrite && soma_children > 1;
            return;
        }
    }
    if (!to_soma)
        return;
    const int last =
        parent.first_own + static_cast<int>(parent.points.size()) - (parent_is_root ? 1 : 2);
    if (from < last) { // an interior soma point: Import3d puts it at the middle
        s.parent_x = 0.5;
        s.wired = dendrite && own > 1;
    } else if (own > 1 && soma_children > 1 && dendrite) {
        s.wired = true;
    }
}

std::vector<RawSection> raw_sections(const Tree& tree, const Cuts& cuts) {
    const auto& pt = tree.points;
    std::vector<RawSection> sections;
    std::vector<int> section_of(pt.size(), 0);
    std::size_t first = 0;
    for (std::size_t i = 0; i < pt.size(); ++i) {
        section_of[i] = static_cast<int>(sections.size());
        if (!cuts.ends[i])
            continue;
        RawSection s;
        s.first_own = static_cast<int>(first);
        s.type = pt[first].type;
        const int from = tree.parent[first];
        if (sections.empty()) {
            const std::size_t last = cuts.three_point_soma ? first : i;
            for (std::size_t k = first; k <= last; ++k)
                s.points.push_back(static_cast<int>(k));
            s.first_diam = pt[first].diam;
        } else {
            s.parent = section_of[static_cast<std::size_t>(from)];
            const RawSection& p = sections[static_cast<std::size_t>(s.parent)];
            s.points.push_back(from);
            for (std::size_t k = first; k <= i; ++k)
                s.points.push_back(static_cast<int>(k));
            const bool soma_to_other = p.type == kSoma && s.type != kSoma;
            s.first_diam = pt[soma_to_other ? first : static_cast<std::size_t>(from)].diam;
            attach(cuts, p, s.parent == 0, s);
            if (cuts.to_proximal[first])
                s.parent_x = 0;
        }
        sections.push_back(std::move(s));
        first = i + 1;
    }
    return sections;
}

// Import3d drops a non-root section of one point, or of two coincident ones; its children move
// to its parent, at its place there.
void drop_degenerate(const Tree& tree, std::vector<RawSection>& sections) {
    auto same_place = [&](int a, int b) {
        const SwcPoint& p = tree.points[static_cast<std::size_t>(a)];
        const SwcPoint& q = tree.points[static_cast<std::size_t>(b)];
        return p.x == q.x && p.y == q.y && p.z == q.z;
    };
    for (std::size_t k = sections.size(); k-- > 1;) {
        RawSection& s = sections[k];
        const std::size_t start = s.wired ? 1 : 0;
        const std::size_t kept = s.points.size() - start;
        if (kept > 2 || (kept == 2 && !same_place(s.points[start], s.points[start + 1])))
            continue;
        s.removed = true;
        for (std::size_t c = k + 1; c < sections.size(); ++c)
            if (sections[c].parent == static_cast<int>(k)) {
                sections[c].parent = s.parent;
                sections[c].parent_x = s.parent_x;
            }
    }
}

// NEURON's names for SWC types: soma, axon, dend (basal), apic, and dend_N or minus_N for others.
std::string type_name(int type) {
    static const std::array<const char*, 4> names = {"soma", "axon", "dend", "apic"};
    if (type >= 1 && type <= 4)
        return names[static_cast<std::size_t>(type - 1)];
    return type < 0 ? "minus_" + std::to_string(-type) : "dend_" + std::to_string(type);
}

// NEURON's pt3d list for a section; a lone point (a single-point soma) becomes a cylinder along
// x with length and diameter its diameter.
std::vector<Point3d> pt3d(const Tree& tree, const RawSection& s) {
    std::vector<Point3d> points;
    for (std::size_t k = s.wired ? 1 : 0; k < s.points.size(); ++k) {
        const SwcPoint& p = tree.points[static_cast<std::size_t>(s.points[k])];
        points.push_back({p.x, p.y, p.z, k == 0 ? s.first_diam : p.diam});
    }
    if (points.size() == 1) {
        const Point3d c = points.front();
        points = {{c.x - c.diam / 2, c.y, c.z, c.diam}, c, {c.x + c.diam / 2, c.y, c.z, c.diam}};
    }
    return points;
}

// L, the path length, and NEURON's diam at nseg 1, the mean diameter along it: what a caller that
// drops the points would fall back on. (Not Cable's section_length: this library stands alone.)
void set_length_and_diam(SectionSpec& s) {
    double length = 0, integral = 0;
    for (std::size_t i = 1; i < s.points.size(); ++i) {
        const Point3d& a = s.points[i - 1];
        const Point3d& b = s.points[i];
        const double h = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y) +
                                   (b.z - a.z) * (b.z - a.z));
        length += h;
        integral += (a.diam + b.diam) / 2 * h;
    }
    s.length = length;
    s.diam = length > 0 ? integral / length : s.points.front().diam;
}

// The SectionSpecs, named as Import3d names them; empty, with `error` set, for a section of zero
// length (its points all at one place), which NEURON would shrink to 1e-9 um.
std::optional<std::vector<SectionSpec>> swc_sections(Tree& tree, const std::string& file,
                                                     std::string& error) {
    const Cuts cuts = cut(tree);
    std::vector<RawSection> raw = raw_sections(tree, cuts);
    drop_degenerate(tree, raw);
    std::vector<int> index(raw.size(), -1);
    std::vector<std::pair<int, int>> counts; // (type, sections so far)
    std::vector<SectionSpec> sections;
    for (std::size_t k = 0; k < raw.size(); ++k) {
        const RawSection& r = raw[k];
        if (r.removed)
            continue;
        auto count = std::find_if(counts.begin(), counts.end(),
                                  [&](const auto& c) { return c.first == r.type; });
        if (count == counts.end())
            count = counts.insert(counts.end(), {r.type, 0});
        SectionSpec s;
        s.name = type_name(r.type) + "[" + std::to_string(count->second++) + "]";
        s.points = pt3d(tree, r);
        set_length_and_diam(s);
        if (!(s.length > 0)) {
            error = located(file, tree.points[static_cast<std::size_t>(r.first_own)].line,
                            "section " + s.name + " starting here has zero length");
            return std::nullopt;
        }
        s.ra = 35.4;
        s.cm = 1;
        s.nseg = 1;
        s.parent = r.parent < 0 ? -1 : index[static_cast<std::size_t>(r.parent)];
        s.parent_x = r.parent < 0 ? 1 : r.parent_x;
        index[k] = static_cast<int>(sections.size());
        sections.push_back(std::move(s));
    }
    return sections;
}

} // namespace

std::optional<std::vector<SectionSpec>> read_swc(std::istream& in, const std::string& file_name,
                                                 std::string& error) {
    error.clear();
    std::optional<std::vector<SwcPoint>> points = parse(in, file_name, error);
    if (!points)
        return std::nullopt;
    if (points->empty()) {
        error = file_name + ": error: no points";
        return std::nullopt;
    }
    std::optional<Tree> tree = link(std::move(*points), file_name, error);
    if (!tree)
        return std::nullopt;
    if (error = check_tree(*tree, file_name); !error.empty())
        return std::nullopt;
    return swc_sections(*tree, file_name, error);
}

} // namespace ranvier::cell
