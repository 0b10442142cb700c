// VERBATIM translation (see verbatim.h): a C tokenizer and a recursive-descent parser for the
// subset, building NMODL AST nodes directly.
#include "ode/verbatim.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <vector>

namespace ranvier::ode {

namespace {

enum class Tok { Ident, Number, String, Punct, End };

struct Token {
    Tok kind = Tok::End;
    std::string text;
    SourceRange range;
};

// Thrown at the first construct outside the subset; caught by translate_verbatim.
struct Refused {
    std::string message;
    SourceRange where;
};

class Lexer {
  public:
    Lexer(const std::string& code, SourceRange at) : code_(code), at_(at) {}

    std::vector<Token> tokens() {
        std::vector<Token> out;
        for (;;) {
            skip_space();
            if (pos_ >= code_.size())
                break;
            out.push_back(next());
        }
        out.push_back({Tok::End, "", here()});
        return out;
    }

  private:
    // The text starts right after the VERBATIM keyword.
    SourceRange here() const {
        SourceLoc loc{at_.begin.file, at_.begin.line + line_,
                      line_ == 0 ? at_.begin.col + 8 + col_ : col_ + 1};
        return {loc, loc};
    }
    void advance() {
        if (code_[pos_] == '\n') {
            ++line_;
            col_ = 0;
        } else {
            ++col_;
        }
        ++pos_;
    }
    bool at(const char* s) const { return code_.compare(pos_, std::strlen(s), s) == 0; }
    void skip_space() {
        while (pos_ < code_.size()) {
            if (std::isspace(static_cast<unsigned char>(code_[pos_]))) {
                advance();
            } else if (at("//")) {
                while (pos_ < code_.size() && code_[pos_] != '\n')
                    advance();
            } else if (at("/*")) {
                while (pos_ < code_.size() && !at("*/"))
                    advance();
                if (pos_ < code_.size()) {
                    advance();
                    advance();
                }
            } else {
                return;
            }
        }
    }
    Token next() {
        Token t;
        t.range = here();
        const char c = code_[pos_];
        const std::size_t start = pos_;
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            t.kind = Tok::Ident;
            while (pos_ < code_.size() &&
                   (std::isalnum(static_cast<unsigned char>(code_[pos_])) || code_[pos_] == '_'))
                advance();
        } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                   (c == '.' && pos_ + 1 < code_.size() &&
                    std::isdigit(static_cast<unsigned char>(code_[pos_ + 1])))) {
            t.kind = Tok::Number;
            while (pos_ < code_.size() &&
                   (std::isalnum(static_cast<unsigned char>(code_[pos_])) || code_[pos_] == '.' ||
                    ((code_[pos_] == '-' || code_[pos_] == '+') &&
                     (code_[pos_ - 1] == 'e' || code_[pos_ - 1] == 'E'))))
                advance();
        } else if (c == '"' || c == '\'') {
            t.kind = Tok::String;
            advance();
            while (pos_ < code_.size() && code_[pos_] != c) {
                if (code_[pos_] == '\\' && pos_ + 1 < code_.size())
                    advance();
                advance();
            }
            if (pos_ < code_.size())
                advance();
        } else {
            t.kind = Tok::Punct;
            static const char* two[] = {"&&", "||", "==", "!=", "<=", ">=", "+=", "-=",
                                        "*=", "/=", "++", "--", "->", "<<", ">>", "::"};
            bool matched = false;
            for (const char* op : two) {
                if (at(op)) {
                    advance();
                    advance();
                    matched = true;
                    break;
                }
            }
            if (!matched)
                advance();
        }
        t.text = code_.substr(start, pos_ - start);
        t.range.end = here().begin;
        return t;
    }

    const std::string& code_;
    SourceRange at_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 0, col_ = 0;
};

bool is_type_word(const std::string& s) {
    static const std::set<std::string> words = {"double", "int",      "float",  "long",
                                                "short",  "unsigned", "signed", "const",
                                                "static", "register", "auto"};
    return words.count(s) > 0;
}

