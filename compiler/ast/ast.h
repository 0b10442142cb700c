// The NMODL abstract syntax tree: Ranvier's own types, built from ANTLR's parse tree by
// compiler/syntax and read by every later stage. Each node carries the SourceRange it came from.
// The tree is plain data owned through unique_ptr; passes read it and build their own IR rather
// than rewriting it in place.
#pragma once

#include "support/source.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ranvier::ast {

// A name as written, with its location.
struct Identifier {
    std::string name;
    SourceRange range;
};

// A numeric literal as written (sign included for signed literals) and its value.
struct NumberLit {
    std::string spelling;
    double value = 0.0;
    SourceRange range;
};

// A unit as written between parentheses, without them: "mA/cm2", "1/ms", "k-mole".
struct UnitText {
    std::string text;
    SourceRange range;
};

// The size of an array declaration: a literal or a DEFINE'd name.
struct ArraySize {
    std::string text;
    SourceRange range;
};

// Safe downcasts on the Kind enums below: isa<T>(node), cast<T>(node), dyn_cast<T>(node).
template <class T, class Node> bool isa(const Node& node) {
    return node.kind == T::kKind;
}
template <class T, class Node> const T* dyn_cast(const Node* node) {
    return node && node->kind == T::kKind ? static_cast<const T*>(node) : nullptr;
}
template <class T, class Node> const T& cast(const Node& node) {
    return static_cast<const T&>(node);
}

// ---------------------------------------------------------------------------------------------
// Expressions

enum class ExprKind { Number, String, Var, Call, Unary, Binary };

struct Expr {
    explicit Expr(ExprKind k) : kind(k) {}
    virtual ~Expr() = default;
    ExprKind kind;
    SourceRange range;
};
using ExprPtr = std::unique_ptr<Expr>;

struct NumberExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Number;
    NumberExpr() : Expr(kKind) {}
    NumberLit number;
    std::optional<UnitText> unit; // `2 (mV)`
};

// A string literal; NMODL allows these only as call arguments (printf-like calls).
struct StringExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::String;
    StringExpr() : Expr(kKind) {}
    std::string text; // without the quotes
};

// x, x' (primes = 1), x[i]
struct VarExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Var;
    VarExpr() : Expr(kKind) {}
    Identifier name;
    int primes = 0;
    ExprPtr index;
    std::string discrete_lag; // "1" for x@1 (DISCRETE blocks); empty otherwise
};

struct CallExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Call;
    CallExpr() : Expr(kKind) {}
    Identifier callee;
    std::vector<ExprPtr> args;
};

enum class UnaryOp { Neg, Plus, Not };

struct UnaryExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Unary;
    UnaryExpr() : Expr(kKind) {}
    UnaryOp op = UnaryOp::Neg;
    ExprPtr operand;
};

enum class BinaryOp { Pow, Mul, Div, Add, Sub, Lt, Gt, Le, Ge, Eq, Ne, And, Or };

struct BinaryExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Binary;
    BinaryExpr() : Expr(kKind) {}
    BinaryOp op = BinaryOp::Add;
    ExprPtr lhs;
    ExprPtr rhs;
};

const char* spelling(UnaryOp op);
const char* spelling(BinaryOp op);
// Binding strength, higher binds tighter (the grammar's order, which is C's).
int precedence(BinaryOp op);
bool is_comparison(BinaryOp op);
bool is_logical(BinaryOp op);

// ---------------------------------------------------------------------------------------------
// Statements

enum class StmtKind {
    Local,
    Assign,
    Reaction,
    Conserve,
    Compartment,
    If,
    While,
    From,
    ForNetcons,
    Solve,
    Table,
    Watch,
    Call,
    Initial,
    Block,
    Keyword,
    Lag,
    Conductance,
    Sens,
    Text,
    UnitsSwitch
};

struct Stmt {
    explicit Stmt(StmtKind k) : kind(k) {}
    virtual ~Stmt() = default;
    StmtKind kind;
    SourceRange range;
};
using StmtPtr = std::unique_ptr<Stmt>;

struct Block {
    std::vector<StmtPtr> stmts;
    SourceRange range;
};

struct LocalName {
    Identifier name;
    std::optional<ArraySize> size;
};

struct LocalStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Local;
    LocalStmt() : Stmt(kKind) {}
    std::vector<LocalName> names;
};

struct AssignStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Assign;
    AssignStmt() : Stmt(kKind) {}
    std::unique_ptr<VarExpr> lhs;
    ExprPtr rhs;
    bool protect = false; // PROTECT x = ...
};

