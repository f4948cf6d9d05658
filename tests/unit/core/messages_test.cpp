#include "core/messages.hpp"
#include "core/messages/tables.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
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

// The feature tables merge without a clash (a clash throws on first use, i.e. at server start).
TEST(Messages, FeatureTablesMergeWithoutDuplicates) {
  EXPECT_NO_THROW(netral::messages::merge(netral::messages::tables()));
  std::size_t n = 0;
  for (const auto& t : netral::messages::tables()) {
    EXPECT_FALSE(t.entries.empty()) << t.name;
    n += t.entries.size();
  }
  EXPECT_EQ(n, netral::all_messages().size());
}

TEST(Messages, AKeyInTwoTablesIsRefused) {
  const netral::MessageEntry a[] = {{"yes", "Ya", "Yes"}};
  const netral::MessageEntry b[] = {{"no", "Tidak", "No"}, {"yes", "Ya", "Yes"}};
  const netral::messages::Table both[] = {{"first", a}, {"second", b}};
  try {
    netral::messages::merge(both);
    FAIL() << "a duplicate key was merged";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("\"yes\" is in table first and in table second"), std::string::npos) << e.what();
  }
}
