// Unit algebra and the units(1)-style parser behind sema/unit_check, with Ranvier's own unit
// database. Every entry below is an SI definition (or an exact 2019-SI constant) written in the
// same unit syntax the parser reads, so the table checks itself when it is built.
#include "sema/units.h"

#include "support/internal_error.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace ranvier::sema {

// ---------------------------------------------------------------------------------------------
// Unit

bool same_factor(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::fmax(std::fabs(a), std::fabs(b));
}

bool Unit::dimensionless() const {
    for (int e : exponents) {
        if (e != 0)
            return false;
    }
    return true;
}

bool Unit::same_dimension(const Unit& other) const {
    return exponents == other.exponents;
}

bool Unit::same_as(const Unit& other) const {
    return same_dimension(other) && same_factor(factor, other.factor);
}

std::string Unit::dimension_string() const {
    static constexpr const char* kSymbols[] = {"m", "kg", "s", "A", "K", "mol", "cd"};
    std::string result;
    for (std::size_t i = 0; i < exponents.size(); ++i) {
        if (exponents[i] == 0)
            continue;
        if (!result.empty())
            result += ' ';
        result += kSymbols[i];
        if (exponents[i] != 1)
            result += std::to_string(exponents[i]);
    }
    return result.empty() ? "1" : result;
}

Unit operator*(const Unit& a, const Unit& b) {
    Unit result;
    result.factor = a.factor * b.factor;
    for (std::size_t i = 0; i < result.exponents.size(); ++i) {
        result.exponents[i] = a.exponents[i] + b.exponents[i];
    }
    return result;
}

Unit operator/(const Unit& a, const Unit& b) {
    Unit result;
    result.factor = a.factor / b.factor;
    for (std::size_t i = 0; i < result.exponents.size(); ++i) {
        result.exponents[i] = a.exponents[i] - b.exponents[i];
    }
    return result;
}

Unit pow(const Unit& unit, int power) {
    Unit result;
    result.factor = std::pow(unit.factor, power);
    for (std::size_t i = 0; i < result.exponents.size(); ++i) {
        result.exponents[i] = unit.exponents[i] * power;
    }
    return result;
}

namespace {

// The shortest %g spelling that reads back as the same factor: "0.001", "10", "1e+07",
// "96485.33212"; on a tie the plain spelling wins.
std::string format_factor(double value) {
    std::string best;
    char buffer[32];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (!same_factor(std::strtod(buffer, nullptr), value))
            continue;
        if (best.empty() || std::string_view(buffer).size() <= best.size())
            best = buffer;
        if (precision >= 6)
            break;
    }
    return best;
}

} // namespace

std::string describe(const Unit& unit) {
    if (unit.dimensionless())
        return format_factor(unit.factor);
    if (same_factor(unit.factor, 1.0))
        return unit.dimension_string();
    return format_factor(unit.factor) + " " + unit.dimension_string();
}

// ---------------------------------------------------------------------------------------------
// The database

