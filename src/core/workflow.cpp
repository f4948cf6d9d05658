#include "core/workflow.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/identifiers.hpp"

namespace netral {
namespace {

constexpr std::array<std::pair<Action, std::string_view>, 14> kActions{{
    {Action::start_verification, "start_verification"},
    {Action::request_completion, "request_completion"},
    {Action::reject, "reject"},
    {Action::accept, "accept"},
    {Action::record_bap, "record_bap"},
    {Action::findings_proven, "findings_proven"},
    {Action::findings_not_proven, "findings_not_proven"},
    {Action::recommend, "recommend"},
    {Action::decide, "decide"},
    {Action::execute, "execute"},
    {Action::close, "close"},
    {Action::forward, "forward"},
    {Action::liaison_note, "liaison_note"},
    {Action::merge, "merge"},
}};

constexpr std::array<std::pair<RejectReason, std::string_view>, 5> kReasons{{
    {RejectReason::expired, "expired"},
    {RejectReason::out_of_scope, "out_of_scope"},
    {RejectReason::not_government_employee, "not_government_employee"},
    {RejectReason::insufficient, "insufficient"},
    {RejectReason::not_election_related, "not_election_related"},
}};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [k, n] : table)
    if (k == v) return n;
  return "?";
}
template <class E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s) {
  for (const auto& [k, n] : table)
    if (n == s) return k;
  return std::nullopt;
}

using S = CaseStatus;
using R = Role;

// The lifecycle (docs/workflow.md). `required` names TransitionInput fields; guards that
// look at more than one field live in check_transition().
const std::vector<TransitionRule> kRules = {
    {Action::start_verification, {S::received}, S::verification, {R::verifier, R::admin}, {}},
    {Action::request_completion, {S::verification}, std::nullopt, {R::verifier}, {"note"}},
    {Action::reject, {S::received, S::verification}, S::rejected, {R::verifier, R::admin}, {"reason", "note"}},
    {Action::accept, {S::verification}, S::examination, {R::verifier}, {"checked", "examiners", "superior"}},
    {Action::record_bap, {S::examination}, std::nullopt, {R::examiner, R::unit_head}, {"bap_number", "bap_date", "note"}},
    {Action::findings_proven, {S::examination}, S::recommendation, {R::examiner}, {"findings"}},
    {Action::findings_not_proven, {S::examination}, S::closed, {R::examiner}, {"findings"}},
    {Action::recommend, {S::recommendation}, S::decision, {R::examiner}, {"staff_type", "sanction_level", "sanctions"}},
    {Action::decide, {S::decision}, std::nullopt, {R::ppk_office}, {"decree_number", "decree_date", "staff_type", "sanctions"}},
    {Action::execute, {S::decision}, S::executed, {R::ppk_office, R::verifier}, {"executed_date"}},
    {Action::close, {S::executed}, S::closed, {R::verifier, R::admin}, {"note"}},
    {Action::forward, {}, std::nullopt, {R::verifier, R::admin}, {"forward_to", "external_ref"}},
    {Action::liaison_note, {}, std::nullopt, {R::liaison}, {"note"}},
    {Action::merge, {S::received, S::verification}, S::closed, {R::verifier, R::admin}, {"merge_into"}},
};

const std::vector<ChecklistItem> kChecklist = {
    {"reporter_identity", true, false},  // anonymous reports are accepted by design
    {"reported_identity", true, true},   // name and unit, or NIP/NIK, of the reported person
    {"within_window", true, true},       // filed within the reporting window
    {"time_place", false, true},         // when and where
    {"description", false, true},        // what happened
    {"evidence", false, true},           // evidence supporting it
    {"witnesses", false, false},         // required in some versions of the rules only
};

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

Result<void> check_date(const std::string& v, const char* field) {
  if (auto d = parse_iso_date(v, field); !d) return fail(ErrorCode::invalid_field, "error.invalid_date", field);
  return {};
}

// Every sanction id must exist, apply to the staff type, and be of the recommended level
// (moral sanctions of the code of ethics may accompany a disciplinary one).
Result<void> check_sanctions(const TransitionInput& in, const std::vector<SanctionRule>& table, bool check_level) {
  for (const auto& id : in.sanctions) {
    auto it = std::find_if(table.begin(), table.end(), [&](const SanctionRule& r) { return r.id == id; });
    if (it == table.end()) return fail(ErrorCode::invalid_field, "error.unknown_sanction", "sanctions", id);
    if (std::find(it->staff_types.begin(), it->staff_types.end(), in.staff_type) == it->staff_types.end())
      return fail(ErrorCode::invalid_field, "error.sanction_not_for_staff_type", "sanctions", id);
    if (check_level && it->level != in.sanction_level && it->level != "moral")
      return fail(ErrorCode::invalid_field, "error.sanction_level_mismatch", "sanctions", id);
  }
  return {};
}

