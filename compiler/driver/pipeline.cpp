// Stage order:
//   1. syntax::parse_module  text -> AST. Guarantees: a complete AST (every node the grammar
//      requires is present) with source ranges, INCLUDEs resolved and parsed; or syntax errors.
//   2. sema::check_module    names, scopes and block-context rules. Guarantees: every name
//      resolves to one declaration, SOLVE targets exist and fit their METHOD, no recursion.
//   3. sema::check_units     units of declarations and equations (warnings unless --units=strict).
//   4. ode::lower_module     blocks run symbolically: FUNCTIONs/PROCEDUREs inlined, IF/ELSE as
//      select, KINETIC as mass action. Guarantees: one right-hand side per ODE state and every
//      current with its exact d(i)/d(v), as expressions of one sym::Context (stage 5's DAG:
//      hash-consed and simplified as it is built; removable singularities rewritten to exprelr).
// Code generation takes only modules that passed all of these.
#include "driver/pipeline.h"

#include "ode/lower.h"
#include "ranvier_build_config.h"
#include "sema/sema.h"
#include "sema/unit_check.h"
#include "syntax/parse.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace ranvier::driver {

namespace {

sema::UnitsMode units_mode(UnitsOption option) {
    switch (option) {
    case UnitsOption::Strict:
        return sema::UnitsMode::Strict;
    case UnitsOption::Off:
        return sema::UnitsMode::Off;
    case UnitsOption::Warn:
        break;
    }
    return sema::UnitsMode::Warn;
}

} // namespace

std::unique_ptr<ast::Module> run_front_end(FileId file, SourceManager& sources,
                                           DiagnosticEngine& diags, const Options& options) {
    syntax::ParseOptions parse_options{options.include_paths};
    std::unique_ptr<ast::Module> module = syntax::parse_module(file, sources, diags, parse_options);
    if (!module)
        return nullptr;

    std::size_t errors_before = diags.error_count();
    if (model::is_model_file(*module)) {
        // Each INCLUDEd mechanism is a module of its own; the CELLs are resolved by run_model.
        for (const ast::ItemPtr& item : module->items)
            if (auto* include = ast::dyn_cast<ast::IncludeItem>(item.get()))
                if (include->included) {
                    sema::check_module(*include->included, diags);
                    sema::check_units(*include->included, diags, units_mode(options.units));
                }
        if (diags.error_count() > errors_before)
            return nullptr;
        return module;
    }
    sema::check_module(*module, diags);
    // Units are checked even after name errors: the checker skips what it cannot resolve, and
    // users see every problem at once.
    sema::check_units(*module, diags, units_mode(options.units));
    if (diags.error_count() > errors_before)
        return nullptr;
    return module;
}

std::optional<model::Model> run_model(const ast::Module& file, SourceManager& sources,
                                      DiagnosticEngine& diags, const Options& options,
                                      std::vector<std::unique_ptr<ast::Module>>& library) {
    const char* env = std::getenv("RANVIER_STDLIB");
    const std::filesystem::path folder = env && *env ? env : RANVIER_STDLIB_DIR;
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.path().extension() == ".mod")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<const ast::Module*> modules;
    for (const std::filesystem::path& path : files) {
        std::string error;
        std::optional<FileId> id = sources.load(path.string(), error);
        if (!id)
            continue;
        if (std::unique_ptr<ast::Module> m = run_front_end(*id, sources, diags, options)) {
            modules.push_back(m.get());
            library.push_back(std::move(m));
        }
    }
    return model::resolve(file, modules, diags);
}

std::unique_ptr<ode::Mechanism> run_lowering(const ast::Module& module, DiagnosticEngine& diags,
                                             const Options& options) {
    return ode::lower_module(module, diags, {options.tables});
}

} // namespace ranvier::driver