namespace {

struct Prefix {
    std::string_view name;
    double factor;
};

// Spelled-out prefixes first so that "milli..." is never read as "m" + "illi...".
constexpr Prefix kPrefixes[] = {
    {"yotta", 1e24},  {"zetta", 1e21},    {"exa", 1e18},      {"peta", 1e15},  {"tera", 1e12},
    {"giga", 1e9},    {"mega", 1e6},      {"kilo", 1e3},      {"hecto", 1e2},  {"deka", 1e1},
    {"deca", 1e1},    {"deci", 1e-1},     {"centi", 1e-2},    {"milli", 1e-3}, {"micro", 1e-6},
    {"nano", 1e-9},   {"pico", 1e-12},    {"femto", 1e-15},   {"atto", 1e-18}, {"zepto", 1e-21},
    {"yocto", 1e-24}, {"\xC2\xB5", 1e-6}, {"\xCE\xBC", 1e-6}, // micro sign and Greek mu, in UTF-8
    {"Y", 1e24},      {"Z", 1e21},        {"E", 1e18},        {"P", 1e15},     {"T", 1e12},
    {"G", 1e9},       {"M", 1e6},         {"k", 1e3},         {"h", 1e2},      {"d", 1e-1},
    {"c", 1e-2},      {"m", 1e-3},        {"u", 1e-6},        {"n", 1e-9},     {"p", 1e-12},
    {"f", 1e-15},     {"a", 1e-18},       {"z", 1e-21},       {"y", 1e-24},
};

struct Definition {
    const char* name;
    const char* text;
};

// In order: each text may use the bases and any earlier name. NEURON's conventions where they
// differ from plain SI: "mole" is Avogadro's constant (so that "k-mole" is the gas constant and
// "e-mole" the Faraday constant, as in `FARADAY = (faraday) (coulomb)`), "mhz" is megahertz and
// "cal" the International Table calorie. "g" is the gram (NEURON's file reuses it for standard
// gravity, which no mechanism means).
constexpr Definition kDefinitions[] = {
    // Other names of the base units; degC and degF are temperature differences, without offset.
    {"meter", "m"},
    {"metre", "m"},
    {"micron", "um"},
    {"g", "0.001 kg"},
    {"gram", "g"},
    {"gramme", "g"},
    {"gm", "g"},
    {"sec", "s"},
    {"second", "s"},
    {"amp", "A"},
    {"ampere", "A"},
    {"kelvin", "K"},
    {"degK", "K"},
    {"degC", "K"},
    {"DegC", "K"},
    {"degF", "5|9 K"},
    {"candela", "cd"},
    // Time, length, volume, concentration.
    {"min", "60 s"},
    {"minute", "min"},
    {"h", "3600 s"},
    {"hr", "h"},
    {"hour", "h"},
    {"day", "86400 s"},
    {"angstrom", "1e-10 m"},
    {"L", "0.001 m3"},
    {"l", "L"},
    {"liter", "L"},
    {"litre", "L"},
    {"cc", "cm3"},
    {"M", "mol/L"},
    {"molar", "M"},
    // Mechanics.
    {"N", "kg m/s2"},
    {"newton", "N"},
    {"dyne", "1e-5 N"},
    {"J", "N m"},
    {"joule", "J"},
    {"erg", "1e-7 J"},
    {"cal", "4.1868 J"},
    {"calorie", "cal"},
    {"W", "J/s"},
    {"watt", "W"},
    {"Pa", "N/m2"},
    {"pascal", "Pa"},
    {"bar", "1e5 Pa"},
    {"atm", "101325 Pa"},
    {"atmosphere", "atm"},
    {"torr", "101325|760 Pa"},
    {"mmHg", "133.322387415 Pa"},
    // Electricity.
    {"C", "A s"},
    {"coul", "C"},
    {"coulomb", "C"},
    {"V", "W/A"},
    {"volt", "V"},
    {"ohm", "V/A"},
    {"Ohm", "ohm"},
    {"kilohm", "kohm"},
    {"megohm", "Mohm"},
    {"S", "/ohm"},
    {"siemens", "S"},
    {"mho", "S"},
    {"F", "C/V"},
    {"farad", "F"},
    {"H", "V s/A"},
    {"henry", "H"},
    {"Wb", "V s"},
    {"weber", "Wb"},
    {"T", "Wb/m2"},
    {"tesla", "T"},
    // Frequency.
    {"Hz", "/s"},
    {"hertz", "Hz"},
    {"Hertz", "Hz"},
    {"hz", "Hz"},
    {"khz", "kHz"},
    {"mhz", "MHz"},
    // Dimensionless.
    {"pi", "3.14159265358979323846"},
    {"radian", "1"},
    {"rad", "radian"},
    {"degree", "pi/180"},
    {"steradian", "1"},
    {"sr", "steradian"},
    {"percent", "0.01"},
    {"%", "percent"},
    // Constants, exact in the 2019 SI.
    {"e", "1.602176634e-19 C"},
    {"avogadro", "6.02214076e23 /mol"},
    {"mole", "avogadro"},
    {"faraday", "e mole"},
    {"k", "1.380649e-23 J/K"},
    {"boltzmann", "k"},
    {"gasconstant", "k mole"},
    {"R", "gasconstant"},
    {"c", "299792458 m/s"},
    {"planck", "6.62607015e-34 J s"},
    {"hbar", "planck/2 pi"},
    {"eV", "e V"},
    {"electronvolt", "eV"},
    {"dalton", "1.66053906660e-27 kg"},
    {"Da", "dalton"},
    {"amu", "dalton"},
};

bool is_name_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) || c == '_' || c == '%' || c == '$' || u >= 0x80;
}

bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

struct Number {
    std::size_t length = 0; // 0: no number here
    double value = 0.0;
};

