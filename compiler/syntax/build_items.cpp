// Builder, part 2: top-level items (NEURON, UNITS, declaration blocks, procedural blocks).
#include "syntax/builder.h"

#include <cstring>

namespace ranvier::syntax {

namespace {

// The first word of TITLE_LINE is the keyword; the rest of the line, trimmed, is the title.
std::string title_text(const std::string& line) {
    std::string rest = line.substr(std::strlen("TITLE"));
    std::size_t first = rest.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    std::size_t last = rest.find_last_not_of(" \t\r");
    return rest.substr(first, last - first + 1);
}

} // namespace

ast::ItemPtr Builder::item(P::TopItemContext* ctx) {
    SourceRange r = range(ctx);
    if (auto* c = ctx->titleLine()) {
        auto item = make_node<ast::TitleItem>(r);
        item->text = title_text(original(c->TITLE_LINE()->getSymbol()));
        return item;
    }
    if (ctx->commentBlock() || ctx->verbatimBlock()) {
        auto item = make_node<ast::TextItem>(r);
        bool comment = ctx->commentBlock() != nullptr;
        item->text_kind = comment ? ast::TextKind::Comment : ast::TextKind::Verbatim;
        antlr4::Token* token = ctx->getStart();
        item->text = comment ? block_text(token, 7, 10) : block_text(token, 8, 11);
        return item;
    }
    if (auto* c = ctx->includeStmt()) {
        auto item = make_node<ast::IncludeItem>(r);
        item->path = unquoted(c->STRING());
        return item;
    }
    if (auto* c = ctx->defineStmt()) {
        auto item = make_node<ast::DefineItem>(r);
        item->name = identifier(c->name());
        item->value = number(c->signedNumber());
        return item;
    }
    if (auto* c = ctx->unitsSwitch()) {
        auto item = make_node<ast::UnitsSwitchItem>(r);
        item->on = c->UNITSON() != nullptr;
        return item;
    }
    if (auto* c = ctx->neuronBlock())
        return neuron(c);
    if (auto* c = ctx->unitsBlock())
        return units(c);
    if (auto* c = ctx->declBlock())
        return declarations(c);
    if (auto* c = ctx->independentBlock())
        return independent(c);
    if (auto* c = ctx->localStmt()) {
        auto item = make_node<ast::LocalItem>(r);
        item->names = local_names(c);
        return item;
    }
    auto procedural = [&](ast::ProceduralKind kind, P::StmtBlockContext* body) {
        auto item = make_node<ast::ProceduralItem>(r);
        item->block_kind = kind;
        item->body = block(body);
        return item;
    };
    if (auto* c = ctx->initialBlock())
        return procedural(ast::ProceduralKind::Initial, c->stmtBlock());
    if (auto* c = ctx->breakpointBlock())
        return procedural(ast::ProceduralKind::Breakpoint, c->stmtBlock());
    if (auto* c = ctx->constructorBlock())
        return procedural(ast::ProceduralKind::Constructor, c->stmtBlock());
    if (auto* c = ctx->destructorBlock())
        return procedural(ast::ProceduralKind::Destructor, c->stmtBlock());
    if (auto* c = ctx->namedBlock()) {
        auto item = make_node<ast::NamedItem>(r);
        switch (c->kind->getType()) {
        case P::DERIVATIVE:
            item->block_kind = ast::NamedKind::Derivative;
            break;
        case P::KINETIC:
            item->block_kind = ast::NamedKind::Kinetic;
            break;
        case P::LINEAR:
            item->block_kind = ast::NamedKind::Linear;
            break;
        case P::NONLINEAR:
            item->block_kind = ast::NamedKind::Nonlinear;
            break;
        case P::DISCRETE:
            item->block_kind = ast::NamedKind::Discrete;
            break;
        default:
            item->block_kind = ast::NamedKind::Partial;
            break;
        }
        item->name = identifier(c->name());
        item->solve_for = names(c->nameList());
        item->body = block(c->stmtBlock());
        return item;
    }
    if (auto* c = ctx->functionBlock())
        return callable(ast::CallableKind::Function, c->name(), c->formalList(), c->unit(),
                        c->stmtBlock());
    if (auto* c = ctx->procedureBlock())
        return callable(ast::CallableKind::Procedure, c->name(), c->formalList(), c->unit(),
                        c->stmtBlock());
    if (auto* c = ctx->functionTableBlock())
        return callable(ast::CallableKind::FunctionTable, c->name(), c->formalList(), c->unit(),
                        nullptr);
    if (auto* c = ctx->netReceiveBlock()) {
        ast::ItemPtr item = callable(ast::CallableKind::NetReceive, nullptr, c->formalList(),
                                     nullptr, c->stmtBlock());
        static_cast<ast::CallableItem&>(*item).has_formal_list = c->LPAREN() != nullptr;
        return item;
    }
    if (auto* c = ctx->beforeAfterBlock()) {
        auto item = make_node<ast::BeforeAfterItem>(r);
        item->before = c->when->getType() == P::BEFORE;
        item->when = c->what->getText();
        item->body = block(c->stmtBlock());
        return item;
    }
    if (auto* c = ctx->cellBlock())
        return cell(c);
    if (auto* c = ctx->networkBlock())
        return network(c);
    return nullptr;
}

ast::ItemPtr Builder::neuron(P::NeuronBlockContext* ctx) {
    auto item = make_node<ast::NeuronItem>(range(ctx));
    for (P::NeuronStmtContext* stmt : ctx->neuronStmt())
        item->stmts.push_back(neuron_stmt(stmt));
    return item;
}

ast::NeuronStmt Builder::neuron_stmt(P::NeuronStmtContext* ctx) {
    using K = ast::NeuronStmtKind;
    ast::NeuronStmt stmt;
    stmt.range = range(ctx);
    if (ctx->commentBlock() || ctx->verbatimBlock()) {
        bool comment = ctx->commentBlock() != nullptr;
        stmt.kind = comment ? K::Comment : K::Verbatim;
        stmt.text =
            comment ? block_text(ctx->getStart(), 7, 10) : block_text(ctx->getStart(), 8, 11);
        return stmt;
    }
    if (auto* c = ctx->unitsSwitch()) {
        stmt.kind = c->UNITSON() ? K::UnitsOn : K::UnitsOff;
        return stmt;
    }
    if (ctx->USEION()) {
        stmt.kind = K::UseIon;
        stmt.name = identifier(ctx->name());
        for (P::UseionClauseContext* clause : ctx->useionClause()) {
            if (clause->representsClause()) {
                stmt.represents = represents(clause->representsClause());
            } else if (clause->VALENCE()) {
                stmt.ion.valence = number(clause->signedNumber());
            } else {
                auto& list = clause->kind->getType() == P::READ ? stmt.ion.read : stmt.ion.write;
                for (ast::Identifier& id : names(clause->nameList()))
                    list.push_back(std::move(id));
            }
        }
        return stmt;
    }
    if (!ctx->kind && ctx->representsClause()) {
        stmt.kind = K::Represents;
        stmt.represents = represents(ctx->representsClause());
        return stmt;
    }
    if (ctx->THREADSAFE()) {
        stmt.kind = K::Threadsafe;
        stmt.names = names(ctx->nameList());
        return stmt;
    }
    switch (ctx->kind->getType()) {
    case P::SUFFIX:
        stmt.kind = K::Suffix;
        break;
    case P::POINT_PROCESS:
        stmt.kind = K::PointProcess;
        break;
    case P::ARTIFICIAL_CELL:
        stmt.kind = K::ArtificialCell;
        break;
    case P::NONSPECIFIC_CURRENT:
        stmt.kind = K::NonspecificCurrent;
        break;
    case P::ELECTRODE_CURRENT:
        stmt.kind = K::ElectrodeCurrent;
        break;
    case P::RANGE:
        stmt.kind = K::Range;
        break;
    case P::GLOBAL:
        stmt.kind = K::Global;
        break;
    case P::POINTER:
        stmt.kind = K::Pointer;
        break;
    case P::BBCOREPOINTER:
        stmt.kind = K::BbcorePointer;
        break;
    case P::EXTERNAL:
        stmt.kind = K::External;
        break;
    case P::RANDOM:
        stmt.kind = K::Random;
        break;
    default:
        stmt.kind = K::Section;
        break;
    }
    if (ctx->name()) {
        stmt.name = identifier(ctx->name());
        if (ctx->representsClause())
            stmt.represents = represents(ctx->representsClause());
    } else {
        stmt.names = names(ctx->nameList());
    }
    return stmt;
}

ast::ItemPtr Builder::units(P::UnitsBlockContext* ctx) {
    using K = ast::UnitsEntryKind;
    auto item = make_node<ast::UnitsItem>(range(ctx));
    for (P::UnitsItemContext* c : ctx->unitsItem()) {
        ast::UnitsEntry entry;
        entry.range = range(c);
        std::vector<P::UnitContext*> units = c->unit();
        if (c->commentBlock()) {
            entry.kind = K::Comment;
            entry.text = block_text(c->getStart(), 7, 10);
        } else if (c->unitsSwitch()) {
            entry.kind = c->unitsSwitch()->UNITSON() ? K::UnitsOn : K::UnitsOff;
        } else if (!c->name()) {
            entry.kind = K::Alias;
            entry.alias = unit(units[0]);
            entry.unit = unit(units[1]);
        } else if (c->signedNumber()) {
            entry.kind = K::NamedNumber;
            entry.name = identifier(c->name());
            entry.value = number(c->signedNumber());
            if (!units.empty())
                entry.target = unit(units[0]);
        } else {
            entry.kind = K::NamedUnit;
            entry.arrow = c->ARROW() != nullptr;
            entry.name = identifier(c->name());
            entry.unit = unit(units[0]);
            if (units.size() > 1)
                entry.target = unit(units[1]);
        }
        item->entries.push_back(std::move(entry));
    }
    return item;
}

ast::ItemPtr Builder::declarations(P::DeclBlockContext* ctx) {
    auto item = make_node<ast::DeclItem>(range(ctx));
    switch (ctx->kind->getType()) {
    case P::PARAMETER:
        item->decl_kind = ast::DeclKind::Parameter;
        break;
    case P::ASSIGNED:
        item->decl_kind = ast::DeclKind::Assigned;
        break;
    case P::STATE:
        item->decl_kind = ast::DeclKind::State;
        break;
    case P::CONSTANT:
        item->decl_kind = ast::DeclKind::Constant;
        break;
    default:
        item->decl_kind = ast::DeclKind::Dependent;
        break;
    }
    for (P::DeclItemContext* c : ctx->declItem()) {
        ast::DeclEntry entry;
        entry.range = range(c);
        if (c->declaration()) {
            entry.decl = declaration(c->declaration());
        } else if (c->unitsSwitch()) {
            entry.units_on = c->unitsSwitch()->UNITSON() != nullptr;
        } else {
            bool comment = c->commentBlock() != nullptr;
            entry.text_kind = comment ? ast::TextKind::Comment : ast::TextKind::Verbatim;
            entry.text =
                comment ? block_text(c->getStart(), 7, 10) : block_text(c->getStart(), 8, 11);
        }
        item->entries.push_back(std::move(entry));
    }
    return item;
}

ast::Declaration Builder::declaration(P::DeclarationContext* ctx) {
    ast::Declaration decl;
    decl.range = range(ctx);
    decl.name = identifier(ctx->name());
    if (ctx->arraySize())
        decl.size = array_size(ctx->arraySize());
    if (ctx->signedNumber())
        decl.value = number(ctx->signedNumber());
    // Repeated parts: the last one written wins, as in nocmodl.
    for (P::UnitContext* c : ctx->unit())
        decl.unit = unit(c);
    for (P::FromToContext* c : ctx->fromTo()) {
        decl.from = number(c->signedNumber(0));
        decl.to = number(c->signedNumber(1));
    }
    for (P::StartValueContext* c : ctx->startValue())
        decl.start = number(c->signedNumber());
    for (P::LimitsContext* c : ctx->limits()) {
        decl.limits.clear();
        for (P::SignedNumberContext* n : c->signedNumber())
            decl.limits.push_back(number(n));
    }
    return decl;
}

ast::ItemPtr Builder::independent(P::IndependentBlockContext* ctx) {
    auto item = make_node<ast::IndependentItem>(range(ctx));
    for (P::IndependentItemContext* c : ctx->independentItem()) {
        ast::IndependentEntry entry;
        entry.range = range(c);
        if (c->commentBlock()) {
            entry.comment = block_text(c->getStart(), 7, 10);
            item->entries.push_back(std::move(entry));
            continue;
        }
        entry.name = identifier(c->name(0));
        std::vector<P::SignedNumberContext*> numbers = c->signedNumber();
        if (c->FROM()) {
            entry.from = number(numbers[0]);
            entry.to = number(numbers[1]);
            entry.with = number(numbers[2]);
        }
        if (c->startValue())
            entry.start = number(c->startValue()->signedNumber());
        if (c->unit())
            entry.unit = unit(c->unit());
        if (c->SWEEP())
            entry.sweep = identifier(c->name(1));
        item->entries.push_back(std::move(entry));
    }
    return item;
}

std::vector<ast::Formal> Builder::formals(P::FormalListContext* ctx) {
    std::vector<ast::Formal> result;
    if (!ctx)
        return result;
    for (P::FormalContext* c : ctx->formal()) {
        ast::Formal formal;
        formal.name = identifier(c->name());
        if (c->arraySize())
            formal.size = array_size(c->arraySize());
        if (c->unit())
            formal.unit = unit(c->unit());
        result.push_back(std::move(formal));
    }
    return result;
}

ast::ItemPtr Builder::callable(ast::CallableKind kind, P::NameContext* name,
                               P::FormalListContext* formal_list, P::UnitContext* unit_ctx,
                               P::StmtBlockContext* body) {
    auto* parent = name ? name->parent : body->parent;
    auto item =
        make_node<ast::CallableItem>(range(static_cast<antlr4::ParserRuleContext*>(parent)));
    item->callable_kind = kind;
    item->name = name ? identifier(name) : ast::Identifier{"NET_RECEIVE", item->range};
    item->formals = formals(formal_list);
    if (unit_ctx)
        item->unit = unit(unit_ctx);
    if (body)
        item->body = block(body);
    return item;
}

// ---------------------------------------------------------------------------------------------
// CELL blocks

ast::Quantity Builder::quantity(P::QuantityContext* ctx) const {
    ast::Quantity q;
    q.value = number(ctx->signedNumber());
    if (ctx->unit())
        q.unit = unit(ctx->unit());
    q.range = range(ctx);
    return q;
}

ast::Setting Builder::setting(P::SettingContext* ctx) const {
    return {identifier(ctx->name()), quantity(ctx->quantity())};
}

std::vector<ast::Setting> Builder::settings(P::SettingsContext* ctx) const {
    std::vector<ast::Setting> result;
    if (ctx)
        for (P::SettingContext* c : ctx->setting())
            result.push_back(setting(c));
    return result;
}

ast::SectionRef Builder::section_ref(P::SectionRefContext* ctx) const {
    ast::SectionRef ref;
    ref.name = identifier(ctx->name());
    if (ctx->NUMBER())
        ref.index = number(ctx->NUMBER()->getSymbol());
    ref.range = range(ctx);
    return ref;
}

std::vector<ast::SectionRef> Builder::section_list(P::SectionListContext* ctx) const {
    std::vector<ast::SectionRef> result;
    if (ctx)
        for (P::SectionRefContext* c : ctx->sectionRef())
            result.push_back(section_ref(c));
    return result;
}

ast::Location Builder::location(P::LocationContext* ctx) const {
    return {section_ref(ctx->sectionRef()), number(ctx->signedNumber()), range(ctx)};
}

ast::ItemPtr Builder::cell(P::CellBlockContext* ctx) {
    auto item = make_node<ast::CellItem>(range(ctx));
    item->name = identifier(ctx->name());
    for (P::CellStmtContext* c : ctx->cellStmt())
        item->stmts.push_back(cell_stmt(c));
    return item;
}

ast::CellStmt Builder::cell_stmt(P::CellStmtContext* ctx) {
    ast::CellStmt stmt;
    stmt.range = range(ctx);
    using K = ast::CellStmtKind;
    if (auto* c = dynamic_cast<P::CellSettingContext*>(ctx)) {
        stmt.kind = K::Setting;
        ast::Setting s = setting(c->setting());
        stmt.name = s.name;
        stmt.value = s.value;
        return stmt;
    }
    if (auto* c = dynamic_cast<P::CellSectionContext*>(ctx)) {
        stmt.kind = K::Section;
        stmt.section = section_ref(c->sectionRef());
        for (P::SectionStmtContext* s : c->sectionStmt()) {
            if (s->location())
                stmt.location = location(s->location());
            if (s->setting())
                stmt.settings.push_back(setting(s->setting()));
        }
        return stmt;
    }
    if (auto* c = dynamic_cast<P::CellMorphologyContext*>(ctx)) {
        stmt.kind = K::Morphology;
        stmt.text = unquoted(c->STRING());
        return stmt;
    }
    if (auto* c = dynamic_cast<P::CellInsertContext*>(ctx)) {
        stmt.kind = K::Insert;
        stmt.name = identifier(c->name());
        stmt.sections = section_list(c->sectionList());
        stmt.settings = settings(c->settings());
        return stmt;
    }
    if (auto* c = dynamic_cast<P::CellPointContext*>(ctx)) {
        stmt.kind = K::Point;
        stmt.synapse = c->kind->getType() == P::SYNAPSE;
        stmt.label = identifier(c->name(0));
        stmt.name = identifier(c->name(1));
        stmt.location = location(c->location());
        stmt.settings = settings(c->settings());
        return stmt;
    }
    if (auto* c = dynamic_cast<P::CellDetectorContext*>(ctx)) {
        stmt.kind = K::Detector;
        if (c->location()) {
            stmt.location = location(c->location());
            stmt.value = quantity(c->quantity());
        } else {
            stmt.target = identifier(c->name());
        }
        return stmt;
    }
    if (auto* c = dynamic_cast<P::CellStimulusContext*>(ctx)) {
        stmt.kind = K::Stimulus;
        std::vector<P::NameContext*> names = c->name();
        if (c->ASSIGN())
            stmt.label = identifier(names[0]);
        stmt.name = identifier(names[names.size() - 2]);
        stmt.target = identifier(names.back());
        if (c->stimulusArgs())
            for (P::StimulusArgContext* a : c->stimulusArgs()->stimulusArg()) {
                stmt.argument_names.push_back(a->name() ? std::optional(identifier(a->name()))
                                                        : std::nullopt);
                stmt.arguments.push_back(quantity(a->quantity()));
            }
        if (P::ConnectionContext* connection = c->connection()) {
            // WEIGHT a, b and DELAY d in any order: quantities follow their keyword.
            bool weights = false;
            for (antlr4::tree::ParseTree* child : connection->children) {
                if (auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
                    if (t->getSymbol()->getType() == P::WEIGHT)
                        weights = true;
                    if (t->getSymbol()->getType() == P::DELAY)
                        weights = false;
                } else if (auto* q = dynamic_cast<P::QuantityContext*>(child)) {
                    if (weights)
                        stmt.weights.push_back(quantity(q));
                    else
                        stmt.delay = quantity(q);
                }
            }
        }
        return stmt;
    }
    if (auto* c = dynamic_cast<P::CellRecordContext*>(ctx)) {
        stmt.kind = K::Record;
        stmt.name = identifier(c->name(0));
        if (c->location())
            stmt.location = location(c->location());
        if (c->OF())
            stmt.target = identifier(c->name(1));
        if (c->quantity())
            stmt.value = quantity(c->quantity());
        return stmt;
    }
    if (auto* c = dynamic_cast<P::CellIonContext*>(ctx)) {
        stmt.kind = K::Ion;
        stmt.name = identifier(c->name());
        stmt.sections = section_list(c->sectionList());
        stmt.settings = settings(c->settings());
        return stmt;
    }
    if (auto* c = dynamic_cast<P::CellCommentContext*>(ctx)) {
        stmt.kind = K::Comment;
        stmt.text = block_text(c->commentBlock()->COMMENT_BLOCK()->getSymbol(), 7, 10);
    }
    return stmt;
}

} // namespace ranvier::syntax