// nocmodl's thread-argument macros, which vanish from argument lists.
bool is_thread_macro(const std::string& s) {
    return s.starts_with("_threadargs");
}

class Parser {
  public:
    Parser(std::vector<Token> tokens, const std::string& function, int& open_blocks)
        : toks_(std::move(tokens)), function_(function), open_blocks_(open_blocks) {}

    ast::Block block() {
        ast::Block b;
        b.range = peek().range;
        // `}` closing the branch an earlier VERBATIM left open (see if_statement).
        while (is("}") && open_blocks_ > 0) {
            take();
            --open_blocks_;
        }
        while (peek().kind != Tok::End) {
            if (is("}") && open_blocks_ > 0) {
                take();
                --open_blocks_;
                continue;
            }
            statement(b.stmts);
        }
        return b;
    }

  private:
    const Token& peek(std::size_t k = 0) const {
        return toks_[std::min(pos_ + k, toks_.size() - 1)];
    }
    bool is(const char* text, std::size_t k = 0) const {
        return peek(k).kind != Tok::String && peek(k).text == text;
    }
    Token take() { return toks_[std::min(pos_++, toks_.size() - 1)]; }
    [[noreturn]] void refuse(const std::string& what, SourceRange where) {
        throw Refused{"VERBATIM C that Ranvier cannot give a meaning to: " + what, where};
    }
    [[noreturn]] void refuse_here(const std::string& what) { refuse(what, peek().range); }
    void expect(const char* text) {
        expect_here(text);
        take();
    }

    // Skips a statement without translating it: the branch of `if (_p_x)` that never runs.
    void skip_statement() {
        if (is("{")) {
            skip_balanced("{", "}", "braces");
            return;
        }
        if (is("if")) {
            take();
            expect_here("(");
            skip_balanced("(", ")", "parentheses");
            skip_statement();
            if (is("else")) {
                take();
                skip_statement();
            }
            return;
        }
        while (!is(";")) {
            if (peek().kind == Tok::End)
                refuse_here("a statement without ';'");
            take();
        }
        take();
    }
    // From an opening token at the cursor past its matching close.
    void skip_balanced(const char* open, const char* close, const char* what) {
        int depth = 0;
        do {
            if (peek().kind == Tok::End)
                refuse_here(std::string("unbalanced ") + what);
            if (is(open))
                ++depth;
            else if (is(close))
                --depth;
            take();
        } while (depth > 0);
    }
    void expect_here(const char* text) {
        if (!is(text))
            refuse_here(std::string("expected '") + text + "' before '" + peek().text + "'");
    }

    void statement(std::vector<ast::StmtPtr>& out) {
        // Code after an unconditional return never runs: it is skipped, not translated.
        if (returned_) {
            skip_statement();
            return;
        }
        // Assignments inside this statement's expressions run just before it; those of an
        // enclosing statement's condition wait for it.
        std::vector<ast::StmtPtr> enclosing = std::move(hoisted_);
        hoisted_.clear();
        const std::size_t first = out.size();
        statement_inner(out);
        for (std::size_t k = 0; k < hoisted_.size(); ++k)
            out.insert(out.begin() + static_cast<std::ptrdiff_t>(first + k),
                       std::move(hoisted_[k]));
        hoisted_ = std::move(enclosing);
    }

