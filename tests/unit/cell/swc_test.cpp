// The SWC reader: Import3d's sections, names, attachments and soma conventions on small files
// written out by hand, its errors (with file:line), and bad input that must not crash it.
#include "ranvier/cell/swc.h"

#include <gtest/gtest.h>
#include <sstream>

namespace ranvier::cell {
namespace {

std::optional<std::vector<SectionSpec>> read(const std::string& text, std::string& error) {
    std::istringstream in(text);
    return read_swc(in, "cell.swc", error);
}

std::vector<SectionSpec> read_ok(const std::string& text) {
    std::string error;
    std::optional<std::vector<SectionSpec>> sections = read(text, error);
    EXPECT_TRUE(sections) << error;
    return sections ? *sections : std::vector<SectionSpec>{};
}

void expect_points(const SectionSpec& s, const std::vector<Point3d>& expected) {
    ASSERT_EQ(s.points.size(), expected.size()) << s.name;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(s.points[i].x, expected[i].x) << s.name << " point " << i;
        EXPECT_EQ(s.points[i].y, expected[i].y) << s.name << " point " << i;
        EXPECT_EQ(s.points[i].z, expected[i].z) << s.name << " point " << i;
        EXPECT_EQ(s.points[i].diam, expected[i].diam) << s.name << " point " << i;
    }
}

TEST(Swc, SinglePointSomaIsACylinderWithChildrenWiredToItsMiddle) {
    const std::vector<SectionSpec> s = read_ok("# a cell\n"
                                               "1 1 0 0 0 5 -1\n"
                                               "\n"
                                               "2 3 5 0 0 1 1   # comment\r\n"
                                               "3 3 15 0 0 0.75 2\n"
                                               "4 3 20 5 0 0.5 3\n"
                                               "5 3 20 -5 0 0.5 3\n"
                                               "6 2 -5 0 0 0.5 1\n"
                                               "7 2 -25 0 0 0.25 6\n"
                                               "8 3 0 -4 0 1 1\n");
    ASSERT_EQ(s.size(), 6u);
    const char* names[] = {"soma[0]", "dend[0]", "dend[1]", "dend[2]", "axon[0]", "dend[3]"};
    const int parents[] = {-1, 0, 1, 1, 0, 0};
    const double xs[] = {1, 0.5, 1, 1, 0.5, 0.5};
    for (std::size_t k = 0; k < s.size(); ++k) {
        EXPECT_EQ(s[k].name, names[k]);
        EXPECT_EQ(s[k].parent, parents[k]) << names[k];
        EXPECT_EQ(s[k].parent_x, xs[k]) << names[k];
        EXPECT_EQ(s[k].nseg, 1);
        EXPECT_EQ(s[k].ra, 35.4);
        EXPECT_EQ(s[k].cm, 1);
    }
    // NEURON's 3-point cylinder along x, L = diam: the area of the sphere.
    expect_points(s[0], {{-5, 0, 0, 10}, {0, 0, 0, 10}, {5, 0, 0, 10}});
    EXPECT_EQ(s[0].length, 10);
    EXPECT_EQ(s[0].diam, 10);
    // Wired to soma(0.5): the copy of the soma point is dropped.
    expect_points(s[1], {{5, 0, 0, 2}, {15, 0, 0, 1.5}});
    expect_points(s[2], {{15, 0, 0, 1.5}, {20, 5, 0, 1}});
    expect_points(s[4], {{-5, 0, 0, 1}, {-25, 0, 0, 0.5}});
    EXPECT_EQ(s[4].length, 20);
    EXPECT_EQ(s[4].diam, 0.75);
    // A dendrite of one point keeps the soma point, with its own diameter.
    expect_points(s[5], {{0, 0, 0, 2}, {0, -4, 0, 2}});
}

TEST(Swc, MultiPointSomaAttachmentsFollowImport3d) {
    const std::vector<SectionSpec> s = read_ok("1 1 0 0 0 2 -1\n"
                                               "2 1 0 5 0 3 1\n"
                                               "3 1 0 10 0 2 2\n"
                                               "4 3 0 -5 0 1 1\n"
                                               "5 3 5 5 0 1 2\n"
                                               "6 4 0 15 0 1 3\n"
                                               "7 4 0 25 0 0.5 6\n"
                                               "8 3 -5 5 0 1 2\n"
                                               "9 3 -10 5 0 1 8\n");
    ASSERT_EQ(s.size(), 5u);
    expect_points(s[0], {{0, 0, 0, 4}, {0, 5, 0, 6}, {0, 10, 0, 4}});
    // From the soma's first point: soma(0), starting at a copy of it with the child's diameter.
    EXPECT_EQ(s[1].name, "dend[0]");
    EXPECT_EQ(s[1].parent_x, 0);
    expect_points(s[1], {{0, 0, 0, 2}, {0, -5, 0, 2}});
    // From an interior point: soma(0.5); one point keeps the copy, more are wired.
    EXPECT_EQ(s[2].parent_x, 0.5);
    expect_points(s[2], {{0, 5, 0, 2}, {5, 5, 0, 2}});
    EXPECT_EQ(s[4].name, "dend[2]");
    EXPECT_EQ(s[4].parent_x, 0.5);
    expect_points(s[4], {{-5, 5, 0, 2}, {-10, 5, 0, 2}});
    // From the last point: soma(1).
    EXPECT_EQ(s[3].name, "apic[0]");
    EXPECT_EQ(s[3].parent_x, 1);
    expect_points(s[3], {{0, 10, 0, 2}, {0, 15, 0, 2}, {0, 25, 0, 1}});
}

TEST(Swc, NeuromorphoThreePointSomaBecomesTheSinglePointCylinder) {
    const std::vector<SectionSpec> s = read_ok("1 1 0 0 0 4 -1\n"
                                               "2 1 0 -4 0 4 1\n"
                                               "3 1 0 4 0 4 1\n"
                                               "4 3 5 0 0 1 1\n"
                                               "5 3 10 0 0 1 4\n");
    ASSERT_EQ(s.size(), 2u);
    expect_points(s[0], {{-4, 0, 0, 8}, {0, 0, 0, 8}, {4, 0, 0, 8}});
    EXPECT_EQ(s[1].parent_x, 0.5);
    expect_points(s[1], {{5, 0, 0, 2}, {10, 0, 0, 2}});
}

TEST(Swc, OtherThreePointSomaIsTwoSomaSections) {
    // Diameters differ: not neuromorpho.org's sphere. The second branch of the root becomes a
    // second soma section at soma[0](0).
    const std::vector<SectionSpec> s = read_ok("1 1 0 0 0 4 -1\n"
                                               "2 1 0 -4 0 3 1\n"
                                               "3 1 0 4 0 3 1\n");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1].name, "soma[1]");
    EXPECT_EQ(s[1].parent_x, 0);
    expect_points(s[0], {{0, 0, 0, 8}, {0, -4, 0, 6}});
    expect_points(s[1], {{0, 0, 0, 8}, {0, 4, 0, 6}});
}

