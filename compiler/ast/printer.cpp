// NMODL printer: one method per construct, four-space indentation, one statement per line.
#include "ast/printer.h"

#include <ostream>
#include <sstream>

namespace ranvier::ast {

namespace {

constexpr int kUnaryPrecedence = 7;
constexpr int kPrimaryPrecedence = 9;

int precedence(const Expr& expr) {
    if (auto* b = dyn_cast<BinaryExpr>(&expr))
        return ast::precedence(b->op);
    if (isa<UnaryExpr>(expr))
        return kUnaryPrecedence;
    return kPrimaryPrecedence;
}

void print_expr(std::ostream& out, const Expr& expr, Style style);

void print_operand(std::ostream& out, const Expr& expr, bool parens) {
    if (parens)
        out << "(";
    print_expr(out, expr, Style::Source);
    if (parens)
        out << ")";
}

void print_var(std::ostream& out, const VarExpr& var, Style style) {
    out << var.name.name << std::string(static_cast<std::size_t>(var.primes), '\'');
    if (var.index) {
        out << "[";
        print_expr(out, *var.index, style);
        out << "]";
    }
    if (!var.discrete_lag.empty())
        out << "@" << var.discrete_lag;
}

// Tree style: every operator application as (op operand...), so the structure is explicit.
void print_tree(std::ostream& out, const Expr& expr) {
    if (auto* u = dyn_cast<UnaryExpr>(&expr)) {
        out << "(" << spelling(u->op) << " ";
        print_expr(out, *u->operand, Style::Tree);
        out << ")";
        return;
    }
    auto& b = cast<BinaryExpr>(expr);
    out << "(" << spelling(b.op) << " ";
    print_expr(out, *b.lhs, Style::Tree);
    out << " ";
    print_expr(out, *b.rhs, Style::Tree);
    out << ")";
}

void print_expr(std::ostream& out, const Expr& expr, Style style) {
    if (style == Style::Tree && (isa<UnaryExpr>(expr) || isa<BinaryExpr>(expr))) {
        print_tree(out, expr);
        return;
    }
    switch (expr.kind) {
    case ExprKind::Number: {
        auto& n = cast<NumberExpr>(expr);
        out << n.number.spelling;
        if (n.unit)
            out << " (" << n.unit->text << ")";
        return;
    }
    case ExprKind::String:
        out << '"' << cast<StringExpr>(expr).text << '"';
        return;
    case ExprKind::Var:
        print_var(out, cast<VarExpr>(expr), style);
        return;
    case ExprKind::Call: {
        auto& call = cast<CallExpr>(expr);
        out << call.callee.name << "(";
        for (std::size_t i = 0; i < call.args.size(); ++i) {
            if (i)
                out << ", ";
            print_expr(out, *call.args[i], style);
        }
        out << ")";
        return;
    }
    case ExprKind::Unary: {
        auto& u = cast<UnaryExpr>(expr);
        out << spelling(u.op);
        print_operand(out, *u.operand, precedence(*u.operand) < kUnaryPrecedence);
        return;
    }
    case ExprKind::Binary: {
        auto& b = cast<BinaryExpr>(expr);
        int p = ast::precedence(b.op);
        bool right_assoc = b.op == BinaryOp::Pow;
        int lp = precedence(*b.lhs);
        int rp = precedence(*b.rhs);
        print_operand(out, *b.lhs, right_assoc ? lp <= p : lp < p);
        bool tight = b.op == BinaryOp::Pow || b.op == BinaryOp::Mul || b.op == BinaryOp::Div;
        out << (tight ? "" : " ") << spelling(b.op) << (tight ? "" : " ");
        print_operand(out, *b.rhs, right_assoc ? rp < p : rp <= p);
        return;
    }
    }
}

class Printer {
  public:
    Printer(std::ostream& out, Style style) : out_(out), style_(style) {}

    void module(const Module& m) {
        for (const ItemPtr& item : m.items) {
            this->item(*item);
        }
    }

  private:
    std::ostream& line() { return out_ << std::string(static_cast<std::size_t>(indent_) * 4, ' '); }

    void open(const std::string& header) {
        line() << header << " {\n";
        ++indent_;
    }
    void close() {
        --indent_;
        line() << "}\n";
    }

