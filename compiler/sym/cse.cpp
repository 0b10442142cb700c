// Common-subexpression elimination (cse.h): one walk counts uses and records each node's nearest
// hinted ancestor, then names are chosen in walk order. The per-node table is keyed by node and
// only probed; the walk's vector is what orders the output.
#include "sym/cse.h"

#include <array>
#include <cctype>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace ranvier::sym {

namespace {

struct NodeInfo {
    std::uint32_t uses = 0;
    const std::string* context = nullptr; // hint of the nearest hinted ancestor, if any
};

class Walk {
  public:
    explicit Walk(const NameMap& hints) : hints_(hints) {}

    void visit(Expr e, const std::string* context) {
        NodeInfo& info = info_[e.node()]; // references survive rehashing
        if (++info.uses > 1)
            return;
        info.context = context;
        auto hint = hints_.find(e);
        const std::string* inner = hint == hints_.end() ? context : &hint->second;
        for (Expr op : e.operands())
            visit(op, inner);
        order_.push_back(e);
    }

    const NodeInfo& info(Expr e) const { return info_.at(e.node()); }
    const std::vector<Expr>& order() const { return order_; }

  private:
    const NameMap& hints_;
    std::unordered_map<const detail::Node*, NodeInfo> info_;
    std::vector<Expr> order_; // post-order: operands before users
};

std::string sanitize(const std::string& hint) {
    std::string s = hint;
    for (char& ch : s)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_')
            ch = '_';
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
        s = "t_" + s;
    return s;
}

class Namer {
  public:
    explicit Namer(const CseOptions& options) {
        taken_.insert(c_reserved_words().begin(), c_reserved_words().end());
        for (int k = static_cast<int>(Kind::Exp); k <= static_cast<int>(Kind::Fmax); ++k)
            taken_.emplace(kind_name(static_cast<Kind>(k)));
        taken_.insert(options.reserved.begin(), options.reserved.end());
    }

    void reserve(std::string_view name) { taken_.emplace(name); }

    // `base` itself when free, else the first free base_1, base_2, ...
    std::string claim(const std::string& base, bool suffix_always) {
        if (!suffix_always && taken_.insert(base).second)
            return base;
        for (unsigned& n = next_suffix_[base];;) {
            std::string name = base + "_" + std::to_string(++n);
            if (taken_.insert(name).second)
                return name;
        }
    }

  private:
    std::set<std::string> taken_;
    std::unordered_map<std::string, unsigned> next_suffix_; // probed only
};

} // namespace

std::vector<Temporary> common_subexpressions(std::span<const Expr> roots, const NameMap& hints,
                                             const CseOptions& options) {
    Walk walk(hints);
    for (Expr root : roots)
        walk.visit(root, nullptr);
    std::unordered_set<const detail::Node*> is_root;
    for (Expr root : roots)
        is_root.insert(root.node());

    Namer namer(options);
    std::vector<Temporary> temps;
    for (Expr e : walk.order()) {
        if (e.is_variable())
            namer.reserve(e.name());
        if (e.arity() == 0)
            continue;
        bool hinted = hints.contains(e);
        bool shared = walk.info(e).uses > 1;
        if (shared || (options.name_hinted && hinted && !is_root.contains(e.node())))
            temps.push_back({"", e});
    }
    // Hinted names first, so that a derived alpha_m_1 never takes a name the source asked for.
    for (Temporary& t : temps)
        if (auto hint = hints.find(t.value); hint != hints.end())
            t.name = namer.claim(sanitize(hint->second), false);
    for (Temporary& t : temps) {
        if (!t.name.empty())
            continue;
        const std::string* context = walk.info(t.value).context;
        t.name = namer.claim(context ? sanitize(*context) : "t", true);
    }
    return temps;
}

NameMap temporary_names(std::span<const Temporary> temporaries) {
    NameMap names;
    for (const Temporary& t : temporaries)
        names.emplace(t.value, t.name);
    return names;
}

} // namespace ranvier::sym
