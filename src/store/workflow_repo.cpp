// The case workflow's tables over SOCI, for SQLite and PostgreSQL alike.
#include "store/workflow_repo.hpp"

#include <algorithm>

#include "store/soci_detail.hpp"
#include "store/soci_repos.hpp"

namespace netral::store::detail {
namespace {

constexpr std::string_view kInsertEvent = R"(
INSERT INTO case_events (case_id, at, user_id, actor, action, from_status, to_status, payload)
VALUES (:case_id, :at, :user_id, :actor, :action, :from_status, :to_status, :payload)
RETURNING id)";
constexpr std::string_view kEventsOfCase = R"(
SELECT e.id, e.case_id, e.at, e.user_id, e.actor, COALESCE(u.display_name, ''), e.action, e.from_status,
       e.to_status, e.payload
FROM case_events e LEFT JOIN staff_users u ON u.id = e.user_id
WHERE e.case_id = :case_id ORDER BY e.id)";

constexpr std::string_view kInsertAssignment = R"(
INSERT INTO case_assignments (case_id, kind, user_id, employee_id, name, assigned_at)
VALUES (:case_id, :kind, :user_id, :employee_id, :name, :at)
RETURNING id)";
constexpr std::string_view kAssignmentsOfCase = R"(
SELECT id, case_id, kind, user_id, employee_id, name, assigned_at FROM case_assignments
WHERE case_id = :case_id ORDER BY id)";

constexpr std::string_view kInsertDeadline = R"(
INSERT INTO case_deadlines (case_id, clock, started_at, due_at, escalation_level)
VALUES (:case_id, :clock, :started, :due, 0)
RETURNING id)";
constexpr std::string_view kDeadlineColumns =
    "SELECT id, case_id, clock, started_at, due_at, stopped_at, escalated_at, escalation_level FROM case_deadlines ";
constexpr std::string_view kDeadlinesOfCase = "WHERE case_id = :case_id ORDER BY id";
constexpr std::string_view kOverdue =
    "WHERE stopped_at IS NULL AND due_at < :now AND escalation_level < :max ORDER BY due_at, id LIMIT :limit";
constexpr std::string_view kStopDeadlines =
    "UPDATE case_deadlines SET stopped_at = :now WHERE case_id = :case_id AND clock = :clock AND stopped_at IS NULL "
    "RETURNING id";
constexpr std::string_view kStopAllDeadlines =
    "UPDATE case_deadlines SET stopped_at = :now WHERE case_id = :case_id AND stopped_at IS NULL RETURNING id";
constexpr std::string_view kMarkEscalated =
    "UPDATE case_deadlines SET escalated_at = :now, escalation_level = :level WHERE id = :id";

constexpr std::string_view kCaseFlow =
    "SELECT due_at, holder, duplicate_of, merged_into FROM cases WHERE id = :id";
// due_at mirrors the earliest running deadline so that the inbox sorts on one column.
constexpr std::string_view kRefreshFlow = R"(
UPDATE cases SET holder = :holder,
  due_at = (SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = cases.id AND d.stopped_at IS NULL)
WHERE id = :id)";
constexpr std::string_view kSetDuplicateOf = "UPDATE cases SET duplicate_of = :other WHERE id = :id";
constexpr std::string_view kSetMergedInto = "UPDATE cases SET merged_into = :target WHERE id = :id";
constexpr std::string_view kMoveReports = "UPDATE reports SET case_id = :to WHERE case_id = :from";
constexpr std::string_view kMoveMessages = "UPDATE messages SET case_id = :to WHERE case_id = :from";
constexpr std::string_view kMoveEvidence = "UPDATE evidence SET case_id = :to WHERE case_id = :from";
// Driven by the reports of that day with that name or NIP (indexes reports_dup_name and
// reports_dup_nip), so the cost follows the few look-alikes, not the size of the table,
// whatever the planner's statistics say.
constexpr std::string_view kFindDuplicates = R"(
SELECT c.id, c.created_at FROM cases c
WHERE c.id IN (SELECT case_id FROM reports WHERE incident_date = :date1 AND LOWER(reported_name) = LOWER(:name)
               UNION
               SELECT case_id FROM reports WHERE reported_nip = :nip AND reported_nip <> '' AND incident_date = :date2)
  AND c.instansi_id = :instansi AND c.id <> :except
  AND c.status NOT IN ('closed', 'rejected') AND c.merged_into IS NULL
