// The screening repository (store/screening_repo.hpp), once per backend.
#include <gtest/gtest.h>
#include <sqlite3.h>

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
  ScreeningRepo& repo() { return store().screening(); }
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
    f.stance = Stance::for_candidate;
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
    auto page = repo().list_flags(*rtx, FlagFilter{FlagStatus::open, inst_}, Page{0, 50});
    EXPECT_EQ(page.total, 2) << "the instansi's flags and those of unlinked accounts";
    ASSERT_EQ(page.items.size(), 2u);
    EXPECT_EQ(page.items[0].post_id, "p3") << "newest first";
    EXPECT_EQ(page.items[1].nip, "198503122010011002");
    EXPECT_EQ(page.items[1].election_code, "e");
    EXPECT_EQ(page.items[1].score_pct, 74);
  }
  auto wtx = store().begin(true);
  EXPECT_TRUE(repo().review_flag(*wtx, *first, FlagStatus::dismissed, "bukan pegawai", user_, kT0 + 10, std::nullopt));
  EXPECT_FALSE(repo().review_flag(*wtx, *first, FlagStatus::confirmed, "", user_, kT0 + 11, std::nullopt)) << "reviewed once";
  wtx->commit();
  auto rtx = store().begin(false);
  auto f = repo().flag_by_id(*rtx, *first);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->status, FlagStatus::dismissed);
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

TEST_P(ScreeningRepoTest, AFlagCarriesItsScreenshot) {
  ASSERT_GE(store().migrate(), 8);
  const std::string sha(64, 'a');
  auto tx = store().begin(true);
  Id el = repo().upsert_election(*tx, ElectionRow{0, "e", "E", "19.03", "", "src", "", kT0});
  FlagRow with = flag(el, "p1", inst_);
  with.screenshot_sha256 = sha;
  with.screenshot_mime = "image/png";
  with.screenshot_size = 1234;
  auto a = repo().insert_flag(*tx, with);
  auto b = repo().insert_flag(*tx, flag(el, "p2", inst_));
  auto c = repo().insert_flag(*tx, flag(el, "p3", inst_));
  tx->commit();
  ASSERT_TRUE(a && b && c);
  {
    auto rtx = store().begin(false);
    auto got = repo().flag_by_id(*rtx, *a);
    ASSERT_TRUE(got);
    EXPECT_TRUE(got->has_screenshot());
    EXPECT_EQ(got->screenshot_sha256, sha);
    EXPECT_EQ(got->screenshot_mime, "image/png");
    EXPECT_EQ(got->screenshot_size, std::optional<long long>(1234));
    auto none = repo().flag_by_id(*rtx, *b);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_screenshot());
    EXPECT_EQ(none->screenshot_mime, "");
    EXPECT_FALSE(none->screenshot_size) << "NULL, not 0";
    auto by_post = repo().flag_by_post(*rtx, el, "facebook", "p1");
    ASSERT_TRUE(by_post);
    EXPECT_EQ(by_post->id, *a);
    EXPECT_EQ(by_post->screenshot_sha256, sha);
    EXPECT_FALSE(repo().flag_by_post(*rtx, el, "instagram", "p1"));
    EXPECT_FALSE(repo().flag_by_post(*rtx, el + 1000, "facebook", "p1"));
  }
  auto wtx = store().begin(true);
  // Only an open flag without one gets a screenshot (the columns of `b` are NULL, not '').
  EXPECT_FALSE(repo().attach_screenshot(*wtx, *a, std::string(64, 'b'), "image/jpeg", 9)) << "has one already";
  EXPECT_TRUE(repo().attach_screenshot(*wtx, *b, std::string(64, 'c'), "image/webp", 77));
  EXPECT_TRUE(repo().review_flag(*wtx, *c, FlagStatus::dismissed, "bukan", user_, kT0 + 1, std::nullopt));
  EXPECT_FALSE(repo().attach_screenshot(*wtx, *c, std::string(64, 'd'), "image/png", 5)) << "reviewed already";
  wtx->commit();
  auto rtx = store().begin(false);
  EXPECT_EQ(repo().flag_by_id(*rtx, *a)->screenshot_mime, "image/png");
  auto attached = repo().flag_by_id(*rtx, *b);
  EXPECT_EQ(attached->screenshot_sha256, std::string(64, 'c'));
  EXPECT_EQ(attached->screenshot_mime, "image/webp");
  EXPECT_EQ(attached->screenshot_size, std::optional<long long>(77));
  EXPECT_FALSE(repo().flag_by_id(*rtx, *c)->has_screenshot());
}

