// Parsing of the driver's command line (hand-written: the surface is small and stable).
#include "driver/options.h"

#include <string_view>

namespace ranvier::driver {

const char* const kUsage = R"(usage: ranvier <command> [options] FILE...

Ranvier compiles NMODL models (NEURON's .mod language) for neuron simulation.

commands:
  check FILE...            parse and check files; report every error
  emit --stage=S FILE      print a stage of the compiler to standard output
                             ast    the syntax tree, expressions fully parenthesised
                             nmodl  the syntax tree printed back as NMODL
                             cell   a model file's CELLs, resolved: sections, mechanisms,
                                    values in the units of their .mod files
                             ode    the ODE system: right-hand sides, currents, d(i)/d(v)
                             jacobian  the structural non-zeros of the exact Jacobian
                             cpp    the mechanism's kernels as C++ (one loop per entry point)
                             cuda   the same kernels as CUDA (one thread per instance)
  build FILE -o BIN        compile a model file into an executable: of its CELL, or of its
                           NETWORK (run with mpirun); BIN --help lists its options
  plot DIR [-o FOLDER]     draw a run's output folder: raster.png (spikes by population, with
                           rates) and traces.png (recorded variables); plot --help for more
  help                     print this message
  version                  print the version

options:
  -I DIR                   search DIR for INCLUDE files (after the including file's folder)
  -o BIN                   build: the executable to write
  --keep                   build: keep the generated C++ in BIN.src/
  --target=cuda|cpu        build: a NETWORK's cells on each rank's GPU (cuda; the default when
                           Ranvier was built with nvcc), or on the CPU only
  --units=warn|strict|off  unit mismatches are warnings (default, as nocmodl), errors, or unchecked
  --tables                 read FUNCTIONs and PROCEDUREs with TABLE from tables (NEURON's fixed-step
                           default) instead of computing them exactly
  --verify-diagnostics     match diagnostics against `expected-error {{...}}` comments (for tests)
  -Werror                  treat warnings as errors
  -w                       suppress warnings
  -h, --help               print this message
  --version                print the version

Mechanisms a CELL names come from the model file's INCLUDEs, then from Ranvier's standard library
(hh, pas, IClamp, ExpSyn, Exp2Syn, NetStim, ...). A FILE of `-` reads standard input. Exit status: 0 when the input is valid, 1 when it has errors;
anything else is a bug in Ranvier.
)";

std::optional<Options> parse_options(int argc, char** argv, std::string& error) {
    Options options;
    if (argc < 2)
        return options;
    std::string_view command = argv[1];
    if (command == "check") {
        options.command = Command::Check;
    } else if (command == "emit") {
        options.command = Command::Emit;
    } else if (command == "build") {
        options.command = Command::Build;
    } else if (command == "help" || command == "-h" || command == "--help") {
        return options;
    } else if (command == "version" || command == "--version") {
        options.command = Command::Version;
        return options;
    } else {
        error = "unknown command '" + std::string(command) + "'";
        return std::nullopt;
    }
    bool have_stage = false;
    for (int i = 2; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            options.command = Command::Help;
            return options;
        } else if (arg == "-I") {
            if (++i == argc) {
                error = "-I needs a folder";
                return std::nullopt;
            }
            options.include_paths.emplace_back(argv[i]);
        } else if (arg.starts_with("-I") && arg.size() > 2) {
            options.include_paths.emplace_back(std::string(arg.substr(2)));
        } else if (arg == "-o") {
            if (++i == argc) {
                error = "-o needs a file";
                return std::nullopt;
            }
            options.output = argv[i];
        } else if (arg == "--keep") {
            options.keep_sources = true;
        } else if (arg.starts_with("--target=")) {
            std::string_view target = arg.substr(9);
            if (target == "cuda") {
                options.target = BuildTarget::Cuda;
            } else if (target == "cpu") {
                options.target = BuildTarget::Cpu;
            } else {
                error = "--target=" + std::string(target) + ": expected cuda or cpu";
                return std::nullopt;
            }
        } else if (arg.starts_with("--stage=")) {
            std::string_view stage = arg.substr(8);
            if (stage == "ast") {
                options.stage = Stage::Ast;
            } else if (stage == "nmodl") {
                options.stage = Stage::Nmodl;
            } else if (stage == "cell") {
                options.stage = Stage::Cell;
            } else if (stage == "ode") {
                options.stage = Stage::Ode;
            } else if (stage == "jacobian") {
                options.stage = Stage::Jacobian;
            } else if (stage == "cpp") {
                options.stage = Stage::Cpp;
            } else if (stage == "cuda") {
                options.stage = Stage::Cuda;
            } else {
                error = "unknown stage '" + std::string(stage) +
                        "' (expected ast, nmodl, cell, ode, jacobian, cpp or cuda)";
                return std::nullopt;
            }
            have_stage = true;
        } else if (arg.starts_with("--units=")) {
            std::string_view mode = arg.substr(8);
            if (mode == "warn") {
                options.units = UnitsOption::Warn;
            } else if (mode == "strict") {
                options.units = UnitsOption::Strict;
            } else if (mode == "off") {
                options.units = UnitsOption::Off;
            } else {
                error =
                    "unknown units mode '" + std::string(mode) + "' (expected warn, strict or off)";
                return std::nullopt;
            }
        } else if (arg == "--tables") {
            options.tables = true;
        } else if (arg == "--verify-diagnostics") {
            options.verify_diagnostics = true;
        } else if (arg == "-Werror") {
            options.warnings_as_errors = true;
        } else if (arg == "-w") {
            options.no_warnings = true;
        } else if (arg.size() > 1 && arg[0] == '-') {
            error = "unknown option '" + std::string(arg) + "'";
            return std::nullopt;
        } else {
            options.inputs.emplace_back(arg);
        }
    }
    if (options.inputs.empty()) {
        error = "no input files";
        return std::nullopt;
    }
    if (options.command == Command::Build) {
        if (options.output.empty()) {
            error = "build needs -o BIN";
            return std::nullopt;
        }
        if (options.inputs.size() != 1) {
            error = "build takes exactly one model file";
            return std::nullopt;
        }
    }
    if (options.command == Command::Emit) {
        if (!have_stage) {
            error = "emit needs --stage=ast, nmodl, cell, ode, jacobian, cpp or cuda";
            return std::nullopt;
        }
        if (options.inputs.size() != 1) {
            error = "emit takes exactly one input file";
            return std::nullopt;
        }
    }
    return options;
}

} // namespace ranvier::driver
