// The workflow service on both backends: a case through every state, access (unit
// subtree, liaisons), conflict of interest routed one level up, duplicates and merge
// keeping every receipt, clocks, and escalation with a recording mailer.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/clocks.hpp"
#include "app/notifier.hpp"
#include "app/report_service.hpp"
#include "app/workflow_service.hpp"
#include "app_fixture.hpp"
#include "core/identifiers.hpp"

namespace netral::app {
namespace {

using testing::AppTest;

const std::filesystem::path kData = std::filesystem::path(NETRAL_SOURCE_DIR) / "data";
constexpr Timestamp kT0 = 1732500000;  // Mon 2024-11-25 02:00 UTC

struct RecordingMailer : Mailer {
  std::vector<Mail> sent;
  Result<void> send(const Mail& m) override {
    sent.push_back(m);
    return {};
  }
};

class Workflow : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ctx_->config.smtp.recipients["admin"] = {"kepala@bkpsdmd.example.go.id"};
    freeze_clock(kT0);
    reports_ = std::make_unique<ReportService>(*ctx_);
    auto wf = WorkflowService::create(*ctx_, *reports_, kData);
    ASSERT_TRUE(wf) << wf.error().detail;
    wf_ = std::move(*wf);
    auto tx = store().begin(true);
    auto& ref = store().reference();
    inst_ = ref.upsert_instansi(*tx, Instansi{0, "19.03", "Kabupaten Bangka Selatan", {}});
    other_ = ref.upsert_instansi(*tx, Instansi{0, "19.04", "Kabupaten Lain", {}});
    setda_ = ref.upsert_unit(*tx, Unit{0, inst_, {}, "SETDA", "Sekretariat Daerah"});
    disdik_ = ref.upsert_unit(*tx, Unit{0, inst_, setda_, "DISDIK", "Dinas Pendidikan"});
    dinkes_ = ref.upsert_unit(*tx, Unit{0, inst_, setda_, "DINKES", "Dinas Kesehatan"});
    // Sekda (head of SETDA) > Kadisdik > Budi (the reported teacher).
    sekda_emp_ = ref.insert_employee(*tx, Employee{0, inst_, setda_, "197001012000011001", "Sekda", StaffType::pns, "Sekda", {}});
    kadis_emp_ = ref.insert_employee(*tx, Employee{0, inst_, disdik_, "197501012000011002", "Kadisdik", StaffType::pns, "Kepala Dinas", sekda_emp_});
    budi_emp_ = ref.insert_employee(*tx, Employee{0, inst_, disdik_, "198501012010011003", "Budi Santoso", StaffType::pns, "Guru", kadis_emp_});
    tx->commit();
    admin_ = user("admin", Role::admin);
    verifier_ = user("verif", Role::verifier);
    examiner_ = user("periksa", Role::examiner);
    ppk_ = user("ppk", Role::ppk_office);
    liaison_ = user("bawaslu", Role::liaison);
    analyst_ = user("analis", Role::analyst);
    kadis_ = user("kadis", Role::unit_head, disdik_, kadis_emp_);
    sekda_ = user("sekda", Role::unit_head, setda_, sekda_emp_);
    kadinkes_ = user("kadinkes", Role::unit_head, dinkes_);
    examiner_budi_ = user("periksa2", Role::examiner, std::nullopt, budi_emp_);
    other_admin_ = user("lain", Role::admin, std::nullopt, std::nullopt, other_);
  }
  void TearDown() override {
    wf_.reset();
    AppTest::TearDown();
  }

  Principal user(const std::string& name, Role role, std::optional<Id> unit = {}, std::optional<Id> emp = {}, Id inst = 0) {
    auto tx = store().begin(true);
    StaffUser u;
    u.instansi_id = inst ? inst : inst_;
    u.username = name;
    u.display_name = name;
    u.password_hash = "x";
    u.role = role;
    u.unit_id = unit;
    u.employee_id = emp;
    u.created_at = kT0;
    u.id = store().users().insert_user(*tx, u);
    auto i = store().reference().instansi_by_id(*tx, u.instansi_id);
    tx->commit();
    return Principal{u, *i, "csrf", "hash", ""};
  }

