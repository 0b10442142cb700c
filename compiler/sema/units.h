// Unit algebra for the units checker (sema/unit_check): a Unit is a factor times a product of
// powers of the SI base units, and a UnitTable turns unit text as written in NMODL, "mA/cm2",
// "/mM-ms", "k-mole", into one. The syntax is that of units(1), which NEURON's nocmodl and
// modlunit read: juxtaposition or '-' multiplies, the first '/' puts everything after it in the
// denominator, trailing digits are powers ("cm2"), names take SI prefixes and plural 's'.
// The database is Ranvier's own, written from SI definitions and CODATA 2018 (the exact 2019 SI
// constants, which NEURON 8 uses by default), with NEURON's names for constants such as faraday,
// k-mole and R.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace ranvier::sema {

// Indices into Unit::exponents.
enum class BaseDim { Meter, Kilogram, Second, Ampere, Kelvin, Mole, Candela };

struct Unit {
    double factor = 1.0;            // value in SI base units of 1 of this unit
    std::array<int, 7> exponents{}; // m, kg, s, A, K, mol, cd

    bool dimensionless() const;
    bool same_dimension(const Unit& other) const;
    // Same dimension and factor within 1e-9 relative.
    bool same_as(const Unit& other) const;
    // "m2 kg s-3 A-1"; "1" for a dimensionless unit.
    std::string dimension_string() const;

    int& exponent(BaseDim dim) { return exponents[static_cast<std::size_t>(dim)]; }
    int exponent(BaseDim dim) const { return exponents[static_cast<std::size_t>(dim)]; }
};

Unit operator*(const Unit& a, const Unit& b);
Unit operator/(const Unit& a, const Unit& b);
Unit pow(const Unit& unit, int power);
// The factor and dimension together, for messages: "0.001 m2 kg s-3 A-1", "10 m-2 A", "1000".
std::string describe(const Unit& unit);
// True when factors agree within 1e-9 relative (the tolerance of Unit::same_as).
bool same_factor(double a, double b);

class UnitTable {
  public:
    // The NEURON-compatible database. Built once; each call returns a copy that a file's UNITS
    // block may then extend.
    static UnitTable builtin();

    // Parses a unit as written between parentheses in NMODL. Returns nullopt on failure with
    // `error` set ("unknown unit 'mAA'"), or left empty when the failure comes from a poisoned
    // name whose own error was already reported.
    std::optional<Unit> parse(std::string_view text, std::string& error) const;

    // A UNITS-block alias: (mV) = (millivolt) makes "mV" mean millivolt in this file. Later
    // definitions replace earlier ones, as in modlunit.
    void define(const std::string& name, const Unit& unit);
    // Marks a name whose definition was broken (and reported): texts that use it fail quietly.
    void poison(const std::string& name);

    // One name: exact, then a spelled-out prefix alone ("milli", a number), then a prefix with
    // a name (or its singular), then the singular.
    std::optional<Unit> lookup(std::string_view name) const;

  private:
    class Parser;

    std::optional<Unit> exact(std::string_view name) const;
    std::optional<Unit> exact_or_singular(std::string_view name) const;
    // Poisoned itself, or a prefix on a poisoned name.
    bool is_poisoned(std::string_view name) const;

    std::map<std::string, Unit, std::less<>> units_;
    std::set<std::string, std::less<>> poisoned_;
};

} // namespace ranvier::sema
