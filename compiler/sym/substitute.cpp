// substitute() (see substitute.h): a memoised post-order rebuild through Context::make.
#include "sym/substitute.h"

#include <functional>
#include <vector>

namespace ranvier::sym {

Expr substitute(Context& ctx, Expr e, const std::unordered_map<Expr, Expr>& replacements) {
    std::unordered_map<Expr, Expr> memo;
    std::function<Expr(Expr)> rebuild = [&](Expr x) -> Expr {
        if (auto it = replacements.find(x); it != replacements.end())
            return it->second;
        if (x.is_constant() || x.is_variable())
            return x;
        if (auto it = memo.find(x); it != memo.end())
            return it->second;
        std::vector<Expr> operands;
        bool changed = false;
        for (Expr operand : x.operands()) {
            operands.push_back(rebuild(operand));
            changed = changed || !(operands.back() == operand);
        }
        Expr result = changed ? ctx.make(x.kind(), operands) : x;
        memo.emplace(x, result);
        return result;
    };
    return rebuild(e);
}

} // namespace ranvier::sym