    void statement_inner(std::vector<ast::StmtPtr>& out) {
        const Token& t = peek();
        if (t.kind == Tok::Punct && t.text == "#")
            refuse_here("preprocessor directives");
        if (is(";")) {
            take();
            return;
        }
        if (is("{")) {
            auto b = std::make_unique<ast::BlockStmt>();
            b->range = take().range;
            while (!is("}")) {
                if (peek().kind == Tok::End) {
                    // The taken branch of a folded `if (_p_x) {...} else {` may stay open: the
                    // NMODL statements after this VERBATIM are its body, and a later VERBATIM
                    // closes it. Anything else is unbalanced.
                    if (!open_allowed_)
                        refuse_here("unbalanced braces");
                    ++open_blocks_;
                    break;
                }
                statement(b->body.stmts);
            }
            if (is("}"))
                take();
            out.push_back(std::move(b));
            return;
        }
        if (is("if")) {
            if_statement(out);
            return;
        }
        if (is("switch")) {
            switch_statement(out);
            return;
        }
        if (is("while") || is("for")) {
            loop_statement(out);
            return;
        }
        if (is("return")) {
            if (loops_ > 0)
                refuse_here("a 'return' inside a loop");
            SourceRange where = take().range;
            if (!is(";")) {
                ast::ExprPtr value = expression();
                if (!function_.empty()) {
                    auto assign = std::make_unique<ast::AssignStmt>();
                    assign->range = where;
                    assign->lhs = variable(function_, where);
                    assign->rhs = std::move(value);
                    out.push_back(std::move(assign));
                }
            }
            expect(";");
            auto ret = std::make_unique<ast::KeywordStmt>();
            ret->keyword = "return";
            ret->range = where;
            out.push_back(std::move(ret));
            returned_ = kept_branches_ == 0;
            return;
        }
        if (is("extern")) { // a declaration of a C function: nothing to run
            skip_statement();
            return;
        }
        if (t.kind == Tok::Ident && is_type_word(t.text)) {
            declaration(out);
            return;
        }
        if (t.kind == Tok::Ident) {
            static const std::set<std::string> refused = {
                "do",     "switch", "goto",    "break",       "continue",         "case",
                "struct", "sizeof", "typedef", "static_cast", "reinterpret_cast", "auto",
                "new",    "delete"};
            if (refused.count(t.text))
                refuse_here("'" + t.text + "'");
        }
        expression_statement(out);
    }

    void if_statement(std::vector<ast::StmtPtr>& out) {
        SourceRange where = take().range;
        expect("(");
        ast::ExprPtr condition = expression();
        expect(")");
        // A constant condition (an unset _p_x pointer, folded by expression()) selects its branch
        // at translation time: the other may hold C that has no meaning here, and never runs.
        if (auto* number = ast::dyn_cast<ast::NumberExpr>(condition.get())) {
            const bool taken = number->number.value != 0.0;
            const bool saved = open_allowed_;
            if (taken) {
                open_allowed_ = !is("{") || !has_else_after_block();
                statement(out);
            } else {
                skip_statement();
            }
            if (is("else")) {
                take();
                if (taken) {
                    skip_statement();
                } else {
                    open_allowed_ = true;
                    statement(out);
                }
            }
            open_allowed_ = saved;
            return;
        }
        auto s = std::make_unique<ast::IfStmt>();
        s->range = where;
        s->condition = std::move(condition);
        ++kept_branches_;
        statement(s->then_block.stmts);
        if (is("else")) {
            take();
            auto e = std::make_unique<ast::BlockStmt>();
            e->range = peek().range;
            statement(e->body.stmts);
            s->else_branch = std::move(e);
        }
        --kept_branches_;
        out.push_back(std::move(s));
    }

    // while (c) body, and for (init; c; step) body as init; WHILE (c) { body step }: NMODL's
    // WHILE, which lowering unrolls or turns into a kernel loop. break and continue stay refused.
    void loop_statement(std::vector<ast::StmtPtr>& out) {
        const bool is_for = peek().text == "for";
        SourceRange where = take().range;
        expect("(");
        auto loop = std::make_unique<ast::WhileStmt>();
        loop->range = where;
        std::vector<ast::StmtPtr> step;
        if (is_for) {
            if (is(";"))
                take();
            else if (peek().kind == Tok::Ident && is_type_word(peek().text))
                declaration(out);
            else
                expression_statement(out);
            loop->condition = is(";") ? number(1.0, where) : expression();
            expect(";");
            if (!is(")")) {
                terminator_ = ")";
                expression_statement(step);
                terminator_ = ";";
            } else {
                take();
            }
        } else {
            loop->condition = expression();
            expect(")");
        }
        ++kept_branches_;
        ++loops_;
        statement(loop->body.stmts);
        --loops_;
        --kept_branches_;
        for (ast::StmtPtr& s : step)
            loop->body.stmts.push_back(std::move(s));
        out.push_back(std::move(loop));
    }