  Submitted report(const std::string& name = "Budi Santoso", const std::string& nip = "198501012010011003",
                   const std::string& date = "2024-11-20") {
    NewReport r;
    r.instansi = "19.03";
    r.reported = {name, nip, "Dinas Pendidikan", "Guru"};
    r.description = "Mengunggah foto bersama calon bupati dengan simbol dua jari.";
    r.incident_date = date;
    r.learned_date = date;
    r.reporter = {"Pelapor", "", "081234567890", ""};
    auto s = reports_->submit(r, {}, Actor{"reporter", "127.0.0.1"});
    EXPECT_TRUE(s) << (s ? "" : to_string(s.error().code));
    return s ? *s : Submitted{};
  }

  Result<CaseStatus> act(const Principal& p, Id c, Action a, TransitionInput in = {}) {
    now_ += 60;
    return wf_->perform(p, c, a, in);
  }

  std::unique_ptr<ReportService> reports_;  // observed by wf_: outlives it
  std::unique_ptr<WorkflowService> wf_;
  Id inst_ = 0, other_ = 0, setda_ = 0, disdik_ = 0, dinkes_ = 0, sekda_emp_ = 0, kadis_emp_ = 0, budi_emp_ = 0;
  Principal admin_, verifier_, examiner_, ppk_, liaison_, analyst_, kadis_, sekda_, kadinkes_, examiner_budi_, other_admin_;
};

TEST(Clocks, ShippedDataLoads) {
  auto c = load_clocks(kData);
  ASSERT_TRUE(c) << c.error().detail;
  for (const char* id : {"reporting_window", "verification", "completion", "bawaslu_review", "examination",
                         "recommendation", "ppk_followup", "execution"})
    EXPECT_TRUE(c->find(id)) << id;
  EXPECT_TRUE(c->find("ppk_followup")->uncertain);
  EXPECT_TRUE(c->find("bawaslu_review")->working_days);
  for (int y : {2024, 2025, 2026}) EXPECT_TRUE(c->calendar.covers(y)) << y;
  auto day = [](const char* iso) { return days_from_civil(*parse_iso_date(iso)); };
  // Idul Fitri 2024: Fri 5 Apr + 3 working days skips 8-12 and 15 April -> Thu 18 Apr.
  EXPECT_EQ(c->calendar.add_working_days(day("2024-04-05"), 3), day("2024-04-18"));
  // Pilkada day 27 Nov 2024 is a holiday.
  EXPECT_FALSE(c->calendar.is_working_day(day("2024-11-27")));
  EXPECT_TRUE(c->calendar.holiday(day("2024-12-26"))->collective_leave);
  // The escalation time is the end of the due day in WIB.
  const ClockRule* r = c->find("bawaslu_review");
  const Timestamp due = c->due_at(*r, kT0);  // Mon 25 Nov + 3 working days, 27th off -> Fri 29 Nov
  EXPECT_EQ(local_day(due), day("2024-11-29"));
  EXPECT_EQ(local_day(due + 1), day("2024-11-30"));
}

TEST(Clocks, BadFilesAreRefused) {
  auto dir = std::filesystem::temp_directory_path() / ("netral_clocks_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "calendar");
  auto write = [&](const std::string& name, const std::string& text) {
    std::FILE* f = std::fopen((dir / name).c_str(), "w");
    std::fputs(text.c_str(), f);
    std::fclose(f);
  };
  write("clocks.toml", "[[clock]]\nid='a'\ndays=3\nstart='intake'\nstop=['accept']\nescalate_to='admin'\n");
  write("calendar/id-2024.toml", "year = 2024\n[[day]]\ndate = '2024-02-30'\nname = 'x'\n");
  auto r = load_clocks(dir);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("id-2024.toml:2"), std::string::npos) << r.error().detail;
  write("calendar/id-2024.toml", "year = 2024\n");
  EXPECT_TRUE(load_clocks(dir));
  write("clocks.toml", "[[clock]]\nid='a'\ndays=3\nstart='intake'\nstop=['accept']\nescalate_to='boss'\n");
  EXPECT_FALSE(load_clocks(dir));
  write("clocks.toml", "[[clock]]\nid='a'\ndays=3\nstart='intake'\nstop=['accept']\nwrking_days=true\n");
  EXPECT_FALSE(load_clocks(dir));
  std::filesystem::remove_all(dir);
}

