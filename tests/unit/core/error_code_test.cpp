// The error-code table (core/error_code.hpp) is the only mapping from a failure to its HTTP
// status and its message: these tests walk every enumerator so that a row cannot be wrong
// without a test failing (a missing row does not compile).
#include "core/error_code.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "core/messages.hpp"
#include "core/result.hpp"

namespace netral {
namespace {

bool has_message(std::string_view key) {
  for (const auto& m : all_messages())
    if (m.key == key) return !m.id.empty() && !m.en.empty();
  return false;
}

TEST(ErrorCode, EveryCodeHasAStatusAMessageAndAUniqueName) {
  std::set<std::string_view> names;
  ASSERT_FALSE(error_codes().empty());
  for (std::size_t i = 0; i < error_codes().size(); ++i) {
    const auto& row = error_codes()[i];
    SCOPED_TRACE(std::string(row.name));
    EXPECT_EQ(static_cast<std::size_t>(row.code), i);
    EXPECT_TRUE(names.insert(row.name).second) << "duplicate name";
    EXPECT_GE(row.http_status, 400);
    EXPECT_LE(row.http_status, 599);
    EXPECT_TRUE(has_message(row.message_key)) << "no message in both languages for " << row.message_key;
    EXPECT_EQ(parse_error_code(row.name), row.code);
    EXPECT_EQ(to_string(row.code), row.name);
  }
  EXPECT_EQ(parse_error_code("no_such_code"), std::nullopt);
}

// What API clients rely on: the statuses docs/api.md lists. The siblings of a class answer
// alike (e.g. every unreadable or incomplete upload is 422, not 400 as invalid_file and
// missing_column were before the table).
TEST(ErrorCode, StatusesByClass) {
  EXPECT_EQ(http_status(ErrorCode::malformed_json), 400);
  EXPECT_EQ(http_status(ErrorCode::unauthenticated), 401);
  EXPECT_EQ(http_status(ErrorCode::csrf_failed), 403);
  EXPECT_EQ(http_status(ErrorCode::not_found), 404);
  EXPECT_EQ(http_status(ErrorCode::transition_not_allowed), 409);
  EXPECT_EQ(http_status(ErrorCode::body_too_large), 413);
  EXPECT_EQ(http_status(ErrorCode::unsupported_file_type), 415);
  EXPECT_EQ(http_status(ErrorCode::invalid_file), 422);
  EXPECT_EQ(http_status(ErrorCode::missing_column), 422);
  EXPECT_EQ(http_status(ErrorCode::invalid_nip), 422);
  EXPECT_EQ(http_status(ErrorCode::rate_limited), 429);
  EXPECT_EQ(http_status(ErrorCode::header_too_large), 431);
  EXPECT_EQ(http_status(ErrorCode::internal), 500);
}

TEST(ErrorCode, AnErrorSaysItsSpecificMessageOrItsCodes) {
  Error plain{ErrorCode::invalid_nip};
  EXPECT_EQ(plain.key(), "error.invalid_nip");
  Error specific{ErrorCode::invalid_nip, "error.invalid_nip_birth", "nip"};
  EXPECT_EQ(specific.key(), "error.invalid_nip_birth");
  std::ostringstream os;
  os << ErrorCode::missing_column;
  EXPECT_EQ(os.str(), "missing_column");
}

}  // namespace
}  // namespace netral

// docs/api.md lists every code with its status: a newcomer reads the table there.
#include <fstream>
#include <regex>
namespace netral {
namespace {
TEST(ErrorCode, TheApiDocumentListsEveryCodeWithItsStatus) {
  const char* root = std::getenv("NETRAL_SOURCE_DIR");
  if (!root) root = NETRAL_SOURCE_DIR;  // run directly, outside ctest
  std::ifstream f(std::string(root) + "/docs/api.md");
  ASSERT_TRUE(f) << "docs/api.md";
  std::string doc((std::istreambuf_iterator<char>(f)), {});
  for (const auto& row : error_codes()) {
    const std::regex line("\\| " + std::to_string(row.http_status) + " \\| `" + std::string(row.name) + "` \\|");
    EXPECT_TRUE(std::regex_search(doc, line)) << "docs/api.md has no row | " << row.http_status << " | `" << row.name << "` |";
  }
}
}  // namespace
}  // namespace netral
