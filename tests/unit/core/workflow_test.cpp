// The lifecycle rules (core/workflow) and working-day arithmetic (core/calendar).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/calendar.hpp"
#include "core/identifiers.hpp"
#include "core/messages.hpp"
#include "core/workflow.hpp"

namespace netral {
namespace {

using S = CaseStatus;
using R = Role;
using A = Action;

// The expected permission table, spelled independently of kRules: action -> (roles, from).
// An empty from-set means every open state.
struct Expect {
  std::set<R> roles;
  std::set<S> from;
};
const std::map<A, Expect>& expected() {
  static const std::map<A, Expect> m = {
      {A::start_verification, {{R::verifier, R::admin}, {S::received}}},
      {A::request_completion, {{R::verifier}, {S::verification}}},
      {A::reject, {{R::verifier, R::admin}, {S::received, S::verification}}},
      {A::accept, {{R::verifier}, {S::verification}}},
      {A::record_bap, {{R::examiner, R::unit_head}, {S::examination}}},
      {A::findings_proven, {{R::examiner}, {S::examination}}},
      {A::findings_not_proven, {{R::examiner}, {S::examination}}},
      {A::recommend, {{R::examiner}, {S::recommendation}}},
      {A::decide, {{R::ppk_office}, {S::decision}}},
      {A::execute, {{R::ppk_office, R::verifier}, {S::decision}}},
      {A::close, {{R::verifier, R::admin}, {S::executed}}},
      {A::forward, {{R::verifier, R::admin}, {}}},
      {A::liaison_note, {{R::liaison}, {}}},
      {A::merge, {{R::verifier, R::admin}, {S::received, S::verification}}},
  };
  return m;
}

std::vector<SanctionRule> sanctions() {
  return {
      {"teguran_tertulis", "ringan", {StaffType::pns, StaffType::pppk}},
      {"potongan_tunjangan_25_6", "sedang", {StaffType::pns}},
      {"pemutusan_perjanjian_kerja", "berat", {StaffType::pppk}},
      {"tindakan_administratif_teguran", "administratif", {StaffType::non_asn}},
      {"sanksi_moral_terbuka", "moral", {StaffType::pns, StaffType::pppk}},
  };
}

// An input that satisfies every action's required fields and guards.
TransitionInput full_input(A a) {
  TransitionInput in;
  in.note = "catatan";
  in.reason = RejectReason::expired;
  for (const auto& i : verification_checklist()) in.checked.emplace_back(i.id);
  in.examiners = {7};
  in.superior_name = "Kepala Dinas";
  in.bap_number = "BAP/01/2024";
  in.bap_date = "2024-11-20";
  in.findings = {{"pp-94-2021/5n1", a == A::findings_proven, ""}};
  in.staff_type = StaffType::pns;
  in.sanction_level = "sedang";
  in.sanctions = {"potongan_tunjangan_25_6"};
  in.decree_number = "800/123/BKPSDMD/2024";
  in.decree_date = "2024-12-01";
  in.executed_date = "2024-12-05";
  in.forward_to = ForwardTarget::bawaslu;
  in.external_ref = "001/LP/PB/Kab/09.03/XI/2024";
  in.merge_into = 99;
  return in;
}

CaseFacts facts_in(S s) {
  CaseFacts f;
  f.status = s;
  f.bap_count = 1;
  f.forwarded_to = {ForwardTarget::bkn};
  return f;
}

TEST(Workflow, EveryActionHasOneRuleAndName) {
  std::set<A> seen;
  for (const auto& r : transition_rules()) EXPECT_TRUE(seen.insert(r.action).second) << to_string(r.action);
  EXPECT_EQ(seen.size(), all_actions().size());
  for (A a : all_actions()) {
    EXPECT_EQ(action_from_string(to_string(a)), a);
    EXPECT_TRUE(has_message("action_" + std::string(to_string(a)))) << to_string(a);
  }
  EXPECT_FALSE(action_from_string("delete_everything"));
  for (RejectReason r : all_reject_reasons()) {
    EXPECT_EQ(reject_reason_from_string(to_string(r)), r);
    EXPECT_TRUE(has_message("reject_reason_" + std::string(to_string(r))));
  }
  for (const auto& i : verification_checklist()) EXPECT_TRUE(has_message("check_" + std::string(i.id))) << i.id;
}

// Every (action, role, state): allowed() and check_transition() agree with the table.
TEST(Workflow, EveryTransitionAllowedAndRefused) {
  int allowed_n = 0, refused_n = 0;
  for (A a : all_actions()) {
    const auto& e = expected().at(a);
    for (R role : all_roles()) {
      for (S s : all_case_statuses()) {
        const bool state_ok = e.from.empty() ? !is_terminal(s) : e.from.count(s) > 0;
        // A superadmin is an admin of their own instansi as far as cases go.
        const R as = role == R::superadmin ? R::admin : role;
        const bool want = state_ok && e.roles.count(as) > 0;
        EXPECT_EQ(allowed(a, role, s), want) << to_string(a) << " " << to_string(role) << " " << to_string(s);
        CaseFacts f = facts_in(s);
        if (a == A::execute) f.decree_recorded = true;
        if (a == A::forward) f.forwarded_to = {ForwardTarget::bkn};
        auto r = check_transition(a, role, f, full_input(a), sanctions());
        EXPECT_EQ(r.has_value(), want) << to_string(a) << " " << to_string(role) << " " << to_string(s) << ": "
                                       << (r ? "" : std::string(to_string(r.error().code)) + " " + r.error().field);
        if (!want) {
          ASSERT_FALSE(r);
          EXPECT_EQ(r.error().code, state_ok ? ErrorCode::forbidden : ErrorCode::transition_not_allowed);
          ++refused_n;
        } else {
          ++allowed_n;
        }
      }
    }
  }
  EXPECT_GT(allowed_n, 20);
  EXPECT_GT(refused_n, 500);
}

TEST(Workflow, TargetsFollowTheLifecycle) {
  auto to = [](A a, R role, S s, CaseFacts f = {}) {
    f.status = s;
    auto r = check_transition(a, role, f, full_input(a), sanctions());
    EXPECT_TRUE(r) << to_string(a) << ": " << (r ? "" : std::string(to_string(r.error().code)) + " " + r.error().field);
    return r ? *r : S::received;
  };
  CaseFacts bap;
  bap.bap_count = 1;
  CaseFacts decree;
  decree.decree_recorded = true;
  EXPECT_EQ(to(A::start_verification, R::verifier, S::received), S::verification);
  EXPECT_EQ(to(A::request_completion, R::verifier, S::verification), S::verification);
  EXPECT_EQ(to(A::reject, R::verifier, S::verification), S::rejected);
  EXPECT_EQ(to(A::accept, R::verifier, S::verification), S::examination);
  EXPECT_EQ(to(A::record_bap, R::unit_head, S::examination), S::examination);
  EXPECT_EQ(to(A::findings_proven, R::examiner, S::examination, bap), S::recommendation);
  EXPECT_EQ(to(A::findings_not_proven, R::examiner, S::examination, bap), S::closed);
  EXPECT_EQ(to(A::recommend, R::examiner, S::recommendation), S::decision);
  EXPECT_EQ(to(A::decide, R::ppk_office, S::decision), S::decision);
  EXPECT_EQ(to(A::execute, R::ppk_office, S::decision, decree), S::executed);
  EXPECT_EQ(to(A::close, R::admin, S::executed), S::closed);
  EXPECT_EQ(to(A::forward, R::verifier, S::examination), S::examination);
  EXPECT_EQ(to(A::merge, R::verifier, S::received), S::closed);
}

TEST(Workflow, RequiredFieldsAreChecked) {
  for (const auto& rule : transition_rules()) {
    for (auto field : rule.required) {
      TransitionInput in = full_input(rule.action);
      if (field == "note") in.note = "  ";
      else if (field == "reason") in.reason.reset();
      else if (field == "checked") in.checked.clear();
      else if (field == "examiners") in.examiners.clear();
      else if (field == "superior") in.superior_name.clear();
      else if (field == "bap_number") in.bap_number.clear();
      else if (field == "bap_date") in.bap_date.clear();
      else if (field == "findings") in.findings.clear();
      else if (field == "staff_type") in.staff_type = StaffType::unknown;
      else if (field == "sanction_level") in.sanction_level.clear();
      else if (field == "sanctions") in.sanctions.clear();
      else if (field == "decree_number") in.decree_number.clear();
      else if (field == "decree_date") in.decree_date.clear();
      else if (field == "executed_date") in.executed_date.clear();
      else if (field == "forward_to") in.forward_to.reset();
      else if (field == "external_ref") in.external_ref.clear();
      else if (field == "merge_into") in.merge_into.reset();
      else ADD_FAILURE() << "field without a test: " << field;
      CaseFacts f = facts_in(rule.from.empty() ? S::verification : rule.from.front());
      f.decree_recorded = rule.action == A::execute;
      auto r = check_transition(rule.action, rule.roles.front(), f, in, sanctions());
      ASSERT_FALSE(r) << to_string(rule.action) << " without " << field;
      EXPECT_EQ(r.error().code, ErrorCode::missing_field);
      EXPECT_EQ(r.error().field, field);
      EXPECT_TRUE(has_message(r.error().message_key)) << r.error().message_key;
    }
  }
}

TEST(Workflow, Guards) {
  const auto sc = sanctions();
  auto check = [&](A a, R role, CaseFacts f, TransitionInput in) { return check_transition(a, role, f, in, sc); };
  // Acceptance needs every required checklist item; optional ones may stay unchecked.
  CaseFacts ver = facts_in(S::verification);
  auto in = full_input(A::accept);
  in.checked = {"reported_identity", "within_window", "time_place", "description"};
  auto r = check(A::accept, R::verifier, ver, in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::guard_failed);
  EXPECT_EQ(r.error().detail, "evidence");
  in.checked = {"reported_identity", "within_window", "time_place", "description", "evidence"};
  EXPECT_TRUE(check(A::accept, R::verifier, ver, in));
  in.checked.push_back("bogus");
  EXPECT_FALSE(check(A::accept, R::verifier, ver, in));
  // An agency finding has no reporter to ask for completion.
  CaseFacts finding = ver;
  finding.has_reporter_channel = false;
  EXPECT_EQ(check(A::request_completion, R::verifier, finding, full_input(A::request_completion)).error().code, ErrorCode::guard_failed);
  // Findings need minutes first, and their verdict must match the action.
  CaseFacts exam = facts_in(S::examination);
  exam.bap_count = 0;
  EXPECT_EQ(check(A::findings_proven, R::examiner, exam, full_input(A::findings_proven)).error().message_key, "error.bap_required");
  exam.bap_count = 2;
  EXPECT_EQ(check(A::findings_proven, R::examiner, exam, full_input(A::findings_not_proven)).error().message_key, "error.nothing_proven");
  EXPECT_EQ(check(A::findings_not_proven, R::examiner, exam, full_input(A::findings_proven)).error().message_key, "error.something_proven");
  // BAP date must be a date.
  auto bap = full_input(A::record_bap);
  bap.bap_date = "20-11-2024";
  EXPECT_EQ(check(A::record_bap, R::examiner, exam, bap).error().field, "bap_date");
  // Sanctions: known, for the staff type, of the level (moral may accompany).
  CaseFacts rec = facts_in(S::recommendation);
  auto s = full_input(A::recommend);
  s.sanctions = {"potongan_tunjangan_25_6", "sanksi_moral_terbuka"};
  EXPECT_TRUE(check(A::recommend, R::examiner, rec, s));
  s.sanctions = {"no_such"};
  EXPECT_EQ(check(A::recommend, R::examiner, rec, s).error().message_key, "error.unknown_sanction");
  s.sanctions = {"pemutusan_perjanjian_kerja"};
  EXPECT_EQ(check(A::recommend, R::examiner, rec, s).error().message_key, "error.sanction_not_for_staff_type");
  s.staff_type = StaffType::pppk;
  EXPECT_EQ(check(A::recommend, R::examiner, rec, s).error().message_key, "error.sanction_level_mismatch");
  s.sanction_level = "berat";
  EXPECT_TRUE(check(A::recommend, R::examiner, rec, s));
  s.staff_type = StaffType::non_asn;
  s.sanction_level = "administratif";
  s.sanctions = {"tindakan_administratif_teguran"};
  EXPECT_TRUE(check(A::recommend, R::examiner, rec, s));
  // The decree is recorded once, and execution needs it.
  CaseFacts dec = facts_in(S::decision);
  EXPECT_EQ(check(A::execute, R::ppk_office, dec, full_input(A::execute)).error().message_key, "error.decree_required");
  dec.decree_recorded = true;
  EXPECT_EQ(check(A::decide, R::ppk_office, dec, full_input(A::decide)).error().message_key, "error.decree_already_recorded");
  // Forwarding twice to the same body is refused; liaison notes need a forward.
  CaseFacts fw = facts_in(S::examination);
  fw.forwarded_to = {ForwardTarget::bawaslu};
  EXPECT_EQ(check(A::forward, R::verifier, fw, full_input(A::forward)).error().message_key, "error.already_forwarded");
  fw.forwarded_to.clear();
  EXPECT_EQ(check(A::liaison_note, R::liaison, fw, full_input(A::liaison_note)).error().message_key, "error.not_forwarded");
}

TEST(Workflow, ActionsForHideWhatGuardsRefuse) {
  CaseFacts f;
  f.status = S::decision;
  EXPECT_EQ(actions_for(R::ppk_office, f), std::vector<A>{A::decide});
  f.decree_recorded = true;
  EXPECT_EQ(actions_for(R::ppk_office, f), std::vector<A>{A::execute});
  f.status = S::examination;
  f.bap_count = 0;
  EXPECT_EQ(actions_for(R::examiner, f), std::vector<A>{A::record_bap});
  f.bap_count = 1;
  EXPECT_EQ(actions_for(R::examiner, f), (std::vector<A>{A::record_bap, A::findings_proven, A::findings_not_proven}));
  EXPECT_TRUE(actions_for(R::liaison, f).empty());
  f.forwarded_to = {ForwardTarget::bawaslu};
  EXPECT_EQ(actions_for(R::liaison, f), std::vector<A>{A::liaison_note});
  EXPECT_TRUE(actions_for(R::analyst, f).empty());
  f.status = S::closed;
  EXPECT_TRUE(actions_for(R::admin, f).empty());
  EXPECT_TRUE(actions_for(R::verifier, f).empty());
}

// --- working days ---------------------------------------------------------------------

long day(const char* iso) { return days_from_civil(*parse_iso_date(iso)); }

WorkCalendar cal2024() {
  WorkCalendar c;
  c.cover_year(2024);
  c.add({day("2024-12-25"), "Hari Raya Natal", false, false});
  c.add({day("2024-12-26"), "Cuti bersama Natal", true, false});
  c.add({day("2024-11-27"), "Pilkada serentak", false, false});
  return c;
}

TEST(Calendar, Weekends) {
  EXPECT_TRUE(WorkCalendar::is_weekend(day("2024-11-23")));   // Saturday
  EXPECT_TRUE(WorkCalendar::is_weekend(day("2024-11-24")));   // Sunday
  EXPECT_FALSE(WorkCalendar::is_weekend(day("2024-11-25")));  // Monday
  EXPECT_FALSE(WorkCalendar::is_weekend(day("1970-01-01")));  // Thursday
  EXPECT_TRUE(WorkCalendar::is_weekend(day("1969-12-28")));   // Sunday, before the epoch
}

TEST(Calendar, AddWorkingDaysSkipsWeekendsAndHolidays) {
  const auto c = cal2024();
  EXPECT_EQ(c.add_working_days(day("2024-11-25"), 0), day("2024-11-25"));
  EXPECT_EQ(c.add_working_days(day("2024-11-25"), 1), day("2024-11-26"));
  // Wed 27 Nov is the Pilkada holiday: Tue + 1 -> Thu.
  EXPECT_EQ(c.add_working_days(day("2024-11-26"), 1), day("2024-11-28"));
  // Fri + 1 -> Mon.
  EXPECT_EQ(c.add_working_days(day("2024-11-29"), 1), day("2024-12-02"));
  // From Mon 23 Dec, 3 working days: Tue 24, (25, 26 off), Fri 27, (weekend), Mon 30.
  EXPECT_EQ(c.add_working_days(day("2024-12-23"), 3), day("2024-12-30"));
  // Starting on a holiday counts from the next working day.
  EXPECT_EQ(c.add_working_days(day("2024-12-25"), 1), day("2024-12-27"));
  EXPECT_EQ(c.working_days_between(day("2024-12-23"), day("2024-12-30")), 3);
  EXPECT_EQ(c.working_days_between(day("2024-12-30"), day("2024-12-23")), -3);
  EXPECT_EQ(c.working_days_between(day("2024-12-23"), day("2024-12-23")), 0);
  EXPECT_TRUE(c.covers(2024));
  EXPECT_FALSE(c.covers(2025));
}

TEST(Calendar, DueDayCalendarVsWorking) {
  const auto c = cal2024();
  ClockRule cal{"window", 7, false, "learned", {"received"}, "verifier", false, ""};
  ClockRule work{"bawaslu", 3, true, "forward", {"liaison_note"}, "admin", false, ""};
  EXPECT_EQ(due_day(cal, day("2024-12-20"), c), day("2024-12-27"));  // calendar days ignore holidays
  EXPECT_EQ(due_day(work, day("2024-12-20"), c), day("2024-12-27"));  // Mon 23, Tue 24, Fri 27
  EXPECT_EQ(due_day(work, day("2024-12-18"), c), day("2024-12-23"));
}

TEST(Calendar, LocalDayIsWib) {
  // 2024-11-25 17:30 UTC is already 26 Nov 00:30 in WIB.
  const Timestamp t = static_cast<Timestamp>(day("2024-11-25")) * 86400 + 17 * 3600 + 1800;
  EXPECT_EQ(local_day(t), day("2024-11-26"));
  EXPECT_EQ(local_day(t, 0), day("2024-11-25"));
  EXPECT_EQ(local_day(end_of_local_day(day("2024-11-26"))), day("2024-11-26"));
  EXPECT_EQ(local_day(end_of_local_day(day("2024-11-26")) + 1), day("2024-11-27"));
}

}  // namespace
}  // namespace netral