    // Whether the `{...}` block at the cursor is closed and followed by `else`.
    bool has_else_after_block() const {
        int depth = 0;
        for (std::size_t k = pos_; k < toks_.size(); ++k) {
            if (toks_[k].kind == Tok::End)
                return false;
            if (toks_[k].text == "{")
                ++depth;
            else if (toks_[k].text == "}" && --depth == 0)
                return k + 1 < toks_.size() && toks_[k + 1].text == "else";
        }
        return false;
    }

    // switch (e) { case 1: ... break; case 2: ... break; default: ... }: an IF/ELSE chain.
    // Every case but the last must end in break (no fall-through into a non-empty case).
    void switch_statement(std::vector<ast::StmtPtr>& out) {
        SourceRange where = take().range;
        expect("(");
        ast::ExprPtr subject = expression();
        expect(")");
        expect("{");
        struct Case {
            std::vector<double> labels; // empty for default
            std::vector<ast::StmtPtr> body;
        };
        std::vector<Case> cases;
        bool open = false; // the last case has not ended in break
        while (!is("}")) {
            if (peek().kind == Tok::End)
                refuse_here("unbalanced braces");
            if (is("case") || is("default")) {
                if (open && !cases.empty() && !cases.back().body.empty())
                    refuse_here("a switch case that falls through");
                if (!open || cases.empty())
                    cases.emplace_back();
                if (take().text == "case") {
                    ast::ExprPtr label = expression();
                    auto* n = ast::dyn_cast<ast::NumberExpr>(label.get());
                    if (!n)
                        refuse(std::string("a case label that is not a number"), label->range);
                    cases.back().labels.push_back(n->number.value);
                }
                expect(":");
                open = true;
                continue;
            }
            if (is("break")) {
                take();
                expect(";");
                open = false;
                continue;
            }
            if (cases.empty())
                refuse_here("a statement before the first case");
            ++kept_branches_;
            statement(cases.back().body);
            --kept_branches_;
        }
        take();
        // Build the chain from the last case backwards; default is the final else.
        ast::StmtPtr chain;
        std::vector<ast::StmtPtr> fallback;
        for (auto& c : cases)
            if (c.labels.empty())
                fallback = std::move(c.body);
        for (auto c = cases.rbegin(); c != cases.rend(); ++c) {
            if (c->labels.empty())
                continue;
            auto s = std::make_unique<ast::IfStmt>();
            s->range = where;
            ast::ExprPtr condition;
            for (double label : c->labels) {
                ast::ExprPtr test =
                    binary(ast::BinaryOp::Eq, clone(*subject), number(label, where));
                condition = condition
                                ? binary(ast::BinaryOp::Or, std::move(condition), std::move(test))
                                : std::move(test);
            }
            s->condition = std::move(condition);
            s->then_block.stmts = std::move(c->body);
            if (chain) {
                s->else_branch = std::move(chain);
            } else if (!fallback.empty()) {
                auto e = std::make_unique<ast::BlockStmt>();
                e->body.stmts = std::move(fallback);
                s->else_branch = std::move(e);
            }
            chain = std::move(s);
        }
        if (chain) {
            out.push_back(std::move(chain));
        } else {
            for (auto& s : fallback)
                out.push_back(std::move(s));
        }
    }

