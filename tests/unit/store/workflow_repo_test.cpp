// The workflow repository (store/workflow_repo.hpp), once per backend.
#include <gtest/gtest.h>

#include "store/workflow_repo.hpp"
#include "store_fixture.hpp"

namespace netral::store::testing {
namespace {

constexpr Timestamp kT0 = 1732500000;  // 2024-11-25

class WorkflowRepoTest : public TwoInstansiTest {
 protected:
  void SetUp() override { set_up_two_instansi(4, kT0); }

  Id add_case(const std::string& number, Timestamp at, CaseStatus st = CaseStatus::received, Id inst = 0,
              const std::string& name = "Budi", const std::string& date = "2024-11-20", const std::string& nip = "") {
    auto tx = store().begin(true);
    Case c;
    c.instansi_id = inst ? inst : inst_;
    c.case_number = number;
    c.status = st;
    c.reported_name = name;
    c.created_at = c.updated_at = at;
    Id id = store().cases().insert_case(*tx, c);
    Report r;
    r.case_id = id;
    r.instansi_id = c.instansi_id;
    r.reported.name = name;
    r.reported.nip = nip;
    r.incident_date = date;
    r.created_at = at;
    store().cases().insert_report(*tx, r, "hash-" + number);
    tx->commit();
    return id;
  }

  WorkflowRepo& wf() { return store().workflow(); }
};

TEST_P(WorkflowRepoTest, EventsKeepOrderAndActorName) {
  Id c = add_case("A-1", kT0);
  auto tx = store().begin(true);
  wf().insert_event(*tx, CaseEvent{0, c, kT0, std::nullopt, "system", "", "intake", std::nullopt, CaseStatus::received, "{}"});
  wf().insert_event(*tx, CaseEvent{0, c, kT0 + 5, user_, "user:1", "", "start_verification", CaseStatus::received,
                                   CaseStatus::verification, R"({"note":"ok"})"});
  tx->commit();
  auto rtx = store().begin(false);
  auto ev = wf().events_of_case(*rtx, c);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].action, "intake");
  EXPECT_EQ(ev[0].actor_name, "");
  EXPECT_EQ(ev[1].actor_name, "Verifikator Satu");
  EXPECT_EQ(ev[1].from_status, CaseStatus::received);
  EXPECT_EQ(ev[1].to_status, CaseStatus::verification);
  EXPECT_EQ(ev[1].payload, R"({"note":"ok"})");
  EXPECT_EQ(ev[1].user_id, user_);
}

TEST_P(WorkflowRepoTest, DeadlinesDriveDueAtAndEscalation) {
  Id c = add_case("A-1", kT0);
  auto tx = store().begin(true);
  wf().insert_deadline(*tx, Deadline{0, c, "verification", kT0, kT0 + 7 * 86400, {}, {}, 0});
  wf().insert_deadline(*tx, Deadline{0, c, "completion", kT0, kT0 + 3 * 86400, {}, {}, 0});
  wf().refresh_flow(*tx, c, Role::verifier);
  EXPECT_EQ(wf().case_flow(*tx, c).due_at, kT0 + 3 * 86400);
  EXPECT_EQ(wf().case_flow(*tx, c).holder, Role::verifier);
  EXPECT_EQ(wf().stop_deadlines(*tx, c, "completion", kT0 + 100), 1);
  EXPECT_EQ(wf().stop_deadlines(*tx, c, "completion", kT0 + 100), 0);
  wf().refresh_flow(*tx, c, Role::verifier);
  EXPECT_EQ(wf().case_flow(*tx, c).due_at, kT0 + 7 * 86400);
  EXPECT_TRUE(wf().overdue_deadlines(*tx, kT0 + 7 * 86400, 1, 10).empty());
  auto over = wf().overdue_deadlines(*tx, kT0 + 8 * 86400, 1, 10);
  ASSERT_EQ(over.size(), 1u);
  EXPECT_EQ(over[0].clock, "verification");
  wf().mark_escalated(*tx, over[0].id, kT0 + 8 * 86400, 1);
  EXPECT_TRUE(wf().overdue_deadlines(*tx, kT0 + 9 * 86400, 1, 10).empty());
  EXPECT_EQ(wf().overdue_deadlines(*tx, kT0 + 9 * 86400, 2, 10).size(), 1u);
  EXPECT_EQ(wf().stop_deadlines(*tx, c, "*", kT0 + 9 * 86400), 1);
  wf().refresh_flow(*tx, c, std::nullopt);
  EXPECT_FALSE(wf().case_flow(*tx, c).due_at);
  auto all = wf().deadlines_of_case(*tx, c);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].stopped_at && all[1].stopped_at);
  EXPECT_EQ(all[0].escalation_level, 1);
  tx->commit();
}

