// Tests for sema/units: the unit algebra and the units(1)-style parser with Ranvier's database.
// Expected values are SI facts; the constants are the exact 2019-SI values NEURON 8 uses.
#include "sema/units.h"

#include <gtest/gtest.h>

#include <numbers>

namespace ranvier::sema {
namespace {

// The unit for `text`, failing the test when it does not parse.
Unit parse(std::string_view text, const UnitTable& table = UnitTable::builtin()) {
    std::string error;
    std::optional<Unit> unit = table.parse(text, error);
    EXPECT_TRUE(unit.has_value()) << "'" << text << "': " << error;
    EXPECT_TRUE(error.empty());
    return unit.value_or(Unit{});
}

std::string parse_error(std::string_view text, const UnitTable& table = UnitTable::builtin()) {
    std::string error;
    std::optional<Unit> unit = table.parse(text, error);
    EXPECT_FALSE(unit.has_value()) << "'" << text << "' parsed as " << describe(*unit);
    return error;
}

// factor * m^m kg^kg s^s A^a K^k mol^mol
Unit si(double factor, int m, int kg, int s, int a, int k = 0, int mol = 0) {
    return Unit{factor, {m, kg, s, a, k, mol, 0}};
}

// For EXPECT_PRED_FORMAT2: passes when the units are the same, else shows both.
testing::AssertionResult SameUnit(const char* actual_text, const char* expected_text,
                                  const Unit& actual, const Unit& expected) {
    if (actual.same_as(expected))
        return testing::AssertionSuccess();
    return testing::AssertionFailure() << actual_text << " is " << describe(actual) << ", not "
                                       << describe(expected) << " (" << expected_text << ")";
}

TEST(Unit, AlgebraAndPrinting) {
    Unit volt = si(1, 2, 1, -3, -1);
    Unit ampere = si(1, 0, 0, 0, 1);
    EXPECT_EQ(volt.dimension_string(), "m2 kg s-3 A-1");
    EXPECT_EQ(Unit{}.dimension_string(), "1");
    EXPECT_TRUE(Unit{}.dimensionless());
    EXPECT_FALSE(volt.dimensionless());
    EXPECT_PRED_FORMAT2(SameUnit, volt * ampere, si(1, 2, 1, -3, 0));
    EXPECT_PRED_FORMAT2(SameUnit, volt / volt, Unit{});
    EXPECT_PRED_FORMAT2(SameUnit, pow(si(0.01, 1, 0, 0, 0), 2), si(1e-4, 2, 0, 0, 0));
    EXPECT_PRED_FORMAT2(SameUnit, pow(si(1e-3, 0, 0, 1, 0), -1), si(1e3, 0, 0, -1, 0));
    EXPECT_TRUE(si(1, 1, 0, 0, 0).same_dimension(si(5, 1, 0, 0, 0)));
    EXPECT_FALSE(si(1, 1, 0, 0, 0).same_as(si(1 + 1e-6, 1, 0, 0, 0)));
    EXPECT_TRUE(si(1, 1, 0, 0, 0).same_as(si(1 + 1e-12, 1, 0, 0, 0)));
    EXPECT_EQ(describe(si(10, -2, 0, 0, 1)), "10 m-2 A");
    EXPECT_EQ(describe(si(1e-3, 2, 1, -3, -1)), "0.001 m2 kg s-3 A-1");
    EXPECT_EQ(describe(si(1e7, 0, 0, 0, 0)), "1e+07");
}

TEST(UnitTable, NeuronUnitsHaveTheirSIValues) {
    EXPECT_PRED_FORMAT2(SameUnit, parse("mA/cm2"), si(10, -2, 0, 0, 1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("S/cm2"), si(1e4, -4, -1, 3, 2));
    EXPECT_PRED_FORMAT2(SameUnit, parse("mV"), si(1e-3, 2, 1, -3, -1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("ms"), si(1e-3, 0, 0, 1, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("um"), si(1e-6, 1, 0, 0, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("um2"), si(1e-12, 2, 0, 0, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("mM"), si(1, -3, 0, 0, 0, 0, 1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("mM/ms"), si(1e3, -3, 0, -1, 0, 0, 1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("degC"), si(1, 0, 0, 0, 0, 1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("uS"), si(1e-6, -2, -1, 3, 2));
    EXPECT_PRED_FORMAT2(SameUnit, parse("nA"), si(1e-9, 0, 0, 0, 1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("pF"), si(1e-12, -2, -1, 4, 2));
    EXPECT_PRED_FORMAT2(SameUnit, parse("nF"), si(1e-9, -2, -1, 4, 2));
    EXPECT_PRED_FORMAT2(SameUnit, parse("Hz"), si(1, 0, 0, -1, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("kHz"), si(1e3, 0, 0, -1, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("ohm cm"), si(1e-2, 3, 1, -3, -2));
}

TEST(UnitTable, ConductanceTimesVoltageIsCurrentDensity) {
    // mV has the dimension of (mA/cm2) / (S/cm2), and the factors agree exactly.
    Unit ratio = parse("mA/cm2") / parse("S/cm2");
    EXPECT_TRUE(parse("mV").same_dimension(ratio));
    EXPECT_PRED_FORMAT2(SameUnit, parse("mV"), ratio);
    EXPECT_PRED_FORMAT2(SameUnit, parse("uS") * parse("mV"), parse("nA"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("pF") * parse("mV") / parse("ms"), parse("pA"));
}

TEST(UnitTable, SynonymsAgree) {
    const char* pairs[][2] = {
        {"mho", "S"},           {"siemens", "S"},     {"ohm", "V/A"},        {"volt", "V"},
        {"amp", "A"},           {"ampere", "A"},      {"farad", "F"},        {"coul", "C"},
        {"coulomb", "A s"},     {"joule", "J"},       {"watt", "J/s"},       {"hertz", "Hz"},
        {"gram", "g"},          {"g", "0.001 kg"},    {"liter", "L"},        {"l", "L"},
        {"L", "dm3"},           {"meter", "m"},       {"micron", "um"},      {"sec", "s"},
        {"second", "s"},        {"molar", "M"},       {"M", "mol/liter"},    {"kelvin", "K"},
        {"degC", "K"},          {"ohm-cm", "ohm cm"}, {"micromolar", "uM"},  {"mM", "mmol/L"},
        {"kilocoulombs", "kC"}, {"megohm", "Mohm"},   {"MOhm", "Mohm"},      {"kohm", "kiloohm"},
        {"nM", "nanomolar"},    {"msec", "ms"},       {"us", "microsecond"}, {"\xC2\xB5m", "um"},
    };
    for (const auto& [a, b] : pairs) {
        EXPECT_PRED_FORMAT2(SameUnit, parse(a), parse(b)) << a << " vs " << b;
    }
}

TEST(UnitTable, PrefixedUnitsParse) {
    for (const char* text : {"mA", "nA",  "pA",  "uA",   "mM", "uM", "nM",  "mV",  "uS", "mS",
                             "pS", "nS",  "uF",  "pF",   "nF", "ms", "us",  "um",  "nm", "cm",
                             "mm", "kHz", "mol", "mmol", "kg", "fl", "MHz", "GOhm"}) {
        std::string error;
        EXPECT_TRUE(UnitTable::builtin().parse(text, error)) << text << ": " << error;
    }
    EXPECT_PRED_FORMAT2(SameUnit, parse("milliamp"), parse("mA"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("microfarad"), parse("uF"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("kilohertz"), parse("kHz"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("nanometer"), parse("nm"));
    // "ms" is a millisecond, not the plural of the metre.
    EXPECT_PRED_FORMAT2(SameUnit, parse("ms"), si(1e-3, 0, 0, 1, 0));
    // A spelled-out prefix alone is a number: NEURON's (mM) = (milli/liter).
    EXPECT_PRED_FORMAT2(SameUnit, parse("milli/liter"), si(1, -3, 0, 0, 0));
}

TEST(UnitTable, PluralsAreStripped) {
    EXPECT_PRED_FORMAT2(SameUnit, parse("coulombs"), parse("coulomb"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("kilocoulombs"), si(1e3, 0, 0, 1, 1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("seconds"), parse("s"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("microns"), parse("um"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("ohms"), parse("ohm"));
}

TEST(UnitTable, SyntaxFollowsUnits1) {
    EXPECT_PRED_FORMAT2(SameUnit, parse("1/ms"), si(1e3, 0, 0, -1, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("/ms"), parse("1/ms"));
    // '/' divides everything after it: a/b c = a/(b c).
    EXPECT_PRED_FORMAT2(SameUnit, parse("/mM-ms"), pow(parse("mM") * parse("ms"), -1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("mA/cm2-mM"), parse("mA") / (parse("cm2") * parse("mM")));
    EXPECT_PRED_FORMAT2(SameUnit, parse("joule/degC mol"), parse("J") / parse("K") / parse("mol"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("1/ms/ms"), si(1e6, 0, 0, -2, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("m/s2"), si(1, 1, 0, -2, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("cm2/s"), si(1e-4, 2, 0, -1, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("cm^2"), parse("cm2"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("s^-1"), parse("Hz"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("k-mole"), parse("k") * parse("mole"));
    // A signed power straight after a name, as SI writes it ("ms-1"); '-' before a name
    // still multiplies.
    EXPECT_PRED_FORMAT2(SameUnit, parse("ms-1"), parse("/ms"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("mA.cm-2"), parse("mA/cm2"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("S cm-2"), parse("S/cm2"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("  mV  "), parse("mV"));
}

TEST(UnitTable, NumbersAreFactors) {
    EXPECT_PRED_FORMAT2(SameUnit, parse("1"), Unit{});
    EXPECT_PRED_FORMAT2(SameUnit, parse(""), Unit{});
    EXPECT_PRED_FORMAT2(SameUnit, parse("1e-3"), si(1e-3, 0, 0, 0, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("2.5e+2 ms"), si(0.25, 0, 0, 1, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse(".5"), si(0.5, 0, 0, 0, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("1|4 m"), si(0.25, 1, 0, 0, 0));
    // units(1) exponents, as in NEURON's demo mechanisms: 1+8 is 1e8.
    EXPECT_PRED_FORMAT2(SameUnit, parse("1+8 um5/ms"), si(1e8 * 1e-30 / 1e-3, 5, 0, -1, 0));
    EXPECT_PRED_FORMAT2(SameUnit, parse("10000 coulomb"), si(1e4, 0, 0, 1, 1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("2-mM"), si(2, -3, 0, 0, 0, 0, 1));
}

TEST(UnitTable, ConstantsAreExact2019SI) {
    EXPECT_PRED_FORMAT2(SameUnit, parse("e"), si(1.602176634e-19, 0, 0, 1, 1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("avogadro"), si(6.02214076e23, 0, 0, 0, 0, 0, -1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("mole"), parse("avogadro"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("k"), si(1.380649e-23, 2, 1, -2, 0, -1));
    EXPECT_PRED_FORMAT2(SameUnit, parse("pi"), si(std::numbers::pi, 0, 0, 0, 0));
    // NEURON's FARADAY = (faraday) (coulomb) is 96485.3321233100 and R = (k-mole) (joule/degC)
    // is 8.31446261815324 (nocmodl's generated C for NEURON 8.2).
    Unit faraday = parse("faraday");
    EXPECT_NEAR(faraday.factor, 96485.3321233100141, 1e-9);
    EXPECT_TRUE(faraday.same_dimension(parse("coulomb/mol")));
    EXPECT_NEAR((parse("faraday") / parse("kilocoulombs")).factor, 96.4853321233100161, 1e-12);
    EXPECT_NEAR(parse("k-mole").factor, 8.3144626181532395, 1e-12);
    EXPECT_TRUE(parse("k-mole").same_dimension(parse("joule/degC mol")));
    EXPECT_PRED_FORMAT2(SameUnit, parse("R"), parse("k-mole"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("gasconstant"), parse("k-mole"));
}

TEST(UnitTable, UnknownUnitsAreReported) {
    EXPECT_EQ(parse_error("mAA"), "unknown unit 'mAA'");
    EXPECT_EQ(parse_error("mA/xyz2"), "unknown unit 'xyz' in 'mA/xyz2'");
    EXPECT_EQ(parse_error("mv"), "unknown unit 'mv'");
    EXPECT_EQ(parse_error("mV+1"), "unexpected '+' in unit 'mV+1'");
    EXPECT_EQ(parse_error("cm^"), "expected an integer power after '^' in unit 'cm^'");
    EXPECT_EQ(parse_error("1|"), "expected a number after '|' in unit '1|'");
}

TEST(UnitTable, DefineAddsAliases) {
    UnitTable table = UnitTable::builtin();
    table.define("msM", parse("ms mM"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("msM", table), parse("ms") * parse("mM"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("/msM", table), pow(parse("ms") * parse("mM"), -1));
    // A redefinition is seen by names built on it: molar without moles, as NEURON files write.
    table.define("molar", parse("1/liter"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("millimolar", table), si(1, -3, 0, 0, 0));
    // Any text may be an alias.
    table.define("mA/cm2", parse("A/m2"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("mA/cm2", table), si(1, -2, 0, 0, 1));
    // The builtin table itself is unchanged.
    EXPECT_PRED_FORMAT2(SameUnit, parse("molar"), si(1e3, -3, 0, 0, 0, 0, 1));
}

TEST(UnitTable, PoisonedNamesFailQuietly) {
    UnitTable table = UnitTable::builtin();
    table.poison("mV");
    std::string error = "stale";
    EXPECT_FALSE(table.parse("mV", error));
    EXPECT_EQ(error, "");
    EXPECT_FALSE(table.parse("mV/ms", error));
    EXPECT_EQ(error, "");
    EXPECT_FALSE(table.parse("xyz", error));
    EXPECT_EQ(error, "unknown unit 'xyz'");
    table.define("mV", parse("millivolt"));
    EXPECT_PRED_FORMAT2(SameUnit, parse("mV", table), si(1e-3, 2, 1, -3, -1));
}

} // namespace
} // namespace ranvier::sema

namespace ranvier::sema {
namespace {

// A fuzzer finding: a huge written power overflowed the exponent arithmetic.
TEST(Units, HugePowersAreRejectedNotOverflowed) {
    UnitTable table = UnitTable::builtin();
    std::string error;
    EXPECT_FALSE(table.parse("cm1249946282", error));
    EXPECT_NE(error.find("unit power too large"), std::string::npos) << error;
    EXPECT_FALSE(table.parse("m^-99999999999", error));
    ASSERT_TRUE(table.parse("cm64", error)) << error;
    EXPECT_EQ(table.parse("cm64", error)->exponents[0], 64);
}

} // namespace
} // namespace ranvier::sema
