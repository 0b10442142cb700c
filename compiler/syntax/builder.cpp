// Builder, part 1: locations, leaves (names, numbers, units) and the module.
#include "syntax/builder.h"

#include <cstdlib>
#include <cstring>

namespace ranvier::syntax {

SourceLoc Builder::end_loc(antlr4::Token* token) const {
    std::string text = token->getText();
    SourceLoc loc{file_, static_cast<std::uint32_t>(token->getLine()),
                  static_cast<std::uint32_t>(token->getCharPositionInLine() + 1)};
    std::size_t newline = text.rfind('\n');
    if (newline == std::string::npos) {
        loc.col += text.empty() ? 0 : static_cast<std::uint32_t>(text.size() - 1);
    } else {
        for (char c : text)
            loc.line += c == '\n';
        loc.col = static_cast<std::uint32_t>(text.size() - newline - 1);
    }
    return loc;
}

SourceRange Builder::range(antlr4::Token* token) const {
    SourceLoc begin{file_, static_cast<std::uint32_t>(token->getLine()),
                    static_cast<std::uint32_t>(token->getCharPositionInLine() + 1)};
    return {begin, end_loc(token)};
}

SourceRange Builder::range(antlr4::ParserRuleContext* ctx) const {
    SourceRange r = range(ctx->getStart());
    antlr4::Token* stop = ctx->getStop();
    if (stop && stop->getTokenIndex() >= ctx->getStart()->getTokenIndex())
        r.end = end_loc(stop);
    return r;
}

std::string Builder::source_text(antlr4::ParserRuleContext* ctx) const {
    std::size_t begin = ctx->getStart()->getStartIndex();
    antlr4::Token* stop = ctx->getStop();
    if (!stop || stop->getStopIndex() < begin)
        return {};
    return text_.substr(begin, stop->getStopIndex() + 1 - begin);
}

// The body of a COMMENT/VERBATIM token, taken from the original bytes (the lexer saw non-ASCII
// bytes replaced, see parse.cpp).
std::string Builder::block_text(antlr4::Token* token, std::size_t open_len,
                                std::size_t close_len) const {
    std::size_t begin = token->getStartIndex() + open_len;
    std::size_t end = token->getStopIndex() + 1 - close_len;
    return end > begin ? text_.substr(begin, end - begin) : std::string();
}

std::string Builder::original(antlr4::Token* token) const {
    return text_.substr(token->getStartIndex(), token->getStopIndex() + 1 - token->getStartIndex());
}

std::string Builder::unquoted(antlr4::tree::TerminalNode* string) const {
    std::string quoted = original(string->getSymbol());
    return quoted.substr(1, quoted.size() - 2);
}

ast::Identifier Builder::represents(P::RepresentsClauseContext* ctx) const {
    antlr4::Token* token = ctx->REPRESENTS_CLAUSE()->getSymbol();
    std::string text = original(token);
    std::size_t id = text.find_first_not_of(" \t", std::strlen("REPRESENTS"));
    SourceRange r = range(token);
    r.begin.col += static_cast<std::uint32_t>(id);
    return {text.substr(id), r};
}

ast::Identifier Builder::identifier(P::NameContext* ctx) const {
    return {ctx->getText(), range(ctx)};
}

std::vector<ast::Identifier> Builder::names(P::NameListContext* ctx) const {
    std::vector<ast::Identifier> result;
    if (!ctx)
        return result;
    for (P::NameContext* name : ctx->name())
        result.push_back(identifier(name));
    return result;
}

ast::NumberLit Builder::number(antlr4::Token* token) const {
    ast::NumberLit lit;
    lit.spelling = token->getText();
    lit.value = std::strtod(lit.spelling.c_str(), nullptr);
    lit.range = range(token);
    return lit;
}

ast::NumberLit Builder::number(P::SignedNumberContext* ctx) const {
    ast::NumberLit lit = number(ctx->NUMBER()->getSymbol());
    if (ctx->MINUS()) {
        lit.spelling = "-" + lit.spelling;
        lit.value = -lit.value;
    } else if (ctx->PLUS()) {
        lit.spelling = "+" + lit.spelling;
    }
    lit.range = range(ctx);
    return lit;
}

// Unit text between the parentheses with runs of blanks folded to one space, so that "( mA / cm2 )"
// and "(mA/cm2)" print alike while "(ohm cm)" keeps its meaningful space.
ast::UnitText Builder::unit(P::UnitContext* ctx) const {
    // Built from the unit's tokens, so a comment inside the parentheses (`(S/cm ? area` on one
    // line, `K2)` on the next: a fuzzer finding) is dropped; anything between two tokens, blanks
    // or comments, becomes one space, which keeps "(ohm cm)" apart from "(ohmcm)".
    std::string text;
    std::size_t previous_stop = 0;
    for (P::UnitAtomContext* atom : ctx->unitAtom()) {
        antlr4::Token* token = atom->getStart();
        if (!text.empty() && token->getStartIndex() > previous_stop + 1)
            text += ' ';
        text += token->getText();
        previous_stop = token->getStopIndex();
    }
    return {text, range(ctx)};
}

ast::ArraySize Builder::array_size(P::ArraySizeContext* ctx) const {
    ast::ArraySize size;
    size.text = ctx->NUMBER() ? ctx->NUMBER()->getText() : ctx->name()->getText();
    size.range = range(ctx);
    return size;
}

std::unique_ptr<ast::Module> Builder::build(P::FileContext* ctx) {
    auto module = std::make_unique<ast::Module>();
    module->file = file_;
    for (P::TopItemContext* top : ctx->topItem()) {
        if (ast::ItemPtr built = item(top))
            module->items.push_back(std::move(built));
    }
    return module;
}

} // namespace ranvier::syntax
