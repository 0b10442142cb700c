// Source files and locations. Every AST node carries a SourceRange into a file owned by the
// SourceManager; diagnostics turn ranges back into `file:line:col` and the text of the line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ranvier {

using FileId = std::uint32_t;

// 1-based line and column; line 0 means "no location".
struct SourceLoc {
    FileId file = 0;
    std::uint32_t line = 0;
    std::uint32_t col = 0;

    bool valid() const { return line != 0; }
};

struct SourceRange {
    SourceLoc begin;
    SourceLoc end; // the last character of the range, inclusive

    bool valid() const { return begin.valid(); }
};

class SourceManager {
  public:
    // Adds an in-memory buffer (stdin, tests); `path` is what diagnostics show.
    FileId add(std::string path, std::string text);
    // Reads a file; nullopt (with `error` set) when it cannot be read.
    std::optional<FileId> load(const std::filesystem::path& path, std::string& error);

    const std::string& path(FileId id) const { return files_.at(id).path; }
    const std::string& text(FileId id) const { return files_.at(id).text; }
    // The text of one line, without its line break; empty when out of range.
    std::string_view line(FileId id, std::uint32_t line) const;
    std::size_t file_count() const { return files_.size(); }

  private:
    struct File {
        std::string path;
        std::string text;
        std::vector<std::size_t> line_starts;
    };
    std::vector<File> files_;
};

} // namespace ranvier
