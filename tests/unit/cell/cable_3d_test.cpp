// Sections given by 3-D points (NEURON's pt3d): frustum areas and resistances written out by
// hand and against numerical quadrature, points inside segments, diameter steps, and a cylinder
// given by points against the same cylinder given by L and diam.
#include "ranvier/cell/cable.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

namespace ranvier::cell {
namespace {

using std::numbers::pi;

SectionSpec with_points(std::vector<Point3d> points, int nseg, double ra = 100) {
    SectionSpec s;
    s.name = "dend";
    s.ra = ra;
    s.nseg = nseg;
    s.points = std::move(points);
    return s;
}

// The lateral area and resistance (megohm) of the stretch [a, b] of a piecewise linear profile,
// by composite Simpson on each piece: an independent check of the frustum formulas.
struct Profile {
    std::vector<double> s, d; // arc length and diameter at the points
    double diam(double x) const {
        std::size_t i = 1;
        while (i + 1 < s.size() && s[i] < x)
            ++i;
        return d[i - 1] + (d[i] - d[i - 1]) * (x - s[i - 1]) / (s[i] - s[i - 1]);
    }
    template <class F> double integrate(double a, double b, F f) const {
        const int n = 20000;
        const double h = (b - a) / n;
        double sum = f(a) + f(b);
        for (int k = 1; k < n; ++k)
            sum += (k % 2 ? 4 : 2) * f(a + k * h);
        return sum * h / 3;
    }
    // Straight pieces along one axis: the slant length element is sqrt(1 + (d'/2)^2) ds.
    double area(double a, double b) const {
        return integrate(a, b, [&](double x) {
            const double eps = 1e-7;
            const double slope = (diam(x + eps) - diam(x - eps)) / (2 * eps);
            return pi * diam(x) * std::sqrt(1 + slope * slope / 4);
        });
    }
    double resistance(double a, double b, double ra) const {
        return integrate(a, b, [&](double x) { return 4e-2 * ra / (pi * diam(x) * diam(x)); });
    }
};

TEST(Cable3d, OneFrustumByHand) {
    // 12 um along x, diameter 4 -> 2 um: the middle (x = 0.5) has diameter 3.
    std::string error;
    std::optional<Cable> c =
        Cable::discretise({with_points({{0, 0, 0, 4}, {12, 0, 0, 2}}, 1)}, error);
    ASSERT_TRUE(c) << error;
    ASSERT_EQ(c->node_count(), 3);
    // Lateral areas pi (d1 + d2) / 2 * slant, slant sqrt(6^2 + 0.5^2), for both halves.
    EXPECT_DOUBLE_EQ(c->area()[1], pi * 3.5 * std::sqrt(36.25) + pi * 2.5 * std::sqrt(36.25));
    // 4e-2 Ra / pi * h / (d1 d2): the exact integral of 4e-2 Ra / (pi d^2) ds.
    EXPECT_DOUBLE_EQ(c->axial_resistance()[1], 4 / pi * 6 / (4 * 3));
    EXPECT_DOUBLE_EQ(c->axial_resistance()[2], 4 / pi * 6 / (3 * 2));
    EXPECT_DOUBLE_EQ(section_length(with_points({{0, 0, 0, 4}, {12, 0, 0, 2}}, 1)), 12);
    // The matrix coefficients use these resistances and areas as for a cylinder.
    EXPECT_DOUBLE_EQ(c->b()[1], -1e2 / c->axial_resistance()[1] / c->area()[1]);
    EXPECT_DOUBLE_EQ(c->a()[2], -1e2 / c->axial_resistance()[2] / c->area()[1]);
}

TEST(Cable3d, PointsInsideSegmentsAgreeWithQuadrature) {
    // Pieces of 5, 9 and 16 um along y: points fall inside segments, not on their boundaries.
    const std::vector<Point3d> points = {
        {0, 0, 0, 3}, {0, 5, 0, 2.5}, {0, 14, 0, 1.25}, {0, 30, 0, 1}};
    const Profile profile{{0, 5, 14, 30}, {3, 2.5, 1.25, 1}};
    const int nseg = 4;
    const double ra = 150, ds = 30.0 / nseg;
    std::string error;
    std::optional<Cable> c = Cable::discretise({with_points(points, nseg, ra)}, error);
    ASSERT_TRUE(c) << error;
    for (int j = 0; j < nseg; ++j) {
        const int node = c->node_at(0, (j + 0.5) / nseg);
        const double area = profile.area(j * ds, (j + 1) * ds);
        EXPECT_NEAR(c->area()[static_cast<std::size_t>(node)], area, 1e-6 * area) << j;
        const double r = profile.resistance(j == 0 ? 0 : (j - 0.5) * ds, (j + 0.5) * ds, ra);
        EXPECT_NEAR(c->axial_resistance()[static_cast<std::size_t>(node)], r, 1e-9 * r) << j;
    }
    const double r_end = profile.resistance(30 - ds / 2, 30, ra);
    EXPECT_NEAR(c->axial_resistance()[static_cast<std::size_t>(c->node_at(0, 1))], r_end,
                1e-9 * r_end);
}

TEST(Cable3d, RepeatedPointWithNewDiameterAddsAnAnnulus) {
    // A 2 um cylinder then a 1 um one, the step at a repeated point inside the single segment.
    std::string error;
    std::optional<Cable> c = Cable::discretise(
        {with_points({{0, 0, 0, 2}, {4, 0, 0, 2}, {4, 0, 0, 1}, {10, 0, 0, 1}}, 1)}, error);
    ASSERT_TRUE(c) << error;
    const double annulus = pi / 4 * (2 * 2 - 1 * 1);
    EXPECT_DOUBLE_EQ(c->area()[1], pi * 2 * 4 + annulus + pi * 1 * 6);
    EXPECT_DOUBLE_EQ(c->axial_resistance()[1], 4 / pi * (4 / 4.0 + 1 / 1.0));
    EXPECT_DOUBLE_EQ(c->axial_resistance()[2], 4 / pi * 5);
}

TEST(Cable3d, CylinderByPointsEqualsCylinderByLengthAndDiam) {
    SectionSpec soma{"soma", 20, 20, 100, 1, 1, -1, 1};
    SectionSpec plain{"dend", 100, 2, 70, 1, 5, 0, 1};
    // The same dendrite through points that do not fall on segment boundaries, bent in 3-D
    // (path length 100).
    SectionSpec bent = plain;
    bent.points = {{0, 0, 0, 2}, {7, 0, 0, 2}, {7, 24, 0, 2}, {7, 24, 33, 2}, {43, 24, 33, 2}};
    ASSERT_DOUBLE_EQ(section_length(bent), 100);
    std::string error;
    std::optional<Cable> expected = Cable::discretise({soma, plain}, error);
    std::optional<Cable> actual = Cable::discretise({soma, bent}, error);
    ASSERT_TRUE(expected && actual) << error;
    ASSERT_EQ(actual->node_count(), expected->node_count());
    EXPECT_EQ(actual->parent(), expected->parent());
    auto near = [](const std::vector<double>& a, const std::vector<double>& b, const char* what) {
        for (std::size_t i = 0; i < a.size(); ++i)
            EXPECT_NEAR(a[i], b[i], 1e-12 * std::fabs(b[i])) << what << " " << i;
    };
    near(actual->area(), expected->area(), "area");
    near(actual->axial_resistance(), expected->axial_resistance(), "ri");
    near(actual->a(), expected->a(), "a");
    near(actual->b(), expected->b(), "b");
    near(actual->axial_diagonal(), expected->axial_diagonal(), "d");
}

TEST(Cable3d, CylinderResistancesMatchTheHalfSegmentFormula) {
    std::string error;
    std::optional<Cable> c = Cable::discretise({{"dend", 300, 2, 100, 1, 3, -1, 1}}, error);
    ASSERT_TRUE(c) << error;
    const double half = 1e-2 * 100 * 50 / (pi * 2 * 2 / 4);
    EXPECT_EQ(c->axial_resistance(), (std::vector<double>{0, half, 2 * half, 2 * half, half}));
}

TEST(Cable3d, BadPointsAreReported) {
    std::string error;
    EXPECT_FALSE(Cable::discretise({with_points({{0, 0, 0, 1}}, 1)}, error));
    EXPECT_NE(error.find("at least two"), std::string::npos) << error;
    EXPECT_FALSE(Cable::discretise({with_points({{0, 0, 0, 1}, {5, 0, 0, 0}}, 1)}, error));
    EXPECT_NE(error.find("positive diameters"), std::string::npos) << error;
    EXPECT_FALSE(Cable::discretise({with_points({{0, 0, 0, 1}, {0, 0, 0, 2}}, 1)}, error));
    EXPECT_NE(error.find("path length is zero"), std::string::npos) << error;
    EXPECT_FALSE(Cable::discretise({with_points({{0, 0, 0, 1}, {NAN, 0, 0, 2}}, 1)}, error));
    EXPECT_NE(error.find("section 'dend'"), std::string::npos) << error;
}

} // namespace
} // namespace ranvier::cell