    // A copy of an expression the translation built (numbers, names, calls, operators).
    static ast::ExprPtr clone(const ast::Expr& e) {
        if (auto* n = ast::dyn_cast<ast::NumberExpr>(&e))
            return number(n->number.value, n->range);
        if (auto* v = ast::dyn_cast<ast::VarExpr>(&e)) {
            auto copy = variable(v->name.name, v->range);
            if (v->index)
                copy->index = clone(*v->index);
            return copy;
        }
        if (auto* u = ast::dyn_cast<ast::UnaryExpr>(&e)) {
            auto copy = std::make_unique<ast::UnaryExpr>();
            copy->range = u->range;
            copy->op = u->op;
            copy->operand = clone(*u->operand);
            return copy;
        }
        if (auto* b = ast::dyn_cast<ast::BinaryExpr>(&e))
            return binary(b->op, clone(*b->lhs), clone(*b->rhs));
        auto& c = ast::cast<ast::CallExpr>(e);
        auto copy = std::make_unique<ast::CallExpr>();
        copy->range = c.range;
        copy->callee = c.callee;
        for (const ast::ExprPtr& arg : c.args)
            copy->args.push_back(clone(*arg));
        return copy;
    }

    // double a, b = 2; -> LOCAL a, b  b = 2
    void declaration(std::vector<ast::StmtPtr>& out) {
        while (peek().kind == Tok::Ident && is_type_word(peek().text))
            take();
        auto local = std::make_unique<ast::LocalStmt>();
        local->range = peek().range;
        std::vector<ast::StmtPtr> inits;
        for (;;) {
            if (is("*") || is("&"))
                refuse_here("pointers");
            if (peek().kind != Tok::Ident)
                refuse_here("a declaration of '" + peek().text + "'");
            Token name = take();
            if (is("["))
                refuse_here("arrays");
            if (is("("))
                refuse_here("a function declaration");
            local->names.push_back({{local_name(name.text), name.range}, std::nullopt});
            if (is("=")) {
                take();
                auto assign = std::make_unique<ast::AssignStmt>();
                assign->range = name.range;
                assign->lhs = variable(local_name(name.text), name.range);
                assign->rhs = expression();
                inits.push_back(std::move(assign));
            }
            if (!is(","))
                break;
            take();
        }
        expect(";");
        out.push_back(std::move(local));
        for (auto& s : inits)
            out.push_back(std::move(s));
    }

    // x = e;  x op= e;  x++;  f(...);
    void expression_statement(std::vector<ast::StmtPtr>& out) {
        const Token first = peek();
        if (is("++") || is("--")) {
            std::string op = take().text;
            auto target = lvalue();
            out.push_back(increment(std::move(target), op == "++" ? 1.0 : -1.0, first.range));
            expect(terminator_.c_str());
            return;
        }
        if (first.kind == Tok::Ident && is("(", 1)) {
            ast::ExprPtr call = expression();
            auto* c = ast::dyn_cast<ast::CallExpr>(call.get());
            if (!c)
                refuse(std::string("an expression used as a statement"), first.range);
            auto s = std::make_unique<ast::CallStmt>();
            s->range = first.range;
            s->call.reset(static_cast<ast::CallExpr*>(call.release()));
            expect(terminator_.c_str());
            out.push_back(std::move(s));
            return;
        }
        auto target = lvalue();
        if (is("++") || is("--")) {
            double step = take().text == "++" ? 1.0 : -1.0;
            out.push_back(increment(std::move(target), step, first.range));
            expect(terminator_.c_str());
            return;
        }
        static const std::map<std::string, ast::BinaryOp> compound = {{"+=", ast::BinaryOp::Add},
                                                                      {"-=", ast::BinaryOp::Sub},
                                                                      {"*=", ast::BinaryOp::Mul},
                                                                      {"/=", ast::BinaryOp::Div}};
        auto assign = std::make_unique<ast::AssignStmt>();
        assign->range = first.range;
        if (auto op = compound.find(peek().text); op != compound.end()) {
            take();
            assign->rhs =
                binary(op->second, variable(target->name.name, target->range), expression());
        } else {
            expect("=");
            assign->rhs = expression();
        }
        assign->lhs = std::move(target);
        expect(terminator_.c_str());
        out.push_back(std::move(assign));
    }

