// Runs ANTLR's lexer and parser over one file, turns its errors into Ranvier diagnostics, builds
// the AST and resolves INCLUDE items recursively.
#include "syntax/parse.h"

#include "NmodlLexer.h"
#include "syntax/builder.h"

#include <cctype>
#include <cstring>
#include <set>

namespace ranvier::syntax {

namespace {

// Reports lexer and parser errors at the offending token with a readable message.
class ErrorListener : public antlr4::BaseErrorListener {
  public:
    ErrorListener(FileId file, DiagnosticEngine& diags) : file_(file), diags_(diags) {}

    void syntaxError(antlr4::Recognizer*, antlr4::Token* token, size_t line, size_t col,
                     const std::string& message, std::exception_ptr) override {
        // After a non-ASCII character, the rest of its line only produces knock-on errors.
        if (line == non_ascii_line_)
            return;
        if (token && token->getText() == "\x7f")
            non_ascii_line_ = line;
        SourceLoc at{file_, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(col + 1)};
        SourceRange range{at, at};
        if (token && token->getType() != antlr4::Token::EOF) {
            std::string text = token->getText();
            if (text.find('\n') == std::string::npos && !text.empty())
                range.end.col = at.col + static_cast<std::uint32_t>(text.size()) - 1;
        }
        diags_.error(range, rewrite(token, message));
        ++count_;
    }

    std::size_t count() const { return count_; }

  private:
    static std::string describe(antlr4::Token* token) {
        if (!token || token->getType() == antlr4::Token::EOF)
            return "end of file";
        std::string text = token->getText();
        if (text.size() == 1 && static_cast<unsigned char>(text[0]) < 32)
            return "character code " + std::to_string(static_cast<unsigned char>(text[0]));
        if (text == "\x7f")
            return "non-ASCII character";
        return "'" + text + "'";
    }

    // Token names as a reader knows them.
    static std::string readable(std::string text) {
        static const std::pair<const char*, const char*> names[] = {{"ID", "a name"},
                                                                    {"NUMBER", "a number"},
                                                                    {"STRING", "a string"},
                                                                    {"<EOF>", "end of file"}};
        for (const auto& [token, words] : names) {
            for (std::size_t at = text.find(token); at != std::string::npos;
                 at = text.find(token, at)) {
                bool word_start =
                    at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
                std::size_t end = at + std::strlen(token);
                bool word_end =
                    end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
                if (word_start && word_end && (at == 0 || text[at - 1] != '\'')) {
                    text.replace(at, std::strlen(token), words);
                    at += std::strlen(words);
                } else {
                    at = end;
                }
            }
        }
        return text;
    }

    // Where a name may stand, so may the words only CELL and NETWORK blocks use as keywords: the
    // set names them as "a name" once.
    static std::string without_cell_keywords(std::string set) {
        if (set.find("ID") == std::string::npos)
            return set;
        for (const char* word :
             {"AT", "DELAY", "DETECTOR", "EVERY", "IN", "INSERT", "ION", "MORPHOLOGY", "OF",
              "PARENT", "POINT", "POPULATION", "PROJECTION", "RECORD", "RULE", "STIMULUS", "SYNAPSE",
              "THRESHOLD", "WEIGHT"}) {
            const std::string quoted = "'" + std::string(word) + "'";
            for (const std::string& entry : {", " + quoted, quoted + ", "}) {
                const std::size_t at = set.find(entry);
                if (at != std::string::npos) {
                    set.erase(at, entry.size());
                    break;
                }
            }
        }
        return set;
    }

