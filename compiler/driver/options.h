// Command-line options of the `ranvier` driver.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ranvier::driver {

enum class Command { Check, Emit, Build, Help, Version };
enum class Stage { Ast, Nmodl, Cell, Ode, Jacobian, Cpp, Cuda };
enum class UnitsOption { Warn, Strict, Off };
// build: what the executable's cells run on. Default: cuda when this Ranvier was built with
// nvcc, else cpu.
enum class BuildTarget { Default, Cpu, Cuda };

struct Options {
    Command command = Command::Help;
    Stage stage = Stage::Nmodl;
    UnitsOption units = UnitsOption::Warn;
    bool verify_diagnostics = false;
    bool warnings_as_errors = false;
    bool no_warnings = false;
    bool tables = false; // FUNCTIONs and PROCEDUREs with TABLE read from tables

    std::filesystem::path output; // build: the executable
    bool keep_sources = false;    // build: keep the generated C++ beside the executable
    BuildTarget target = BuildTarget::Default;
    std::vector<std::filesystem::path> include_paths;
    std::vector<std::string> inputs; // "-" is standard input
};

// Parses argv; on a usage error returns nullopt and sets `error`.
std::optional<Options> parse_options(int argc, char** argv, std::string& error);

extern const char* const kUsage;

} // namespace ranvier::driver
