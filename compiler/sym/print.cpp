// The C and debug printers (print.h). Each node prints to its text plus the C precedence of its
// outermost operator; a parent parenthesises an operand whose precedence is below what its
// position needs, which gives the minimal parentheses of C's grammar. Comparisons inside
// comparisons and && inside || are parenthesised anyway, as -Wparentheses asks.
#include "sym/print.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string_view>
#include <vector>

namespace ranvier::sym {

namespace {

constexpr auto kReservedWords = std::to_array<std::string_view>({
    "auto",      "bool",    "break",    "case",    "char",      "class",  "const",    "continue",
    "default",   "delete",  "do",       "double",  "else",      "enum",   "extern",   "false",
    "float",     "for",     "friend",   "goto",    "if",        "inline", "int",      "long",
    "namespace", "new",     "operator", "private", "protected", "public", "register", "return",
    "short",     "signed",  "sizeof",   "static",  "struct",    "switch", "template", "this",
    "true",      "typedef", "typename", "union",   "unsigned",  "using",  "virtual",  "void",
    "volatile",  "while",   "and",      "or",      "not",       "pow",    "NAN",      "INFINITY",
    "alignas",   "catch",   "explicit", "throw",   "try",
});

} // namespace

std::span<const std::string_view> c_reserved_words() {
    return kReservedWords;
}

bool is_c_reserved_word(std::string_view name) {
    return std::find(kReservedWords.begin(), kReservedWords.end(), name) != kReservedWords.end();
}

namespace {

// Higher binds tighter, as in C.
enum Prec : int {
    Ternary = 1,
    LogicalOr,
    LogicalAnd,
    Equality,
    Relational,
    Additive,
    Multiplicative,
    Unary,
    Primary,
};

struct Printed {
    std::string text;
    int prec = Primary;
};

enum class Style { C, Debug };

class Printer {
  public:
    Printer(const NameMap& names, Style style) : names_(names), style_(style) {}

    Printed print(Expr e, bool use_name = true);

  private:
    std::string operand(Expr e, int min_prec) { return wrap(print(e), min_prec); }
    static std::string wrap(const Printed& p, int min_prec) {
        return p.prec < min_prec ? "(" + p.text + ")" : p.text;
    }
    [[nodiscard]] const std::string* name_of(Expr e) const {
        auto it = names_.find(e);
        return it == names_.end() ? nullptr : &it->second;
    }
    [[nodiscard]] std::string number(double v) const;
    Printed add(Expr e);
    Printed mul(Expr e, bool flip_sign = false);
    Printed power(Expr base, Expr exponent);
    Printed positive_power(Expr base, double v);
    static std::string join(const std::vector<std::string>& factors);
    Printed call(Expr e);

