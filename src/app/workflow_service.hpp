// The case workflow use cases (docs/workflow.md): performing lifecycle steps with the
// rules of core/workflow plus access (instansi, unit subtree, liaisons see forwarded cases
// only) and conflict of interest, the timeline, legal clocks, duplicates and merging,
// staff intake (walk-in, agency finding, forwarded from Bawaslu/BKN), the inbox with
// overdue cases first, and escalation of overdue cases. Every step is audited.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/clocks.hpp"
#include "app/context.hpp"
#include "app/report_service.hpp"
#include "core/workflow.hpp"
#include "store/workflow_repo.hpp"
#include "text/catalog.hpp"

namespace netral::app {

class Mailer;

// Everything the case page needs beyond CaseService::get.
struct WorkflowView {
  Case c;
  CaseFacts facts;
  std::vector<Action> actions;  // what this user may do now (empty under a conflict of interest)
  bool conflict = false;        // the user is the reported person or one of their superiors
  std::vector<store::CaseEvent> events;
  std::vector<store::Deadline> deadlines;  // running ones first
  std::vector<store::Assignment> assignments;
  std::vector<store::ExternalRef> refs;
  store::CaseFlow flow;
  std::vector<Case> duplicates;      // open cases about the same person and incident date
  std::optional<std::string> merged_into_number;
  std::vector<StaffUser> examiners;  // candidates for the accept form (not conflicted)
  std::vector<Evidence> evidence;    // attachable to a BAP
  std::shared_ptr<const text::Catalog> catalog;      // keeps `items` and `sanctions` alive
  std::vector<const text::CatalogItem*> items;        // catalogue items in force, for findings
  std::vector<const text::SanctionOption*> sanctions; // every option, for recommendation/decision
  StaffType staff_type = StaffType::unknown;          // from the roster link, when known
  Timestamp now = 0;
};

struct WorkflowInbox {
  std::vector<Unit> units;  // of the instansi, for the unit filter
  store::PageOf<store::InboxRow> page;
  std::vector<std::pair<CaseStatus, long long>> counts;
  long long overdue = 0;
  Timestamp now = 0;
};

struct StaffIntake {
  NewReport report;  // channel: walk_in, agency_finding, bawaslu or bkn
  std::string external_ref;  // required for bawaslu/bkn: their register number
};

struct EscalationRun {
  int deadlines = 0;      // overdue deadlines escalated
  int notifications = 0;  // in-app notifications written
  int mails = 0;          // e-mails accepted by the SMTP server
  int mail_failures = 0;
};

// Observes `reports` from construction to destruction: every case opened through it gets
// its intake event, clocks and duplicate check, and a reporter's reply stops the clock
// waiting for it, in the report's own transaction. Staff intake goes through `reports` too.
class WorkflowService : public ReportObserver {
 public:
  // Loads data/clocks.toml, data/calendar/*.toml and the catalogue from `data_dir` (the
  // shipped data directory, text::find_data_dir). Errors: "clocks_invalid", "catalog_invalid".
  static Result<std::unique_ptr<WorkflowService>> create(Context& ctx, ReportService& reports,
                                                         const std::filesystem::path& data_dir);
  WorkflowService(Context& ctx, ReportService& reports, ClockSet clocks, text::Catalog catalog);
  ~WorkflowService() override;
  WorkflowService(const WorkflowService&) = delete;
  WorkflowService& operator=(const WorkflowService&) = delete;
  // Findings are then made against the catalogue `source` gives at that moment (the
  // CatalogService's, with the circulars adopted on this deployment) instead of the
  // bundled one loaded by create().
  void follow_catalog(std::function<std::shared_ptr<const text::Catalog>()> source) { source_ = std::move(source); }

  // Errors: "not_found" (unknown or not visible).
  Result<WorkflowView> view(const Principal& p, Id case_id);
  // Performs one step. Errors: "not_found", "conflict_of_interest", and those of
  // core::check_transition, plus "invalid_field" for examiners/attachments/merge target.
  Result<CaseStatus> perform(const Principal& p, Id case_id, Action a, const TransitionInput& in);
  // A report entered by staff. Walk-ins get a receipt for the reporter; agency findings
  // have no external reporter; forwarded cases keep the sender's reference.
  Result<Submitted> intake(const Principal& p, StaffIntake in, const std::vector<NewFile>& files);
  WorkflowInbox inbox(const Principal& p, std::optional<CaseStatus> status, std::optional<Id> unit, bool overdue_only,
                      store::Page page);
  std::vector<store::Notification> notifications(const Principal& p, bool unread_only);
  // All of this user's unread notifications (the list above stops at 50).
  long long unread_count(const Principal& p);
  void mark_read(const Principal& p, Id notification_id);
  // Escalates every overdue running deadline one level: an in-app notification to the
  // rule's escalate_to role (users in conflict skipped; nobody left: the admins) and an
  // e-mail to the [smtp] recipients of that role when a mailer is given.
  EscalationRun escalate(Mailer* mailer);
  // Sets up cases that were stored without the workflow (bulk imports): intake event,
  // clocks from their creation time, holder. Returns how many.
  int set_up_missing(int limit);

  bool conflicted(store::Tx& tx, const StaffUser& u, const Case& c);

 private:
  void on_intake(store::Tx& tx, const Case& c, const Report& r, Timestamp now) override;
  void on_reporter_reply(store::Tx& tx, Id case_id, Timestamp now) override;
  void run_clocks(store::Tx& tx, Id case_id, const std::string& event, Timestamp now);
  CaseFacts facts_of(store::Tx& tx, const Case& c);
  Context& ctx_;
  ReportService& reports_;
  ClockSet clocks_;
  std::shared_ptr<const text::Catalog> catalog() const { return source_ ? source_() : catalog_; }
  std::shared_ptr<const text::Catalog> catalog_;
  std::function<std::shared_ptr<const text::Catalog>()> source_;
  std::vector<SanctionRule> rules_;
};

// The role that holds a case in a state; none once it is finished.
std::optional<Role> holder_of(CaseStatus s);

}  // namespace netral::app