Result<void> check_required(std::string_view field, const TransitionInput& in) {
  bool missing = false;
  if (field == "note") missing = blank(in.note);
  else if (field == "reason") missing = !in.reason;
  else if (field == "checked") missing = in.checked.empty();
  else if (field == "examiners") missing = in.examiners.empty();
  else if (field == "superior") missing = !in.superior_employee_id && blank(in.superior_name);
  else if (field == "bap_number") missing = blank(in.bap_number);
  else if (field == "bap_date") missing = blank(in.bap_date);
  else if (field == "findings") missing = in.findings.empty();
  else if (field == "staff_type") missing = in.staff_type == StaffType::unknown;
  else if (field == "sanction_level") missing = blank(in.sanction_level);
  else if (field == "sanctions") missing = in.sanctions.empty();
  else if (field == "decree_number") missing = blank(in.decree_number);
  else if (field == "decree_date") missing = blank(in.decree_date);
  else if (field == "executed_date") missing = blank(in.executed_date);
  else if (field == "forward_to") missing = !in.forward_to;
  else if (field == "external_ref") missing = blank(in.external_ref);
  else if (field == "merge_into") missing = !in.merge_into;
  if (missing) return fail(ErrorCode::missing_field, "error.workflow_missing_" + std::string(field), std::string(field));
  return {};
}

}  // namespace

std::string_view to_string(Action a) { return name_of(kActions, a); }
std::optional<Action> action_from_string(std::string_view s) { return parse(kActions, s); }
const std::vector<Action>& all_actions() {
  static const std::vector<Action> v = [] {
    std::vector<Action> out;
    for (const auto& [a, n] : kActions) out.push_back(a);
    return out;
  }();
  return v;
}

std::string_view to_string(RejectReason r) { return name_of(kReasons, r); }
std::optional<RejectReason> reject_reason_from_string(std::string_view s) { return parse(kReasons, s); }
const std::vector<RejectReason>& all_reject_reasons() {
  static const std::vector<RejectReason> v = [] {
    std::vector<RejectReason> out;
    for (const auto& [r, n] : kReasons) out.push_back(r);
    return out;
  }();
  return v;
}

std::string_view to_string(ForwardTarget t) { return t == ForwardTarget::bawaslu ? "bawaslu" : "bkn"; }
std::optional<ForwardTarget> forward_target_from_string(std::string_view s) {
  if (s == "bawaslu") return ForwardTarget::bawaslu;
  if (s == "bkn") return ForwardTarget::bkn;
  return std::nullopt;
}

const std::vector<ChecklistItem>& verification_checklist() { return kChecklist; }
const std::vector<TransitionRule>& transition_rules() { return kRules; }

const TransitionRule& rule_of(Action a) {
  for (const auto& r : kRules)
    if (r.action == a) return r;
  return kRules.front();  // unreachable: every action has a rule (tested)
}

bool is_terminal(CaseStatus s) { return s == CaseStatus::closed || s == CaseStatus::rejected; }

bool allowed(Action a, Role role, CaseStatus s) {
  if (role == Role::superadmin) role = Role::admin;  // an admin of their own instansi, as far as cases go
  const auto& r = rule_of(a);
  if (std::find(r.roles.begin(), r.roles.end(), role) == r.roles.end()) return false;
  if (r.from.empty()) return !is_terminal(s);
  return std::find(r.from.begin(), r.from.end(), s) != r.from.end();
}

std::vector<Action> actions_for(Role role, const CaseFacts& facts) {
  std::vector<Action> out;
  for (const auto& r : kRules) {
    if (!allowed(r.action, role, facts.status)) continue;
    // Hide what a guard would refuse anyway, so the page offers only what works.
    if (r.action == Action::request_completion && !facts.has_reporter_channel) continue;
    if ((r.action == Action::findings_proven || r.action == Action::findings_not_proven) && facts.bap_count == 0) continue;
    if (r.action == Action::decide && facts.decree_recorded) continue;
    if (r.action == Action::execute && !facts.decree_recorded) continue;
    if (r.action == Action::forward && facts.forwarded_to.size() >= 2) continue;
    if (r.action == Action::liaison_note && facts.forwarded_to.empty()) continue;
    out.push_back(r.action);
  }
  return out;
}