    // ANTLR's wording ("mismatched input 'x' expecting {...}") becomes LLVM-style text.
    static std::string rewrite(antlr4::Token* token, const std::string& message) {
        std::string found = describe(token);
        if (token && token->getType() == ranvier_antlr::NmodlLexer::UNTERMINATED_BLOCK)
            return "unterminated " + token->getText() + " block (missing END" + token->getText() +
                   ")";
        auto expecting = message.find(" expecting ");
        std::string tail;
        if (expecting != std::string::npos) {
            std::string set = without_cell_keywords(message.substr(expecting + 11));
            // Long alternative sets help nobody; name them only when short.
            if (std::count(set.begin(), set.end(), ',') < 4)
                tail = "; expected " + readable(set);
        }
        if (message.rfind("token recognition error", 0) == 0)
            return "unexpected character";
        if (message.rfind("missing ", 0) == 0) {
            std::string what = message.substr(8, message.find(" at ") - 8);
            return "syntax error: expected " + readable(what) + " before " + found;
        }
        return "syntax error: unexpected " + found + tail;
    }

    FileId file_;
    DiagnosticEngine& diags_;
    std::size_t count_ = 0;
    std::size_t non_ascii_line_ = 0;
};

// The lexer sees ASCII only: each byte >= 0x80 becomes DEL, which is legal inside comments,
// strings and VERBATIM text and an error elsewhere. Character indices then equal byte offsets, so
// text taken from token indices (comments, units) comes from the original bytes.
std::string ascii_view(const std::string& text) {
    std::string result = text;
    for (char& c : result) {
        if (static_cast<unsigned char>(c) >= 0x80)
            c = '\x7f';
    }
    return result;
}

// Limits that keep recursion bounded on hostile input; real .mod files are far below them
// (the largest in our corpus is 74 KB with brackets nested 6 deep).
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 20;
constexpr int kMaxBracketDepth = 256;

// A pass over the raw text before ANTLR sees it: brackets nested deeper than kMaxBracketDepth
// (outside comments, strings and COMMENT/VERBATIM text, whose C may use ?: freely), and
// COMMENT or VERBATIM blocks that never end, reported where they start rather than wherever
// the parser first trips over their text.
class PreScan {
  public:
    PreScan(FileId file, const std::string& text, DiagnosticEngine& diags)
        : file_(file), text_(text), diags_(diags) {}

    bool run() {
        int depth = 0;
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == ':' || c == '?') {
                skip_past("\n", false);
            } else if (c == '"') {
                advance();
                while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\n')
                    advance();
                advance();
            } else if (word("COMMENT") || word("VERBATIM")) {
                std::string keyword = word("COMMENT") ? "COMMENT" : "VERBATIM";
                SourceLoc at = here();
                if (!skip_past("END" + keyword, true)) {
                    diags_.error(
                        {at,
                         {file_, at.line, at.col + static_cast<std::uint32_t>(keyword.size()) - 1}},
                        "unterminated " + keyword + " block (missing END" + keyword + ")");
                    return false;
                }
            } else {
                if (c == '(' || c == '[' || c == '{')
                    ++depth;
                if (c == ')' || c == ']' || c == '}')
                    --depth;
                if (depth > kMaxBracketDepth) {
                    diags_.error({here(), here()}, "brackets nested more than " +
                                                       std::to_string(kMaxBracketDepth) + " deep");
                    return false;
                }
                advance();
            }
        }
        return true;
    }

  private:
    SourceLoc here() const { return {file_, line_, col_}; }
    void advance() {
        if (pos_ >= text_.size())
            return;
        if (text_[pos_] == '\n') {
            ++line_;
            col_ = 1;
        } else {
            ++col_;
        }
        ++pos_;
    }
    static bool is_name_char(char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    }
    // `keyword` at pos_, not inside a longer name.
    bool word(const std::string& keyword) const {
        if (text_.compare(pos_, keyword.size(), keyword) != 0)
            return false;
        bool starts = pos_ == 0 || !is_name_char(text_[pos_ - 1]);
        std::size_t end = pos_ + keyword.size();
        return starts && (end >= text_.size() || !is_name_char(text_[end]));
    }
    // Moves past the next `marker` (a whole word when `whole_word`); false at end of text.
    bool skip_past(const std::string& marker, bool whole_word) {
        while (pos_ < text_.size()) {
            if (whole_word ? word(marker) : text_.compare(pos_, marker.size(), marker) == 0) {
                for (std::size_t i = 0; i < marker.size(); ++i)
                    advance();
                return true;
            }
            advance();
        }
        return false;
    }