TEST_P(Workflow, OneCaseThroughEveryState) {
  auto s = report();
  const Id c = s.case_id;
  auto v = wf_->view(verifier_, c);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->events.size(), 1u);  // intake
  EXPECT_EQ(v->flow.holder, Role::verifier);
  ASSERT_TRUE(v->flow.due_at);  // the verification clock runs
  EXPECT_EQ(v->actions, (std::vector<Action>{Action::start_verification, Action::reject, Action::forward, Action::merge}));

  EXPECT_EQ(act(ppk_, c, Action::start_verification).error().code, ErrorCode::forbidden);
  ASSERT_EQ(act(verifier_, c, Action::start_verification), CaseStatus::verification);
  TransitionInput completion;
  completion.note = "Mohon lampirkan tangkapan layar unggahan.";
  ASSERT_TRUE(act(verifier_, c, Action::request_completion, completion));
  auto seen = reports_->view(s.receipt);
  ASSERT_TRUE(seen);
  ASSERT_FALSE(seen->messages.empty());
  EXPECT_NE(seen->messages.back().body.find("Mohon lampirkan"), std::string::npos);
  ASSERT_TRUE(reports_->reply(s.receipt, "Berikut tautannya.", {}, Actor{"reporter", ""}));
  {
    auto tx = store().begin(false);
    for (const auto& d : store().workflow().deadlines_of_case(*tx, c))
      if (d.clock == "completion") {
        EXPECT_TRUE(d.stopped_at);  // the reporter's answer stops it
      }
  }
  TransitionInput accept;
  for (const auto& i : verification_checklist()) accept.checked.emplace_back(i.id);
  accept.examiners = {examiner_.user.id};
  accept.superior_employee_id = kadis_emp_;
  EXPECT_EQ(act(verifier_, c, Action::accept, {}).error().code, ErrorCode::missing_field);
  auto bad = accept;
  bad.examiners = {ppk_.user.id};
  EXPECT_EQ(act(verifier_, c, Action::accept, bad).error().code, ErrorCode::invalid_field);
  bad.examiners = {examiner_budi_.user.id};  // the reported person himself
  EXPECT_EQ(act(verifier_, c, Action::accept, bad).error().code, ErrorCode::conflict_of_interest);
  ASSERT_EQ(act(verifier_, c, Action::accept, accept), CaseStatus::examination);

  TransitionInput bap;
  bap.bap_number = "BAP/01/XI/2024";
  bap.bap_date = "2024-11-26";
  bap.note = "Terlapor mengakui mengunggah foto.";
  // Kadisdik (direct superior) and Sekda (his superior) are in Budi's line: both excluded,
  // and the page offers them nothing; the inspectorate's examiner records the BAP.
  EXPECT_EQ(act(kadis_, c, Action::record_bap, bap).error().code, ErrorCode::conflict_of_interest);
  EXPECT_EQ(act(sekda_, c, Action::record_bap, bap).error().code, ErrorCode::conflict_of_interest);
  EXPECT_TRUE(wf_->view(sekda_, c)->conflict);
  EXPECT_TRUE(wf_->view(sekda_, c)->actions.empty());
  EXPECT_EQ(act(kadinkes_, c, Action::record_bap, bap).error().code, ErrorCode::not_found);  // another unit
  ASSERT_EQ(act(examiner_, c, Action::record_bap, bap), CaseStatus::examination);
  TransitionInput findings;
  findings.findings = {{"pp-94-2021/5n6", true, ""}};
  ASSERT_EQ(act(examiner_, c, Action::findings_proven, findings), CaseStatus::recommendation);
  TransitionInput rec;
  rec.staff_type = StaffType::pns;
  rec.sanction_level = "sedang";
  rec.sanctions = {"potongan_tunjangan_25_6"};
  ASSERT_EQ(act(examiner_, c, Action::recommend, rec), CaseStatus::decision);
  TransitionInput dec = rec;
  dec.decree_number = "800/12/BKPSDMD/2024";
  dec.decree_date = "2024-12-02";
  TransitionInput ex;
  ex.executed_date = "2024-12-03";
  EXPECT_EQ(act(ppk_, c, Action::execute, ex).error().code, ErrorCode::guard_failed);  // no decree yet
  ASSERT_EQ(act(ppk_, c, Action::decide, dec), CaseStatus::decision);
  ASSERT_EQ(act(ppk_, c, Action::execute, ex), CaseStatus::executed);
  TransitionInput close;
  close.note = "Selesai.";
  ASSERT_EQ(act(admin_, c, Action::close, close), CaseStatus::closed);
  EXPECT_EQ(act(admin_, c, Action::close, close).error().code, ErrorCode::transition_not_allowed);

  v = wf_->view(admin_, c);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->c.status, CaseStatus::closed);
  EXPECT_TRUE(v->actions.empty());
  EXPECT_EQ(v->flow.holder, std::nullopt);
  EXPECT_FALSE(v->flow.due_at);
  std::vector<std::string> actions;
  for (const auto& e : v->events) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"intake", "start_verification", "request_completion", "reporter_reply",
                                               "accept", "record_bap", "findings_proven", "recommend", "decide",
                                               "execute", "close"}));
  EXPECT_EQ(v->assignments.size(), 2u);
  // Every step is in the audit trail, and the chain holds.
  auto tx = store().begin(false);
  int transitions = 0;
  for (const auto& e : store().audit().audit_of_object(*tx, "case:" + std::to_string(c)))
    if (e.action == "case.transition") ++transitions;
  EXPECT_EQ(transitions, 9);
  EXPECT_TRUE(verify_audit(store()).ok);
}