struct Reactant {
    std::optional<NumberLit> coefficient; // 2C
    std::unique_ptr<VarExpr> species;
};

enum class ReactionOp {
    Reversible,   // ~ A + B <-> C (kf, kb)
    Irreversible, // ~ A -> B (kf)
    Flux,         // ~ A << (flux)
    Equation      // ~ lhs = rhs, in LINEAR and NONLINEAR blocks
};

struct ReactionStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Reaction;
    ReactionStmt() : Stmt(kKind) {}
    ReactionOp op = ReactionOp::Reversible;
    std::vector<Reactant> lhs;
    std::vector<Reactant> rhs;
    ExprPtr rate1; // kf, the flux, or the left side of an equation
    ExprPtr rate2; // kb, or the right side of an equation
};

struct ConserveStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Conserve;
    ConserveStmt() : Stmt(kKind) {}
    ExprPtr lhs;
    ExprPtr rhs;
};

struct CompartmentStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Compartment;
    CompartmentStmt() : Stmt(kKind) {}
    bool longitudinal = false; // LONGITUDINAL_DIFFUSION rather than COMPARTMENT
    std::optional<Identifier> index;
    ExprPtr volume;
    std::vector<std::unique_ptr<VarExpr>> species;
};

struct IfStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::If;
    IfStmt() : Stmt(kKind) {}
    ExprPtr condition;
    Block then_block;
    StmtPtr else_branch; // an IfStmt (ELSE IF) or a BlockStmt, or null
};

struct WhileStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::While;
    WhileStmt() : Stmt(kKind) {}
    ExprPtr condition;
    Block body;
};

struct FromStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::From;
    FromStmt() : Stmt(kKind) {}
    Identifier var;
    ExprPtr from;
    ExprPtr to;
    ExprPtr by; // may be null
    Block body;
};

struct Formal {
    Identifier name;
    std::optional<ArraySize> size;
    std::optional<UnitText> unit;
};

struct ForNetconsStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::ForNetcons;
    ForNetconsStmt() : Stmt(kKind) {}
    std::vector<Formal> formals;
    Block body;
};

struct SolveStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Solve;
    SolveStmt() : Stmt(kKind) {}
    Identifier block;
    std::optional<Identifier> method;
    bool steady_state = false; // STEADYSTATE method rather than METHOD method
    std::optional<Block> if_error;
};

struct TableStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Table;
    TableStmt() : Stmt(kKind) {}
    std::vector<Identifier> tabled;
    std::vector<Identifier> depend;
    ExprPtr from;
    ExprPtr to;
    ExprPtr with;
};

struct WatchItem {
    ExprPtr condition;
    ExprPtr flag; // a number or a name (DEFINE, PARAMETER); may be null
};

struct WatchStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Watch;
    WatchStmt() : Stmt(kKind) {}
    std::vector<WatchItem> items;
};

struct CallStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Call;
    CallStmt() : Stmt(kKind) {}
    std::unique_ptr<CallExpr> call;
};

// INITIAL nested in NET_RECEIVE.
struct InitialStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Initial;
    InitialStmt() : Stmt(kKind) {}
    Block body;
};

struct BlockStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Block;
    BlockStmt() : Stmt(kKind) {}
    Block body;
};

// A statement that is one keyword: MUTEXLOCK, MUTEXUNLOCK, RESET.
struct KeywordStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Keyword;
    KeywordStmt() : Stmt(kKind) {}
    std::string keyword;
};

struct LagStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Lag;
    LagStmt() : Stmt(kKind) {}
    Identifier var;
    Identifier by;
};

struct ConductanceStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Conductance;
    ConductanceStmt() : Stmt(kKind) {}
    Identifier conductance;
    std::optional<Identifier> ion;
};

struct SensStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Sens;
    SensStmt() : Stmt(kKind) {}
    std::vector<Identifier> names;
};

enum class TextKind { Comment, Verbatim };

// COMMENT ... ENDCOMMENT or VERBATIM ... ENDVERBATIM; `text` is the body between the keywords.
struct TextStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Text;
    TextStmt() : Stmt(kKind) {}
    TextKind text_kind = TextKind::Comment;
    std::string text;
};

struct UnitsSwitchStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::UnitsSwitch;
    UnitsSwitchStmt() : Stmt(kKind) {}
    bool on = true;
};

// ---------------------------------------------------------------------------------------------
// Top-level items

enum class ItemKind {
    Title,
    Text,
    Include,
    Define,
    UnitsSwitch,
    Neuron,
    Units,
    Declarations,
    Independent,
    Local,
    Procedural,
    Named,
    Callable,
    BeforeAfter,
    Cell,
    Network
};

