// verify_audit against a trail tampered with directly in the database, on both backends.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "app/audit.hpp"
#include "store_fixture.hpp"

namespace netral::app {
namespace {

using store::Backend;
using store::testing::StoreTest;

class AuditVerify : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store().migrate();
    for (int i = 1; i <= 8; ++i) {
      auto tx = store().begin(true);
      audit(store(), *tx, Actor{"user:" + std::to_string(i % 3), "127.0.0.1"}, std::optional<Id>(1),
            i % 2 ? "case.view" : "message.staff", "case:" + std::to_string(i), R"({"n":)" + std::to_string(i) + "}",
            1'700'000'000 + i);
      tx->commit();
    }
    auto tx = store().begin(false);
    for (const auto& e : store().audit().audit_entries(*tx, 0, 100)) ids_.push_back(e.id);
    ASSERT_EQ(ids_.size(), 8u);
  }

  // Runs SQL on the database behind the store's back, as an intruder with database access would.
  void tamper(const std::string& sql) {
    if (backend() == Backend::postgresql) {
      store::testing::pg_exec(url_, sql);
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url_.substr(7).c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << msg;
  }

  AuditEntry row(Id id) {
    auto tx = store().begin(false);
    for (const auto& e : store().audit().audit_entries(*tx, id - 1, 1))
      if (e.id == id) return e;
    ADD_FAILURE() << "no row " << id;
    return {};
  }

  static std::string q(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }

  // Puts `e`'s content (everything but the id) into row `id`.
  void write_row(Id id, const AuditEntry& e) {
    tamper("UPDATE audit_log SET at = " + std::to_string(e.at) + ", actor = " + q(e.actor) + ", action = " + q(e.action) +
           ", object = " + q(e.object) + ", detail = " + q(e.detail) + ", ip = " + q(e.ip) +
           ", prev_hash = " + q(e.prev_hash) + ", hash = " + q(e.hash) + " WHERE id = " + std::to_string(id));
  }

  std::vector<Id> ids_;
};

TEST_P(AuditVerify, IntactTrailIsOk) {
  auto r = verify_audit(store());
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.entries, 8);
  EXPECT_EQ(r.problem_count, 0);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.head_hash, row(ids_.back()).hash);
}

TEST_P(AuditVerify, EmptyTrailIsOk) {
  tamper("DELETE FROM audit_log");
  auto r = verify_audit(store());
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.entries, 0);
}

TEST_P(AuditVerify, EditedDetailIsReportedAtThatEntryOnly) {
  tamper("UPDATE audit_log SET detail = '{\"n\":99}' WHERE id = " + std::to_string(ids_[3]));
  auto r = verify_audit(store());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.entries, 8);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].id, ids_[3]);
  EXPECT_EQ(r.problems[0].fault, AuditFault::edited);
  EXPECT_EQ(r.problems[0].entry.detail, "{\"n\":99}");
  EXPECT_EQ(r.first_bad_id, ids_[3]);
}

TEST_P(AuditVerify, EditedActorAndTimeAreCaught) {
  tamper("UPDATE audit_log SET actor = 'user:999' WHERE id = " + std::to_string(ids_[1]));
  tamper("UPDATE audit_log SET at = at + 1 WHERE id = " + std::to_string(ids_[6]));
  auto r = verify_audit(store());
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].id, ids_[1]);
  EXPECT_EQ(r.problems[1].id, ids_[6]);
  EXPECT_EQ(r.problems[0].fault, AuditFault::edited);
  EXPECT_EQ(r.problems[1].fault, AuditFault::edited);
}

TEST_P(AuditVerify, RemovedRowIsReportedAtTheNextEntry) {
  tamper("DELETE FROM audit_log WHERE id = " + std::to_string(ids_[4]));
  auto r = verify_audit(store());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.entries, 7);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].id, ids_[5]);
  EXPECT_EQ(r.problems[0].fault, AuditFault::removed);
}

TEST_P(AuditVerify, RemovedFirstRowIsCaught) {
  tamper("DELETE FROM audit_log WHERE id = " + std::to_string(ids_[0]));
  auto r = verify_audit(store());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].id, ids_[1]);
  EXPECT_EQ(r.problems[0].fault, AuditFault::removed);
}

TEST_P(AuditVerify, SwappedRowsAreReportedAsReordered) {
  const AuditEntry a = row(ids_[2]), b = row(ids_[3]);
  write_row(ids_[2], b);
  write_row(ids_[3], a);
  auto r = verify_audit(store());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.entries, 8);
  ASSERT_FALSE(r.problems.empty());
  for (const auto& p : r.problems) {
    EXPECT_EQ(p.fault, AuditFault::reordered) << p.id << " " << p.detail;
    EXPECT_TRUE(p.id == ids_[2] || p.id == ids_[3] || p.id == ids_[4]) << p.id;
  }
  EXPECT_EQ(r.problems.front().id, ids_[2]);
}

TEST_P(AuditVerify, RewrittenHashStillBreaksTheNextLink) {
  // An intruder who edits an entry and recomputes its hash cannot also fix the next entry,
  // whose own hash covers the old value.
  AuditEntry e = row(ids_[5]);
  e.detail = R"({"n":"forged"})";
  AuditEntry copy = e;
  copy.id = 0;
  e.hash = audit_hash(copy, e.prev_hash);
  write_row(ids_[5], e);
  auto r = verify_audit(store());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].id, ids_[6]);
  EXPECT_EQ(r.problems[0].fault, AuditFault::removed);
}

TEST_P(AuditVerify, AppendingAfterVerificationKeepsTheChain) {
  ASSERT_TRUE(verify_audit(store()).ok);
  auto tx = store().begin(true);
  audit(store(), *tx, Actor{}, std::nullopt, "login", "user:1", "", 1'800'000'000);
  tx->commit();
  auto r = verify_audit(store());
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.entries, 9);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditVerify, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         store::testing::backend_name);

}  // namespace
}  // namespace netral::app