TEST_P(Workflow, AccessByUnitLiaisonAndInstansi) {
  const Id c = report().case_id;
  EXPECT_TRUE(wf_->view(kadis_, c));      // own unit
  EXPECT_TRUE(wf_->view(sekda_, c));      // unit above
  EXPECT_FALSE(wf_->view(kadinkes_, c));  // sibling unit
  EXPECT_FALSE(wf_->view(liaison_, c));   // not forwarded yet
  EXPECT_FALSE(wf_->view(analyst_, c));
  EXPECT_FALSE(wf_->view(other_admin_, c));  // other instansi
  EXPECT_EQ(wf_->inbox(liaison_, {}, {}, false, {0, 50}).page.total, 0);
  EXPECT_EQ(wf_->inbox(kadinkes_, {}, {}, false, {0, 50}).page.total, 0);
  EXPECT_EQ(wf_->inbox(kadis_, {}, {}, false, {0, 50}).page.total, 1);
  EXPECT_EQ(wf_->inbox(other_admin_, {}, {}, false, {0, 50}).page.total, 0);
  EXPECT_EQ(act(other_admin_, c, Action::start_verification).error().code, ErrorCode::not_found);
  TransitionInput fw;
  fw.forward_to = ForwardTarget::bawaslu;
  fw.external_ref = "012/Reg/LP/PB/Kab/09.03/XI/2024";
  ASSERT_EQ(act(verifier_, c, Action::forward, fw), CaseStatus::received);
  EXPECT_EQ(act(verifier_, c, Action::forward, fw).error().code, ErrorCode::guard_failed);
  auto v = wf_->view(liaison_, c);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->actions, std::vector<Action>{Action::liaison_note});
  EXPECT_EQ(wf_->inbox(liaison_, {}, {}, false, {0, 50}).page.total, 1);
  TransitionInput note;
  note.note = "Diterima Bawaslu, dikaji.";
  note.external_ref = "BWS-77";
  ASSERT_TRUE(act(liaison_, c, Action::liaison_note, note));
  EXPECT_EQ(act(liaison_, c, Action::start_verification).error().code, ErrorCode::forbidden);
  v = wf_->view(admin_, c);
  ASSERT_EQ(v->refs.size(), 2u);
  EXPECT_EQ(v->refs[0].ref, "012/Reg/LP/PB/Kab/09.03/XI/2024");
  EXPECT_EQ(v->refs[1].direction, RefDirection::in);
}

TEST_P(Workflow, RejectionWithReason) {
  const Id c = report().case_id;
  TransitionInput r;
  r.note = "Dilaporkan lebih dari 7 hari setelah diketahui.";
  EXPECT_EQ(act(verifier_, c, Action::reject, r).error().field, "reason");
  r.reason = RejectReason::expired;
  ASSERT_EQ(act(verifier_, c, Action::reject, r), CaseStatus::rejected);
  auto v = wf_->view(verifier_, c);
  EXPECT_NE(v->events.back().payload.find("\"expired\""), std::string::npos);
  EXPECT_FALSE(v->flow.due_at);
  EXPECT_EQ(act(verifier_, c, Action::start_verification).error().code, ErrorCode::transition_not_allowed);
}