ORDER BY c.created_at DESC, c.id DESC LIMIT 10)";
constexpr std::string_view kCasesWithoutFlow = "SELECT id FROM cases WHERE holder = '' ORDER BY id LIMIT :limit";

constexpr std::string_view kInsertExternalRef = R"(
INSERT INTO case_external_refs (case_id, body, direction, ref, at)
VALUES (:case_id, :body, :direction, :ref, :at)
RETURNING id)";
constexpr std::string_view kExternalRefsOfCase =
    "SELECT id, case_id, body, direction, ref, at FROM case_external_refs WHERE case_id = :case_id ORDER BY id";

constexpr std::string_view kInsertNotification = R"(
INSERT INTO notifications (user_id, case_id, at, kind, body)
VALUES (:user_id, :case_id, :at, :kind, :body)
RETURNING id)";
constexpr std::string_view kNotificationsOf = R"(
SELECT id, user_id, case_id, at, kind, body, read_at FROM notifications
WHERE user_id = :user_id)";
constexpr std::string_view kCountUnread =
    "SELECT COUNT(*) FROM notifications WHERE user_id = :user_id AND read_at IS NULL";
constexpr std::string_view kMarkRead =
    "UPDATE notifications SET read_at = :now WHERE id = :id AND user_id = :user_id AND read_at IS NULL";

constexpr std::string_view kUnitTreeCte =
    "WITH RECURSIVE subunits(id) AS ("
    "SELECT id FROM units WHERE id = :unit "
    "UNION SELECT u.id FROM units u JOIN subunits s ON u.parent_id = s.id) ";
constexpr std::string_view kInboxColumns =
    "SELECT c.id, c.instansi_id, c.case_number, c.status, c.unit_id, c.employee_id, c.reported_name, c.summary, "
    "c.created_at, c.updated_at, c.due_at, c.holder, c.duplicate_of, c.merged_into FROM cases c ";
constexpr std::string_view kOverdueOrder = " ORDER BY c.due_at, c.id LIMIT :limit OFFSET :offset";
constexpr std::string_view kNewestOrder = " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset";

struct FilterSql {
  std::string cte, where;
  std::vector<Param> params;
};

enum class Due { any, overdue, not_overdue };

FilterSql filter_sql(const InboxFilter& f, Due due, bool with_status = true) {
  FilterSql out;
  std::vector<std::string> conds;
  if (f.base.unit_id) {
    out.cte = kUnitTreeCte;
    out.params.emplace_back(static_cast<long long>(*f.base.unit_id));
    conds.emplace_back("c.unit_id IN (SELECT id FROM subunits)");
  }
  if (f.base.instansi_id) {
    conds.emplace_back("c.instansi_id = :instansi");
    out.params.emplace_back(static_cast<long long>(*f.base.instansi_id));
  }
  if (!f.base.include_merged) conds.emplace_back("c.merged_into IS NULL");
  if (with_status && f.base.status) {
    conds.emplace_back("c.status = :status");
    out.params.emplace_back(std::string(to_string(*f.base.status)));
  }
  if (f.external_only && f.external_body.empty()) {
    conds.emplace_back("EXISTS (SELECT 1 FROM case_external_refs x WHERE x.case_id = c.id)");
  } else if (f.external_only) {
    conds.emplace_back("EXISTS (SELECT 1 FROM case_external_refs x WHERE x.case_id = c.id AND x.body = :body)");
    out.params.emplace_back(f.external_body);
  }
  if (due == Due::overdue) {
    conds.emplace_back("c.due_at < :now");
    out.params.emplace_back(static_cast<long long>(f.now));
  } else if (due == Due::not_overdue) {
    conds.emplace_back("(c.due_at IS NULL OR c.due_at >= :now)");
    out.params.emplace_back(static_cast<long long>(f.now));
  }
  for (std::size_t i = 0; i < conds.size(); ++i) out.where += (i == 0 ? "WHERE " : " AND ") + conds[i];
  return out;
}

void bind_deadline(Stmt& st, Deadline& d) {
  st.into(d.id)
      .into(d.case_id)
      .into(d.clock)
      .into(d.started_at)
      .into(d.due_at)
      .into(d.stopped_at)
      .into(d.escalated_at)
      .into(d.escalation_level);
}