    FileId file_;
    const std::string& text_;
    DiagnosticEngine& diags_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
    std::uint32_t col_ = 1;
};

class ModuleParser {
  public:
    ModuleParser(SourceManager& sources, DiagnosticEngine& diags, const ParseOptions& options)
        : sources_(sources), diags_(diags), options_(options) {}

    std::unique_ptr<ast::Module> parse(FileId file) {
        if (sources_.text(file).size() > kMaxFileBytes) {
            diags_.error({}, "'" + sources_.path(file) + "' is larger than " +
                                 std::to_string(kMaxFileBytes >> 20) + " MiB");
            return nullptr;
        }
        if (!PreScan(file, sources_.text(file), diags_).run())
            return nullptr;
        std::string ascii = ascii_view(sources_.text(file));
        antlr4::ANTLRInputStream input(ascii);
        ranvier_antlr::NmodlLexer lexer(&input);
        antlr4::CommonTokenStream tokens(&lexer);
        ranvier_antlr::NmodlParser parser(&tokens);
        ErrorListener listener(file, diags_);
        lexer.removeErrorListeners();
        lexer.addErrorListener(&listener);
        parser.removeErrorListeners();
        parser.addErrorListener(&listener);
        auto* tree = parser.file();
        if (listener.count() > 0)
            return nullptr;

        Builder builder(file, sources_.text(file));
        std::unique_ptr<ast::Module> module = builder.build(tree);
        module->path = sources_.path(file);
        if (!resolve_includes(*module))
            return nullptr;
        return module;
    }

  private:
    bool resolve_includes(ast::Module& module) {
        bool ok = true;
        for (ast::ItemPtr& item : module.items) {
            if (item->kind != ast::ItemKind::Include)
                continue;
            auto& include = static_cast<ast::IncludeItem&>(*item);
            std::optional<std::filesystem::path> found = find(module.path, include.path);
            if (!found) {
                diags_.error(include.range, "cannot find include file '" + include.path + "'");
                ok = false;
                continue;
            }
            std::error_code ec;
            std::filesystem::path canonical = std::filesystem::weakly_canonical(*found, ec);
            if (active_.count(canonical.string())) {
                diags_.error(include.range, "'" + include.path + "' includes itself");
                ok = false;
                continue;
            }
            std::string error;
            std::optional<FileId> file = sources_.load(*found, error);
            if (!file) {
                diags_.error(include.range, error);
                ok = false;
                continue;
            }
            active_.insert(canonical.string());
            include.included = parse(*file);
            active_.erase(canonical.string());
            ok = ok && include.included != nullptr;
        }
        return ok;
    }

    std::optional<std::filesystem::path> find(const std::string& from, const std::string& name) {
        std::filesystem::path wanted(name);
        std::vector<std::filesystem::path> candidates;
        if (wanted.is_absolute()) {
            candidates.push_back(wanted);
        } else {
            candidates.push_back(std::filesystem::path(from).parent_path() / wanted);
            for (const auto& dir : options_.include_paths)
                candidates.push_back(dir / wanted);
        }
        for (const auto& candidate : candidates) {
            std::error_code ec;
            if (std::filesystem::is_regular_file(candidate, ec))
                return candidate;
        }
        return std::nullopt;
    }

    SourceManager& sources_;
    DiagnosticEngine& diags_;
    const ParseOptions& options_;
    std::set<std::string> active_;
};

} // namespace

std::unique_ptr<ast::Module> parse_module(FileId file, SourceManager& sources,
                                          DiagnosticEngine& diags, const ParseOptions& options) {
    ModuleParser parser(sources, diags, options);
    return parser.parse(file);
}

} // namespace ranvier::syntax
