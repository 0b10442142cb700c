// The printer's contract: parsing the printed text gives the same AST. Checked on hand-written
// constructs and on every .mod file of the standard library and of Debian's NEURON package.
#include "syntax/test_util.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace ranvier {
namespace {

// Parses `text` (as `path`, so INCLUDEs resolve), prints it, reparses the print and compares trees.
void expect_roundtrip(const std::string& path, const std::string& text) {
    SourceManager sources;
    DiagnosticEngine diags(sources);
    auto first = syntax::parse_module(sources.add(path, text), sources, diags, {});
    ASSERT_TRUE(first) << path << "\n"
                       << [&] {
                              std::ostringstream o;
                              diags.print(o);
                              return o.str();
                          }();
    std::string printed = test::print(*first);
    auto second = syntax::parse_module(sources.add(path, printed), sources, diags, {});
    ASSERT_TRUE(second) << path << ": the printed text does not parse:\n" << printed;
    EXPECT_EQ(test::print(*first, ast::Style::Tree), test::print(*second, ast::Style::Tree))
        << path;
    // Printing is a fixed point after one round.
    EXPECT_EQ(printed, test::print(*second)) << path;
}

TEST(RoundTrip, Constructs) {
    expect_roundtrip("c.mod", R"(TITLE constructs
NEURON { SUFFIX c USEION ca READ cai, cao WRITE ica VALENCE 2 RANGE a, b GLOBAL q THREADSAFE }
UNITS { (mV) = (millivolt) FARADAY = (faraday) (coulomb) K = .0853 (mV/degC) }
DEFINE N 4
PARAMETER { a = -1.5e-3 (S/cm2) <0, 1e9> b q }
STATE { s[N] (mM) <1e-6> A B }
ASSIGNED { ica (mA/cm2) x }
INITIAL { SOLVE k STEADYSTATE sparse }
BREAKPOINT { SOLVE k METHOD sparse  ica = -(a - -b)^2^-q/(1 + x) }
KINETIC k {
    LOCAL i
    COMPARTMENT i, 2*i {s}
    FROM i = 0 TO N - 2 { ~ s[i] <-> s[i + 1] (a, b) }
    ~ 2A + B <-> s[0] (1, 2)
    ~ A << (x)
    ~ B -> (q)
    CONSERVE A + B = 1
}
FUNCTION f(v (mV), k) (ms) {
    TABLE DEPEND q FROM -100 TO 100 WITH 200
    IF (v > 0 && !(k == 1)) { f = 1 } ELSE IF (v < -5) { f = 2 } ELSE { f = exp(-v/k) }
}
NET_RECEIVE(w, f2) { INITIAL { f2 = 0 } WATCH (x > 1) 2 net_event(t) }
)");
}

TEST(RoundTrip, ShippedModels) {
    std::vector<std::filesystem::path> dirs = {
        std::filesystem::path(RANVIER_SOURCE_DIR) / "stdlib_models", "/usr/share/nrn/demo/release"};
    int checked = 0;
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec))
            continue;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (entry.path().extension() != ".mod")
                continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            expect_roundtrip(entry.path().string(), text.str());
            ++checked;
        }
    }
    EXPECT_GE(checked, 5) << "the standard library must be present";
}

} // namespace
} // namespace ranvier
