// The parser and AST builder: structure, precedence, leaves, locations and syntax errors.
#include "syntax/test_util.h"

#include <gtest/gtest.h>

namespace ranvier {
namespace {

std::string breakpoint_tree(const std::string& statement) {
    std::string t = test::tree("BREAKPOINT { " + statement + " }\n");
    auto begin = t.find("{\n");
    auto end = t.rfind("\n}");
    return begin == std::string::npos ? t : t.substr(begin + 2 + 4, end - begin - 2 - 4);
}

TEST(Parse, PrecedenceAndAssociativity) {
    EXPECT_EQ(breakpoint_tree("x = -a^2"), "x = (- (^ a 2))");
    EXPECT_EQ(breakpoint_tree("x = a^b^c"), "x = (^ a (^ b c))");
    EXPECT_EQ(breakpoint_tree("x = a - b - c"), "x = (- (- a b) c)");
    EXPECT_EQ(breakpoint_tree("x = a/b*c"), "x = (* (/ a b) c)");
    EXPECT_EQ(breakpoint_tree("x = a + b*c"), "x = (+ a (* b c))");
    EXPECT_EQ(breakpoint_tree("x = -a*b"), "x = (* (- a) b)");
    EXPECT_EQ(breakpoint_tree("x = a < b && !c || d"), "x = (|| (&& (< a b) (! c)) d)");
}

TEST(Parse, NumbersKeepTheirSpelling) {
    EXPECT_EQ(breakpoint_tree("x = 1. + .5e-3 + 1E+2 + 2 (mV)"),
              "x = (+ (+ (+ 1. .5e-3) 1E+2) 2 (mV))");
}

TEST(Parse, DeclarationParts) {
    auto parsed = test::parse("PARAMETER { g[3] = -0.5 (S/cm2) <0, 1e9> }\n"
                              "STATE { c (mM) START 1 FROM 0 TO 10 <1e-6> }\n");
    ASSERT_TRUE(parsed->module) << parsed->messages();
    auto& block = ast::cast<ast::DeclItem>(*parsed->module->items[0]);
    const ast::Declaration& g = *block.entries[0].decl;
    EXPECT_EQ(g.name.name, "g");
    EXPECT_EQ(g.size->text, "3");
    EXPECT_DOUBLE_EQ(g.value->value, -0.5);
    EXPECT_EQ(g.unit->text, "S/cm2");
    ASSERT_EQ(g.limits.size(), 2u);
    auto& state = ast::cast<ast::DeclItem>(*parsed->module->items[1]);
    const ast::Declaration& c = *state.entries[0].decl;
    EXPECT_EQ(c.start->spelling, "1");
    EXPECT_EQ(c.to->spelling, "10");
    EXPECT_EQ(c.limits.size(), 1u);
}

TEST(Parse, UnitsFoldBlanksButKeepMeaning) {
    auto parsed = test::parse("ASSIGNED { r ( ohm   cm ) i (mA/cm2) }\n");
    ASSERT_TRUE(parsed->module);
    auto& block = ast::cast<ast::DeclItem>(*parsed->module->items[0]);
    EXPECT_EQ(block.entries[0].decl->unit->text, "ohm cm");
    EXPECT_EQ(block.entries[1].decl->unit->text, "mA/cm2");
}

TEST(Parse, SourceRangesPointAtTheText) {
    auto parsed = test::parse("NEURON {\n  SUFFIX kd\n}\n");
    ASSERT_TRUE(parsed->module);
    auto& neuron = ast::cast<ast::NeuronItem>(*parsed->module->items[0]);
    const ast::Identifier& name = *neuron.stmts[0].name;
    EXPECT_EQ(name.range.begin.line, 2u);
    EXPECT_EQ(name.range.begin.col, 10u);
    EXPECT_EQ(name.range.end.col, 11u);
}

TEST(Parse, CommentAndVerbatimTextIsKept) {
    auto parsed = test::parse("COMMENT\n  µ text\nENDCOMMENT\nVERBATIM\nint x;\nENDVERBATIM\n");
    ASSERT_TRUE(parsed->module) << parsed->messages();
    EXPECT_EQ(ast::cast<ast::TextItem>(*parsed->module->items[0]).text, "\n  µ text\n");
    EXPECT_EQ(ast::cast<ast::TextItem>(*parsed->module->items[1]).text, "\nint x;\n");
}

TEST(Parse, EverySyntaxErrorIsReported) {
    auto parsed = test::parse("NEURON { SUFFIX }\nPARAMETER { a = }\n");
    EXPECT_FALSE(parsed->module);
    EXPECT_GE(parsed->diags.error_count(), 2u) << parsed->messages();
    EXPECT_NE(parsed->messages().find("test.mod:1:17: error: syntax error"), std::string::npos)
        << parsed->messages();
}

TEST(Parse, NonAsciiOutsideCommentsIsAnError) {
    auto parsed = test::parse("ASSIGNED { x\xc2\xb5 }\n");
    EXPECT_FALSE(parsed->module);
    EXPECT_NE(parsed->messages().find("non-ASCII"), std::string::npos) << parsed->messages();
}

TEST(Parse, UnterminatedCommentIsNamed) {
    auto parsed = test::parse("COMMENT\nnever closed\n");
    EXPECT_FALSE(parsed->module);
    EXPECT_NE(parsed->messages().find("unterminated COMMENT block"), std::string::npos)
        << parsed->messages();
}

TEST(Parse, DeepNestingIsRejectedNotFatal) {
    std::string deep =
        "BREAKPOINT { x = " + std::string(1000, '(') + "1" + std::string(1000, ')') + " }\n";
    auto parsed = test::parse(deep);
    EXPECT_FALSE(parsed->module);
    EXPECT_NE(parsed->messages().find("nested more than"), std::string::npos);
}

} // namespace
} // namespace ranvier