Result<CaseStatus> check_transition(Action a, Role role, const CaseFacts& facts, const TransitionInput& in,
                                    const std::vector<SanctionRule>& sanctions) {
  if (role == Role::superadmin) role = Role::admin;  // as in allowed()
  const auto& rule = rule_of(a);
  const bool state_ok = rule.from.empty() ? !is_terminal(facts.status)
                                          : std::find(rule.from.begin(), rule.from.end(), facts.status) != rule.from.end();
  if (!state_ok) return fail(ErrorCode::transition_not_allowed, {}, {}, std::string(to_string(a)));
  if (std::find(rule.roles.begin(), rule.roles.end(), role) == rule.roles.end())
    return fail(ErrorCode::forbidden, "error.action_forbidden", {}, std::string(to_string(a)));
  for (auto field : rule.required)
    if (auto r = check_required(field, in); !r) return std::unexpected(r.error());
  if (in.note.size() > 20000) return fail(ErrorCode::invalid_field, "error.field_too_long", "note");

  switch (a) {
    case Action::request_completion:
      if (!facts.has_reporter_channel) return fail(ErrorCode::guard_failed, "error.no_reporter_channel");
      if (in.completion_days < 0 || in.completion_days > 60)
        return fail(ErrorCode::invalid_field, "error.invalid_days", "completion_days");
      break;
    case Action::accept:
      for (const auto& item : kChecklist)
        if (item.required && std::find(in.checked.begin(), in.checked.end(), item.id) == in.checked.end())
          return fail(ErrorCode::guard_failed, "error.checklist_incomplete", "checked", std::string(item.id));
      for (const auto& c : in.checked)
        if (std::none_of(kChecklist.begin(), kChecklist.end(), [&](const ChecklistItem& i) { return i.id == c; }))
          return fail(ErrorCode::invalid_field, {}, "checked", c);
      break;
    case Action::record_bap:
      if (auto r = check_date(in.bap_date, "bap_date"); !r) return std::unexpected(r.error());
      break;
    case Action::findings_proven:
    case Action::findings_not_proven: {
      if (facts.bap_count == 0) return fail(ErrorCode::guard_failed, "error.bap_required");
      for (const auto& f : in.findings)
        if (blank(f.item_id)) return fail(ErrorCode::invalid_field, {}, "findings");
      const bool any = std::any_of(in.findings.begin(), in.findings.end(), [](const Finding& f) { return f.proven; });
      if (a == Action::findings_proven && !any) return fail(ErrorCode::guard_failed, "error.nothing_proven", "findings");
      if (a == Action::findings_not_proven && any) return fail(ErrorCode::guard_failed, "error.something_proven", "findings");
      break;
    }
    case Action::recommend:
      if (auto r = check_sanctions(in, sanctions, true); !r) return std::unexpected(r.error());
      break;
    case Action::decide:
      if (facts.decree_recorded) return fail(ErrorCode::guard_failed, "error.decree_already_recorded");
      if (auto r = check_date(in.decree_date, "decree_date"); !r) return std::unexpected(r.error());
      if (in.decree_number.size() > 200) return fail(ErrorCode::invalid_field, "error.field_too_long", "decree_number");
      if (auto r = check_sanctions(in, sanctions, false); !r) return std::unexpected(r.error());
      break;
    case Action::execute:
      if (!facts.decree_recorded) return fail(ErrorCode::guard_failed, "error.decree_required");
      if (auto r = check_date(in.executed_date, "executed_date"); !r) return std::unexpected(r.error());
      break;
    case Action::forward:
      if (std::find(facts.forwarded_to.begin(), facts.forwarded_to.end(), *in.forward_to) != facts.forwarded_to.end())
        return fail(ErrorCode::guard_failed, "error.already_forwarded", "forward_to");
      if (in.external_ref.size() > 200) return fail(ErrorCode::invalid_field, "error.field_too_long", "external_ref");
      break;
    case Action::liaison_note:
      if (facts.forwarded_to.empty()) return fail(ErrorCode::guard_failed, "error.not_forwarded");
      break;
    default:
      break;
  }
  return rule.to.value_or(facts.status);
}

}  // namespace netral