    static std::string unit(const std::optional<UnitText>& u) {
        return u ? " (" + u->text + ")" : "";
    }
    static std::string list(const std::vector<Identifier>& names) {
        std::string result;
        for (std::size_t i = 0; i < names.size(); ++i)
            result += (i ? ", " : "") + names[i].name;
        return result;
    }
    static std::string locals(const std::vector<LocalName>& names) {
        std::string result;
        for (const LocalName& n : names)
            result += (result.empty() ? "" : ", ") + n.name.name +
                      (n.size ? "[" + n.size->text + "]" : "");
        return result;
    }
    static std::string formals(const std::vector<Formal>& formals) {
        std::string result;
        for (std::size_t i = 0; i < formals.size(); ++i) {
            result += (i ? ", " : "") + formals[i].name.name;
            if (formals[i].size)
                result += "[" + formals[i].size->text + "]";
            result += unit(formals[i].unit);
        }
        return result;
    }
    void text_block(TextKind kind, const std::string& text) {
        const char* word = kind == TextKind::Comment ? "COMMENT" : "VERBATIM";
        line() << word << text << "END" << word << "\n";
    }

    void item(const Item& item);
    void neuron(const NeuronItem& item);
    void units(const UnitsItem& item);
    void declarations(const DeclItem& item);
    void declaration(const Declaration& d);
    void independent(const IndependentItem& item);
    void block(const Block& b);
    void statement(const Stmt& s);
    void if_chain(const IfStmt& s);
    void reaction(const ReactionStmt& s);
    void cell(const CellItem& item);
    void cell_stmt(const CellStmt& s);
    void network(const NetworkItem& item);
    void network_stmt(const NetworkStmt& s);
    static std::string selection(const Selection& s) {
        std::string result = s.population.name;
        if (s.first)
            result += "[" + s.first->spelling + (s.last ? " TO " + s.last->spelling : "") + "]";
        return result;
    }
    static std::string arguments(const std::vector<NetArgument>& args) {
        std::string result;
        for (const NetArgument& a : args) {
            result += (result.empty() ? "" : ", ") + (a.name ? a.name->name + " = " : "");
            if (a.value)
                result += quantity(*a.value);
            else if (a.text)
                result += "\"" + *a.text + "\"";
            else if (a.word)
                result += a.word->name;
        }
        return result;
    }
    static std::string value(const Value& v) {
        if (v.constant)
            return quantity(*v.constant);
        return v.distribution->name + "(" + arguments(v.arguments) + ")" + unit(v.unit);
    }
    static std::string quantity(const Quantity& q) { return q.value.spelling + unit(q.unit); }
    static std::string section(const SectionRef& s) {
        return s.name.name + (s.index ? "[" + s.index->spelling + "]" : "");
    }
    static std::string location(const Location& l) {
        return section(l.section) + "(" + l.x.spelling + ")";
    }
    void settings(const std::vector<Setting>& settings) {
        for (const Setting& s : settings)
            line() << s.name.name << " = " << quantity(s.value) << "\n";
    }

    std::string expr(const Expr& e) const { return to_nmodl(e, style_); }

