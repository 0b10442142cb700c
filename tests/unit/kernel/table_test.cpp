// FUNCTION_TABLE lookups: linear between points (uniform or not), constant beyond the ends, and
// the slope is that of the segment (0 beyond the ends).
#include "ranvier/kernel/table.h"

#include <cmath>
#include <gtest/gtest.h>

namespace ranvier::kernel {
namespace {

TEST(Table, InterpolatesBetweenPoints) {
    double x[] = {-10, 0, 5, 20};
    double y[] = {1, 3, -2, 4};
    const rv_table t{4, x, y};
    EXPECT_DOUBLE_EQ(table_lookup(t, -10), 1);
    EXPECT_DOUBLE_EQ(table_lookup(t, -5), 2);
    EXPECT_DOUBLE_EQ(table_lookup(t, 0), 3);
    EXPECT_DOUBLE_EQ(table_lookup(t, 2.5), 0.5);
    EXPECT_DOUBLE_EQ(table_lookup(t, 20), 4);
    EXPECT_DOUBLE_EQ(table_slope(t, -5), 0.2);
    EXPECT_DOUBLE_EQ(table_slope(t, 1), -1);
    EXPECT_DOUBLE_EQ(table_slope(t, 10), 0.4);
}

TEST(Table, ConstantBeyondTheEnds) {
    double x[] = {0, 1};
    double y[] = {5, 7};
    const rv_table t{2, x, y};
    EXPECT_DOUBLE_EQ(table_lookup(t, -3), 5);
    EXPECT_DOUBLE_EQ(table_lookup(t, 9), 7);
    EXPECT_DOUBLE_EQ(table_slope(t, -3), 0);
    EXPECT_DOUBLE_EQ(table_slope(t, 9), 0);
    EXPECT_DOUBLE_EQ(table_lookup(t, NAN), 5); // NaN is not above the first point
}

TEST(Table, OnePointAndEmpty) {
    double x[] = {2};
    double y[] = {9};
    EXPECT_DOUBLE_EQ(table_lookup(rv_table{1, x, y}, 100), 9);
    EXPECT_DOUBLE_EQ(table_slope(rv_table{1, x, y}, 100), 0);
    EXPECT_TRUE(std::isnan(table_lookup(rv_table{0, nullptr, nullptr}, 1)));
}

} // namespace
} // namespace ranvier::kernel
