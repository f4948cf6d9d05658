// Conduct categories of reports and cases (store/conduct_repo.hpp), once per backend.
#include <gtest/gtest.h>

#include "store/conduct_repo.hpp"
#include "store_fixture.hpp"

namespace netral::store::testing {
namespace {

constexpr Timestamp kT0 = 1732500000;

class ConductRepoTest : public TwoInstansiTest {
 protected:
  void SetUp() override { set_up_two_instansi(3, kT0); }

  std::pair<Id, Id> add_case(const std::string& number, Id inst) {
    auto tx = store().begin(true);
    Case c;
    c.instansi_id = inst;
    c.case_number = number;
    c.reported_name = "Budi";
    c.created_at = c.updated_at = kT0;
    Id cid = store().cases().insert_case(*tx, c);
    Report r;
    r.case_id = cid;
    r.instansi_id = inst;
    r.description = "ikut kampanye";
    r.created_at = kT0;
    Id rid = store().cases().insert_report(*tx, r, "hash-" + number);
    tx->commit();
    return {cid, rid};
  }

};

TEST_P(ConductRepoTest, ReporterChoiceIsStoredPerReport) {
  auto [cid, rid] = add_case("19.03-2024-00001", inst_);
  auto& repo = store().conduct();
  {
    auto tx = store().begin(true);
    repo.set_report_conduct(*tx, rid, {"social_media", "campaign_participation", "social_media"});
    tx->commit();
  }
  auto tx = store().begin(false);
  EXPECT_EQ(repo.report_conduct(*tx, rid), (std::vector<std::string>{"campaign_participation", "social_media"}));
  EXPECT_TRUE(repo.report_conduct(*tx, rid + 1000).empty());
}

TEST_P(ConductRepoTest, ConfirmationReplacesTheSetAndCounts) {
  auto [c1, r1] = add_case("19.03-2024-00001", inst_);
  auto [c2, r2] = add_case("19.03-2024-00002", inst_);
  auto [c3, r3] = add_case("19-2024-00001", other_);
  auto& repo = store().conduct();
  {
    auto tx = store().begin(false);
    auto none = repo.case_conduct(*tx, c1);
    EXPECT_FALSE(none.confirmed);
    EXPECT_TRUE(none.conduct.empty());
  }
  {
    auto tx = store().begin(true);
    repo.set_case_conduct(*tx, c1, {"social_media", "photo_symbol"}, user_, kT0 + 10);
    repo.set_case_conduct(*tx, c1, {"social_media"}, user_, kT0 + 20);  // changed
    repo.set_case_conduct(*tx, c2, {"social_media", "mobilising"}, user_, kT0 + 30);
    repo.set_case_conduct(*tx, c3, {"social_media"}, user_, kT0 + 40);
    tx->commit();
  }
  auto tx = store().begin(false);
  auto got = repo.case_conduct(*tx, c1);
  EXPECT_TRUE(got.confirmed);
  EXPECT_EQ(got.conduct, std::vector<std::string>{"social_media"});
  EXPECT_EQ(got.confirmed_by, user_);
  EXPECT_EQ(got.confirmed_by_name, "Verifikator Satu");
  EXPECT_EQ(got.confirmed_at, kT0 + 20);
  using Counts = std::vector<std::pair<std::string, long long>>;
  EXPECT_EQ(repo.confirmed_counts(*tx, inst_), (Counts{{"mobilising", 1}, {"social_media", 2}}));
  EXPECT_EQ(repo.confirmed_counts(*tx, std::nullopt), (Counts{{"mobilising", 1}, {"social_media", 3}}));
}

TEST_P(ConductRepoTest, ConfirmedAsNoneIsNotUnconfirmed) {
  auto [cid, rid] = add_case("19.03-2024-00001", inst_);
  auto& repo = store().conduct();
  {
    auto tx = store().begin(true);
    repo.set_case_conduct(*tx, cid, {}, user_, kT0);
    tx->commit();
  }
  auto tx = store().begin(false);
  auto got = repo.case_conduct(*tx, cid);
  EXPECT_TRUE(got.confirmed);
  EXPECT_TRUE(got.conduct.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ConductRepoTest, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace netral::store::testing
