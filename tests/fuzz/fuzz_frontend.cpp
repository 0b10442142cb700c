// libFuzzer target for the front end (syntax + sema, as `ranvier check` runs them). Any byte
// string must be either rejected with diagnostics or accepted as a module that survives the
// printer's round trip: print it as NMODL, reparse and recheck the print, and get the same tree.
// A crash, a sanitizer report, an escaped exception or a broken round trip is a bug; the last
// two trap with a message on stderr so libFuzzer saves the input. Built only with RANVIER_FUZZ.
#include "ast/printer.h"
#include "codegen/kernels.h"
#include "driver/options.h"
#include "driver/pipeline.h"
#include "ode/print.h"
#include "support/big_stack.h"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

namespace {

using namespace ranvier;

// The input's (virtual) path: relative INCLUDEs resolve beside it, in a folder of fixture files
// (one valid, one with a syntax error, one that includes itself); other names are missing.
const std::string& input_path() {
    static const std::string path = std::string(RANVIER_FUZZ_INCLUDE_DIR) + "/input.mod";
    return path;
}

std::string print(const ast::Module& module, ast::Style style) {
    std::ostringstream out;
    ast::print_nmodl(out, module, style);
    return out.str();
}

std::string diagnostics_text(const DiagnosticEngine& diags) {
    std::ostringstream out;
    diags.print(out);
    return out.str();
}

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::cerr << "\nfuzz_frontend: " << what << "\n" << detail << std::endl;
    __builtin_trap();
}

// The first pass must accept its own print, with the same tree, and the print must be a fixed
// point (the contract tests/unit/syntax/roundtrip_test.cpp states for real models).
void check_round_trip(const ast::Module& module, const driver::Options& options) {
    std::string source = print(module, ast::Style::Source);
    std::string tree = print(module, ast::Style::Tree);

    SourceManager sources;
    DiagnosticEngine diags(sources);
    FileId file = sources.add(input_path(), source);
    std::unique_ptr<ast::Module> again = driver::run_front_end(file, sources, diags, options);
    if (!again) {
        fail("the printed module is rejected",
             "--- printed:\n" + source + "--- diagnostics:\n" + diagnostics_text(diags));
    }
    std::string tree_again = print(*again, ast::Style::Tree);
    if (tree_again != tree) {
        fail("the round trip changes the tree", "--- printed:\n" + source + "--- tree before:\n" +
                                                    tree + "--- tree after:\n" + tree_again);
    }
    std::string source_again = print(*again, ast::Style::Source);
    if (source_again != source) {
        fail("printing is not a fixed point",
             "--- first print:\n" + source + "--- second print:\n" + source_again);
    }
}

int check_input(const std::string& text) {
    driver::Options options; // the defaults of `ranvier check`
    SourceManager sources;
    DiagnosticEngine diags(sources);
    FileId file = sources.add(input_path(), text);
    std::unique_ptr<ast::Module> module = driver::run_front_end(file, sources, diags, options);
    // Rendering runs the caret and line-lookup code on every location the front end produced.
    diagnostics_text(diags);
    if (module && model::is_model_file(*module)) {
        // A model file: its CELLs resolved against the INCLUDEd mechanisms (no library).
        check_round_trip(*module, options);
        model::resolve(*module, {}, diags);
        return 0;
    }
    if (module) {
        check_round_trip(*module, options);
        // Lowering (stage 4), the Jacobian and the kernel printers run on everything the front
        // end accepts; inputs of odd length also with --tables.
        driver::Options lowering = options;
        lowering.tables = text.size() % 2 == 1;
        if (std::unique_ptr<ode::Mechanism> mechanism =
                driver::run_lowering(*module, diags, lowering)) {
            std::ostringstream out;
            ode::print_ode(out, *mechanism);
            ode::print_jacobian(out, *mechanism);
            codegen::print_kernels(out, *mechanism, "fuzz.mod", codegen::Target::Cpp);
        }
    }
    return 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    // The front end recurses with expression depth, as in the driver: give it the driver's stack.
    return ranvier::run_with_stack(ranvier::kCompilerStackBytes, [&] {
        try {
            return check_input(text);
        } catch (const std::exception& e) {
            fail("exception escaped the front end", e.what());
        } catch (...) {
            fail("non-standard exception escaped the front end", "");
        }
    });
}