struct Item {
    explicit Item(ItemKind k) : kind(k) {}
    virtual ~Item() = default;
    ItemKind kind;
    SourceRange range;
};
using ItemPtr = std::unique_ptr<Item>;

struct Module;

struct TitleItem : Item {
    static constexpr ItemKind kKind = ItemKind::Title;
    TitleItem() : Item(kKind) {}
    std::string text;
};

struct TextItem : Item {
    static constexpr ItemKind kKind = ItemKind::Text;
    TextItem() : Item(kKind) {}
    TextKind text_kind = TextKind::Comment;
    std::string text;
};

struct IncludeItem : Item {
    static constexpr ItemKind kKind = ItemKind::Include;
    IncludeItem() : Item(kKind) {}
    std::string path;                 // as written
    std::unique_ptr<Module> included; // null when the file could not be read or parsed
};

struct DefineItem : Item {
    static constexpr ItemKind kKind = ItemKind::Define;
    DefineItem() : Item(kKind) {}
    Identifier name;
    NumberLit value;
};

struct UnitsSwitchItem : Item {
    static constexpr ItemKind kKind = ItemKind::UnitsSwitch;
    UnitsSwitchItem() : Item(kKind) {}
    bool on = true;
};

enum class NeuronStmtKind {
    Suffix,
    PointProcess,
    ArtificialCell,
    UseIon,
    NonspecificCurrent,
    ElectrodeCurrent,
    Range,
    Global,
    Pointer,
    BbcorePointer,
    External,
    Random,
    Section,
    Threadsafe,
    Represents,
    Comment,
    Verbatim,
    UnitsOn,
    UnitsOff
};

struct UseIonClause {
    std::vector<Identifier> read;
    std::vector<Identifier> write;
    std::optional<NumberLit> valence;
};

struct NeuronStmt {
    NeuronStmtKind kind = NeuronStmtKind::Range;
    SourceRange range;
    std::optional<Identifier> name; // SUFFIX/POINT_PROCESS/ARTIFICIAL_CELL name, USEION ion
    std::vector<Identifier> names;  // RANGE a, b ...
    UseIonClause ion;
    std::optional<Identifier> represents;
    std::string text; // COMMENT/VERBATIM body
};

const char* keyword(NeuronStmtKind kind);

struct NeuronItem : Item {
    static constexpr ItemKind kKind = ItemKind::Neuron;
    NeuronItem() : Item(kKind) {}
    std::vector<NeuronStmt> stmts;
};

enum class UnitsEntryKind { Alias, NamedUnit, NamedNumber, Comment, UnitsOn, UnitsOff };

struct UnitsEntry {
    UnitsEntryKind kind = UnitsEntryKind::Alias;
    SourceRange range;
    std::optional<UnitText> alias;  // (mV) in (mV) = (millivolt)
    std::optional<Identifier> name; // FARADAY in FARADAY = (faraday) (coulomb)
    std::optional<UnitText> unit;   // (millivolt), or (faraday)
    std::optional<UnitText> target; // (coulomb): the unit the constant is expressed in
    std::optional<NumberLit> value; // KTOMV = .0853 (mV/degC)
    bool arrow = false;             // foot2inch = (foot) -> (inch)
    std::string text;
};

struct UnitsItem : Item {
    static constexpr ItemKind kKind = ItemKind::Units;
    UnitsItem() : Item(kKind) {}
    std::vector<UnitsEntry> entries;
};

enum class DeclKind { Parameter, Assigned, State, Constant, Dependent };
const char* keyword(DeclKind kind);

struct Declaration {
    Identifier name;
    std::optional<ArraySize> size;
    std::optional<NumberLit> value;
    std::optional<UnitText> unit;
    std::optional<NumberLit> from; // FROM lo TO hi
    std::optional<NumberLit> to;
    std::optional<NumberLit> start;
    std::vector<NumberLit> limits; // <lo, hi> or the absolute tolerance <tol>
    SourceRange range;
};

struct DeclEntry {
    // Exactly one of: a declaration, or text (COMMENT/VERBATIM), or a units switch.
    std::optional<Declaration> decl;
    std::optional<TextKind> text_kind;
    std::string text;
    std::optional<bool> units_on;
    SourceRange range;
};

struct DeclItem : Item {
    static constexpr ItemKind kKind = ItemKind::Declarations;
    DeclItem() : Item(kKind) {}
    DeclKind decl_kind = DeclKind::Parameter;
    std::vector<DeclEntry> entries;
};