TEST_P(Workflow, DuplicatesAreFlaggedAndMergedKeepingReceipts) {
  auto first = report();
  auto second = report("budi santoso", "");
  auto other_day = report("Budi Santoso", "", "2024-11-21");
  auto v = wf_->view(verifier_, second.case_id);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->flow.duplicate_of, first.case_id);
  ASSERT_EQ(v->duplicates.size(), 1u);
  EXPECT_EQ(v->duplicates[0].id, first.case_id);
  EXPECT_FALSE(wf_->view(verifier_, other_day.case_id)->flow.duplicate_of);
  TransitionInput m;
  m.merge_into = second.case_id;
  EXPECT_EQ(act(verifier_, second.case_id, Action::merge, m).error().code, ErrorCode::invalid_field);  // itself
  m.merge_into = first.case_id;
  ASSERT_EQ(act(verifier_, second.case_id, Action::merge, m), CaseStatus::closed);
  // Both receipts keep working and lead to the surviving case.
  auto a = reports_->view(first.receipt);
  auto b = reports_->view(second.receipt);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->case_number, first.case_number);
  EXPECT_EQ(b->case_number, first.case_number);
  ASSERT_TRUE(reports_->reply(second.receipt, "Saya juga melihatnya.", {}, Actor{"reporter", ""}));
  auto merged = wf_->view(verifier_, second.case_id);
  EXPECT_EQ(merged->merged_into_number, first.case_number);
  auto kept = wf_->view(verifier_, first.case_id);
  EXPECT_EQ(kept->events.back().action, "merged_in");
}

TEST_P(Workflow, AgencyFindingsAndForwardedIntake) {
  StaffIntake finding;
  finding.report.channel = Channel::agency_finding;
  finding.report.reported = {"Sari Lestari", "", "Dinas Kesehatan", ""};
  finding.report.description = "Temuan patroli siber: unggahan kampanye di akun pribadi.";
  finding.report.reporter = {"should", "", "", "be dropped"};
  EXPECT_EQ(wf_->intake(examiner_, finding, {}).error().code, ErrorCode::forbidden);
  auto f = wf_->intake(verifier_, finding, {});
  ASSERT_TRUE(f) << f.error().code;
  ASSERT_TRUE(act(verifier_, f->case_id, Action::start_verification));
  TransitionInput ask;
  ask.note = "x";
  EXPECT_EQ(act(verifier_, f->case_id, Action::request_completion, ask).error().code, ErrorCode::guard_failed);
  StaffIntake fw;
  fw.report.channel = Channel::bawaslu;
  fw.report.reported = {"Joko", "", "", ""};
  fw.report.description = "Penerusan laporan dari Bawaslu Kabupaten.";
  EXPECT_EQ(wf_->intake(verifier_, fw, {}).error().field, "external_ref");
  fw.external_ref = "003/PL/PB/Kab/09.03/XI/2024";
  auto in = wf_->intake(verifier_, fw, {});
  ASSERT_TRUE(in);
  EXPECT_TRUE(wf_->view(liaison_, in->case_id));  // received from Bawaslu: the liaison follows it
  StaffIntake walk;
  walk.report.channel = Channel::walk_in;
  walk.report.reported = {"Dewi", "", "", ""};
  walk.report.description = "Pelapor datang ke kantor BKPSDMD.";
  walk.report.reporter = {"Warga", "", "0812", ""};
  auto w = wf_->intake(verifier_, walk, {});
  ASSERT_TRUE(w);
  EXPECT_TRUE(reports_->view(w->receipt));  // the walk-in reporter can follow it
}