    std::unique_ptr<ast::StmtPtr::element_type> increment(std::unique_ptr<ast::VarExpr> target,
                                                          double step, SourceRange where) {
        auto assign = std::make_unique<ast::AssignStmt>();
        assign->range = where;
        assign->rhs =
            binary(ast::BinaryOp::Add, variable(target->name.name, where), number(step, where));
        assign->lhs = std::move(target);
        return assign;
    }

    std::unique_ptr<ast::VarExpr> lvalue() {
        const Token t = peek();
        if (t.kind != Tok::Ident)
            refuse_here("an assignment to '" + t.text + "'");
        take();
        if (t.text.starts_with("_p_") || is("->") || is("."))
            refuse(std::string("an assignment through a pointer or to a structure"), t.range);
        return element(t);
    }

    // The variable named by `t`, with its [index] when one follows.
    std::unique_ptr<ast::VarExpr> element(const Token& t) {
        auto v = variable(name_of(t), t.range);
        if (is("[")) {
            take();
            v->index = expression();
            expect("]");
        }
        return v;
    }

    // Expressions, by C precedence: || && (== !=) (< > <= >=) (+ -) (* /) unary postfix.
    // c ? a : b becomes a call to the executor's internal select.
    ast::ExprPtr expression() {
        ast::ExprPtr e = binary_level(0);
        if (is("?")) {
            const Token q = take();
            auto c = std::make_unique<ast::CallExpr>();
            c->range = q.range;
            c->callee = {"@select", q.range};
            c->args.push_back(std::move(e));
            c->args.push_back(expression());
            expect(":");
            c->args.push_back(expression());
            e = std::move(c);
        }
        if (is("=") || is("+=") || is("-="))
            refuse_here("an assignment inside an expression");
        return e;
    }

    ast::ExprPtr binary_level(int level) {
        static const std::vector<std::vector<std::pair<const char*, ast::BinaryOp>>> levels = {
            {{"||", ast::BinaryOp::Or}},
            {{"&&", ast::BinaryOp::And}},
            {{"==", ast::BinaryOp::Eq}, {"!=", ast::BinaryOp::Ne}},
            {{"<", ast::BinaryOp::Lt},
             {">", ast::BinaryOp::Gt},
             {"<=", ast::BinaryOp::Le},
             {">=", ast::BinaryOp::Ge}},
            {{"+", ast::BinaryOp::Add}, {"-", ast::BinaryOp::Sub}},
            {{"*", ast::BinaryOp::Mul}, {"/", ast::BinaryOp::Div}},
        };
        if (level == static_cast<int>(levels.size()))
            return unary();
        ast::ExprPtr lhs = binary_level(level + 1);
        for (;;) {
            if (is("%") || is("&") || is("|") || is("^") || is("<<") || is(">>"))
                refuse_here("the integer operator '" + peek().text + "'");
            const auto& ops = levels[static_cast<std::size_t>(level)];
            auto op =
                std::find_if(ops.begin(), ops.end(), [&](const auto& o) { return is(o.first); });
            if (op == ops.end())
                return lhs;
            take();
            lhs = binary(op->second, std::move(lhs), binary_level(level + 1));
        }
    }

