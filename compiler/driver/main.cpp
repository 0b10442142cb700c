// `ranvier`: the command-line driver. Reads inputs, runs the pipeline, prints diagnostics and
// stages. Exit status 0: valid input; 1: errors in the input; anything else: a bug in Ranvier.
#include "ast/printer.h"
#include "codegen/kernels.h"
#include "driver/options.h"
#include "driver/pipeline.h"
#include "ode/print.h"
#include "support/big_stack.h"
#include "support/internal_error.h"

#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <unistd.h>

namespace ranvier::driver {

namespace {

constexpr int kExitValid = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitInternal = 70;

std::optional<FileId> load_input(const std::string& input, SourceManager& sources) {
    if (input == "-") {
        std::string text((std::istreambuf_iterator<char>(std::cin)),
                         std::istreambuf_iterator<char>());
        return sources.add("<stdin>", std::move(text));
    }
    std::string error;
    std::optional<FileId> file = sources.load(input, error);
    if (!file)
        std::cerr << "ranvier: error: " << error << "\n";
    return file;
}

int emit(const Options& options, const ast::Module& module, DiagnosticEngine& diags) {
    if (options.stage == Stage::Ast || options.stage == Stage::Nmodl) {
        ast::print_nmodl(std::cout, module,
                         options.stage == Stage::Ast ? ast::Style::Tree : ast::Style::Source);
        return kExitValid;
    }
    std::size_t shown = diags.diagnostics().size();
    std::unique_ptr<ode::Mechanism> mechanism = run_lowering(module, diags, options);
    for (std::size_t i = shown; i < diags.diagnostics().size(); ++i)
        diags.print(std::cerr, diags.diagnostics()[i]);
    if (!mechanism)
        return kExitInvalid;
    switch (options.stage) {
    case Stage::Ode:
        ode::print_ode(std::cout, *mechanism);
        break;
    case Stage::Jacobian:
        ode::print_jacobian(std::cout, *mechanism);
        break;
    default: {
        std::string source = std::filesystem::path(module.path).filename().string();
        codegen::print_kernels(std::cout, *mechanism, source,
                               options.stage == Stage::Cuda ? codegen::Target::Cuda
                                                            : codegen::Target::Cpp);
        break;
    }
    }
    return kExitValid;
}

int run(const Options& options) {
    SourceManager sources;
    DiagnosticEngine diags(sources);
    diags.set_warnings_as_errors(options.warnings_as_errors);
    diags.set_suppress_warnings(options.no_warnings);

    bool inputs_ok = true;
    std::unique_ptr<ast::Module> last;
    // Model files (with CELL blocks) are resolved against their mechanisms, which `library`
    // (the standard library's modules) must outlive.
    std::vector<std::unique_ptr<ast::Module>> library;
    std::optional<model::Model> resolved;
    const bool emits_syntax = options.command == Command::Emit &&
                              (options.stage == Stage::Ast || options.stage == Stage::Nmodl);
    for (const std::string& input : options.inputs) {
        std::optional<FileId> file = load_input(input, sources);
        if (!file) {
            inputs_ok = false;
            continue;
        }
        last = run_front_end(*file, sources, diags, options);
        if (last && model::is_model_file(*last) && !emits_syntax)
            resolved = run_model(*last, sources, diags, options, library);
    }

    if (options.verify_diagnostics) {
        bool ok = diags.verify(std::cerr);
        return ok && inputs_ok ? kExitValid : kExitInvalid;
    }
    diags.print(std::cerr);
    if (!inputs_ok || diags.error_count() > 0) {
        if (diags.error_count() > 0)
            std::cerr << diags.error_count() << (diags.error_count() == 1 ? " error" : " errors")
                      << " generated.\n";
        return kExitInvalid;
    }
    if (!last)
        return kExitValid;
    const bool model_file = model::is_model_file(*last);
    if (options.command == Command::Build) {
        if (!model_file) {
            std::cerr << "ranvier: error: build takes a model file (one with a CELL or NETWORK block); "
                      << options.inputs[0] << " has none\n";
            return kExitInvalid;
        }
        return build_executable(*resolved, diags, options);
    }
    if (options.command != Command::Emit)
        return kExitValid;
    if (model_file && !emits_syntax) {
        if (options.stage != Stage::Cell) {
            std::cerr << "ranvier: error: " << options.inputs[0]
                      << " is a model file: emit --stage=ast, nmodl or cell (the other stages "
                         "take a .mod file)\n";
            return kExitInvalid;
        }
        model::print(std::cout, *resolved);
        return kExitValid;
    }
    if (options.stage == Stage::Cell) {
        std::cerr << "ranvier: error: emit --stage=cell takes a model file (one with a CELL "
                     "block)\n";
        return kExitInvalid;
    }
    return emit(options, *last, diags);
}

// A crash must still say what it is; only async-signal-safe calls here.
extern "C" void on_fatal_signal(int signal) {
    const char* message = "ranvier: internal compiler error: fatal signal ";
    [[maybe_unused]] auto n = write(STDERR_FILENO, message, std::strlen(message));
    const char* name = strsignal(signal);
    n = write(STDERR_FILENO, name, std::strlen(name));
    n = write(STDERR_FILENO, "\n", 1);
    std::_Exit(kExitInternal);
}

} // namespace

} // namespace ranvier::driver

int main(int argc, char** argv) {
    using namespace ranvier::driver;
    ranvier::install_alternate_signal_stack();
    struct sigaction action {};
    action.sa_handler = on_fatal_signal;
    action.sa_flags = SA_ONSTACK;
    for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        sigaction(signal, &action, nullptr);
    if (argc >= 2 && std::strcmp(argv[1], "plot") == 0)
        return plot(argc, argv);
    try {
        std::string error;
        std::optional<Options> options = parse_options(argc, argv, error);
        if (!options) {
            std::cerr << "ranvier: error: " << error << "\n(run 'ranvier --help' for usage)\n";
            return kExitInvalid;
        }
        if (options->command == Command::Help) {
            std::cout << kUsage;
            return kExitValid;
        }
        if (options->command == Command::Version) {
            std::cout << "ranvier " << RANVIER_VERSION << "\n";
            return kExitValid;
        }
        return ranvier::run_with_stack(ranvier::kCompilerStackBytes, [&] {
            try {
                return run(*options);
            } catch (const ranvier::InternalError& e) {
                std::cerr << "ranvier: internal compiler error: " << e.what() << "\n";
            } catch (const std::exception& e) {
                std::cerr << "ranvier: internal compiler error: unexpected exception: " << e.what()
                          << "\n";
            }
            return kExitInternal;
        });
    } catch (const ranvier::InternalError& e) {
        std::cerr << "ranvier: internal compiler error: " << e.what() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "ranvier: internal compiler error: unexpected exception: " << e.what() << "\n";
    }
    return kExitInternal;
}
