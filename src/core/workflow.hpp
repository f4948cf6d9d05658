// The case lifecycle as data-checked rules (docs/workflow.md): which action moves a case
// from which states to which state, which roles may take it, and what it must carry.
// Pure: the app layer (app/workflow_service) loads the case, checks access and conflict of
// interest, calls check_transition() and stores the event.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"

namespace netral {

// Every step a staff user (or the system) can take on a case.
enum class Action {
  start_verification,   // received -> verification
  request_completion,   // verification -> verification: ask the reporter to complete, own deadline
  reject,               // received | verification -> rejected, with a reason code
  accept,               // verification -> examination: checklist complete, examiners + superior assigned
  record_bap,           // examination -> examination: minutes of examination (BAP) with attachments
  findings_proven,      // examination -> recommendation: at least one catalogue item proven
  findings_not_proven,  // examination -> closed: every examined item not proven
  recommend,            // recommendation -> decision: sanction level and form per staff type
  decide,               // decision -> decision: the PPK's decree (number, date, sanction imposed)
  execute,              // decision -> executed: the decree was carried out
  close,                // executed -> closed
  forward,              // any open state -> same: forwarded to Bawaslu or BKN with their reference
  liaison_note,         // any forwarded case -> same: Bawaslu/BKN answers with their reference
  merge,                // any open state -> closed: duplicate merged into another open case
};
std::string_view to_string(Action a);
std::optional<Action> action_from_string(std::string_view s);
const std::vector<Action>& all_actions();

// Why a report is rejected at verification.
enum class RejectReason { expired, out_of_scope, not_government_employee, insufficient, not_election_related };
std::string_view to_string(RejectReason r);
std::optional<RejectReason> reject_reason_from_string(std::string_view s);
const std::vector<RejectReason>& all_reject_reasons();

// Where a case can be forwarded (and received from). Which national body "bkn" stands for
// is configurable (domain.md: KASN until 2024, BKN since).
enum class ForwardTarget { bawaslu, bkn };
std::string_view to_string(ForwardTarget t);
std::optional<ForwardTarget> forward_target_from_string(std::string_view s);

// Formal and material requirements of a report (domain.md, Perbawaslu 8/2020 as amended).
struct ChecklistItem {
  std::string_view id;
  bool formal;    // formal requirement (else material)
  bool required;  // acceptance needs it checked; optional items are recorded only
};
// Order is the order of the form. Reporter identity is recorded but not required: the
// channel accepts anonymous reports by design.
const std::vector<ChecklistItem>& verification_checklist();

struct Finding {
  std::string item_id;  // catalogue item ("pp94-2021/5n1") or conduct id when no item fits
  bool proven = false;
  std::string note;
};

// A sanction option as the rules need it (the full option lives in the text catalogue).
struct SanctionRule {
  std::string id;
  std::string level;  // ringan, sedang, berat, moral, administratif, pidana
  std::vector<StaffType> staff_types;
};

// What an action carries. Only the fields its rule names are read.
struct TransitionInput {
  std::string note;
  std::optional<RejectReason> reason;
  std::vector<std::string> checked;  // ids of checklist items found satisfied
  std::vector<Id> examiners;         // staff user ids
  std::optional<Id> superior_employee_id;
  std::string superior_name;
  std::string bap_number, bap_date, bap_place;
  std::vector<Id> attachments;  // evidence ids
  std::vector<Finding> findings;
  StaffType staff_type = StaffType::unknown;
  std::string sanction_level;
  std::vector<std::string> sanctions;  // sanction option ids (recommended / imposed)
  std::string decree_number, decree_date;
  std::string executed_date;
  std::optional<ForwardTarget> forward_to;
  std::string external_ref;
  std::optional<Id> merge_into;
  int completion_days = 0;  // 0: the clock rule's default
};

// Facts about the case that guards need, computed by the app layer from its events.
struct CaseFacts {
  CaseStatus status = CaseStatus::received;
  bool has_reporter_channel = true;  // some report has a receipt (not an agency finding)
  int bap_count = 0;
  bool decree_recorded = false;
  std::vector<ForwardTarget> forwarded_to;
};

struct TransitionRule {
  Action action;
  std::vector<CaseStatus> from;  // empty: every open (non-terminal) state
  std::optional<CaseStatus> to;  // nullopt: stays in the state it was in
  std::vector<Role> roles;
  std::vector<std::string_view> required;  // TransitionInput fields that must be filled
};
// The rule table: one rule per action.
const std::vector<TransitionRule>& transition_rules();
const TransitionRule& rule_of(Action a);

bool is_terminal(CaseStatus s);
// Whether `role` may take `a` in state `s` (roles and from-states only, no input checks).
bool allowed(Action a, Role role, CaseStatus s);
// Actions a role may take in a state, in table order (what the case page offers).
std::vector<Action> actions_for(Role role, const CaseFacts& facts);

// Checks the whole step: state, role, guards and required fields. Returns the state the
// case moves to. Errors (message keys in messages.cpp, field = input field at fault):
// "transition_not_allowed" (state), "forbidden" (role), "missing_field", "invalid_field",
// "guard_failed".
Result<CaseStatus> check_transition(Action a, Role role, const CaseFacts& facts, const TransitionInput& in,
                                    const std::vector<SanctionRule>& sanctions);

}  // namespace netral