struct IndependentEntry {
    Identifier name;
    std::optional<NumberLit> from, to, with, start;
    std::optional<UnitText> unit;
    std::optional<Identifier> sweep;
    std::string comment; // set for a COMMENT entry (then `name` is empty)
    SourceRange range;
};

struct IndependentItem : Item {
    static constexpr ItemKind kKind = ItemKind::Independent;
    IndependentItem() : Item(kKind) {}
    std::vector<IndependentEntry> entries;
};

struct LocalItem : Item {
    static constexpr ItemKind kKind = ItemKind::Local;
    LocalItem() : Item(kKind) {}
    std::vector<LocalName> names;
};

enum class ProceduralKind { Initial, Breakpoint, Constructor, Destructor };

struct ProceduralItem : Item {
    static constexpr ItemKind kKind = ItemKind::Procedural;
    ProceduralItem() : Item(kKind) {}
    ProceduralKind block_kind = ProceduralKind::Initial;
    Block body;
};

enum class NamedKind { Derivative, Kinetic, Linear, Nonlinear, Discrete, Partial };

struct NamedItem : Item {
    static constexpr ItemKind kKind = ItemKind::Named;
    NamedItem() : Item(kKind) {}
    NamedKind block_kind = NamedKind::Derivative;
    Identifier name;
    std::vector<Identifier> solve_for;
    Block body;
};

enum class CallableKind { Function, Procedure, FunctionTable, NetReceive };

struct CallableItem : Item {
    static constexpr ItemKind kKind = ItemKind::Callable;
    CallableItem() : Item(kKind) {}
    CallableKind callable_kind = CallableKind::Function;
    Identifier name; // "NET_RECEIVE" for NET_RECEIVE
    std::vector<Formal> formals;
    bool has_formal_list = true; // NET_RECEIVE may omit its parentheses
    std::optional<UnitText> unit;
    std::optional<Block> body; // absent for FUNCTION_TABLE
};

struct BeforeAfterItem : Item {
    static constexpr ItemKind kKind = ItemKind::BeforeAfter;
    BeforeAfterItem() : Item(kKind) {}
    bool before = true;
    std::string when; // BREAKPOINT, SOLVE, INITIAL or STEP
    Block body;
};

// ---------------------------------------------------------------------------------------------
// CELL blocks

// A number with its unit as written: `20 (um)`, `-65`.
struct Quantity {
    NumberLit value;
    std::optional<UnitText> unit;
    SourceRange range;
};

// `name = quantity`: a section's geometry, a mechanism's parameter, a cell-wide setting.
struct Setting {
    Identifier name;
    Quantity value;
};

// `dend` or `dend[3]`.
struct SectionRef {
    Identifier name;
    std::optional<NumberLit> index;
    SourceRange range;
};

// `dend(0.5)`.
struct Location {
    SectionRef section;
    NumberLit x;
    SourceRange range;
};

enum class CellStmtKind {
    Setting,    // celsius = 6.3 (degC)
    Section,    // SECTION dend { PARENT soma(1) L = 300 (um) ... }
    Morphology, // MORPHOLOGY "cell.swc"
    Insert,     // INSERT pas IN dend, axon { g_pas = 1e-4 (S/cm2) }
    Point,      // POINT stim = IClamp AT soma(0.5) { ... }; SYNAPSE ampa = Exp2Syn AT ...
    Detector,   // DETECTOR soma(0.5) THRESHOLD -20 (mV); DETECTOR lif (its net_event)
    Stimulus, // STIMULUS [name =] poisson(rate = 10 (Hz)) -> ampa { WEIGHT 0.01 (uS) DELAY 1 (ms) }
    Record,   // RECORD v AT soma(0.5) EVERY 0.1 (ms); RECORD i OF stim
    Ion,      // ION ca IN soma { cai = 5e-5 (mM) }
    Comment
};

// One statement of a CELL block; which fields are set depends on the kind (see CellStmtKind).
struct CellStmt {
    CellStmtKind kind = CellStmtKind::Setting;
    SourceRange range;
    bool synapse = false;              // Point: written SYNAPSE
    std::optional<Identifier> label;   // Point: its name; Stimulus: its optional name
    Identifier name;                   // the setting, mechanism, generator, recorded name or ion
    std::optional<SectionRef> section; // Section: the section it describes
    std::vector<SectionRef> sections;  // Insert, Ion: the IN list (empty: every one)
    std::optional<Location> location;  // Section: PARENT; Point, Detector, Record: AT
    std::optional<Quantity> value;     // Setting; Detector: THRESHOLD; Record: EVERY
    std::vector<Setting> settings;     // Section, Insert, Point, Ion bodies; Setting
    std::vector<std::optional<Identifier>> argument_names; // Stimulus: `name =` of each argument
    std::vector<Quantity> arguments;                       // Stimulus: the generator's arguments
    std::optional<Identifier> target; // Stimulus: the synapse; Record: OF point; Detector
    std::vector<Quantity> weights;    // Stimulus: WEIGHT
    std::optional<Quantity> delay;    // Stimulus: DELAY
    std::string text;                 // Morphology: the file; Comment: the text
};

