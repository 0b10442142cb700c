// Test helpers for the lowering stage: the shipped models, and a file parsed, checked and lowered.
#pragma once

#include "ode/lower.h"
#include "sema/sema.h"
#include "syntax/parse.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace ranvier::test {

// The standard library, the test models of tests/models and Debian's NEURON demo models; with
// RANVIER_JACOBIAN_CORPUS=DIR also
// every .mod file below DIR (the fetched corpus of bench/corpus, which CI does not have).
inline std::vector<std::filesystem::path> shipped_models() {
    std::vector<std::filesystem::path> files;
    for (const char* dir : {RANVIER_SOURCE_DIR "/stdlib_models", RANVIER_SOURCE_DIR "/tests/models",
                            "/usr/share/nrn/demo/release"}) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec))
            continue;
        for (const auto& entry : std::filesystem::directory_iterator(dir))
            if (entry.path().extension() == ".mod")
                files.push_back(entry.path());
    }
    if (const char* corpus = std::getenv("RANVIER_JACOBIAN_CORPUS")) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus))
            if (entry.path().extension() == ".mod")
                files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Null when the file does not parse, check or lower; `error` then holds the diagnostics.
inline std::unique_ptr<ode::Mechanism> lower_file(const std::filesystem::path& path,
                                                  std::string& error) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    SourceManager sources;
    DiagnosticEngine diags(sources);
    diags.set_suppress_warnings(true);
    auto module = syntax::parse_module(sources.add(path.string(), text.str()), sources, diags, {});
    std::unique_ptr<ode::Mechanism> mech;
    if (module) {
        sema::check_module(*module, diags);
        if (diags.error_count() == 0)
            mech = ode::lower_module(*module, diags);
    }
    std::ostringstream out;
    diags.print(out);
    error = out.str();
    return mech;
}

} // namespace ranvier::test
