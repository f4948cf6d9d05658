// The screening repository (store/screening_repo.hpp), once per backend.
#include <gtest/gtest.h>

#include "store/screening_repo.hpp"
#include "store_fixture.hpp"

namespace netral::store::testing {
namespace {

constexpr Timestamp kT0 = 1732500000;

class ScreeningRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_GE(store().migrate(), 5);
    auto tx = store().begin(true);
    inst_ = store().reference().upsert_instansi(*tx, Instansi{0, "19.03", "Kabupaten", {}});
    other_ = store().reference().upsert_instansi(*tx, Instansi{0, "19", "Provinsi", {}});
    Employee e;
    e.instansi_id = inst_;
    e.nip = "198503122010011002";
    e.name = "Andi Kurniawan";
    emp_ = store().reference().insert_employee(*tx, e);
    StaffUser u;
    u.instansi_id = inst_;
    u.username = "analis";
    u.display_name = "Analis Satu";
    u.password_hash = "x";
    u.created_at = kT0;
    user_ = store().users().insert_user(*tx, u);
    tx->commit();
  }
  ScreeningRepo& repo() { return screening_repo(); }
  FlagRow flag(Id election, const std::string& post_id, std::optional<Id> inst) {
    FlagRow f;
    f.election_id = election;
    f.instansi_id = inst;
    f.employee_id = inst ? std::optional<Id>(emp_) : std::nullopt;
    f.platform = "facebook";
    f.account = "andi.k";
    f.post_id = post_id;
    f.text = "Pak Bambang calon bupati terbaik";
    f.candidate = 2;
    f.stance = "for";
    f.conduct = "social_media";
    f.score_pct = 74;
    f.spans = R"([{"field":"text","start":0,"end":11,"term":"Pak Bambang"}])";
    f.created_at = kT0;
    return f;
  }
  Id inst_ = 0, other_ = 0, emp_ = 0, user_ = 0;
};

TEST_P(ScreeningRepoTest, ElectionsUpsertByCode) {
  auto tx = store().begin(true);
  Id a = repo().upsert_election(*tx, ElectionRow{0, "pilbup-x", "Pilbup X", "19.03", "2024-11-27", "[election]", "user:1", kT0});
  Id b = repo().upsert_election(*tx, ElectionRow{0, "pilbup-x", "Pilbup X 2", "19.03", "2024-11-27", "v2", "user:1", kT0 + 5});
  tx->commit();
  EXPECT_EQ(a, b);
  auto rtx = store().begin(false);
  auto e = repo().election_by_code(*rtx, "pilbup-x");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "Pilbup X 2");
  EXPECT_EQ(e->source, "v2");
  EXPECT_EQ(repo().list_elections(*rtx).size(), 1u);
  EXPECT_FALSE(repo().election_by_code(*rtx, "nope"));
}

TEST_P(ScreeningRepoTest, AccountsRelinkAndCarryTheEmployee) {
  auto tx = store().begin(true);
  Id a = repo().upsert_account(*tx, StaffAccount{0, "facebook", "andi.k", emp_, "user:1", kT0, {}, {}, 0});
  Id b = repo().upsert_account(*tx, StaffAccount{0, "facebook", "andi.k", emp_, "user:2", kT0 + 1, {}, {}, 0});
  tx->commit();
  EXPECT_EQ(a, b);
  auto rtx = store().begin(false);
  auto all = repo().list_accounts(*rtx);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].nip, "198503122010011002");
  EXPECT_EQ(all[0].instansi_id, inst_);
  EXPECT_EQ(all[0].created_by, "user:2");
}

