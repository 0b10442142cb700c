// SourceManager: line lookup, CRLF endings, missing files.
#include "support/source.h"

#include <gtest/gtest.h>

namespace ranvier {
namespace {

TEST(SourceManager, LinesWithoutBreaks) {
    SourceManager sources;
    FileId id = sources.add("a.mod", "first\r\nsecond\nthird");
    EXPECT_EQ(sources.line(id, 1), "first");
    EXPECT_EQ(sources.line(id, 2), "second");
    EXPECT_EQ(sources.line(id, 3), "third");
    EXPECT_EQ(sources.line(id, 4), "");
    EXPECT_EQ(sources.line(id, 0), "");
}

TEST(SourceManager, MissingFileAndDirectory) {
    SourceManager sources;
    std::string error;
    EXPECT_FALSE(sources.load("/nonexistent/file.mod", error));
    EXPECT_NE(error.find("cannot open"), std::string::npos);
    EXPECT_FALSE(sources.load("/tmp", error));
    EXPECT_NE(error.find("is a directory"), std::string::npos);
}

} // namespace
} // namespace ranvier
