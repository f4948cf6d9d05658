#include "core/strings.hpp"

#include <gtest/gtest.h>

namespace netral {
namespace {

TEST(Strings, TrimStripsBlanksAtBothEndsOnly) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim("\n\t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("x"), "x");
  // Vertical tab and form feed are not blanks unless asked for.
  EXPECT_EQ(trim("\va\f"), "\va\f");
  EXPECT_EQ(trim("\v a\f ", " \t\n\v\f\r"), "a");
  EXPECT_EQ(trim_view(" \ta\t ", " "), "\ta\t");
}

TEST(Strings, AsciiLowerLeavesOtherBytes) {
  EXPECT_EQ(ascii_lower("NIP Nama_Unit"), "nip nama_unit");
  EXPECT_EQ(ascii_lower("@Budi.XLSX"), "@budi.xlsx");
  // UTF-8 letters are not folded here: "É" stays as its two bytes.
  EXPECT_EQ(ascii_lower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");
}

TEST(Strings, JoinPutsTheSeparatorBetweenParts) {
  EXPECT_EQ(join({}, ", "), "");
  EXPECT_EQ(join({"a"}, ", "), "a");
  EXPECT_EQ(join({"a", "b", "c"}, ","), "a,b,c");
  EXPECT_EQ(join({"a", "", "b"}, "\n"), "a\n\nb");
}

TEST(Strings, SameSecretComparesWholeValues) {
  EXPECT_TRUE(same_secret("token-123", "token-123"));
  EXPECT_FALSE(same_secret("token-123", "token-124"));
  EXPECT_FALSE(same_secret("token-123", "token-12"));
  EXPECT_FALSE(same_secret("token-12", "token-123"));
  EXPECT_FALSE(same_secret("a", "A"));
  // An unset secret matches nothing, not even another empty one.
  EXPECT_FALSE(same_secret("", ""));
  EXPECT_FALSE(same_secret("", "x"));
  EXPECT_FALSE(same_secret("x", ""));
  // Bytes after a NUL still count.
  EXPECT_FALSE(same_secret(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
  EXPECT_TRUE(same_secret(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
}

}  // namespace
}  // namespace netral
