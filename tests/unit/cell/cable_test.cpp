// Cable discretisation against NEURON's conventions, written out by hand: node layout, areas,
// the off-diagonal coefficients from the half-segment resistances, and where sections attach.
#include "ranvier/cell/cable.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

namespace ranvier::cell {
namespace {

using std::numbers::pi;

// 1e-2 Ra (dx/2) / (pi d^2 / 4) megohm.
double half_segment(double ra, double length, int nseg, double diam) {
    return 1e-2 * ra * (length / nseg / 2) / (pi * diam * diam / 4);
}

TEST(Cable, OneCompartmentSoma) {
    std::string error;
    SectionSpec soma{"soma", 20, 20, 100, 1, 1, -1, 1};
    std::optional<Cable> c = Cable::discretise({soma}, error);
    ASSERT_TRUE(c) << error;
    // The root node (x = 0), the centre, the x = 1 end.
    ASSERT_EQ(c->node_count(), 3);
    EXPECT_EQ(c->root_count(), 1);
    EXPECT_EQ(c->parent(), (std::vector<int>{-1, 0, 1}));
    EXPECT_DOUBLE_EQ(c->area()[0], 100);
    EXPECT_DOUBLE_EQ(c->area()[1], pi * 20 * 20);
    EXPECT_DOUBLE_EQ(c->area()[2], 100);
    EXPECT_EQ(c->membrane(), (std::vector<char>{0, 1, 0}));
    const double rinv = 1 / half_segment(100, 20, 1, 20);
    EXPECT_DOUBLE_EQ(c->b()[1], -1e2 * rinv / (pi * 20 * 20));
    EXPECT_DOUBLE_EQ(c->a()[1], -1e2 * rinv / 100);
    EXPECT_DOUBLE_EQ(c->b()[2], -1e2 * rinv / 100);
    EXPECT_DOUBLE_EQ(c->a()[2], -1e2 * rinv / (pi * 20 * 20));
    EXPECT_EQ(c->node_at(0, 0.5), 1);
    EXPECT_EQ(c->node_at(0, 0), 0);
    EXPECT_EQ(c->node_at(0, 1), 2);
}

TEST(Cable, InteriorNodesLinkThroughTwoHalfSegments) {
    std::string error;
    SectionSpec dend{"dend", 300, 2, 100, 1, 3, -1, 1};
    std::optional<Cable> c = Cable::discretise({dend}, error);
    ASSERT_TRUE(c) << error;
    ASSERT_EQ(c->node_count(), 5);
    const double area = pi * 2 * 100;
    const double half = half_segment(100, 300, 3, 2);
    EXPECT_DOUBLE_EQ(c->b()[1], -1e2 / half / area);
    EXPECT_DOUBLE_EQ(c->b()[2], -1e2 / (2 * half) / area);
    EXPECT_DOUBLE_EQ(c->a()[3], -1e2 / (2 * half) / area);
    EXPECT_DOUBLE_EQ(c->b()[4], -1e2 / half / 100);
    // Axial diagonal: minus the off-diagonals of each node's links.
    EXPECT_DOUBLE_EQ(c->axial_diagonal()[2], -(c->b()[2] + c->a()[3]));
}

TEST(Cable, ChildrenAttachWhereNeuronAttachesThem) {
    std::string error;
    std::vector<SectionSpec> sections = {{"soma", 20, 20, 100, 1, 2, -1, 1},
                                         {"end", 100, 2, 100, 1, 1, 0, 1},
                                         {"middle", 100, 2, 100, 1, 1, 0, 0.5},
                                         {"start", 100, 2, 100, 1, 1, 0, 0}};
    std::optional<Cable> c = Cable::discretise(sections, error);
    ASSERT_TRUE(c) << error;
    // soma: root 0, centres 1 and 2, end 3; then each child's centre and end.
    EXPECT_EQ(c->parent()[4], 3); // at soma(1): the end node
    EXPECT_EQ(c->parent()[6], 2); // at soma(0.5) with nseg 2: the centre of segment 1
    EXPECT_EQ(c->parent()[8], 0); // at soma(0): the root node
    for (int i = c->root_count(); i < c->node_count(); ++i)
        EXPECT_LT(c->parent()[static_cast<std::size_t>(i)], i);
}

TEST(Cable, BadSectionsAreReported) {
    std::string error;
    EXPECT_FALSE(Cable::discretise({{"a", -1, 1, 100, 1, 1, -1, 1}}, error));
    EXPECT_NE(error.find("section 'a'"), std::string::npos) << error;
    EXPECT_FALSE(Cable::discretise({{"a", 10, 1, 100, 1, 1, 0, 1}}, error));
    EXPECT_NE(error.find("after its parent"), std::string::npos) << error;
    EXPECT_FALSE(Cable::discretise({{"a", 10, 1, 100, 1, 0, -1, 1}}, error));
    EXPECT_NE(error.find("nseg"), std::string::npos) << error;
}

} // namespace
} // namespace ranvier::cell
