// Tests for sema/unit_check: modlunit's rules over small ASTs built by hand (independent of the
// parser). Every node the builder makes sits on a line of its own, so a diagnostic's line says
// which node it points at.
#include "sema/unit_check.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>

namespace ranvier::sema {
namespace {

using ast::BinaryOp;

// ---------------------------------------------------------------------------------------------
// A tiny AST builder

std::uint32_t g_line = 0;

SourceRange next_range() {
    ++g_line;
    return {{0, g_line, 1}, {0, g_line, 1}};
}

// An expression under construction; operators build binary nodes.
struct E {
    ast::ExprPtr ptr;
    std::uint32_t line() const { return ptr->range.begin.line; }
};

E num(double value, std::optional<std::string> unit = std::nullopt) {
    auto n = std::make_unique<ast::NumberExpr>();
    n->range = next_range();
    n->number = {std::to_string(value), value, n->range};
    if (unit)
        n->unit = ast::UnitText{*unit, n->range};
    return {std::move(n)};
}

E var(std::string name, int primes = 0) {
    auto v = std::make_unique<ast::VarExpr>();
    v->range = next_range();
    v->name = {std::move(name), v->range};
    v->primes = primes;
    return {std::move(v)};
}

E binary(BinaryOp op, E a, E b) {
    auto e = std::make_unique<ast::BinaryExpr>();
    e->op = op;
    e->lhs = std::move(a.ptr);
    e->rhs = std::move(b.ptr);
    e->range = next_range();
    return {std::move(e)};
}

E operator+(E a, E b) {
    return binary(BinaryOp::Add, std::move(a), std::move(b));
}
E operator-(E a, E b) {
    return binary(BinaryOp::Sub, std::move(a), std::move(b));
}
E operator*(E a, E b) {
    return binary(BinaryOp::Mul, std::move(a), std::move(b));
}
E operator/(E a, E b) {
    return binary(BinaryOp::Div, std::move(a), std::move(b));
}
E operator^(E a, E b) {
    return binary(BinaryOp::Pow, std::move(a), std::move(b));
}
E operator<(E a, E b) {
    return binary(BinaryOp::Lt, std::move(a), std::move(b));
}

E operator-(E a) {
    auto e = std::make_unique<ast::UnaryExpr>();
    e->op = ast::UnaryOp::Neg;
    e->operand = std::move(a.ptr);
    e->range = next_range();
    return {std::move(e)};
}

template <class... Args> E call(std::string name, Args... args) {
    auto c = std::make_unique<ast::CallExpr>();
    c->range = next_range();
    c->callee = {std::move(name), c->range};
    (c->args.push_back(std::move(args.ptr)), ...);
    return {std::move(c)};
}

ast::StmtPtr assign(std::string name, E rhs, int primes = 0) {
    auto s = std::make_unique<ast::AssignStmt>();
    E lhs = var(std::move(name), primes);
    s->lhs.reset(static_cast<ast::VarExpr*>(lhs.ptr.release()));
    s->rhs = std::move(rhs.ptr);
    s->range = next_range();
    return s;
}

ast::StmtPtr local(std::initializer_list<const char*> names) {
    auto s = std::make_unique<ast::LocalStmt>();
    s->range = next_range();
    for (const char* name : names)
        s->names.push_back({{name, s->range}, std::nullopt});
    return s;
}

ast::StmtPtr units_switch(bool on) {
    auto s = std::make_unique<ast::UnitsSwitchStmt>();
    s->on = on;
    s->range = next_range();
    return s;
}

ast::StmtPtr verbatim() {
    auto s = std::make_unique<ast::TextStmt>();
    s->text_kind = ast::TextKind::Verbatim;
    s->range = next_range();
    return s;
}

ast::StmtPtr expr_stmt_if(E condition) {
    auto s = std::make_unique<ast::IfStmt>();
    s->condition = std::move(condition.ptr);
    s->range = next_range();
    return s;
}

template <class... S> ast::Block block(S... stmts) {
    ast::Block b;
    (b.stmts.push_back(std::move(stmts)), ...);
    return b;
}

// A declaration: "x" without unit, or {"x", "mV"}.
struct Decl {
    const char* name;
    const char* unit = nullptr;
};

ast::ItemPtr decls(ast::DeclKind kind, std::initializer_list<Decl> list) {
    auto item = std::make_unique<ast::DeclItem>();
    item->decl_kind = kind;
    for (const Decl& d : list) {
        ast::DeclEntry entry;
        entry.decl.emplace();
        entry.decl->range = next_range();
        entry.decl->name = {d.name, entry.decl->range};
        if (d.unit)
            entry.decl->unit = ast::UnitText{d.unit, entry.decl->range};
        item->entries.push_back(std::move(entry));
    }
    return item;
}

ast::ItemPtr parameters(std::initializer_list<Decl> list) {
    return decls(ast::DeclKind::Parameter, list);
}
ast::ItemPtr assigned(std::initializer_list<Decl> list) {
    return decls(ast::DeclKind::Assigned, list);
}

ast::UnitsEntry alias(const char* name, const char* unit) {
    ast::UnitsEntry e;
    e.kind = ast::UnitsEntryKind::Alias;
    e.range = next_range();
    e.alias = ast::UnitText{name, e.range};
    e.unit = ast::UnitText{unit, e.range};
    return e;
}

// FARADAY = (faraday) (coulomb)
ast::UnitsEntry constant(const char* name, const char* unit, const char* target) {
    ast::UnitsEntry e;
    e.kind = ast::UnitsEntryKind::NamedUnit;
    e.range = next_range();
    e.name = ast::Identifier{name, e.range};
    e.unit = ast::UnitText{unit, e.range};
    if (target)
        e.target = ast::UnitText{target, e.range};
    return e;
}

template <class... U> ast::ItemPtr units(U... entries) {
    auto item = std::make_unique<ast::UnitsItem>();
    (item->entries.push_back(std::move(entries)), ...);
    return item;
}

ast::NeuronStmt neuron_stmt(ast::NeuronStmtKind kind, const char* name) {
    ast::NeuronStmt s;
    s.kind = kind;
    s.range = next_range();
    s.name = ast::Identifier{name, s.range};
    return s;
}

// NEURON { SUFFIX/POINT_PROCESS name  USEION ion ... }
ast::ItemPtr neuron(bool point_process, std::initializer_list<const char*> ions = {}) {
    auto item = std::make_unique<ast::NeuronItem>();
    item->stmts.push_back(neuron_stmt(
        point_process ? ast::NeuronStmtKind::PointProcess : ast::NeuronStmtKind::Suffix, "test"));
    for (const char* ion : ions)
        item->stmts.push_back(neuron_stmt(ast::NeuronStmtKind::UseIon, ion));
    return item;
}

ast::ItemPtr procedural(ast::ProceduralKind kind, ast::Block body) {
    auto item = std::make_unique<ast::ProceduralItem>();
    item->block_kind = kind;
    item->body = std::move(body);
    return item;
}

template <class... S> ast::ItemPtr breakpoint(S... stmts) {
    return procedural(ast::ProceduralKind::Breakpoint, block(std::move(stmts)...));
}

template <class... S> ast::ItemPtr derivative(S... stmts) {
    auto item = std::make_unique<ast::NamedItem>();
    item->block_kind = ast::NamedKind::Derivative;
    item->name = {"states", next_range()};
    item->body = block(std::move(stmts)...);
    return item;
}

ast::ItemPtr callable(ast::CallableKind kind, const char* name, std::initializer_list<Decl> formals,
                      const char* unit, ast::Block body) {
    auto item = std::make_unique<ast::CallableItem>();
    item->callable_kind = kind;
    item->range = next_range();
    item->name = {name, item->range};
    for (const Decl& d : formals) {
        ast::Formal f;
        f.name = {d.name, item->range};
        if (d.unit)
            f.unit = ast::UnitText{d.unit, item->range};
        item->formals.push_back(std::move(f));
    }
    if (unit)
        item->unit = ast::UnitText{unit, item->range};
    item->body = std::move(body);
    return item;
}

ast::ItemPtr units_switch_item(bool on) {
    auto item = std::make_unique<ast::UnitsSwitchItem>();
    item->on = on;
    return item;
}

template <class... I> std::unique_ptr<ast::Module> module(I... items) {
    auto m = std::make_unique<ast::Module>();
    (m->items.push_back(std::move(items)), ...);
    return m;
}

// The UNITS block of most NEURON mechanisms.
ast::ItemPtr standard_units() {
    return units(alias("mA", "milliamp"), alias("mV", "millivolt"), alias("S", "siemens"),
                 alias("mM", "milli/liter"), alias("um", "micron"));
}

// ---------------------------------------------------------------------------------------------
// Running the checker

std::vector<Diagnostic> check(const ast::Module& m, UnitsMode mode = UnitsMode::Warn) {
    SourceManager sources;
    DiagnosticEngine diags(sources);
    check_units(m, diags, mode);
    return diags.diagnostics();
}

std::string listing(const std::vector<Diagnostic>& diags) {
    std::string out;
    for (const Diagnostic& d : diags) {
        out += std::string(severity_name(d.severity)) + " @" + std::to_string(d.range.begin.line) +
               ": " + d.message + "\n";
    }
    return out.empty() ? "(none)" : out;
}

std::size_t count(const std::vector<Diagnostic>& diags, Severity severity) {
    std::size_t n = 0;
    for (const Diagnostic& d : diags)
        n += d.severity == severity;
    return n;
}

// The one diagnostic of `severity` (notes aside), whose message must contain `text`.
testing::AssertionResult only(const std::vector<Diagnostic>& diags, Severity severity,
                              const std::string& text) {
    std::size_t others = 0;
    const Diagnostic* found = nullptr;
    for (const Diagnostic& d : diags) {
        if (d.severity == Severity::Note)
            continue;
        if (d.severity == severity && d.message.find(text) != std::string::npos && !found) {
            found = &d;
        } else {
            ++others;
        }
    }
    if (found && others == 0)
        return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "expected only " << severity_name(severity) << " '" << text << "', got:\n"
           << listing(diags);
}

testing::AssertionResult none(const std::vector<Diagnostic>& diags) {
    if (diags.empty())
        return testing::AssertionSuccess();
    return testing::AssertionFailure() << listing(diags);
}

// ---------------------------------------------------------------------------------------------
// Tests

TEST(UnitCheck, HodgkinHuxleyIsClean) {
    auto m =
        module(standard_units(), neuron(false, {"na"}), parameters({{"gnabar", "S/cm2"}}),
               decls(ast::DeclKind::State, {{"m"}, {"h"}}), assigned({{"minf"}, {"mtau", "ms"}}),
               breakpoint(assign("ina", var("gnabar") * (var("m") ^ num(3)) * var("h") *
                                            (var("v") - var("ena")))),
               derivative(assign("m", (var("minf") - var("m")) / var("mtau"), 1)));
    EXPECT_TRUE(none(check(*m)));
}

TEST(UnitCheck, AssignmentMismatchIsAWarningOrAnError) {
    auto make = [] {
        return module(standard_units(), neuron(false, {"na"}), breakpoint(assign("ina", var("v"))));
    };
    EXPECT_TRUE(only(check(*make()), Severity::Warning,
                     "unit mismatch: 'ina' in (mA/cm2) assigned a value in (mV)"));
    EXPECT_TRUE(only(check(*make(), UnitsMode::Strict), Severity::Error,
                     "unit mismatch: 'ina' in (mA/cm2) assigned a value in (mV)"));
    EXPECT_TRUE(none(check(*make(), UnitsMode::Off)));
}

TEST(UnitCheck, MismatchPointsAtTheValueAndExplainsInSIUnits) {
    E rhs = var("v");
    std::uint32_t line = rhs.line();
    auto m =
        module(standard_units(), neuron(false, {"na"}), breakpoint(assign("ina", std::move(rhs))));
    std::vector<Diagnostic> diags = check(*m);
    ASSERT_EQ(diags.size(), 2u) << listing(diags);
    EXPECT_EQ(diags[0].range.begin.line, line);
    EXPECT_EQ(diags[1].severity, Severity::Note);
    EXPECT_EQ(diags[1].message,
              "in SI base units, (mA/cm2) is 10 m-2 A and (mV) is 0.001 m2 kg s-3 A-1");
}

// Unknown units are reported even inside UNITSOFF; like mismatches they are warnings by default
// (nocmodl accepts them) and errors with --units=strict.
TEST(UnitCheck, UnknownUnitsAreReportedInEveryModeButOff) {
    auto make = [] {
        return module(units_switch_item(false), parameters({{"x", "xyz"}}),
                      assigned({{"y", "mV/mAA"}}));
    };
    for (auto [mode, severity] : {std::pair{UnitsMode::Warn, Severity::Warning},
                                  std::pair{UnitsMode::Strict, Severity::Error}}) {
        std::vector<Diagnostic> diags = check(*make(), mode);
        EXPECT_EQ(count(diags, severity), 2u) << listing(diags);
        EXPECT_EQ(diags.at(0).message, "unknown unit 'xyz'");
        EXPECT_EQ(diags.at(1).message, "unknown unit 'mAA' in 'mV/mAA'");
    }
    EXPECT_TRUE(none(check(*make(), UnitsMode::Off)));
}

TEST(UnitCheck, UnknownUnitInANumberIsReported) {
    auto m = module(breakpoint(assign("x", num(2, "mVV"))));
    EXPECT_TRUE(only(check(*m, UnitsMode::Strict), Severity::Error, "unknown unit 'mVV'"));
    EXPECT_TRUE(only(check(*m), Severity::Warning, "unknown unit 'mVV'"));
}

TEST(UnitCheck, FactorOnlyMismatchNeedsAConversionFactor) {
    auto m = module(standard_units(), assigned({{"x", "volt"}}), breakpoint(assign("x", var("v"))));
    EXPECT_TRUE(only(check(*m), Severity::Warning,
                     "conversion factor needed: 'x' in (volt) assigned a value in (mV); "
                     "multiply the value by 0.001"));
}

TEST(UnitCheck, BareNumbersAdaptToTheirContext) {
    auto m =
        module(standard_units(), neuron(false, {"na"}), parameters({{"g", "S/cm2"}}),
               assigned({{"x", "volt"}}),
               breakpoint(assign("ina", num(0)),                          // any unit
                          assign("ina", var("g") * (var("v") + num(65))), // 65 mV
                          assign("x", var("v") * num(1e-3)),              // a conversion factor
                          assign("x", num(1e-3) * var("v")), expr_stmt_if(var("v") < num(-20))));
    EXPECT_TRUE(none(check(*m)));
}

TEST(UnitCheck, OrdinaryNumbersKeepFactorsChecked) {
    // 2 is a quantity, not a conversion: 2 mV is still not in volts.
    auto m = module(standard_units(), assigned({{"x", "volt"}}),
                    breakpoint(assign("x", num(2) * var("v"))));
    EXPECT_TRUE(only(check(*m), Severity::Warning, "conversion factor needed: 'x' in (volt)"));
}

TEST(UnitCheck, CalciumPoolWithFaradayIsClean) {
    // NEURON's cad.mod: drive = -(1e4)*ica/(2*FARADAY*depth), moles not tracked.
    auto m = module(
        units(alias("mM", "milli/liter"), alias("mA", "milliamp"), alias("um", "micron"),
              constant("FARADAY", "faraday", "coulomb")),
        neuron(false, {"ca"}), parameters({{"depth", "um"}, {"taur", "ms"}, {"cainf", "mM"}}),
        assigned({{"drive", "mM/ms"}}),
        derivative(
            assign("drive", -num(1e4) * var("ica") / (num(2) * var("FARADAY") * var("depth"))),
            assign("cai", var("drive") + (var("cainf") - var("cai")) / var("taur"), 1)));
    EXPECT_TRUE(none(check(*m)));
}

TEST(UnitCheck, UndeclaredMillimolarStillMeetsFaraday) {
    // Without a UNITS block: builtin mM carries mol, FARADAY (coulomb) does not; NEURON ignores
    // moles, and so does the checker.
    auto m =
        module(units(constant("FARADAY", "faraday", "coulomb")), neuron(false, {"ca"}),
               parameters({{"depth", "um"}}),
               derivative(assign(
                   "cai", -num(1e4) * var("ica") / (num(2) * var("FARADAY") * var("depth")), 1)));
    EXPECT_TRUE(none(check(*m)));
}

TEST(UnitCheck, NamedConstantMustConvert) {
    auto m = module(units(constant("X", "faraday", "mV")));
    EXPECT_TRUE(
        only(check(*m), Severity::Warning, "unit mismatch: (faraday) cannot be expressed in (mV)"));
}

TEST(UnitCheck, DerivativeHasUnitPerMillisecond) {
    auto m = module(standard_units(), decls(ast::DeclKind::State, {{"c", "mM"}}),
                    derivative(assign("c", var("c"), 1)));
    EXPECT_TRUE(only(check(*m), Severity::Warning,
                     "unit mismatch: 'c'' in (mM/ms) assigned a value in (mM)"));
}

TEST(UnitCheck, SumsAndComparisonsNeedEqualUnits) {
    auto m =
        module(standard_units(), neuron(false, {"na"}),
               breakpoint(assign("x", var("v") + var("t")), expr_stmt_if(var("v") < var("ina"))));
    std::vector<Diagnostic> diags = check(*m);
    EXPECT_EQ(count(diags, Severity::Warning), 2u) << listing(diags);
    EXPECT_EQ(diags.at(0).message, "unit mismatch in '+': (mV) and (ms)");
    EXPECT_EQ(count(diags, Severity::Note), 2u) << listing(diags);
    EXPECT_NE(listing(diags).find("unit mismatch in '<': (mV) and (mA/cm2)"), std::string::npos);
}

TEST(UnitCheck, SumOfDifferentScalesNeedsAFactor) {
    auto m = module(standard_units(), parameters({{"a", "volt"}}),
                    breakpoint(assign("x", var("v") - var("a"))));
    EXPECT_TRUE(only(check(*m), Severity::Warning,
                     "conversion factor needed in '-': (volt) is 1000 times (mV)"));
}

TEST(UnitCheck, MathFunctionsTakeDimensionlessArguments) {
    auto m = module(standard_units(), parameters({{"vh", "mV"}, {"vv", "volt"}}),
                    breakpoint(assign("a", call("exp", var("v") / var("vh"))), // fine
                               assign("b", call("exp", var("v"))),
                               assign("c", call("log", var("v") / var("vv")))));
    std::vector<Diagnostic> diags = check(*m);
    ASSERT_EQ(diags.size(), 2u) << listing(diags);
    EXPECT_EQ(diags[0].message, "the argument of 'exp' must be dimensionless, not (mV)");
    EXPECT_EQ(diags[1].message, "conversion factor needed: the argument of 'log' is a pure "
                                "number only once multiplied by 0.001");
}

TEST(UnitCheck, MathFunctionResults) {
    auto m =
        module(standard_units(), parameters({{"d", "um"}, {"a", "um2"}, {"x", "mV"}}),
               breakpoint(assign("d", call("sqrt", var("a"))), assign("x", call("fabs", var("v"))),
                          assign("x", call("fmax", var("v"), num(0))),
                          assign("x", call("exp", num(2))))); // a number, like 2
    EXPECT_TRUE(none(check(*m)));
}

TEST(UnitCheck, PowersAndExponents) {
    auto m = module(standard_units(),
                    parameters({{"d", "um"}, {"area2", "um2"}, {"q10"}, {"n"}, {"c", "mM"}}),
                    breakpoint(assign("area2", var("d") ^ num(2)),   // fine
                               assign("d", var("area2") ^ num(0.5)), // fine
                               assign("x", var("q10") ^ ((var("celsius") - num(6.3)) / num(10))),
                               assign("y", var("c") ^ var("n"))));
    std::vector<Diagnostic> diags = check(*m);
    ASSERT_EQ(diags.size(), 2u) << listing(diags);
    EXPECT_EQ(diags[0].message, "the exponent of '^' must be dimensionless, not (degC)");
    EXPECT_EQ(diags[1].message, "the base of '^' must be dimensionless unless the exponent is "
                                "a constant, not (mM)");
}

TEST(UnitCheck, FunctionsHaveDeclaredUnits) {
    auto alpha = callable(
        ast::CallableKind::Function, "alpha", {{"v", "mV"}}, "/ms",
        block(assign("alpha", num(0.1) * call("exp", -var("v") / num(10, "mV")) / num(1, "ms"))));
    auto m = module(standard_units(), assigned({{"rate", "/ms"}, {"tau", "ms"}}), std::move(alpha),
                    breakpoint(assign("rate", call("alpha", var("v"))),   // fine
                               assign("tau", call("alpha", var("v"))),    // result
                               assign("rate", call("alpha", var("t"))))); // argument
    std::vector<Diagnostic> diags = check(*m);
    EXPECT_EQ(count(diags, Severity::Warning), 2u) << listing(diags);
    EXPECT_NE(listing(diags).find("unit mismatch: 'tau' in (ms) assigned a value in (/ms)"),
              std::string::npos);
    EXPECT_NE(listing(diags).find("unit mismatch: argument 1 of 'alpha' in (ms) where 'v' is "
                                  "in (mV)"),
              std::string::npos);
}

TEST(UnitCheck, FunctionBodyIsCheckedAgainstItsUnit) {
    auto f = callable(ast::CallableKind::Function, "f", {{"x", "mV"}}, "ms",
                      block(assign("f", var("x"))));
    EXPECT_TRUE(only(check(*module(standard_units(), std::move(f))), Severity::Warning,
                     "unit mismatch: 'f' in (ms) assigned a value in (mV)"));
}

TEST(UnitCheck, LocalsTakeTheUnitOfTheirLastAssignment) {
    auto m =
        module(standard_units(), neuron(false, {"na"}), assigned({{"tt", "ms"}}),
               breakpoint(local({"a"}), assign("a", num(0)), assign("a", var("v")),
                          assign("ina", var("a")),                         // mismatch: a is in mV
                          assign("a", var("t")), assign("tt", var("a")))); // fine: a is now in ms
    EXPECT_TRUE(only(check(*m), Severity::Warning,
                     "unit mismatch: 'ina' in (mA/cm2) assigned a value in (mV)"));
}

TEST(UnitCheck, NetReceiveArgumentsFollowAssignments) {
    // NEURON's gsyn.mod: w has no unit until it is assigned from weight.
    auto receive =
        callable(ast::CallableKind::NetReceive, "NET_RECEIVE", {{"weight", "umho"}, {"w"}}, nullptr,
                 block(assign("w", var("weight") * num(2)), assign("A", var("A") + var("w"))));
    auto m = module(units(alias("umho", "micromho")), neuron(true),
                    decls(ast::DeclKind::State, {{"A", "umho"}}), std::move(receive));
    EXPECT_TRUE(none(check(*m)));
}

TEST(UnitCheck, UnitsOffRegionsAreNotChecked) {
    auto m = module(standard_units(), neuron(false, {"na"}),
                    breakpoint(units_switch(false), assign("ina", var("v")), // off
                               units_switch(true), assign("ina", var("t"))), // on again
                    units_switch_item(false), derivative(assign("ina", var("celsius")))); // off
    EXPECT_TRUE(only(check(*m), Severity::Warning,
                     "unit mismatch: 'ina' in (mA/cm2) assigned a value in (ms)"));
}

TEST(UnitCheck, LocalsSetUnderUnitsOffAreNotTrusted) {
    auto m = module(standard_units(), neuron(false, {"na"}),
                    breakpoint(local({"a"}), units_switch(false), assign("a", var("v")),
                               units_switch(true), assign("ina", var("a"))));
    EXPECT_TRUE(none(check(*m)));
}

TEST(UnitCheck, NeuronVariablesHaveFixedUnits) {
    auto m = module(standard_units(), neuron(false, {"k", "ca"}),
                    assigned({{"x1", "mV"},
                              {"x2", "mA/cm2"},
                              {"x3", "mM"},
                              {"x4", "ms"},
                              {"x5", "degC"},
                              {"x6", "um2"}}),
                    breakpoint(assign("x1", var("ek")), assign("x2", var("ica")),
                               assign("x3", var("cai") + var("cao") + var("ki")),
                               assign("x4", var("dt") + var("t")), assign("x5", var("celsius")),
                               assign("x6", var("area") + var("diam") * var("diam"))));
    EXPECT_TRUE(none(check(*m)));
}

TEST(UnitCheck, PointProcessCurrentsAreNanoamps) {
    auto make = [](bool point) {
        return module(units(alias("nA", "nanoamp"), alias("mV", "millivolt")),
                      neuron(point, {"na"}), parameters({{"g", "uS"}}),
                      breakpoint(assign("ina", var("g") * (var("v") - var("ena")))));
    };
    EXPECT_TRUE(none(check(*make(true))));
    // In a density mechanism ina is in mA/cm2, a current density, which uS*mV is not.
    EXPECT_TRUE(only(check(*make(false)), Severity::Warning, "unit mismatch: 'ina' in (mA/cm2)"));
}

TEST(UnitCheck, UnresolvedNamesAndVerbatimAreSkipped) {
    auto m = module(standard_units(), neuron(false, {"na"}),
                    breakpoint(assign("ina", var("undeclared") * num(3)),
                               assign("ina", call("unknown_function", var("v"))), local({"a"}),
                               assign("a", var("v")), verbatim(), assign("ina", var("a"))));
    EXPECT_TRUE(none(check(*m)));
}

TEST(UnitCheck, DeclarationsWithoutUnitsAreDimensionless) {
    // As in modlunit: tau has no unit, so (1 - m)/tau is not per millisecond.
    auto m = module(parameters({{"tau"}}), decls(ast::DeclKind::State, {{"m"}}),
                    derivative(assign("m", (num(1) - var("m")) / var("tau"), 1)));
    EXPECT_TRUE(only(check(*m), Severity::Warning,
                     "unit mismatch: 'm'' in (1/ms) assigned a value in (1)"));
}

TEST(UnitCheck, BrokenAliasIsReportedOnce) {
    auto m = module(units(alias("mV", "millivoltt")), parameters({{"e", "mV"}, {"r", "mV/ms"}}));
    EXPECT_TRUE(only(check(*m, UnitsMode::Strict), Severity::Error, "unknown unit 'millivoltt'"));
}

TEST(UnitCheck, IncludedModulesContribute) {
    auto include = std::make_unique<ast::IncludeItem>();
    include->included = module(standard_units(), parameters({{"gbar", "S/cm2"}}));
    auto m = module(std::move(include), neuron(false, {"na"}),
                    breakpoint(assign("ina", var("gbar") * (var("v") - var("ena"))),
                               assign("ina", var("gbar"))));
    EXPECT_TRUE(only(check(*m), Severity::Warning,
                     "unit mismatch: 'ina' in (mA/cm2) assigned a value in (S/cm2)"));
}

TEST(UnitCheck, DefinesAreNumbers) {
    auto define = std::make_unique<ast::DefineItem>();
    define->name = {"NANN", next_range()};
    define->value = {"10", 10, next_range()};
    auto m = module(standard_units(), std::move(define), neuron(false, {"na"}),
                    breakpoint(assign("ina", var("NANN")), assign("x", var("v") + var("NANN"))));
    EXPECT_TRUE(none(check(*m)));
}

} // namespace
} // namespace ranvier::sema