long long count(Tx& tx, const FilterSql& flt) {
  long long n = 0;
  Stmt st(soci_tx(tx).sql(), "inbox_count", flt.cte + "SELECT COUNT(*) FROM cases c " + flt.where);
  for (const auto& param : flt.params) st.use(param);
  st.into(n);
  st.run();
  return n;
}

// The holder column: a role name, "none" once the workflow has let go of the case, or ""
// before it set the case up (kCasesWithoutFlow finds those).
constexpr std::string_view kNoHolder = "none";

std::optional<Role> holder_from_column(const std::string& s) {
  if (s.empty() || s == kNoHolder) return std::nullopt;
  return parse_or_throw(role_from_string(s), "holder role", s);
}

void read_rows(Tx& tx, const FilterSql& flt, std::string_view order, int limit, int offset, std::vector<InboxRow>& out) {
  InboxRow row;
  std::string status, holder;
  Stmt st(soci_tx(tx).sql(), "inbox", flt.cte + std::string(kInboxColumns) + flt.where + std::string(order));
  st.into(row.c.id)
      .into(row.c.instansi_id)
      .into(row.c.case_number)
      .into(status)
      .into(row.c.unit_id)
      .into(row.c.employee_id)
      .into(row.c.reported_name)
      .into(row.c.summary)
      .into(row.c.created_at)
      .into(row.c.updated_at)
      .into(row.flow.due_at)
      .into(holder)
      .into(row.flow.duplicate_of)
      .into(row.flow.merged_into);
  for (const auto& param : flt.params) st.use(param);
  st.use(limit).use(offset);
  for (bool got = st.run(); got; got = st.next()) {
    auto s = case_status_from_string(status);
    if (!s) throw StoreError("store: unknown case status '" + status + "' in the database");
    row.c.status = *s;
    row.flow.holder = holder_from_column(holder);
    out.push_back(row);
  }
}
}  // namespace

Id SociWorkflowRepo::insert_event(Tx& tx, const CaseEvent& e) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_event", kInsertEvent);
  st.use(e.case_id).use(e.at).use(e.user_id).use(e.actor).use(e.action).use(e.from_status).use(e.to_status);
  st.use(e.payload.empty() ? std::string("{}") : e.payload).into(id);
  st.run();
  return id;
}

std::vector<CaseEvent> SociWorkflowRepo::events_of_case(Tx& tx, Id case_id) {
  std::vector<CaseEvent> out;
  CaseEvent e;
  Stmt st(soci_tx(tx).sql(), "events_of_case", kEventsOfCase);
  st.into(e.id).into(e.case_id).into(e.at).into(e.user_id).into(e.actor).into(e.actor_name).into(e.action);
  st.into(e.from_status, case_status_from_string, "case status")
      .into(e.to_status, case_status_from_string, "case status")
      .into(e.payload).use(case_id);
  for (bool got = st.run(); got; got = st.next()) out.push_back(e);
  return out;
}

Id SociWorkflowRepo::insert_assignment(Tx& tx, const Assignment& a) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_assignment", kInsertAssignment);
  st.use(a.case_id).use(a.kind).use(a.user_id).use(a.employee_id).use(a.name).use(a.assigned_at).into(id);
  st.run();
  return id;
}

std::vector<Assignment> SociWorkflowRepo::assignments_of_case(Tx& tx, Id case_id) {
  std::vector<Assignment> out;
  Assignment a;
  Stmt st(soci_tx(tx).sql(), "assignments_of_case", kAssignmentsOfCase);
  st.into(a.id).into(a.case_id).into(a.kind, assignment_kind_from_string, "assignment kind").into(a.user_id).into(a.employee_id).into(a.name).into(a.assigned_at);
  st.use(case_id);
  for (bool got = st.run(); got; got = st.next()) out.push_back(a);
  return out;
}

Id SociWorkflowRepo::insert_deadline(Tx& tx, const Deadline& d) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_deadline", kInsertDeadline);
  st.use(d.case_id).use(d.clock).use(d.started_at).use(d.due_at).into(id);
  st.run();
  return id;
}

std::vector<Deadline> SociWorkflowRepo::deadlines_of_case(Tx& tx, Id case_id) {
  std::vector<Deadline> out;
  Deadline d;
  Stmt st(soci_tx(tx).sql(), "deadlines_of_case", std::string(kDeadlineColumns) + std::string(kDeadlinesOfCase));
  bind_deadline(st, d);
  st.use(case_id);
  for (bool got = st.run(); got; got = st.next()) out.push_back(d);
  return out;
}

