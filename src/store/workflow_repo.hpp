// The case workflow's tables (docs/workflow.md, docs/storage.md "version 4"): the
// timeline of events, assignments, running deadlines, external references (Bawaslu/BKN),
// in-app notifications, and the inbox query with overdue cases first.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "core/workflow.hpp"
#include "store/store.hpp"

namespace netral::store {

// One entry of a case's timeline. `payload` is JSON text of what the step carried.
struct CaseEvent {
  Id id = 0;
  Id case_id = 0;
  Timestamp at = 0;
  std::optional<Id> user_id;
  std::string actor;       // "user:12", "system", "reporter"
  std::string actor_name;  // staff display name, filled by queries
  std::string action;      // core Action name, or "intake", "escalate", "merged_in", ...
  std::optional<CaseStatus> from_status;  // both empty for steps that are not transitions
  std::optional<CaseStatus> to_status;
  std::string payload = "{}";
};

// Who was put on a case: examiners (staff users), the direct superior (roster entry or name).
struct Assignment {
  Id id = 0;
  Id case_id = 0;
  AssignmentKind kind = AssignmentKind::examiner;
  std::optional<Id> user_id;
  std::optional<Id> employee_id;
  std::string name;  // display name at assignment time
  Timestamp assigned_at = 0;
};

// A running (or stopped) legal clock of a case.
struct Deadline {
  Id id = 0;
  Id case_id = 0;
  std::string clock;  // rule id of data/clocks.toml
  Timestamp started_at = 0;
  Timestamp due_at = 0;
  std::optional<Timestamp> stopped_at;
  std::optional<Timestamp> escalated_at;
  int escalation_level = 0;
};

// A reference number of another body: outgoing forward or incoming case.
struct ExternalRef {
  Id id = 0;
  Id case_id = 0;
  ForwardTarget body = ForwardTarget::bawaslu;
  RefDirection direction = RefDirection::out;
  std::string ref;
  Timestamp at = 0;
};

struct Notification {
  Id id = 0;
  Id user_id = 0;
  std::optional<Id> case_id;
  Timestamp at = 0;
  NotificationKind kind = NotificationKind::escalation;
  std::string body;
  std::optional<Timestamp> read_at;
};

// The workflow columns of a case (added to `cases` by migration 4).
struct CaseFlow {
  std::optional<Timestamp> due_at;  // earliest running deadline
  std::optional<Role> holder;       // role holding the case now; none once it is closed or before set-up
  std::optional<Id> duplicate_of;
  std::optional<Id> merged_into;
};

struct InboxRow {
  Case c;
  CaseFlow flow;
};

struct InboxFilter {
  CaseFilter base;
  bool external_only = false;  // only cases with an external reference (liaisons)
  std::string external_body;   // with external_only: a reference with this body ("bawaslu", "bkn"); empty: any
  Timestamp now = 0;           // what "overdue" means
  bool overdue_only = false;
};

class WorkflowRepo {
 public:
  virtual ~WorkflowRepo() = default;
  virtual Id insert_event(Tx& tx, const CaseEvent& e) = 0;
  // Oldest first, actor_name filled for staff.
  virtual std::vector<CaseEvent> events_of_case(Tx& tx, Id case_id) = 0;

  virtual Id insert_assignment(Tx& tx, const Assignment& a) = 0;
  virtual std::vector<Assignment> assignments_of_case(Tx& tx, Id case_id) = 0;

  virtual Id insert_deadline(Tx& tx, const Deadline& d) = 0;
  virtual std::vector<Deadline> deadlines_of_case(Tx& tx, Id case_id) = 0;
  // Stops the running deadlines of a case on the given clock; returns how many stopped.
  virtual int stop_deadlines(Tx& tx, Id case_id, const std::string& clock, Timestamp now) = 0;
  // Running deadlines past due at `now` whose escalation level is below `max_level`,
  // oldest due first.
  virtual std::vector<Deadline> overdue_deadlines(Tx& tx, Timestamp now, int max_level, int limit) = 0;
  virtual void mark_escalated(Tx& tx, Id deadline_id, Timestamp now, int level) = 0;

  virtual CaseFlow case_flow(Tx& tx, Id case_id) = 0;
  // Recomputes cases.due_at from the running deadlines and sets the holder.
  virtual void refresh_flow(Tx& tx, Id case_id, std::optional<Role> holder) = 0;
  virtual void set_duplicate_of(Tx& tx, Id case_id, std::optional<Id> other) = 0;
  virtual void set_merged_into(Tx& tx, Id case_id, Id target) = 0;
  // Moves every report (so every receipt), message and evidence row of `from` to `to`.
  virtual void move_case_content(Tx& tx, Id from, Id to) = 0;
  // Open cases of the instansi other than `except` with a report on the same incident
  // date about the same person (same NIP, or same name ignoring case). Newest first.
  virtual std::vector<Id> find_duplicates(Tx& tx, Id instansi_id, Id except, const std::string& name,
                                          const std::string& nip, const std::string& incident_date) = 0;
  // Cases never set up by the workflow (holder ""), e.g. loaded by a bulk import.
  virtual std::vector<Id> cases_without_flow(Tx& tx, int limit) = 0;

  virtual Id insert_external_ref(Tx& tx, const ExternalRef& r) = 0;
  virtual std::vector<ExternalRef> external_refs_of_case(Tx& tx, Id case_id) = 0;

  // The inbox: overdue cases first (earliest due first), then newest first. `overdue`:
  // count_overdue(f) when the caller has it already (it is not counted again).
  virtual PageOf<InboxRow> inbox(Tx& tx, const InboxFilter& f, const Page& p,
                                 std::optional<long long> overdue = std::nullopt) = 0;
  virtual long long count_overdue(Tx& tx, const InboxFilter& f) = 0;
  // Cases per status through the filter (its status ignored), every status listed.
  virtual std::vector<std::pair<CaseStatus, long long>> count_by_status(Tx& tx, const InboxFilter& f) = 0;

  virtual Id insert_notification(Tx& tx, const Notification& n) = 0;
  // Newest first.
  virtual std::vector<Notification> notifications_of(Tx& tx, Id user_id, bool unread_only, int limit) = 0;
  virtual long long count_unread(Tx& tx, Id user_id) = 0;
  virtual void mark_notification_read(Tx& tx, Id id, Id user_id, Timestamp now) = 0;
};

}  // namespace netral::store