TEST_P(WorkflowRepoTest, InboxPutsOverdueFirstAndFilters) {
  Id a = add_case("A-1", kT0);
  Id b = add_case("A-2", kT0 + 10);
  Id c = add_case("A-3", kT0 + 20);
  Id d = add_case("B-1", kT0 + 30, CaseStatus::received, other_);
  auto tx = store().begin(true);
  wf().insert_deadline(*tx, Deadline{0, a, "verification", kT0, kT0 + 500, {}, {}, 0});
  wf().insert_deadline(*tx, Deadline{0, b, "verification", kT0, kT0 + 100, {}, {}, 0});
  wf().insert_deadline(*tx, Deadline{0, c, "verification", kT0, kT0 + 99999, {}, {}, 0});
  for (Id x : {a, b, c, d}) wf().refresh_flow(*tx, x, Role::verifier);
  wf().insert_external_ref(*tx, ExternalRef{0, c, ForwardTarget::bawaslu, RefDirection::out, "REF-9", kT0});
  tx->commit();
  auto rtx = store().begin(false);
  InboxFilter f;
  f.base.instansi_id = inst_;
  f.now = kT0 + 1000;
  auto page = wf().inbox(*rtx, f, Page{0, 10});
  ASSERT_EQ(page.total, 3);
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].c.id, b);  // overdue, earliest due
  EXPECT_EQ(page.items[1].c.id, a);  // overdue
  EXPECT_EQ(page.items[2].c.id, c);  // not overdue
  EXPECT_EQ(page.items[0].flow.holder, Role::verifier);
  EXPECT_EQ(wf().count_overdue(*rtx, f), 2);
  // Pages cut across the overdue / not overdue boundary without losing or repeating a case.
  EXPECT_EQ(wf().inbox(*rtx, f, Page{1, 1}).items.at(0).c.id, a);
  EXPECT_EQ(wf().inbox(*rtx, f, Page{2, 1}).items.at(0).c.id, c);
  auto two = wf().inbox(*rtx, f, Page{1, 2});
  ASSERT_EQ(two.items.size(), 2u);
  EXPECT_EQ(two.items[0].c.id, a);
  EXPECT_EQ(two.items[1].c.id, c);
  for (const auto& [st, n] : wf().count_by_status(*rtx, f)) EXPECT_EQ(n, st == CaseStatus::received ? 3 : 0);
  f.overdue_only = true;
  EXPECT_EQ(wf().inbox(*rtx, f, Page{0, 10}).total, 2);
  f.overdue_only = false;
  f.external_only = true;
  page = wf().inbox(*rtx, f, Page{0, 10});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].c.id, c);
  auto refs = wf().external_refs_of_case(*rtx, c);
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].ref, "REF-9");
  // Paging past the end, and the status filter.
  f.external_only = false;
  EXPECT_TRUE(wf().inbox(*rtx, f, Page{5, 10}).items.empty());
  f.base.status = CaseStatus::closed;
  EXPECT_EQ(wf().inbox(*rtx, f, Page{0, 10}).total, 0);
}

