// Diagnostics in LLVM's style: `file:line:col: error: message`, the source line and a caret.
// Every error is collected (never only the first); `verify` mode matches them against
// `expected-error {{...}}` comments in the sources instead of printing them (for lit tests).
#pragma once

#include "support/source.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace ranvier {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
    Severity severity;
    SourceRange range;
    std::string message;
};

class DiagnosticEngine {
  public:
    explicit DiagnosticEngine(const SourceManager& sources) : sources_(sources) {}

    void report(Severity severity, SourceRange range, std::string message);
    void error(SourceRange range, std::string message) {
        report(Severity::Error, range, std::move(message));
    }
    void warning(SourceRange range, std::string message) {
        report(Severity::Warning, range, std::move(message));
    }
    // A note attaches to the diagnostic reported just before it.
    void note(SourceRange range, std::string message) {
        report(Severity::Note, range, std::move(message));
    }

    void set_warnings_as_errors(bool on) { warnings_as_errors_ = on; }
    void set_suppress_warnings(bool on) { suppress_warnings_ = on; }

    std::size_t error_count() const { return error_count_; }
    std::size_t warning_count() const { return warning_count_; }
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

    // A point to come back to: a stage that tries one approach, and another if the first fails,
    // drops what the first reported.
    struct Mark {
        std::size_t diagnostics, errors, warnings;
    };
    Mark mark() const { return {diagnostics_.size(), error_count_, warning_count_}; }
    void rewind(Mark m) {
        diagnostics_.resize(m.diagnostics);
        error_count_ = m.errors;
        warning_count_ = m.warnings;
    }

    // Prints every diagnostic in the order reported.
    void print(std::ostream& out) const;
    // Prints one diagnostic with its source line and caret.
    void print(std::ostream& out, const Diagnostic& diagnostic) const;

    // Checks the collected diagnostics against `expected-{error,warning,note} {{text}}` comments
    // in the sources (with optional `@+N`/`@-N` line offsets). Mismatches are printed to `out`;
    // returns true when everything matched.
    bool verify(std::ostream& out) const;

  private:
    const SourceManager& sources_;
    std::vector<Diagnostic> diagnostics_;
    std::size_t error_count_ = 0;
    std::size_t warning_count_ = 0;
    bool warnings_as_errors_ = false;
    bool suppress_warnings_ = false;
    bool last_suppressed_ = false;
};

const char* severity_name(Severity severity);

} // namespace ranvier
