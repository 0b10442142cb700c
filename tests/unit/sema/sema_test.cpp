// Semantic analysis: symbol collection, scoping and context rules, through the public entry.
#include "sema/sema.h"
#include "syntax/test_util.h"

#include <gtest/gtest.h>

namespace ranvier {
namespace {

// Diagnostics of `text` after parsing and checking, one message per line (no locations).
std::string check(const std::string& text) {
    auto parsed = test::parse(text);
    if (!parsed->module)
        return "parse failed: " + parsed->messages();
    sema::check_module(*parsed->module, parsed->diags);
    std::string result;
    for (const Diagnostic& d : parsed->diags.diagnostics())
        result += std::string(severity_name(d.severity)) + ": " + d.message + "\n";
    return result;
}

constexpr const char* kHeader = "NEURON { SUFFIX m }\n";

TEST(Sema, ValidModelHasNoDiagnostics) {
    EXPECT_EQ(check(std::string(kHeader) + R"(
STATE { n }
PARAMETER { tau = 2 (ms) }
BREAKPOINT { SOLVE s METHOD cnexp }
DERIVATIVE s { LOCAL inf  inf = rate(v)  n' = (inf - n)/tau }
FUNCTION rate(x) { rate = 1/(1 + exp(-x)) }
)"),
              "");
}

TEST(Sema, UndeclaredNamesAreErrorsUnlessVerbatimMayDeclareThem) {
    EXPECT_EQ(check(std::string(kHeader) + "ASSIGNED { x }\nBREAKPOINT { x = y + y }\n"),
              "error: use of undeclared identifier 'y'\n");
    EXPECT_EQ(
        check(std::string(kHeader) +
              "ASSIGNED { x }\nVERBATIM\nstatic double y;\nENDVERBATIM\nBREAKPOINT { x = y }\n"),
        "warning: use of undeclared identifier 'y' (declared in VERBATIM code?)\n");
}

TEST(Sema, RedefinitionPointsAtThePrevious) {
    EXPECT_EQ(check(std::string(kHeader) + "PARAMETER { a }\nASSIGNED { a }\n"),
              "error: redefinition of 'a' as ASSIGNED variable\n"
              "note: previous definition as PARAMETER is here\n");
}

TEST(Sema, LocalScopesAndImplicitNames) {
    // LOCAL is visible in nested blocks, FROM declares its loop variable, flag exists in
    // NET_RECEIVE, LAG declares lag_v_d, and a FUNCTION's name holds its value.
    EXPECT_EQ(
        check("NEURON { POINT_PROCESS p }\nPARAMETER { d }\nASSIGNED { x }\n"
              "BREAKPOINT { LOCAL a  IF (1) { a = 2 }  FROM i = 0 TO 3 { x = i + a } LAG v BY d "
              "x = lag_v_d }\n"
              "NET_RECEIVE(w) { IF (flag == 1) { x = f(w) } }\nFUNCTION f(q) { f = q }\n"),
        "");
}

TEST(Sema, ContextRules) {
    std::string text = std::string(kHeader) + R"(
STATE { A B }
ASSIGNED { x }
BREAKPOINT { A' = 1  WATCH (x > 1) 1  net_send(0, 1)  ~ A <-> B (1, 1) }
)";
    std::string result = check(text);
    EXPECT_NE(result.find("derivative (A') may be assigned only in a DERIVATIVE block"),
              std::string::npos)
        << result;
    EXPECT_NE(result.find("WATCH is allowed only in a NET_RECEIVE block"), std::string::npos)
        << result;
    EXPECT_NE(result.find("net_send is allowed only in INITIAL and NET_RECEIVE blocks"),
              std::string::npos)
        << result;
    EXPECT_NE(result.find("a reaction is allowed only in a KINETIC block"), std::string::npos)
        << result;
}

TEST(Sema, SolveTargetsAndMethods) {
    std::string result = check(std::string(kHeader) + R"(
STATE { n A B }
BREAKPOINT { SOLVE d METHOD sparse  SOLVE k METHOD cnexp  SOLVE nothing  SOLVE d METHOD bogus  SOLVE p METHOD after_cvode }
DERIVATIVE d { n' = -n }
KINETIC k { ~ A <-> B (1, 1) }
PROCEDURE p() { }
)");
    EXPECT_NE(result.find("METHOD 'sparse' cannot solve DERIVATIVE block 'd'"), std::string::npos)
        << result;
    EXPECT_NE(result.find("METHOD 'cnexp' cannot solve KINETIC block 'k'"), std::string::npos)
        << result;
    EXPECT_NE(result.find("SOLVE names 'nothing'"), std::string::npos) << result;
    EXPECT_NE(result.find("unknown METHOD 'bogus'"), std::string::npos) << result;
    EXPECT_EQ(result.find("after_cvode"), std::string::npos) << result;
}

TEST(Sema, RecursionIsReportedWithItsChain) {
    std::string result =
        check(std::string(kHeader) + "FUNCTION f(x) { f = g(x) }\nFUNCTION g(x) { g = f(x) }\n");
    EXPECT_NE(result.find("recursive call: f -> g -> f"), std::string::npos) << result;
}

TEST(Sema, UseIonNamesAndArity) {
    std::string result =
        check("NEURON { SUFFIX m USEION k READ ena WRITE ik }\n"
              "FUNCTION f(a, b) { f = a }\nASSIGNED { x }\nBREAKPOINT { x = f(1) + exp(1, 2) }\n");
    EXPECT_NE(result.find("'ena' is not a variable of ion 'k'"), std::string::npos) << result;
    EXPECT_NE(result.find("'f' takes 2 arguments but 1 was given"), std::string::npos) << result;
    EXPECT_NE(result.find("'exp' takes 1 argument but 2 were given"), std::string::npos) << result;
}

TEST(Sema, StateWithoutEquationWarns) {
    EXPECT_EQ(check(std::string(kHeader) + "STATE { s }\n"),
              "warning: STATE 's' has no equation and is never assigned\n");
}

} // namespace
} // namespace ranvier