// Reads a decimal number at `i`: "2", ".5", "1e-3", and units(1)'s "1+8" and "1.5-3" (a sign
// straight after the digits starts the exponent, as in NEURON's own demo mechanisms).
Number read_number(std::string_view text, std::size_t i) {
    std::size_t j = i;
    while (j < text.size() && is_digit(text[j]))
        ++j;
    if (j < text.size() && text[j] == '.') {
        ++j;
        while (j < text.size() && is_digit(text[j]))
            ++j;
    }
    if (j == i || (j == i + 1 && text[i] == '.'))
        return {};
    std::string spelling(text.substr(i, j - i));
    // An exponent only when digits follow: "2e" is two elementary charges, "2-mM" is 2 mM.
    std::size_t k = j;
    if (k < text.size() && (text[k] == 'e' || text[k] == 'E'))
        ++k;
    std::size_t sign = k;
    if (k < text.size() && (text[k] == '+' || text[k] == '-'))
        ++k;
    if (k > j && k < text.size() && is_digit(text[k])) {
        spelling += 'e';
        if (sign < k)
            spelling += text[sign];
        while (k < text.size() && is_digit(text[k]))
            spelling += text[k++];
        j = k;
    }
    return {j - i, std::strtod(spelling.c_str(), nullptr)};
}

} // namespace

UnitTable UnitTable::builtin() {
    static const UnitTable table = [] {
        UnitTable t;
        static constexpr const char* kBases[] = {"m", "kg", "s", "A", "K", "mol", "cd"};
        for (std::size_t i = 0; i < std::size(kBases); ++i) {
            Unit base;
            base.exponents[i] = 1;
            t.units_[kBases[i]] = base;
        }
        for (const Definition& def : kDefinitions) {
            std::string error;
            std::optional<Unit> unit = t.parse(def.text, error);
            RANVIER_ASSERT(unit, "bad builtin unit '" + std::string(def.name) + "': " + error);
            t.units_[def.name] = *unit;
        }
        return t;
    }();
    return table;
}

void UnitTable::define(const std::string& name, const Unit& unit) {
    poisoned_.erase(name);
    units_[name] = unit;
}

void UnitTable::poison(const std::string& name) {
    units_.erase(name);
    poisoned_.insert(name);
}

std::optional<Unit> UnitTable::exact(std::string_view name) const {
    auto it = units_.find(name);
    if (it == units_.end())
        return std::nullopt;
    return it->second;
}

std::optional<Unit> UnitTable::exact_or_singular(std::string_view name) const {
    if (std::optional<Unit> unit = exact(name))
        return unit;
    if (name.size() > 1 && name.back() == 's')
        return exact(name.substr(0, name.size() - 1));
    return std::nullopt;
}

// The order matters: "ms" is milli-second, not the plural of "m", so prefixes are tried before
// the singular; a prefix takes only a whole name after it (one prefix, as in units(1)).
std::optional<Unit> UnitTable::lookup(std::string_view name) const {
    if (poisoned_.contains(name))
        return std::nullopt;
    if (std::optional<Unit> unit = exact(name))
        return unit;
    for (const Prefix& prefix : kPrefixes) {
        // A spelled-out prefix alone is a number: (milli/liter) is NEURON's millimolar.
        if (name == prefix.name && name.size() > 2)
            return Unit{prefix.factor, {}};
        if (name.size() <= prefix.name.size() || !name.starts_with(prefix.name))
            continue;
        if (std::optional<Unit> unit = exact_or_singular(name.substr(prefix.name.size()))) {
            unit->factor *= prefix.factor;
            return unit;
        }
    }
    if (name.size() > 1 && name.back() == 's')
        return exact(name.substr(0, name.size() - 1));
    return std::nullopt;
}

// units(1) syntax: factors are numbers ("2", "1e-3", "1|3") or names with an optional power
// ("cm2", "s^2", "ms-1"); blanks, '-', '*' and '.' multiply; after the first '/' every factor
// divides, so "a/b c" is a/(b c) and "1/ms/ms" is 1/ms2.
class UnitTable::Parser {
  public:
    Parser(const UnitTable& table, std::string_view text, std::string& error)
        : table_(table), text_(text), error_(error) {}

    std::optional<Unit> run() {
        Unit result;
        bool denominator = false;
        while (i_ < text_.size()) {
            char c = text_[i_];
            if (c == '/' || c == ' ' || c == '\t' || c == '-' || c == '*' ||
                (c == '.' && read_number(text_, i_).length == 0)) {
                denominator = denominator || c == '/';
                ++i_;
                continue;
            }
            std::optional<Unit> term = factor();
            if (!term || !power(*term))
                return std::nullopt;
            result = denominator ? result / *term : result * *term;
        }
        return result;
    }