int SociWorkflowRepo::stop_deadlines(Tx& tx, Id case_id, const std::string& clock, Timestamp now) {
  // The stopped rows come back (RETURNING): their number, without counting before and after.
  const bool all = clock == "*";
  Stmt st(soci_tx(tx).sql(), all ? "stop_all_deadlines" : "stop_deadlines", all ? kStopAllDeadlines : kStopDeadlines);
  st.use(now).use(case_id);
  if (!all) st.use(clock);
  Id id = 0;
  st.into(id);
  int n = 0;
  for (bool got = st.run(); got; got = st.next()) ++n;
  return n;
}

std::vector<Deadline> SociWorkflowRepo::overdue_deadlines(Tx& tx, Timestamp now, int max_level, int limit) {
  std::vector<Deadline> out;
  Deadline d;
  Stmt st(soci_tx(tx).sql(), "overdue_deadlines", std::string(kDeadlineColumns) + std::string(kOverdue));
  bind_deadline(st, d);
  st.use(now).use(max_level).use(std::clamp(limit, 1, 10000));
  for (bool got = st.run(); got; got = st.next()) out.push_back(d);
  return out;
}

void SociWorkflowRepo::mark_escalated(Tx& tx, Id deadline_id, Timestamp now, int level) {
  Stmt st(soci_tx(tx).sql(), "mark_escalated", kMarkEscalated);
  st.use(now).use(level).use(deadline_id).run();
}

CaseFlow SociWorkflowRepo::case_flow(Tx& tx, Id case_id) {
  CaseFlow f;
  std::string holder;
  Stmt st(soci_tx(tx).sql(), "case_flow", kCaseFlow);
  st.into(f.due_at).into(holder).into(f.duplicate_of).into(f.merged_into).use(case_id);
  st.run();
  f.holder = holder_from_column(holder);
  return f;
}

void SociWorkflowRepo::refresh_flow(Tx& tx, Id case_id, std::optional<Role> holder) {
  Stmt st(soci_tx(tx).sql(), "refresh_flow", kRefreshFlow);
  st.use(holder ? std::string(to_string(*holder)) : std::string(kNoHolder)).use(case_id).run();
}

void SociWorkflowRepo::set_duplicate_of(Tx& tx, Id case_id, std::optional<Id> other) {
  Stmt st(soci_tx(tx).sql(), "set_duplicate_of", kSetDuplicateOf);
  st.use(other).use(case_id).run();
}

void SociWorkflowRepo::set_merged_into(Tx& tx, Id case_id, Id target) {
  Stmt st(soci_tx(tx).sql(), "set_merged_into", kSetMergedInto);
  st.use(target).use(case_id).run();
}

void SociWorkflowRepo::move_case_content(Tx& tx, Id from, Id to) {
  auto& sql = soci_tx(tx).sql();
  for (auto [name, q] : {std::pair{"move_reports", kMoveReports}, std::pair{"move_messages", kMoveMessages},
                         std::pair{"move_evidence", kMoveEvidence}}) {
    Stmt st(sql, name, q);
    st.use(to).use(from).run();
  }
}

std::vector<Id> SociWorkflowRepo::find_duplicates(Tx& tx, Id instansi_id, Id except, const std::string& name,
                                                  const std::string& nip, const std::string& incident_date) {
  std::vector<Id> out;
  if (incident_date.empty() || (name.empty() && nip.empty())) return out;
  Id id = 0;
  long long created = 0;
  Stmt st(soci_tx(tx).sql(), "find_duplicates", kFindDuplicates);
  st.into(id).into(created).use(incident_date).use(name).use(nip).use(incident_date).use(instansi_id).use(except);
  for (bool got = st.run(); got; got = st.next()) out.push_back(id);
  return out;
}

std::vector<Id> SociWorkflowRepo::cases_without_flow(Tx& tx, int limit) {
  std::vector<Id> out;
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "cases_without_flow", kCasesWithoutFlow);
  st.into(id).use(std::clamp(limit, 1, 100000));
  for (bool got = st.run(); got; got = st.next()) out.push_back(id);
  return out;
}

Id SociWorkflowRepo::insert_external_ref(Tx& tx, const ExternalRef& r) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_external_ref", kInsertExternalRef);
  st.use(r.case_id).use(r.body).use(r.direction).use(r.ref).use(r.at).into(id);
  st.run();
  return id;
}