TEST_P(ScreeningRepoTest, ReviewedFlagsArePagedByIdWithinTheInstansi) {
  auto tx = store().begin(true);
  Id el = repo().upsert_election(*tx, ElectionRow{0, "e", "E", "19.03", "", "src", "", kT0});
  std::vector<Id> ids;
  // Own instansi: p0..p4; unlinked: p5; the province's: p6; p7 stays open.
  for (int i = 0; i < 8; ++i) {
    std::optional<Id> inst = i < 5 ? std::optional<Id>(inst_) : i == 5 ? std::nullopt : std::optional<Id>(other_);
    if (i == 7) inst = inst_;
    auto id = repo().insert_flag(*tx, flag(el, "p" + std::to_string(i), inst));
    ASSERT_TRUE(id);
    ids.push_back(*id);
  }
  for (int i = 0; i < 7; ++i)
    ASSERT_TRUE(repo().review_flag(*tx, ids[i], i % 2 ? FlagStatus::confirmed : FlagStatus::dismissed, i % 2 ? "" : "bukan kampanye",
                                   user_, kT0 + 10 + i, std::nullopt));
  tx->commit();
  auto rtx = store().begin(false);
  std::vector<std::string> seen;
  Id after = 0;
  for (int guard = 0; guard < 10; ++guard) {
    auto page = repo().list_reviewed(*rtx, inst_, after, 2);
    if (page.empty()) break;
    EXPECT_LE(page.size(), 2u);
    for (const auto& f : page) {
      EXPECT_GT(f.id, after) << "in id order";
      after = f.id;
      seen.push_back(f.post_id + ":" + std::string(to_string(f.status)));
      EXPECT_TRUE(f.reviewed_at);
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"p0:dismissed", "p1:confirmed", "p2:dismissed", "p3:confirmed",
                                            "p4:dismissed", "p5:confirmed"}))
      << "reviewed flags of the instansi and unlinked accounts; not the province's, not open ones";
  auto p1 = repo().list_reviewed(*rtx, inst_, 0, 50);
  ASSERT_FALSE(p1.empty());
  EXPECT_EQ(p1[0].reason, "bukan kampanye");
  EXPECT_EQ(p1[0].election_code, "e");
  EXPECT_EQ(repo().list_reviewed(*rtx, other_, 0, 50).size(), 2u) << "the province: its own and the unlinked one";
}

// The database is written by other versions too: a status this binary cannot name must stop
// the read with a StoreError that says what it found, not read as some default.
TEST_P(ScreeningRepoTest, UnknownStatusInTheDatabaseFailsTheRead) {
  Id election = 0;
  std::optional<Id> id;
  {
    auto tx = store().begin(true);
    election = repo().upsert_election(*tx, ElectionRow{0, "e", "E", "19.03", "2024-11-27", "", "user:1", kT0});
    id = repo().insert_flag(*tx, flag(election, "p1", inst_));
    tx->commit();
  }
  ASSERT_TRUE(id);
  const std::string sql = "UPDATE screening_flags SET status = 'reopened' WHERE id = " + std::to_string(*id);
  if (backend() == Backend::sqlite) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url_.substr(std::string("sqlite:").size()).c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  } else {
    pg_exec(url_, sql);
  }
  auto tx = store().begin(false);
  try {
    repo().flag_by_id(*tx, *id);
    ADD_FAILURE() << "an unknown status was read";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown flag status 'reopened'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(repo().count_flags(*tx, inst_), StoreError);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScreeningRepoTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace netral::store::testing