  private:
    std::optional<Unit> factor() {
        if (Number number = read_number(text_, i_); number.length > 0) {
            Unit term{number.value, {}};
            i_ += number.length;
            if (i_ < text_.size() && text_[i_] == '|') {
                Number below = read_number(text_, i_ + 1);
                if (below.length == 0) {
                    return fail("expected a number after '|' in unit '" + whole() + "'");
                }
                term.factor /= below.value;
                i_ += 1 + below.length;
            }
            return term;
        }
        if (!is_name_char(text_[i_])) {
            return fail("unexpected '" + std::string(1, text_[i_]) + "' in unit '" + whole() + "'");
        }
        std::size_t start = i_;
        while (i_ < text_.size() && is_name_char(text_[i_]))
            ++i_;
        std::string_view name = text_.substr(start, i_ - start);
        std::optional<Unit> unit = table_.lookup(name);
        if (!unit) {
            if (table_.is_poisoned(name))
                return std::nullopt; // reported where it was defined
            std::string message = "unknown unit '" + std::string(name) + "'";
            return fail(name == text_ ? message : message + " in '" + whole() + "'");
        }
        // Trailing digits are a power: "cm2", "um3". So is "-n" right after a name, the SI
        // spelling "ms-1" (which NEURON's parser drops, reading plain ms): no one writes it to
        // mean ms times 1.
        std::size_t digits = i_;
        if (i_ + 1 < text_.size() && text_[i_] == '-' && is_digit(text_[i_ + 1]))
            ++i_;
        while (i_ < text_.size() && is_digit(text_[i_]))
            ++i_;
        if (i_ > digits) {
            std::optional<int> n = to_power(text_.substr(digits, i_ - digits));
            if (!n)
                return fail("unit power too large in '" + whole() + "'");
            *unit = pow(*unit, *n);
        }
        return unit;
    }

    // An optional "^n" or "^-n" after a factor.
    bool power(Unit& term) {
        if (i_ >= text_.size() || text_[i_] != '^')
            return true;
        std::size_t start = ++i_;
        if (i_ < text_.size() && (text_[i_] == '-' || text_[i_] == '+'))
            ++i_;
        std::size_t digits = i_;
        while (i_ < text_.size() && is_digit(text_[i_]))
            ++i_;
        if (i_ == digits) {
            fail("expected an integer power after '^' in unit '" + whole() + "'");
            return false;
        }
        std::optional<int> n = to_power(text_.substr(start, i_ - start));
        if (!n) {
            fail("unit power too large in '" + whole() + "'");
            return false;
        }
        term = pow(term, *n);
        return true;
    }

    std::optional<Unit> fail(std::string message) {
        error_ = std::move(message);
        return std::nullopt;
    }
    std::string whole() const { return std::string(text_); }
    // A power as written ("2", "-1", "+3"); nullopt beyond kMaxPower, which no physical unit
    // needs and which keeps exponent arithmetic far from overflow (a fuzzer finding: cm1249946282).
    static std::optional<int> to_power(std::string_view text) {
        constexpr int kMaxPower = 64;
        int sign = 1;
        if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
            sign = text[0] == '-' ? -1 : 1;
            text.remove_prefix(1);
        }
        int value = 0;
        for (char c : text) {
            value = value * 10 + (c - '0');
            if (value > kMaxPower)
                return std::nullopt;
        }
        return sign * value;
    }

    const UnitTable& table_;
    std::string_view text_;
    std::string& error_;
    std::size_t i_ = 0;
};

bool UnitTable::is_poisoned(std::string_view name) const {
    if (poisoned_.contains(name))
        return true;
    for (const Prefix& prefix : kPrefixes) {
        if (name.starts_with(prefix.name) && poisoned_.contains(name.substr(prefix.name.size()))) {
            return true;
        }
    }
    return false;
}

std::optional<Unit> UnitTable::parse(std::string_view text, std::string& error) const {
    error.clear();
    std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return Unit{};
    text = text.substr(first, text.find_last_not_of(" \t") - first + 1);
    // A UNITS-block alias may be any text, "(mA/cm2) = (...)" included.
    if (std::optional<Unit> unit = exact(text))
        return unit;
    if (poisoned_.contains(text))
        return std::nullopt;
    return Parser(*this, text, error).run();
}

} // namespace ranvier::sema