    ast::ExprPtr unary() {
        const Token t = peek();
        if (is("-") || is("+") || is("!")) {
            take();
            ast::ExprPtr operand = unary();
            if (t.text == "!") {
                // !_p_x with _p_x unset is 1: keep it constant so the IF folds.
                if (auto* n = ast::dyn_cast<ast::NumberExpr>(operand.get()))
                    return number(n->number.value == 0.0 ? 1.0 : 0.0, t.range);
            }
            auto u = std::make_unique<ast::UnaryExpr>();
            u->range = t.range;
            u->op = t.text == "-"   ? ast::UnaryOp::Neg
                    : t.text == "+" ? ast::UnaryOp::Plus
                                    : ast::UnaryOp::Not;
            u->operand = std::move(operand);
            return u;
        }
        if (is("*") || is("&"))
            refuse_here("pointers");
        // (double) e, (float) e: a no-op for values that are doubles already.
        if (is("(") && peek(1).kind == Tok::Ident && is_type_word(peek(1).text)) {
            take();
            std::string type = take().text;
            if (type != "double" && type != "float")
                refuse(std::string("a cast to '") + type + "' (it truncates)", t.range);
            expect(")");
            return unary();
        }
        return postfix();
    }

    ast::ExprPtr postfix() {
        const Token t = peek();
        if (is("(")) {
            take();
            // (x = e) inside an expression: the assignment runs first, then x is read.
            if (peek().kind == Tok::Ident && (is("=", 1) || is("[", 1)) && assignment_ahead()) {
                const Token target = peek();
                auto lhs = lvalue();
                expect("=");
                auto assign = std::make_unique<ast::AssignStmt>();
                assign->range = target.range;
                assign->rhs = expression();
                auto read = clone(*lhs);
                assign->lhs = std::move(lhs);
                hoisted_.push_back(std::move(assign));
                expect(")");
                return read;
            }
            ast::ExprPtr e = expression();
            expect(")");
            return e;
        }
        if (t.kind == Tok::Number) {
            take();
            std::string text = t.text;
            while (!text.empty() && std::strchr("fFlLuU", text.back()) &&
                   text.find_first_of("xX") == std::string::npos)
                text.pop_back();
            char* end = nullptr;
            double value = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0')
                refuse("the number '" + t.text + "'", t.range);
            return number(value, t.range);
        }
        if (t.kind != Tok::Ident)
            refuse_here("'" + t.text + "'");
        take();
        if (is("(")) {
            return call(t);
        }
        if (is("->") || is("."))
            refuse("'" + t.text + peek().text + "' (structures)", t.range);
        // An unset POINTER or random stream: null.
        if (t.text.starts_with("_p_"))
            return number(0.0, t.range);
        // NEURON's old "only in the main thread" test: Ranvier's streams are per instance.
        if (t.text == "_nt" && is("!=") && peek(1).text == "nrn_threads") {
            take();
            take();
            return number(0.0, t.range);
        }
        return element(t);
    }

    // At `x = ...` or `x[...] = ...` (not `==`) inside parentheses.
    bool assignment_ahead() const {
        std::size_t k = pos_ + 1;
        if (toks_[k].text == "[") {
            for (int depth = 0; k < toks_.size(); ++k) {
                if (toks_[k].text == "[")
                    ++depth;
                else if (toks_[k].text == "]" && --depth == 0)
                    break;
            }
            ++k;
        }
        return k < toks_.size() && toks_[k].text == "=";
    }