TEST(Swc, ZeroLengthSectionIsDroppedAndItsChildrenMove) {
    const std::vector<SectionSpec> s = read_ok("1 1 0 0 0 5 -1\n"
                                               "2 3 10 0 0 1 1\n"
                                               "3 3 20 0 0 1 2\n"
                                               "4 3 20 0 0 0.5 3\n"
                                               "5 3 30 5 0 0.5 4\n"
                                               "6 3 30 -5 0 0.5 3\n"
                                               "7 3 30 0 0 0.5 4\n");
    ASSERT_EQ(s.size(), 5u);
    for (std::size_t k = 2; k < 5; ++k) {
        EXPECT_EQ(s[k].name, "dend[" + std::to_string(k - 1) + "]");
        EXPECT_EQ(s[k].parent, 1);
        EXPECT_EQ(s[k].parent_x, 1);
    }
    expect_points(s[2], {{20, 0, 0, 1}, {30, 5, 0, 1}});
}

TEST(Swc, TypeChangeEndsASectionAndOtherTypesAreNamedAsNeuronNamesThem) {
    const std::vector<SectionSpec> s = read_ok("1 1 0 0 0 5 -1\n"
                                               "2 4 0 10 0 1 1\n"
                                               "3 4 0 20 0 1 2\n"
                                               "4 7 0 30 0 1 3\n"
                                               "5 7 0 40 0 1 4\n"
                                               "6 -2 10 0 0 1 1\n"
                                               "7 -2 20 0 0 1 6\n");
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[1].name, "apic[0]");
    EXPECT_EQ(s[2].name, "dend_7[0]");
    EXPECT_EQ(s[2].parent, 1);
    expect_points(s[2], {{0, 20, 0, 2}, {0, 30, 0, 2}, {0, 40, 0, 2}});
    EXPECT_EQ(s[3].name, "minus_2[0]");
}

