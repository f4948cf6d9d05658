// Regional governments (issue 12) on both backends: the official list as shipped, its
// search, and what a superadmin may do with the governments served; an instansi admin may
// do none of it.
#include <gtest/gtest.h>

#include <set>

#include "app/regions.hpp"
#include "app_fixture.hpp"

namespace netral::app {
namespace {

using store::Backend;
using testing::AppTest;

const std::filesystem::path kRegions = std::filesystem::path(NETRAL_SOURCE_DIR) / "data" / "regions";

TEST(OfficialList, HoldsEveryProvinceAndRegencyOnce) {
  auto all = official_governments(kRegions);
  ASSERT_TRUE(all) << all.error().code;
  EXPECT_EQ(all->size(), 38u + 514u);
  std::set<std::string> codes;
  for (const auto& g : *all) EXPECT_TRUE(codes.insert(g.code).second) << g.code;
  EXPECT_EQ(official_governments("/nonexistent").error().code, ErrorCode::file_unreadable);
}

TEST(OfficialList, SearchMatchesEveryWordInCodeNameOrProvince) {
  auto all = *official_governments(kRegions);
  auto codes = [&](const std::string& q) {
    std::vector<std::string> out;
    for (const auto& g : search_governments(all, q)) out.push_back(g.code);
    return out;
  };
  EXPECT_EQ(codes("tangerang"), (std::vector<std::string>{"36.03", "36.71", "36.74"}));
  EXPECT_EQ(codes("KOTA Tangerang selatan"), (std::vector<std::string>{"36.74"}));
  EXPECT_EQ(codes("36.03"), (std::vector<std::string>{"36.03"}));
  EXPECT_EQ(codes("banten kota").size(), 4u);  // the province's name finds its cities
  EXPECT_TRUE(codes("").empty());
  EXPECT_TRUE(codes("   ").empty());
  EXPECT_EQ(search_governments(all, "kabupaten", 5).size(), 5u);
}

class Governments : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    gov_ = std::make_unique<GovernmentAdmin>(*ctx_, kRegions);
    superadmin_.user.role = Role::superadmin;
    superadmin_.user.id = 1;
    admin_.user.role = Role::admin;
  }
  std::optional<Instansi> row(const std::string& code) {
    auto tx = store().begin(false);
    return store().reference().instansi_by_code(*tx, code);
  }
  std::unique_ptr<GovernmentAdmin> gov_;
  Principal superadmin_, admin_;
};

TEST_P(Governments, OnlyASuperadminManagesThem) {
  EXPECT_EQ(gov_->list(admin_).error().code, ErrorCode::forbidden);
  EXPECT_EQ(gov_->search(admin_, "tangerang").error().code, ErrorCode::forbidden);
  EXPECT_EQ(gov_->add(admin_, "36.03", "").error().code, ErrorCode::forbidden);
  EXPECT_EQ(gov_->rename(admin_, "36.03", "x").error().code, ErrorCode::forbidden);
  EXPECT_EQ(gov_->set_disabled(admin_, "36.03", true).error().code, ErrorCode::forbidden);
  EXPECT_FALSE(row("36.03"));
}

TEST_P(Governments, AddRenameDisable) {
  auto added = gov_->add(superadmin_, "36.03", "");
  ASSERT_TRUE(added) << added.error().code;
  EXPECT_EQ(added->name, "Pemerintah Kabupaten Tangerang");
  ASSERT_TRUE(row("36"));
  EXPECT_EQ(row("36.03")->parent_id, row("36")->id);
  EXPECT_EQ(gov_->add(superadmin_, "36.03", "Lain").error().code, ErrorCode::instansi_exists);
  EXPECT_EQ(row("36.03")->name, "Pemerintah Kabupaten Tangerang");
  EXPECT_EQ(gov_->add(superadmin_, "36.99", "").error().code, ErrorCode::unknown_instansi);
  EXPECT_EQ(gov_->add(superadmin_, "3x", "").error().code, ErrorCode::invalid_region_code);
  EXPECT_EQ(gov_->add(superadmin_, "36.71", std::string(201, 'a')).error().code, ErrorCode::invalid_field);
  EXPECT_FALSE(row("36.71"));

  auto found = gov_->search(superadmin_, "tangerang");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 3u);
  EXPECT_TRUE((*found)[0].served);
  EXPECT_FALSE((*found)[1].served);
  EXPECT_EQ((*found)[1].province, "Banten");

  EXPECT_TRUE(gov_->rename(superadmin_, "36.03", "  Pemkab Tangerang "));
  EXPECT_EQ(row("36.03")->name, "Pemkab Tangerang");
  EXPECT_EQ(gov_->rename(superadmin_, "36.03", " ").error().code, ErrorCode::missing_field);
  EXPECT_EQ(gov_->rename(superadmin_, "77.77", "x").error().code, ErrorCode::unknown_instansi);

  EXPECT_TRUE(gov_->set_disabled(superadmin_, "36.03", true));
  EXPECT_TRUE(row("36.03")->disabled);
  // An upsert (a rename, the demo seed) keeps the flag.
  EXPECT_TRUE(gov_->rename(superadmin_, "36.03", "Pemerintah Kabupaten Tangerang"));
  EXPECT_TRUE(row("36.03")->disabled);
  EXPECT_TRUE(gov_->set_disabled(superadmin_, "36.03", false));
  EXPECT_FALSE(row("36.03")->disabled);

  auto listed = gov_->list(superadmin_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].official_name, "Kabupaten Tangerang");
  EXPECT_EQ((*listed)[1].province, "Banten");
  EXPECT_EQ((*listed)[1].level, "regency");
  EXPECT_EQ((*listed)[0].level, "province");
}

INSTANTIATE_TEST_SUITE_P(Backends, Governments, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         store::testing::backend_name);

}  // namespace
}  // namespace netral::app