// What a submission does in its transaction commits with the case or not at all: a staff
// intake's external reference cannot be missing from a case that exists.
TEST_P(Workflow, SubmissionAndItsAdditionsCommitTogether) {
  NewReport r;
  r.instansi = "19.03";
  r.channel = Channel::bawaslu;
  r.reported = {"Joko", "", "", ""};
  r.description = "Penerusan laporan dari Bawaslu Kabupaten.";
  const auto before = wf_->inbox(admin_, {}, {}, false, {0, 50}).page.total;
  EXPECT_THROW(reports_->submit(r, {}, Actor{"verif", "127.0.0.1"},
                                [](store::Tx&, const Case&, const Report&, Timestamp) -> Result<void> {
                                  throw std::runtime_error("crash");
                                }),
               std::runtime_error);
  EXPECT_EQ(wf_->inbox(admin_, {}, {}, false, {0, 50}).page.total, before) << "no case without its addition";
  auto refused = reports_->submit(r, {}, Actor{"verif", "127.0.0.1"},
                                  [](store::Tx&, const Case&, const Report&, Timestamp) -> Result<void> {
                                    return fail(ErrorCode::already_reviewed, "error.already_reviewed");
                                  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::already_reviewed);
  EXPECT_EQ(wf_->inbox(admin_, {}, {}, false, {0, 50}).page.total, before) << "an addition's error commits nothing";
  bool ran = false;
  auto ok = reports_->submit(r, {}, Actor{"verif", "127.0.0.1"}, [&](store::Tx&, const Case& c, const Report& rep, Timestamp) {
    ran = c.id > 0 && rep.id > 0 && rep.case_id == c.id;
    return Result<void>{};
  });
  ASSERT_TRUE(ok);
  EXPECT_TRUE(ran);
  EXPECT_EQ(wf_->inbox(admin_, {}, {}, false, {0, 50}).page.total, before + 1);
}

TEST_P(Workflow, OverdueCasesComeFirstAndEscalate) {
  auto a = report("Andi", "", "2024-11-20");
  now_ += 3600;
  auto b = report("Beni", "", "2024-11-20");
  auto box = wf_->inbox(verifier_, {}, {}, false, {0, 50});
  ASSERT_EQ(box.page.items.size(), 2u);
  EXPECT_EQ(box.page.items[0].c.id, b.case_id);  // newest first while nothing is overdue
  EXPECT_EQ(box.overdue, 0);
  // a moves on (verification stops), b's verification clock runs out after 7 days.
  TransitionInput fw;
  ASSERT_TRUE(act(verifier_, a.case_id, Action::start_verification));
  now_ = kT0 + 9 * 86400;
  box = wf_->inbox(verifier_, {}, {}, false, {0, 50});
  EXPECT_EQ(box.overdue, 2);
  RecordingMailer mail;
  auto run = wf_->escalate(&mail);
  EXPECT_EQ(run.deadlines, 2);
  EXPECT_GE(run.notifications, 2);
  ASSERT_EQ(mail.sent.size(), 2u);
  EXPECT_EQ(mail.sent[0].to, std::vector<std::string>{"kepala@bkpsdmd.example.go.id"});
  EXPECT_NE(mail.sent[0].subject.find("lewat tenggat"), std::string::npos);
  auto notes = wf_->notifications(admin_, true);
  EXPECT_EQ(notes.size(), 2u);
  EXPECT_TRUE(wf_->notifications(other_admin_, true).empty());
  // Escalated once per level: a second run does nothing.
  EXPECT_EQ(wf_->escalate(&mail).deadlines, 0);
  wf_->mark_read(admin_, notes[0].id);
  EXPECT_EQ(wf_->notifications(admin_, true).size(), 1u);
  auto v = wf_->view(admin_, b.case_id);
  EXPECT_EQ(v->events.back().action, "escalate");
}

TEST(Mail, FormatIsSafe) {
  Mail m;
  m.to = {"a@example.org"};
  m.subject = "Perkara 19.03 lewat tenggat\r\nBcc: evil@example.org";
  m.body = "baris satu\nbaris dua";
  const std::string text = format_mail(m, "netral@example.org", 0, "x@example.org");
  EXPECT_EQ(text.find("\r\nBcc:"), std::string::npos);
  EXPECT_NE(text.find("baris satu\r\nbaris dua\r\n"), std::string::npos);
  EXPECT_NE(text.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), std::string::npos);
  m.subject = "Tenggat — terlewati";
  EXPECT_NE(format_mail(m, "n@e.org", 0, "x@e.org").find("Subject: =?UTF-8?B?"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Workflow, ::testing::Values(store::Backend::sqlite, store::Backend::postgresql),
                         store::testing::backend_name);

}  // namespace
}  // namespace netral::app