TEST(Swc, IdsNeedNotBeInFileOrder) {
    const std::vector<SectionSpec> s = read_ok("3 3 0 20 0 1 2\n"
                                               "1 1 0 0 0 5 -1\n"
                                               "2 3 0 10 0 1 1\n");
    ASSERT_EQ(s.size(), 2u);
    expect_points(s[1], {{0, 10, 0, 2}, {0, 20, 0, 2}});
}

struct BadFile {
    const char* text;
    const char* where; // expected prefix of the error
    const char* what;  // expected in the error
};

TEST(Swc, ErrorsNameTheFileAndLine) {
    const BadFile cases[] = {
        {"1 1 0 0 0 5 -1\n2 3 1 2 3\n", "cell.swc:2: error: ", "expected 7 numbers"},
        {"1 1 0 0 0 5 -1\n2 3 1 2 3 x 1\n", "cell.swc:2: error: ", "expected 7 numbers"},
        {"1 1 0 0 0 5 -1\n2 3 1 2 3 1 1 9\n", "cell.swc:2: error: ", "expected 7 numbers"},
        {"1 1 0 0 0 5 -1\n2.5 3 1 2 3 1 1\n", "cell.swc:2: error: ", "integer"},
        {"1 1 0 0 0 5 -1\n2 3 nan 2 3 1 1\n", "cell.swc:2: error: ", "expected 7 numbers"},
        {"1 1 0 0 0 5 -1\n\n2 3 1 0 0 1 9\n", "cell.swc:3: error: ", "parent id 9"},
        {"1 1 0 0 0 5 -1\n2 3 1 0 0 1 3\n3 3 2 0 0 1 2\n", "cell.swc:2: error: ", "cycle"},
        {"1 1 0 0 0 5 -1\n2 3 1 0 0 1 2\n", "cell.swc:2: error: ", "cycle"},
        {"1 1 0 0 0 5 -1\n2 3 1 0 0 1 3\n3 3 2 0 0 1 1\n", "cell.swc:2: error: ", "not less than"},
        {"1 1 0 0 0 5 -1\n2 3 1 0 0 1 1\n2 3 2 0 0 1 1\n", "cell.swc:3: error: ", "duplicate"},
        {"1 1 0 0 0 5 -1\n2 3 1 0 0 0 1\n", "cell.swc:2: error: ", "radius"},
        {"1 1 0 0 0 5 -1\n2 3 1 0 0 -1 1\n", "cell.swc:2: error: ", "radius"},
        {"1 1 0 0 0 5 -1\n2 1 9 0 0 5 -1\n", "cell.swc:2: error: ", "second root"},
        {"1 1 0 0 0 5 -1\n2 3 0 0 0 1 1\n3 3 0 0 0 1 2\n4 3 0 0 0 1 3\n",
         "cell.swc:2: error: ", "zero length"},
        {"1 3 0 0 0 5 -1\n2 3 1 0 0 1 1\n", "cell.swc: error: ", "no soma"},
        {"# nothing\n", "cell.swc: error: ", "no points"},
    };
    for (const BadFile& c : cases) {
        std::string error;
        EXPECT_FALSE(read(c.text, error)) << c.text;
        EXPECT_EQ(error.rfind(c.where, 0), 0u) << c.text << " -> " << error;
        EXPECT_NE(error.find(c.what), std::string::npos) << c.text << " -> " << error;
    }
}

TEST(Swc, MangledFilesAreRejectedOrReadNeverCrash) {
    const std::string good = "1 1 0 0 0 6 -1\n2 1 0 5 0 4 1\n3 3 6 0 0 1.25 1\n"
                             "4 3 12 1 0 1 3\n5 3 20 3 1 0.5 4\n6 3 20 -3 1 0.5 4\n"
                             "7 2 -6 0 0 0.75 2\n8 2 -20 0 0 0.5 7\n9 4 0 9 0 1 2\n";
    int read_count = 0;
    for (std::size_t i = 0; i < good.size(); ++i)
        for (const char* replacement : {"", "-", "9", " ", "\n", "e99", "0"}) {
            std::string text = good;
            text.replace(i, 1, replacement);
            std::string error;
            std::optional<std::vector<SectionSpec>> s = read(text, error);
            if (!s) {
                EXPECT_EQ(error.rfind("cell.swc:", 0), 0u) << error;
                continue;
            }
            ++read_count;
            // What the reader accepts is a valid tree for the cable.
            EXPECT_TRUE(Cable::discretise(*s, error)) << text << " -> " << error;
        }
    EXPECT_GT(read_count, 0);
}

} // namespace
} // namespace ranvier::cell
