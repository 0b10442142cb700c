// DiagnosticEngine: collection, printing with carets, and inline verification.
#include "support/diagnostics.h"

#include <algorithm>
#include <ostream>
#include <regex>

namespace ranvier {

const char* severity_name(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    }
    return "error";
}

void DiagnosticEngine::report(Severity severity, SourceRange range, std::string message) {
    if (severity == Severity::Warning && suppress_warnings_) {
        last_suppressed_ = true;
        return;
    }
    if (severity == Severity::Note && last_suppressed_)
        return;
    // The same statement can be visited more than once (an inlined procedure called twice): an
    // identical diagnostic, and the notes that follow it, are said only once.
    bool duplicate =
        std::any_of(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& d) {
            return d.severity == severity && d.message == message &&
                   d.range.begin.file == range.begin.file &&
                   d.range.begin.line == range.begin.line && d.range.begin.col == range.begin.col;
        });
    if (duplicate && severity != Severity::Note) {
        last_suppressed_ = true;
        return;
    }
    last_suppressed_ = false;
    if (severity == Severity::Warning && warnings_as_errors_)
        severity = Severity::Error;
    if (severity == Severity::Error)
        ++error_count_;
    if (severity == Severity::Warning)
        ++warning_count_;
    diagnostics_.push_back({severity, range, std::move(message)});
}

void DiagnosticEngine::print(std::ostream& out, const Diagnostic& d) const {
    if (!d.range.valid() || d.range.begin.file >= sources_.file_count()) {
        out << "ranvier: " << severity_name(d.severity) << ": " << d.message << "\n";
        return;
    }
    const SourceLoc& at = d.range.begin;
    out << sources_.path(at.file) << ":" << at.line << ":" << at.col << ": "
        << severity_name(d.severity) << ": " << d.message << "\n";
    std::string_view line = sources_.line(at.file, at.line);
    if (line.empty())
        return;
    out << line << "\n";
    // The caret line keeps the tabs of the source line so the caret lands under the column.
    std::string marker;
    for (std::uint32_t i = 1; i < at.col && i - 1 < line.size(); ++i) {
        marker += line[i - 1] == '\t' ? '\t' : ' ';
    }
    marker += '^';
    if (d.range.end.file == at.file && d.range.end.line == at.line && d.range.end.col > at.col) {
        std::uint32_t last =
            std::min<std::uint32_t>(d.range.end.col, static_cast<std::uint32_t>(line.size()));
        for (std::uint32_t i = at.col; i < last; ++i)
            marker += '~';
    }
    out << marker << "\n";
}

void DiagnosticEngine::print(std::ostream& out) const {
    for (const Diagnostic& d : diagnostics_)
        print(out, d);
}

namespace {

struct Expectation {
    FileId file;
    std::uint32_t line;
    Severity severity;
    std::string text;
    bool matched = false;
};

std::vector<Expectation> collect_expectations(const SourceManager& sources) {
    static const std::regex pattern(
        R"(expected-(error|warning|note)(@[+-]?[0-9]+)?\s*\{\{(.*?)\}\})");
    std::vector<Expectation> result;
    for (FileId file = 0; file < sources.file_count(); ++file) {
        const std::string& text = sources.text(file);
        std::uint32_t line = 1;
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos)
                end = text.size();
            std::string current = text.substr(start, end - start);
            for (std::sregex_iterator it(current.begin(), current.end(), pattern), last; it != last;
                 ++it) {
                const std::smatch& m = *it;
                Severity severity = m[1] == "error"     ? Severity::Error
                                    : m[1] == "warning" ? Severity::Warning
                                                        : Severity::Note;
                std::int64_t target = line;
                if (m[2].matched) {
                    std::string offset = m[2].str().substr(1);
                    bool relative = offset[0] == '+' || offset[0] == '-';
                    target = relative ? line + std::stoll(offset) : std::stoll(offset);
                }
                result.push_back({file,
                                  static_cast<std::uint32_t>(std::max<std::int64_t>(target, 0)),
                                  severity, m[3].str()});
            }
            ++line;
            start = end + 1;
        }
    }
    return result;
}

} // namespace

bool DiagnosticEngine::verify(std::ostream& out) const {
    std::vector<Expectation> expected = collect_expectations(sources_);
    bool ok = true;
    for (const Diagnostic& d : diagnostics_) {
        auto match = std::find_if(expected.begin(), expected.end(), [&](const Expectation& e) {
            return !e.matched && e.severity == d.severity && e.file == d.range.begin.file &&
                   e.line == d.range.begin.line && d.message.find(e.text) != std::string::npos;
        });
        if (match != expected.end()) {
            match->matched = true;
            continue;
        }
        ok = false;
        out << "unexpected " << severity_name(d.severity) << " seen: ";
        print(out, d);
    }
    for (const Expectation& e : expected) {
        if (e.matched)
            continue;
        ok = false;
        out << sources_.path(e.file) << ":" << e.line << ": expected " << severity_name(e.severity)
            << " not seen: " << e.text << "\n";
    }
    return ok;
}

} // namespace ranvier