    std::ostream& out_;
    Style style_;
    int indent_ = 0;
};

void Printer::item(const Item& item) {
    switch (item.kind) {
    case ItemKind::Title:
        line() << "TITLE " << cast<TitleItem>(item).text << "\n";
        return;
    case ItemKind::Text: {
        auto& t = cast<TextItem>(item);
        text_block(t.text_kind, t.text);
        return;
    }
    case ItemKind::Include:
        line() << "INCLUDE \"" << cast<IncludeItem>(item).path << "\"\n";
        return;
    case ItemKind::Define: {
        auto& d = cast<DefineItem>(item);
        line() << "DEFINE " << d.name.name << " " << d.value.spelling << "\n";
        return;
    }
    case ItemKind::UnitsSwitch:
        line() << (cast<UnitsSwitchItem>(item).on ? "UNITSON" : "UNITSOFF") << "\n";
        return;
    case ItemKind::Neuron:
        neuron(cast<NeuronItem>(item));
        return;
    case ItemKind::Units:
        units(cast<UnitsItem>(item));
        return;
    case ItemKind::Declarations:
        declarations(cast<DeclItem>(item));
        return;
    case ItemKind::Independent:
        independent(cast<IndependentItem>(item));
        return;
    case ItemKind::Local:
        line() << "LOCAL " << locals(cast<LocalItem>(item).names) << "\n";
        return;
    case ItemKind::Procedural: {
        auto& p = cast<ProceduralItem>(item);
        line() << keyword(p.block_kind) << " ";
        block(p.body);
        return;
    }
    case ItemKind::Named: {
        auto& n = cast<NamedItem>(item);
        line() << keyword(n.block_kind) << " " << n.name.name;
        if (!n.solve_for.empty())
            out_ << " SOLVEFOR " << list(n.solve_for);
        out_ << " ";
        block(n.body);
        return;
    }
    case ItemKind::Callable: {
        auto& c = cast<CallableItem>(item);
        line() << keyword(c.callable_kind);
        if (c.callable_kind != CallableKind::NetReceive)
            out_ << " " << c.name.name;
        if (c.has_formal_list)
            out_ << "(" << formals(c.formals) << ")";
        out_ << unit(c.unit);
        if (c.body) {
            out_ << " ";
            block(*c.body);
        } else {
            out_ << "\n";
        }
        return;
    }
    case ItemKind::BeforeAfter: {
        auto& b = cast<BeforeAfterItem>(item);
        line() << (b.before ? "BEFORE " : "AFTER ") << b.when << " ";
        block(b.body);
        return;
    }
    case ItemKind::Cell:
        cell(cast<CellItem>(item));
        return;
    case ItemKind::Network:
        network(cast<NetworkItem>(item));
        return;
    }
}

void Printer::cell(const CellItem& item) {
    open("CELL " + item.name.name);
    for (const CellStmt& s : item.stmts)
        cell_stmt(s);
    close();
}

void Printer::cell_stmt(const CellStmt& s) {
    auto body = [&](std::string header, const std::vector<Setting>& entries) {
        if (entries.empty()) {
            line() << header << "\n";
            return;
        }
        open(header);
        settings(entries);
        close();
    };
    auto sections = [&] {
        std::string result;
        for (const SectionRef& ref : s.sections)
            result += (result.empty() ? " IN " : ", ") + section(ref);
        return result;
    };
    switch (s.kind) {
    case CellStmtKind::Setting:
        line() << s.name.name << " = " << quantity(*s.value) << "\n";
        return;
    case CellStmtKind::Section:
        open("SECTION " + section(*s.section));
        if (s.location)
            line() << "PARENT " << location(*s.location) << "\n";
        settings(s.settings);
        close();
        return;
    case CellStmtKind::Morphology:
        line() << "MORPHOLOGY \"" << s.text << "\"\n";
        return;
    case CellStmtKind::Insert:
        body("INSERT " + s.name.name + sections(), s.settings);
        return;
    case CellStmtKind::Point:
        body(std::string(s.synapse ? "SYNAPSE " : "POINT ") + s.label->name + " = " + s.name.name +
                 " AT " + location(*s.location),
             s.settings);
        return;
    case CellStmtKind::Detector:
        if (s.target)
            line() << "DETECTOR " << s.target->name << "\n";
        else
            line() << "DETECTOR " << location(*s.location) << " THRESHOLD "
                   << quantity(*s.value) << "\n";
        return;
    case CellStmtKind::Stimulus: {
        std::string header =
            "STIMULUS " + (s.label ? s.label->name + " = " : "") + s.name.name + "(";
        for (std::size_t k = 0; k < s.arguments.size(); ++k)
            header += (k ? ", " : "") +
                      (s.argument_names[k] ? s.argument_names[k]->name + " = " : "") +
                      quantity(s.arguments[k]);
        header += ") -> " + s.target->name;
        if (s.weights.empty() && !s.delay) {
            line() << header << "\n";
            return;
        }
        open(header);
        if (!s.weights.empty()) {
            line() << "WEIGHT ";
            for (std::size_t k = 0; k < s.weights.size(); ++k)
                out_ << (k ? ", " : "") << quantity(s.weights[k]);
            out_ << "\n";
        }
        if (s.delay)
            line() << "DELAY " << quantity(*s.delay) << "\n";
        close();
        return;
    }
    case CellStmtKind::Record:
        line() << "RECORD " << s.name.name
               << (s.location ? " AT " + location(*s.location) : " OF " + s.target->name)
               << (s.value ? " EVERY " + quantity(*s.value) : "") << "\n";
        return;
    case CellStmtKind::Ion:
        open("ION " + s.name.name + sections());
        settings(s.settings);
        close();
        return;
    case CellStmtKind::Comment:
        text_block(TextKind::Comment, s.text);
        return;
    }
}

void Printer::network(const NetworkItem& item) {
    open("NETWORK " + item.name.name);
    for (const NetworkStmt& s : item.stmts)
        network_stmt(s);
    close();
}

void Printer::network_stmt(const NetworkStmt& s) {
    // RULE, WEIGHT and DELAY lines of a projection or a stimulus, in braces; none: no braces.
    auto connection = [&](const std::string& header) {
        if (!s.rule && s.weights.empty() && !s.delay) {
            line() << header << "\n";
            return;
        }
        open(header);
        if (s.rule)
            line() << "RULE " << s.rule->name
                   << (s.rule_arguments.empty() ? "" : "(" + arguments(s.rule_arguments) + ")")
                   << "\n";
        if (!s.weights.empty()) {
            line() << "WEIGHT ";
            for (std::size_t k = 0; k < s.weights.size(); ++k)
                out_ << (k ? ", " : "") << value(s.weights[k]);
            out_ << "\n";
        }
        if (s.delay)
            line() << "DELAY " << value(*s.delay) << "\n";
        close();
    };
    switch (s.kind) {
    case NetworkStmtKind::Setting:
        line() << s.name.name << " = " << quantity(*s.value) << "\n";
        return;
    case NetworkStmtKind::Population: {
        const std::string header =
            "POPULATION " + s.label->name + " = " + s.name.name + "[" + s.count->spelling + "]";
        if (s.parameters.empty()) {
            line() << header << "\n";
            return;
        }
        open(header);
        for (const Parameter& p : s.parameters)
            line() << (p.owner ? p.owner->name + "." : "") << p.name.name << " = "
                   << value(p.value) << "\n";
        close();
        return;
    }
    case NetworkStmtKind::Projection:
        connection("PROJECTION " + (s.label ? s.label->name + " = " : "") +
                   selection(s.sources[0]) + " -> " + selection(*s.target) +
                   (s.synapse ? "." + s.synapse->name : ""));
        return;
    case NetworkStmtKind::Stimulus:
        connection("STIMULUS " + (s.label ? s.label->name + " = " : "") + s.name.name + "(" +
                   arguments(s.arguments) + ") -> " + selection(*s.target) +
                   (s.synapse    ? "." + s.synapse->name
                    : s.location ? " AT " + location(*s.location)
                                 : ""));
        return;
    case NetworkStmtKind::Record: {
        line() << "RECORD " << s.name.name << (s.synapse ? " OF " + s.synapse->name : "")
               << " FROM ";
        for (std::size_t k = 0; k < s.sources.size(); ++k)
            out_ << (k ? ", " : "") << selection(s.sources[k]);
        out_ << (s.location ? " AT " + location(*s.location) : "")
             << (s.value ? " EVERY " + quantity(*s.value) : "") << "\n";
        return;
    }
    case NetworkStmtKind::Comment:
        text_block(TextKind::Comment, s.text);
        return;
    }
}

void Printer::neuron(const NeuronItem& item) {
    open("NEURON");
    for (const NeuronStmt& s : item.stmts) {
        switch (s.kind) {
        case NeuronStmtKind::Comment:
            text_block(TextKind::Comment, s.text);
            continue;
        case NeuronStmtKind::Verbatim:
            text_block(TextKind::Verbatim, s.text);
            continue;
        case NeuronStmtKind::UnitsOn:
        case NeuronStmtKind::UnitsOff:
            line() << keyword(s.kind) << "\n";
            continue;
        default:
            break;
        }
        if (s.kind == NeuronStmtKind::Represents) {
            line() << "REPRESENTS " << s.represents->name << "\n";
            continue;
        }
        line() << keyword(s.kind);
        if (s.name)
            out_ << " " << s.name->name;
        if (!s.names.empty())
            out_ << " " << list(s.names);
        if (!s.ion.read.empty())
            out_ << " READ " << list(s.ion.read);
        if (!s.ion.write.empty())
            out_ << " WRITE " << list(s.ion.write);
        if (s.ion.valence)
            out_ << " VALENCE " << s.ion.valence->spelling;
        if (s.represents)
            out_ << " REPRESENTS " << s.represents->name;
        out_ << "\n";
    }
    close();
}

void Printer::units(const UnitsItem& item) {
    open("UNITS");
    for (const UnitsEntry& e : item.entries) {
        switch (e.kind) {
        case UnitsEntryKind::Alias:
            line() << "(" << e.alias->text << ") = (" << e.unit->text << ")\n";
            break;
        case UnitsEntryKind::NamedUnit:
            line() << e.name->name << " = (" << e.unit->text << ")" << (e.arrow ? " ->" : "")
                   << unit(e.target) << "\n";
            break;
        case UnitsEntryKind::NamedNumber:
            line() << e.name->name << " = " << e.value->spelling << unit(e.target) << "\n";
            break;
        case UnitsEntryKind::Comment:
            text_block(TextKind::Comment, e.text);
            break;
        case UnitsEntryKind::UnitsOn:
            line() << "UNITSON\n";
            break;
        case UnitsEntryKind::UnitsOff:
            line() << "UNITSOFF\n";
            break;
        }
    }
    close();
}

void Printer::declarations(const DeclItem& item) {
    open(keyword(item.decl_kind));
    for (const DeclEntry& e : item.entries) {
        if (e.decl) {
            declaration(*e.decl);
        } else if (e.text_kind) {
            text_block(*e.text_kind, e.text);
        } else if (e.units_on) {
            line() << (*e.units_on ? "UNITSON" : "UNITSOFF") << "\n";
        }
    }
    close();
}

void Printer::declaration(const Declaration& d) {
    line() << d.name.name;
    if (d.size)
        out_ << "[" << d.size->text << "]";
    if (d.value)
        out_ << " = " << d.value->spelling;
    out_ << unit(d.unit);
    if (d.from)
        out_ << " FROM " << d.from->spelling << " TO " << d.to->spelling;
    if (d.start)
        out_ << " START " << d.start->spelling;
    if (!d.limits.empty()) {
        out_ << " <" << d.limits[0].spelling;
        if (d.limits.size() > 1)
            out_ << ", " << d.limits[1].spelling;
        out_ << ">";
    }
    out_ << "\n";
}

void Printer::independent(const IndependentItem& item) {
    open("INDEPENDENT");
    for (const IndependentEntry& e : item.entries) {
        if (e.name.name.empty()) {
            text_block(TextKind::Comment, e.comment);
            continue;
        }
        line() << e.name.name;
        if (e.from)
            out_ << " FROM " << e.from->spelling << " TO " << e.to->spelling << " WITH "
                 << e.with->spelling;
        if (e.start)
            out_ << " START " << e.start->spelling;
        out_ << unit(e.unit);
        if (e.sweep)
            out_ << " SWEEP " << e.sweep->name;
        out_ << "\n";
    }
    close();
}

// Prints `{ ... }` starting on the current line.
void Printer::block(const Block& b) {
    out_ << "{\n";
    ++indent_;
    for (const StmtPtr& s : b.stmts)
        statement(*s);
    close();
}

void Printer::if_chain(const IfStmt& s) {
    out_ << "IF (" << expr(*s.condition) << ") ";
    block(s.then_block);
    if (!s.else_branch)
        return;
    line() << "ELSE ";
    if (auto* next = dyn_cast<IfStmt>(s.else_branch.get())) {
        if_chain(*next);
    } else {
        block(cast<BlockStmt>(*s.else_branch).body);
    }
}

void Printer::reaction(const ReactionStmt& s) {
    auto side = [this](const std::vector<Reactant>& reactants) {
        std::ostringstream os;
        for (std::size_t i = 0; i < reactants.size(); ++i) {
            if (i)
                os << " + ";
            // `2 e1` must not print as the number 2e1.
            if (reactants[i].coefficient) {
                char first = reactants[i].species->name.name[0];
                os << reactants[i].coefficient->spelling
                   << (first == 'e' || first == 'E' ? " " : "");
            }
            print_var(os, *reactants[i].species, style_);
        }
        return os.str();
    };
    line() << "~ ";
    switch (s.op) {
    case ReactionOp::Reversible:
        out_ << side(s.lhs) << " <-> " << side(s.rhs) << " (" << expr(*s.rate1) << ", "
             << expr(*s.rate2) << ")\n";
        return;
    case ReactionOp::Irreversible:
        out_ << side(s.lhs) << " ->" << (s.rhs.empty() ? "" : " " + side(s.rhs)) << " ("
             << expr(*s.rate1) << ")\n";
        return;
    case ReactionOp::Flux:
        out_ << side(s.lhs) << " << (" << expr(*s.rate1) << ")\n";
        return;
    case ReactionOp::Equation:
        out_ << expr(*s.rate1) << " = " << expr(*s.rate2) << "\n";
        return;
    }
}

void Printer::statement(const Stmt& s) {
    switch (s.kind) {
    case StmtKind::Local:
        line() << "LOCAL " << locals(cast<LocalStmt>(s).names) << "\n";
        return;
    case StmtKind::Assign: {
        auto& a = cast<AssignStmt>(s);
        line() << (a.protect ? "PROTECT " : "") << expr(*a.lhs) << " = " << expr(*a.rhs) << "\n";
        return;
    }
    case StmtKind::Reaction:
        reaction(cast<ReactionStmt>(s));
        return;
    case StmtKind::Conserve: {
        auto& c = cast<ConserveStmt>(s);
        line() << "CONSERVE " << expr(*c.lhs) << " = " << expr(*c.rhs) << "\n";
        return;
    }
    case StmtKind::Compartment: {
        auto& c = cast<CompartmentStmt>(s);
        line() << (c.longitudinal ? "LONGITUDINAL_DIFFUSION " : "COMPARTMENT ");
        if (c.index)
            out_ << c.index->name << ", ";
        out_ << expr(*c.volume) << " {";
        for (const auto& species : c.species)
            out_ << " " << expr(*species);
        out_ << " }\n";
        return;
    }
    case StmtKind::If:
        line();
        if_chain(cast<IfStmt>(s));
        return;
    case StmtKind::While: {
        auto& w = cast<WhileStmt>(s);
        line() << "WHILE (" << expr(*w.condition) << ") ";
        block(w.body);
        return;
    }
    case StmtKind::From: {
        auto& f = cast<FromStmt>(s);
        line() << "FROM " << f.var.name << " = " << expr(*f.from) << " TO " << expr(*f.to);
        if (f.by)
            out_ << " BY " << expr(*f.by);
        out_ << " ";
        block(f.body);
        return;
    }
    case StmtKind::ForNetcons: {
        auto& f = cast<ForNetconsStmt>(s);
        line() << "FOR_NETCONS(" << formals(f.formals) << ") ";
        block(f.body);
        return;
    }
    case StmtKind::Solve: {
        auto& v = cast<SolveStmt>(s);
        line() << "SOLVE " << v.block.name;
        if (v.method)
            out_ << (v.steady_state ? " STEADYSTATE " : " METHOD ") << v.method->name;
        if (v.if_error) {
            out_ << " IFERROR ";
            block(*v.if_error);
        } else {
            out_ << "\n";
        }
        return;
    }
    case StmtKind::Table: {
        auto& t = cast<TableStmt>(s);
        line() << "TABLE";
        if (!t.tabled.empty())
            out_ << " " << list(t.tabled);
        if (!t.depend.empty())
            out_ << " DEPEND " << list(t.depend);
        out_ << " FROM " << expr(*t.from) << " TO " << expr(*t.to) << " WITH " << expr(*t.with)
             << "\n";
        return;
    }
    case StmtKind::Watch: {
        auto& w = cast<WatchStmt>(s);
        line() << "WATCH ";
        for (std::size_t i = 0; i < w.items.size(); ++i) {
            out_ << (i ? ", " : "") << "(" << expr(*w.items[i].condition) << ")";
            if (w.items[i].flag)
                out_ << " " << expr(*w.items[i].flag);
        }
        out_ << "\n";
        return;
    }
    case StmtKind::Call:
        line() << expr(*cast<CallStmt>(s).call) << "\n";
        return;
    case StmtKind::Initial:
        line() << "INITIAL ";
        block(cast<InitialStmt>(s).body);
        return;
    case StmtKind::Block:
        line();
        block(cast<BlockStmt>(s).body);
        return;
    case StmtKind::Keyword:
        line() << cast<KeywordStmt>(s).keyword << "\n";
        return;
    case StmtKind::Lag: {
        auto& l = cast<LagStmt>(s);
        line() << "LAG " << l.var.name << " BY " << l.by.name << "\n";
        return;
    }
    case StmtKind::Conductance: {
        auto& c = cast<ConductanceStmt>(s);
        line() << "CONDUCTANCE " << c.conductance.name;
        if (c.ion)
            out_ << " USEION " << c.ion->name;
        out_ << "\n";
        return;
    }
    case StmtKind::Sens:
        line() << "SENS " << list(cast<SensStmt>(s).names) << "\n";
        return;
    case StmtKind::Text: {
        auto& t = cast<TextStmt>(s);
        text_block(t.text_kind, t.text);
        return;
    }
    case StmtKind::UnitsSwitch:
        line() << (cast<UnitsSwitchStmt>(s).on ? "UNITSON" : "UNITSOFF") << "\n";
        return;
    }
}

} // namespace

std::string to_nmodl(const Expr& expr, Style style) {
    std::ostringstream out;
    print_expr(out, expr, style);
    return out.str();
}

void print_nmodl(std::ostream& out, const Module& module, Style style) {
    Printer(out, style).module(module);
}

} // namespace ranvier::ast