TEST_P(WorkflowRepoTest, DuplicatesAndMergeKeepReceipts) {
  Id a = add_case("A-1", kT0, CaseStatus::verification, 0, "Budi Santoso", "2024-11-20");
  Id b = add_case("A-2", kT0 + 10, CaseStatus::received, 0, "budi santoso", "2024-11-20");
  add_case("A-3", kT0 + 20, CaseStatus::received, 0, "Budi Santoso", "2024-11-21");          // other day
  add_case("A-4", kT0 + 30, CaseStatus::rejected, 0, "Budi Santoso", "2024-11-20");          // not open
  add_case("B-1", kT0 + 40, CaseStatus::received, other_, "Budi Santoso", "2024-11-20");     // other instansi
  Id n = add_case("A-5", kT0 + 50, CaseStatus::received, 0, "Orang Lain", "2024-11-20", "198001012005011001");
  auto tx = store().begin(true);
  EXPECT_EQ(wf().find_duplicates(*tx, inst_, b, "Budi Santoso", "", "2024-11-20"), std::vector<Id>{a});
  EXPECT_EQ(wf().find_duplicates(*tx, inst_, 0, "BUDI SANTOSO", "", "2024-11-20"), (std::vector<Id>{b, a}));
  EXPECT_TRUE(wf().find_duplicates(*tx, inst_, b, "Budi Santoso", "", "").empty());
  EXPECT_EQ(wf().find_duplicates(*tx, inst_, 0, "Nama Berbeda", "198001012005011001", "2024-11-20"), std::vector<Id>{n});
  wf().set_duplicate_of(*tx, b, a);
  EXPECT_EQ(wf().case_flow(*tx, b).duplicate_of, a);
  Message m;
  m.case_id = b;
  m.author = Author::reporter;
  m.body = "tambahan";
  m.created_at = kT0;
  store().cases().insert_message(*tx, m);
  wf().move_case_content(*tx, b, a);
  wf().set_merged_into(*tx, b, a);
  tx->commit();
  auto rtx = store().begin(false);
  auto r = store().cases().report_by_receipt_hash(*rtx, "hash-A-2");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->case_id, a);  // the merged report's receipt now leads to the surviving case
  EXPECT_EQ(store().cases().reports_of_case(*rtx, a).size(), 2u);
  EXPECT_EQ(store().cases().messages_of_case(*rtx, a).size(), 1u);
  EXPECT_EQ(wf().case_flow(*rtx, b).merged_into, a);
  // b has no reports left, so it is never offered as a duplicate again.
  for (Id x : wf().find_duplicates(*rtx, inst_, a, "Budi Santoso", "", "2024-11-20")) EXPECT_NE(x, b);
}

TEST_P(WorkflowRepoTest, AssignmentsNotificationsAndSetup) {
  Id c = add_case("A-1", kT0);
  auto tx = store().begin(true);
  EXPECT_EQ(wf().cases_without_flow(*tx, 10), std::vector<Id>{c});
  wf().insert_assignment(*tx, Assignment{0, c, AssignmentKind::examiner, user_, std::nullopt, "Verifikator Satu", kT0});
  wf().insert_assignment(*tx, Assignment{0, c, AssignmentKind::superior, std::nullopt, std::nullopt, "Kepala Dinas", kT0});
  wf().refresh_flow(*tx, c, Role::examiner);
  EXPECT_TRUE(wf().cases_without_flow(*tx, 10).empty());
  Id n1 = wf().insert_notification(*tx, Notification{0, user_, c, kT0, NotificationKind::escalation, "lewat tenggat", {}});
  wf().insert_notification(*tx, Notification{0, user_, std::nullopt, kT0 + 1, NotificationKind::escalation, "dua", {}});
  wf().mark_notification_read(*tx, n1, user_ + 1000, kT0 + 2);  // someone else's: no effect
  EXPECT_EQ(wf().notifications_of(*tx, user_, true, 10).size(), 2u);
  wf().mark_notification_read(*tx, n1, user_, kT0 + 2);
  auto unread = wf().notifications_of(*tx, user_, true, 10);
  ASSERT_EQ(unread.size(), 1u);
  EXPECT_EQ(unread[0].body, "dua");
  EXPECT_EQ(wf().count_unread(*tx, user_), 1);
  // The count is of all unread notifications, beyond any list limit.
  for (int i = 0; i < 12; ++i) wf().insert_notification(*tx, Notification{0, user_, std::nullopt, kT0 + 3 + i, NotificationKind::escalation, "lagi", {}});
  EXPECT_EQ(wf().notifications_of(*tx, user_, true, 10).size(), 10u);
  EXPECT_EQ(wf().count_unread(*tx, user_), 13);
  EXPECT_EQ(wf().count_unread(*tx, user_ + 1000), 0);
  auto all = wf().notifications_of(*tx, user_, false, 20);
  ASSERT_EQ(all.size(), 14u);
  all.erase(all.begin(), all.begin() + 12);
  EXPECT_EQ(all[1].read_at, kT0 + 2);
  EXPECT_EQ(all[1].case_id, c);
  auto as = wf().assignments_of_case(*tx, c);
  ASSERT_EQ(as.size(), 2u);
  EXPECT_EQ(as[0].user_id, user_);
  EXPECT_EQ(as[1].name, "Kepala Dinas");
  tx->commit();
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkflowRepoTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace netral::store::testing