    const NameMap& names_;
    Style style_;
};

std::string Printer::number(double v) const {
    bool c = style_ == Style::C;
    if (std::isnan(v))
        return c ? "NAN" : "nan";
    if (std::isinf(v))
        return std::string(v < 0 ? "-" : "") + (c ? "INFINITY" : "inf");
    std::array<char, 64> buf{};
    auto result = std::to_chars(buf.data(), buf.data() + buf.size(), v); // shortest round trip
    std::string s(buf.data(), result.ptr);
    if (c && s.find_first_of(".e") == std::string::npos)
        s += ".0"; // a double literal
    return s;
}

Printed Printer::print(Expr e, bool use_name) {
    if (use_name)
        if (const std::string* name = name_of(e))
            return {*name, Primary};
    Kind k = e.kind();
    switch (k) {
    case Kind::Constant:
        return {number(e.value()), e.value() < 0 ? Unary : Primary};
    case Kind::Variable:
        return {std::string(e.name()), Primary};
    case Kind::Add:
        return add(e);
    case Kind::Mul:
        return mul(e);
    case Kind::Pow:
        return power(e.operand(0), e.operand(1));
    case Kind::Not:
        return {"!" + operand(e.operand(0), Unary), Unary};
    case Kind::And:
    case Kind::Or:
        return {operand(e.operand(0), Equality) + " " + std::string(kind_name(k)) + " " +
                    operand(e.operand(1), Equality),
                k == Kind::And ? LogicalAnd : LogicalOr};
    case Kind::Select:
        if (style_ == Style::Debug)
            return call(e);
        return {operand(e.operand(0), LogicalOr) + " ? " + print(e.operand(1)).text + " : " +
                    operand(e.operand(2), Ternary),
                Ternary};
    default:
        break;
    }
    if (is_comparison(k))
        return {operand(e.operand(0), Additive) + " " + std::string(kind_name(k)) + " " +
                    operand(e.operand(1), Additive),
                k == Kind::Eq || k == Kind::Ne ? Equality : Relational};
    return call(e);
}

Printed Printer::call(Expr e) {
    // A FUNCTION_TABLE is the kernel's table k: table_lookup(rv_in.tables[k], x).
    if ((e.kind() == Kind::Lookup || e.kind() == Kind::LookupSlope) && e.operand(0).is_constant())
        return {std::string(kind_name(e.kind())) + "(rv_in.tables[" +
                    std::to_string(static_cast<long long>(e.operand(0).value())) +
                    "], " + print(e.operand(1)).text + ")",
                Primary};
    std::string text = std::string(kind_name(e.kind())) + "(";
    for (std::size_t i = 0; i < e.arity(); ++i)
        text += (i ? ", " : "") + print(e.operand(i)).text;
    return {text + ")", Primary};
}

// Terms keep their canonical order, except that the constant goes last (v + 40, not 40 + v) and
// the first term without a minus sign leads, so that a difference reads a - b rather than -b + a.
Printed Printer::add(Expr e) {
    struct Piece {
        bool negative;
        std::string magnitude;
    };
    std::vector<Expr> terms(e.operands().begin(), e.operands().end());
    if (terms.front().is_constant())
        std::rotate(terms.begin(), terms.begin() + 1, terms.end());
    std::vector<Piece> pieces;
    for (Expr t : terms) {
        if (name_of(t))
            pieces.push_back({false, *name_of(t)});
        else if (t.is_constant())
            pieces.push_back({t.value() < 0, number(std::fabs(t.value()))});
        else if (t.kind() == Kind::Mul && t.operand(0).is_constant() && t.operand(0).value() < 0)
            pieces.push_back({true, wrap(mul(t, true), Multiplicative)});
        else
            pieces.push_back({false, operand(t, Multiplicative)});
    }
    auto lead = std::find_if(pieces.begin(), pieces.end(), [](auto& p) { return !p.negative; });
    if (lead == pieces.end())
        lead = pieces.begin();
    std::rotate(pieces.begin(), lead, lead + 1);
    std::string text = (pieces[0].negative ? "-" : "") + pieces[0].magnitude;
    for (std::size_t i = 1; i < pieces.size(); ++i)
        text += (pieces[i].negative ? " - " : " + ") + pieces[i].magnitude;
    return {text, Additive};
}

// c * f1 * ... / (g1 * ...), where the g are the factors with negative constant exponents. The
// leading minus of a negative coefficient binds to the first operand, which is the same value.
Printed Printer::mul(Expr e, bool flip_sign) {
    auto ops = e.operands();
    double c = 1.0;
    if (ops.front().is_constant()) {
        c = ops.front().value();
        ops = ops.subspan(1);
    }
    if (flip_sign)
        c = -c;
    std::vector<std::string> numerator;
    std::vector<Printed> denominator;
    if (std::fabs(c) != 1.0)
        numerator.push_back(number(std::fabs(c)));
    for (Expr f : ops) {
        if (style_ == Style::C && !name_of(f) && f.kind() == Kind::Pow &&
            f.operand(1).is_constant() && f.operand(1).value() < 0)
            denominator.push_back(positive_power(f.operand(0), -f.operand(1).value()));
        else
            numerator.push_back(operand(f, Multiplicative));
    }
    std::string text = numerator.empty() ? number(1.0) : join(numerator);
    if (denominator.size() == 1) {
        text += " / " + wrap(denominator[0], Unary);
    } else if (!denominator.empty()) {
        std::vector<std::string> parts;
        parts.reserve(denominator.size());
        for (const Printed& p : denominator)
            parts.push_back(wrap(p, Multiplicative));
        text += " / (" + join(parts) + ")";
    }
    return {(c < 0 ? "-" : "") + text, Multiplicative};
}

std::string Printer::join(const std::vector<std::string>& factors) {
    std::string text;
    for (const std::string& f : factors)
        text += (text.empty() ? "" : " * ") + f;
    return text;
}

Printed Printer::power(Expr base, Expr exponent) {
    if (style_ == Style::Debug) {
        std::string e =
            exponent.is_constant() ? number(exponent.value()) : operand(exponent, Primary);
        return {operand(base, Primary) + "^" + e, Unary};
    }
    if (!exponent.is_constant())
        return {"pow(" + print(base).text + ", " + print(exponent).text + ")", Primary};
    double v = exponent.value();
    if (v > 0)
        return positive_power(base, v);
    return {number(1.0) + " / " + wrap(positive_power(base, -v), Unary), Multiplicative};
}

// base^v for a constant v > 0, in C. Small integer powers of a name multiply out (the base is
// not recomputed and x * x is both faster and exact where pow is merely faithful); other bases
// keep pow() rather than repeat their text.
Printed Printer::positive_power(Expr base, double v) {
    if (v == 1.0)
        return print(base);
    if (v == 0.5)
        return {"sqrt(" + print(base).text + ")", Primary};
    bool simple = name_of(base) || base.is_variable();
    if (simple && (v == 2.0 || v == 3.0 || v == 4.0)) {
        std::vector<std::string> copies(static_cast<std::size_t>(v), print(base).text);
        return {join(copies), Multiplicative};
    }
    return {"pow(" + print(base).text + ", " + number(v) + ")", Primary};
}

} // namespace

std::string to_c(Expr e, const NameMap& names) {
    return Printer(names, Style::C).print(e).text;
}

std::string to_c_definition(Expr e, const NameMap& names) {
    return Printer(names, Style::C).print(e, false).text;
}

std::string to_string(Expr e) {
    static const NameMap no_names;
    return Printer(no_names, Style::Debug).print(e).text;
}

} // namespace ranvier::sym