struct CellItem : Item {
    static constexpr ItemKind kKind = ItemKind::Cell;
    CellItem() : Item(kKind) {}
    Identifier name;
    std::vector<CellStmt> stmts;
};

// ---------------------------------------------------------------------------------------------
// NETWORK blocks

// `exc`, `exc[3]`, `exc[0 TO 9]`: a population, or some of its cells (both ends included).
struct Selection {
    Identifier population;
    std::optional<NumberLit> first, last;
    SourceRange range;
};

// An argument of a rule, a distribution or a stimulus: `80`, `p = 0.1`, `"file.tsv"`,
// `autapses = false`. One of value, text and word is set.
struct NetArgument {
    std::optional<Identifier> name;
    std::optional<Quantity> value;
    std::optional<std::string> text; // a string, unquoted
    std::optional<Identifier> word;
    SourceRange range;
};

// A constant (`0.01 (uS)`) or a distribution (`normal(0.01, 0.002) (uS)`).
struct Value {
    std::optional<Quantity> constant;
    std::optional<Identifier> distribution;
    std::vector<NetArgument> arguments;
    std::optional<UnitText> unit;
    SourceRange range;
};

// `g_pas = uniform(1e-4, 2e-4) (S/cm2)`, `syn.tau = 2 (ms)`: a variable of every cell of a
// population, per cell.
struct Parameter {
    std::optional<Identifier> owner; // a point process of the CELL
    Identifier name;
    Value value;
    SourceRange range;
};

enum class NetworkStmtKind {
    Setting,    // tstop = 1000 (ms)
    Population, // POPULATION exc = Pyramidal[800] { gnabar_hh = normal(0.12, 0.01) (S/cm2) }
    Projection, // PROJECTION exc -> inh.ampa { RULE fixed_indegree(80) WEIGHT ... DELAY ... }
    Stimulus,   // STIMULUS poisson(rate = 8 (Hz)) -> exc.ampa { WEIGHT 0.02 (uS) }
                // STIMULUS IClamp(del = 1 (ms), dur = 2 (ms), amp = 1 (nA)) -> exc[0] AT soma(0.5)
    Record,     // RECORD spikes FROM exc, inh; RECORD v FROM exc[0 TO 3] AT soma(0.5) EVERY 0.1 (ms)
    Comment
};

// One statement of a NETWORK block; which fields are set depends on the kind.
struct NetworkStmt {
    NetworkStmtKind kind = NetworkStmtKind::Setting;
    SourceRange range;
    std::optional<Identifier> label; // Population: its name; Projection, Stimulus: optional name
    Identifier name; // the setting, the population's CELL, the generator, the recorded variable
    std::optional<Quantity> value;         // Setting; Record: EVERY
    std::optional<NumberLit> count;        // Population
    std::vector<Parameter> parameters;     // Population
    std::vector<Selection> sources;        // Projection: one; Record: the FROM list
    std::optional<Selection> target;       // Projection, Stimulus
    std::optional<Identifier> synapse;     // Projection, Stimulus: `.name`; Record: OF name
    std::optional<Location> location;      // Stimulus, Record: AT
    std::optional<Identifier> rule;        // Projection: RULE
    std::vector<NetArgument> rule_arguments;
    std::vector<NetArgument> arguments; // Stimulus: the generator's
    std::vector<Value> weights;         // Projection, Stimulus: WEIGHT
    std::optional<Value> delay;         // Projection, Stimulus: DELAY
    std::string text;                   // Comment
};

struct NetworkItem : Item {
    static constexpr ItemKind kKind = ItemKind::Network;
    NetworkItem() : Item(kKind) {}
    Identifier name;
    std::vector<NetworkStmt> stmts;
};

const char* keyword(ProceduralKind kind);
const char* keyword(NamedKind kind);
const char* keyword(CallableKind kind);

// One parsed file. INCLUDEd files hang off their IncludeItem.
struct Module {
    std::string path;
    FileId file = 0;
    std::vector<ItemPtr> items;
};

} // namespace ranvier::ast
