// SourceManager: owns the text of every file the compiler reads.
#include "support/source.h"

#include <fstream>
#include <sstream>

namespace ranvier {

FileId SourceManager::add(std::string path, std::string text) {
    File file{std::move(path), std::move(text), {0}};
    for (std::size_t i = 0; i < file.text.size(); ++i) {
        if (file.text[i] == '\n')
            file.line_starts.push_back(i + 1);
    }
    files_.push_back(std::move(file));
    return static_cast<FileId>(files_.size() - 1);
}

std::optional<FileId> SourceManager::load(const std::filesystem::path& path, std::string& error) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        error = "'" + path.string() + "' is a directory";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open '" + path.string() + "'";
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        error = "cannot read '" + path.string() + "'";
        return std::nullopt;
    }
    return add(path.string(), buffer.str());
}

std::string_view SourceManager::line(FileId id, std::uint32_t line) const {
    const File& file = files_.at(id);
    if (line == 0 || line > file.line_starts.size())
        return {};
    std::size_t begin = file.line_starts[line - 1];
    std::size_t end = file.text.find('\n', begin);
    if (end == std::string::npos)
        end = file.text.size();
    if (end > begin && file.text[end - 1] == '\r')
        --end;
    return std::string_view(file.text).substr(begin, end - begin);
}

} // namespace ranvier