    // Maths and the mechanism's own functions keep their names; the random-number idioms draw
    // from the instance's stream; output is dropped; anything else is refused by name.
    ast::ExprPtr call(const Token& callee) {
        if (callee.text == "printf" || callee.text == "fprintf") {
            skip_balanced("(", ")", "parentheses"); // output: nothing to compute
            auto c = std::make_unique<ast::CallExpr>();
            c->range = callee.range;
            c->callee = {"printf", callee.range};
            return c;
        }
        take(); // (
        std::vector<ast::ExprPtr> args;
        while (!is(")")) {
            if (peek().kind == Tok::End)
                refuse_here("unbalanced parentheses");
            if (peek().kind == Tok::Ident && is_thread_macro(peek().text)) {
                take();
                continue;
            }
            if (peek().kind == Tok::String) {
                args.push_back(number(0.0, take().range)); // printf's format
            } else {
                args.push_back(expression());
            }
            if (is(","))
                take();
            else if (!is(")"))
                refuse_here("expected ',' or ')' in the arguments of '" + callee.text + "'");
        }
        take();
        static const std::map<std::string, std::pair<const char*, int>> random = {
            {"nrnran123_negexp", {"exprand", 1}},
            {"nrnran123_normal", {"normrand", 2}},
            {"nrnran123_dblpick", {"scop_random", 0}},
            {"nrnran123_uniform", {"scop_random", 0}},
        };
        std::string name = callee.text;
        if (auto r = random.find(name); r != random.end()) {
            // nrnran123_negexp(stream) has mean 1; normal(stream) is N(0, 1).
            args.clear();
            name = r->second.first;
            if (r->second.second >= 1)
                args.push_back(number(name == "normrand" ? 0.0 : 1.0, callee.range));
            if (r->second.second >= 2)
                args.push_back(number(1.0, callee.range));
        } else if (name.starts_with("nrn") || name.starts_with("hoc_") ||
                   name.starts_with("vector_") || name.starts_with("ifarg") ||
                   name.starts_with("_") || name == "malloc" || name == "free" || name == "exit" ||
                   name == "abort") {
            refuse("the call to '" + name + "', which needs NEURON's interpreter or C runtime",
                   callee.range);
        }
        auto c = std::make_unique<ast::CallExpr>();
        c->range = callee.range;
        c->callee = {name, callee.range};
        c->args = std::move(args);
        return c;
    }

    // nocmodl's spelling -> the NMODL name: _lx is the local or argument x, _ion_x the ion's x.
    static std::string local_name(const std::string& c) {
        return c.starts_with("_l") && c.size() > 2 ? c.substr(2) : c;
    }
    std::string name_of(const Token& t) {
        if (t.text.starts_with("_ion_"))
            return t.text.substr(5);
        if (t.text.starts_with("_l") && t.text.size() > 2)
            return t.text.substr(2);
        if (t.text.starts_with("_") || t.text.starts_with("nrn") || t.text == "NULL" ||
            t.text == "nullptr")
            refuse("'" + t.text + "', a name of NEURON's C", t.range);
        return t.text;
    }

    static std::unique_ptr<ast::VarExpr> variable(const std::string& name, SourceRange where) {
        auto v = std::make_unique<ast::VarExpr>();
        v->range = where;
        v->name = {name, where};
        return v;
    }
    static ast::ExprPtr number(double value, SourceRange where) {
        auto n = std::make_unique<ast::NumberExpr>();
        n->range = where;
        n->number.value = value;
        n->number.spelling = std::to_string(value);
        n->number.range = where;
        return n;
    }
    static ast::ExprPtr binary(ast::BinaryOp op, ast::ExprPtr lhs, ast::ExprPtr rhs) {
        auto b = std::make_unique<ast::BinaryExpr>();
        b->range = lhs->range;
        b->op = op;
        b->lhs = std::move(lhs);
        b->rhs = std::move(rhs);
        return b;
    }

    std::vector<Token> toks_;
    std::size_t pos_ = 0;
    std::string function_;
    int& open_blocks_;             // branches left open across VERBATIM blocks
    bool open_allowed_ = false;    // inside the taken branch of a folded IF
    bool returned_ = false;        // an unconditional return was translated
    int loops_ = 0;                // inside while/for bodies
    std::string terminator_ = ";"; // of an expression statement (")" ends a for's step)
    int kept_branches_ = 0;        // inside IF branches that are translated (not folded)
    std::vector<ast::StmtPtr> hoisted_;
};

} // namespace

VerbatimTranslation translate_verbatim(const std::string& code, SourceRange at,
                                       const std::string& function, int& open_blocks) {
    VerbatimTranslation out;
    try {
        Parser parser(Lexer(code, at).tokens(), function, open_blocks);
        out.block = parser.block();
    } catch (const Refused& refused) {
        out.error = refused.message;
        out.error_at = refused.where;
    }
    return out;
}

} // namespace ranvier::ode