TEST_P(ScreeningRepoTest, FlagsAreStoredOncePerPostAndReviewedOnce) {
  auto tx = store().begin(true);
  Id el = repo().upsert_election(*tx, ElectionRow{0, "e", "E", "19.03", "", "src", "", kT0});
  auto first = repo().insert_flag(*tx, flag(el, "p1", inst_));
  auto again = repo().insert_flag(*tx, flag(el, "p1", inst_));
  auto other = repo().insert_flag(*tx, flag(el, "p2", other_));
  auto unlinked = repo().insert_flag(*tx, flag(el, "p3", std::nullopt));
  tx->commit();
  ASSERT_TRUE(first);
  EXPECT_FALSE(again) << "the same post is stored once";
  ASSERT_TRUE(other && unlinked);

  {
    auto rtx = store().begin(false);
    auto page = repo().list_flags(*rtx, FlagFilter{std::string("open"), inst_}, Page{0, 50});
    EXPECT_EQ(page.total, 2) << "the instansi's flags and those of unlinked accounts";
    ASSERT_EQ(page.items.size(), 2u);
    EXPECT_EQ(page.items[0].post_id, "p3") << "newest first";
    EXPECT_EQ(page.items[1].nip, "198503122010011002");
    EXPECT_EQ(page.items[1].election_code, "e");
    EXPECT_EQ(page.items[1].score_pct, 74);
  }
  auto wtx = store().begin(true);
  EXPECT_TRUE(repo().review_flag(*wtx, *first, "dismissed", "bukan pegawai", user_, kT0 + 10, std::nullopt));
  EXPECT_FALSE(repo().review_flag(*wtx, *first, "confirmed", "", user_, kT0 + 11, std::nullopt)) << "reviewed once";
  wtx->commit();
  auto rtx = store().begin(false);
  auto f = repo().flag_by_id(*rtx, *first);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->status, "dismissed");
  EXPECT_EQ(f->reason, "bukan pegawai");
  EXPECT_EQ(f->reviewer_name, "Analis Satu");
  auto counts = repo().count_flags(*rtx, inst_);
  EXPECT_EQ(counts.open, 1);
  EXPECT_EQ(counts.dismissed, 1);
  EXPECT_EQ(counts.confirmed, 0);
}

TEST_P(ScreeningRepoTest, AnElectionIsDeletedOnlyWithoutFlags) {
  auto tx = store().begin(true);
  Id kept = repo().upsert_election(*tx, ElectionRow{0, "flagged", "F", "19.03", "", "src", "", kT0});
  Id spare = repo().upsert_election(*tx, ElectionRow{0, "spare", "S", "19.03", "", "src", "", kT0});
  ASSERT_TRUE(repo().insert_flag(*tx, flag(kept, "p1", inst_)));
  ASSERT_TRUE(repo().insert_flag(*tx, flag(kept, "p2", std::nullopt)));
  tx->commit();
  {
    auto rtx = store().begin(false);
    EXPECT_EQ(repo().count_election_flags(*rtx, kept), 2);
    EXPECT_EQ(repo().count_election_flags(*rtx, spare), 0);
  }
  {
    auto wtx = store().begin(true);
    EXPECT_TRUE(repo().delete_election(*wtx, spare));
    EXPECT_FALSE(repo().delete_election(*wtx, spare)) << "gone already";
    wtx->commit();
  }
  {
    // The foreign key keeps a flagged election (the service refuses before it gets here).
    auto wtx = store().begin(true);
    EXPECT_ANY_THROW(repo().delete_election(*wtx, kept));
  }
  auto rtx = store().begin(false);
  EXPECT_FALSE(repo().election_by_code(*rtx, "spare"));
  EXPECT_TRUE(repo().election_by_code(*rtx, "flagged"));
  EXPECT_EQ(repo().count_election_flags(*rtx, kept), 2);
}

TEST_P(ScreeningRepoTest, AnAccountIsReadAndUnlinkedById) {
  auto tx = store().begin(true);
  Id a = repo().upsert_account(*tx, StaffAccount{0, "instagram", "andi.k", emp_, "user:1", kT0, {}, {}, 0});
  Id el = repo().upsert_election(*tx, ElectionRow{0, "e", "E", "19.03", "", "src", "", kT0});
  ASSERT_TRUE(repo().insert_flag(*tx, flag(el, "p1", inst_)));
  tx->commit();
  {
    auto rtx = store().begin(false);
    auto got = repo().account_by_id(*rtx, a);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->handle, "andi.k");
    EXPECT_EQ(got->nip, "198503122010011002");
    EXPECT_EQ(got->instansi_id, inst_);
    EXPECT_FALSE(repo().account_by_id(*rtx, a + 1000));
  }
  auto wtx = store().begin(true);
  EXPECT_TRUE(repo().delete_account(*wtx, a));
  EXPECT_FALSE(repo().delete_account(*wtx, a));
  wtx->commit();
  auto rtx = store().begin(false);
  EXPECT_TRUE(repo().list_accounts(*rtx).empty());
  auto page = repo().list_flags(*rtx, FlagFilter{std::nullopt, inst_}, Page{0, 50});
  ASSERT_EQ(page.items.size(), 1u) << "the flag outlives the link";
  EXPECT_EQ(page.items[0].nip, "198503122010011002");
}

INSTANTIATE_TEST_SUITE_P(Backends, ScreeningRepoTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace netral::store::testing
