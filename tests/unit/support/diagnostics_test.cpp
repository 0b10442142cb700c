// DiagnosticEngine: LLVM-style printing, counting, -Werror, and --verify-diagnostics matching.
#include "support/diagnostics.h"

#include <gtest/gtest.h>
#include <sstream>

namespace ranvier {
namespace {

SourceRange at(FileId file, std::uint32_t line, std::uint32_t col, std::uint32_t end_col) {
    return {{file, line, col}, {file, line, end_col}};
}

TEST(Diagnostics, PrintsLocationLineAndCaret) {
    SourceManager sources;
    FileId id = sources.add("m.mod", "x = 1\n\ty = zz + 1\n");
    DiagnosticEngine diags(sources);
    diags.error(at(id, 2, 6, 7), "use of undeclared identifier 'zz'");
    std::ostringstream out;
    diags.print(out);
    EXPECT_EQ(out.str(), "m.mod:2:6: error: use of undeclared identifier 'zz'\n"
                         "\ty = zz + 1\n"
                         "\t    ^~\n");
    EXPECT_EQ(diags.error_count(), 1u);
}

TEST(Diagnostics, WarningsAsErrorsAndSuppression) {
    SourceManager sources;
    FileId id = sources.add("m.mod", "a\n");
    DiagnosticEngine strict(sources);
    strict.set_warnings_as_errors(true);
    strict.warning(at(id, 1, 1, 1), "w");
    EXPECT_EQ(strict.error_count(), 1u);

    DiagnosticEngine quiet(sources);
    quiet.set_suppress_warnings(true);
    quiet.warning(at(id, 1, 1, 1), "w");
    quiet.note(at(id, 1, 1, 1), "note of a suppressed warning is dropped too");
    EXPECT_TRUE(quiet.diagnostics().empty());
}

TEST(Diagnostics, IdenticalDiagnosticsAreSaidOnce) {
    SourceManager sources;
    FileId id = sources.add("m.mod", "a\n");
    DiagnosticEngine diags(sources);
    diags.error(at(id, 1, 1, 1), "same");
    diags.note(at(id, 1, 1, 1), "its note");
    diags.error(at(id, 1, 1, 1), "same");
    diags.note(at(id, 1, 1, 1), "its note");
    diags.error(at(id, 1, 1, 1), "different");
    EXPECT_EQ(diags.diagnostics().size(), 3u);
    EXPECT_EQ(diags.error_count(), 2u);
}

TEST(Diagnostics, VerifyMatchesExpectations) {
    SourceManager sources;
    FileId id = sources.add("m.mod", "x : expected-error {{bad x}}\n"
                                     ": expected-warning@+1 {{odd}}\n"
                                     "y\n");
    DiagnosticEngine diags(sources);
    diags.error(at(id, 1, 1, 1), "this is a bad x here");
    diags.warning(at(id, 3, 1, 1), "odd y");
    std::ostringstream out;
    EXPECT_TRUE(diags.verify(out)) << out.str();
}

TEST(Diagnostics, VerifyReportsUnexpectedAndMissing) {
    SourceManager sources;
    FileId id = sources.add("m.mod", "x : expected-error {{never reported}}\ny\n");
    DiagnosticEngine diags(sources);
    diags.error(at(id, 2, 1, 1), "surprise");
    std::ostringstream out;
    EXPECT_FALSE(diags.verify(out));
    EXPECT_NE(out.str().find("unexpected error seen"), std::string::npos);
    EXPECT_NE(out.str().find("expected error not seen: never reported"), std::string::npos);
}

} // namespace
} // namespace ranvier