std::vector<ExternalRef> SociWorkflowRepo::external_refs_of_case(Tx& tx, Id case_id) {
  std::vector<ExternalRef> out;
  ExternalRef r;
  Stmt st(soci_tx(tx).sql(), "external_refs_of_case", kExternalRefsOfCase);
  st.into(r.id).into(r.case_id).into(r.body, forward_target_from_string, "external body");
  st.into(r.direction, ref_direction_from_string, "external direction").into(r.ref).into(r.at).use(case_id);
  for (bool got = st.run(); got; got = st.next()) out.push_back(r);
  return out;
}

// Two index-ordered reads instead of one sort of every matching row: the overdue cases
// (earliest due first, index cases_due), then the others (newest first, cases_inbox).
PageOf<InboxRow> SociWorkflowRepo::inbox(Tx& tx, const InboxFilter& f, const Page& p, std::optional<long long> overdue_n) {
  PageOf<InboxRow> out;
  const long long overdue = overdue_n ? *overdue_n : count(tx, filter_sql(f, Due::overdue));
  out.total = f.overdue_only ? overdue : count(tx, filter_sql(f, Due::any));
  const int limit = std::clamp(p.limit, 0, 1000);
  const int offset = std::max(p.offset, 0);
  if (limit == 0 || offset >= out.total) return out;
  if (offset < overdue) read_rows(tx, filter_sql(f, Due::overdue), kOverdueOrder, limit, offset, out.items);
  const int left = limit - static_cast<int>(out.items.size());
  if (!f.overdue_only && left > 0)
    read_rows(tx, filter_sql(f, Due::not_overdue), kNewestOrder, left,
              static_cast<int>(std::max<long long>(0, offset - overdue)), out.items);
  return out;
}

long long SociWorkflowRepo::count_overdue(Tx& tx, const InboxFilter& f) { return count(tx, filter_sql(f, Due::overdue)); }

std::vector<std::pair<CaseStatus, long long>> SociWorkflowRepo::count_by_status(Tx& tx, const InboxFilter& f) {
  std::vector<std::pair<CaseStatus, long long>> out;
  for (CaseStatus s : all_case_statuses()) out.emplace_back(s, 0);
  const FilterSql flt = filter_sql(f, f.overdue_only ? Due::overdue : Due::any, /*with_status=*/false);
  std::string status;
  long long n = 0;
  Stmt st(soci_tx(tx).sql(), "inbox_count_by_status",
          flt.cte + "SELECT c.status, COUNT(*) FROM cases c " + flt.where + " GROUP BY c.status");
  for (const auto& param : flt.params) st.use(param);
  st.into(status).into(n);
  for (bool got = st.run(); got; got = st.next())
    for (auto& [k, v] : out)
      if (to_string(k) == status) v = n;
  return out;
}

Id SociWorkflowRepo::insert_notification(Tx& tx, const Notification& n) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_notification", kInsertNotification);
  st.use(n.user_id).use(n.case_id).use(n.at).use(n.kind).use(n.body).into(id);
  st.run();
  return id;
}

std::vector<Notification> SociWorkflowRepo::notifications_of(Tx& tx, Id user_id, bool unread_only, int limit) {
  std::vector<Notification> out;
  Notification n;
  std::string q(kNotificationsOf);
  if (unread_only) q += " AND read_at IS NULL";
  q += " ORDER BY id DESC LIMIT :limit";
  Stmt st(soci_tx(tx).sql(), "notifications_of", q);
  st.into(n.id).into(n.user_id).into(n.case_id).into(n.at).into(n.kind, notification_kind_from_string, "notification kind").into(n.body).into(n.read_at);
  st.use(user_id).use(std::clamp(limit, 1, 1000));
  for (bool got = st.run(); got; got = st.next()) out.push_back(n);
  return out;
}

long long SociWorkflowRepo::count_unread(Tx& tx, Id user_id) {
  long long n = 0;
  Stmt st(soci_tx(tx).sql(), "count_unread", kCountUnread);
  st.into(n).use(user_id).run();
  return n;
}

void SociWorkflowRepo::mark_notification_read(Tx& tx, Id id, Id user_id, Timestamp now) {
  Stmt st(soci_tx(tx).sql(), "mark_notification_read", kMarkRead);
  st.use(now).use(id).use(user_id).run();
}

}  // namespace netral::store::detail
