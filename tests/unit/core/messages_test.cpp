#include "core/messages.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

// Every key once: a second entry would silently replace the first in the index.
TEST(Messages, KeysAreUnique) {
  std::set<std::string_view> seen;
  for (const auto& e : netral::all_messages()) EXPECT_TRUE(seen.insert(e.key).second) << "duplicate key " << e.key;
}

TEST(Messages, EveryEntryHasBothLanguages) {
  for (const auto& e : netral::all_messages()) {
    EXPECT_FALSE(e.id.empty()) << e.key;
    EXPECT_FALSE(e.en.empty()) << e.key;
  }
}

TEST(Messages, LookupFallsBackToTheKey) {
  EXPECT_EQ(netral::tr(netral::Lang::id, "yes"), "Ya");
  EXPECT_EQ(netral::tr(netral::Lang::en, "yes"), "Yes");
  EXPECT_EQ(netral::tr(netral::Lang::en, "no.such.key"), "no.such.key");
}
