#include "app/workflow_service.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/audit.hpp"
#include "app/access.hpp"
#include "app/notifier.hpp"
#include "core/identifiers.hpp"
#include "core/messages.hpp"
#include "core/strings.hpp"
#include "text/catalog_loader.hpp"

namespace netral::app {
namespace {

using nlohmann::json;

std::string replace_all(std::string s, std::string_view what, const std::string& with) {
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + with.size())) s.replace(p, what.size(), with);
  return s;
}

// The clock event of an action: forwarding starts the receiving body's own clock.
std::string event_of(Action a, const TransitionInput& in) {
  if (a == Action::forward && in.forward_to) return "forward_" + std::string(to_string(*in.forward_to));
  return std::string(to_string(a));
}

// What the step carried, for the timeline. Only the fields the rule reads, plus the note.
json payload_of(Action a, const TransitionInput& in) {
  json j = json::object();
  if (!in.note.empty()) j["note"] = in.note;
  switch (a) {
    case Action::reject:
      if (in.reason) j["reason"] = std::string(to_string(*in.reason));
      break;
    case Action::request_completion:
      if (in.completion_days > 0) j["days"] = in.completion_days;
      break;
    case Action::accept:
      j["checked"] = in.checked;
      j["examiners"] = in.examiners;
      if (in.superior_employee_id) j["superior_employee"] = *in.superior_employee_id;
      if (!in.superior_name.empty()) j["superior"] = in.superior_name;
      break;
    case Action::record_bap:
      j["bap_number"] = in.bap_number;
      j["bap_date"] = in.bap_date;
      if (!in.bap_place.empty()) j["bap_place"] = in.bap_place;
      j["attachments"] = in.attachments;
      break;
    case Action::findings_proven:
    case Action::findings_not_proven:
      j["findings"] = json::array();
      for (const auto& f : in.findings)
        j["findings"].push_back({{"item", f.item_id}, {"proven", f.proven}, {"note", f.note}});
      break;
    case Action::recommend:
      j["staff_type"] = std::string(to_string(in.staff_type));
      j["level"] = in.sanction_level;
      j["sanctions"] = in.sanctions;
      break;
    case Action::decide:
      j["decree_number"] = in.decree_number;
      j["decree_date"] = in.decree_date;
      j["staff_type"] = std::string(to_string(in.staff_type));
      j["sanctions"] = in.sanctions;
      break;
    case Action::execute:
      j["executed_date"] = in.executed_date;
      break;
    case Action::forward:
      j["to"] = std::string(to_string(*in.forward_to));
      j["external_ref"] = in.external_ref;
      break;
    case Action::liaison_note:
      if (!in.external_ref.empty()) j["external_ref"] = in.external_ref;
      break;
    case Action::merge:
      j["into"] = *in.merge_into;
      break;
    default:
      break;
  }
  return j;
}

}  // namespace

std::optional<Role> holder_of(CaseStatus s) {
  switch (s) {
    case CaseStatus::received:
    case CaseStatus::verification:
    case CaseStatus::executed:
      return Role::verifier;
    case CaseStatus::examination:
    case CaseStatus::recommendation:
      return Role::examiner;
    case CaseStatus::decision:
      return Role::ppk_office;
    default:
      return std::nullopt;
  }
}

Result<std::unique_ptr<WorkflowService>> WorkflowService::create(Context& ctx, ReportService& reports,
                                                                const std::filesystem::path& data_dir) {
  auto clocks = load_clocks(data_dir);
  if (!clocks) return std::unexpected(clocks.error());
  auto catalog = text::load_catalog(data_dir / "catalog");
  if (!catalog) return std::unexpected(catalog.error());
  return std::make_unique<WorkflowService>(ctx, reports, std::move(*clocks), std::move(*catalog));
}

WorkflowService::WorkflowService(Context& ctx, ReportService& reports, ClockSet clocks, text::Catalog catalog)
    : ctx_(ctx),
      reports_(reports),
      clocks_(std::move(clocks)),
      catalog_(std::make_shared<const text::Catalog>(std::move(catalog))) {
  for (const auto& s : catalog_->sanctions()) rules_.push_back(SanctionRule{s.id, s.level, s.staff_types});
  reports_.add_observer(*this);
}

WorkflowService::~WorkflowService() { reports_.remove_observer(*this); }

// The reported person, or anyone in their line of superiors, may not handle the case.
bool WorkflowService::conflicted(store::Tx& tx, const StaffUser& u, const Case& c) {
  if (!u.employee_id || !c.employee_id) return false;
  std::optional<Id> e = c.employee_id;
  for (int depth = 0; e && depth < 32; ++depth) {
    if (*e == *u.employee_id) return true;
    auto emp = ctx_.store.reference().employee_by_id(tx, *e);
    e = emp ? emp->superior_id : std::nullopt;
  }
  return false;
}

CaseFacts WorkflowService::facts_of(store::Tx& tx, const Case& c) {
  CaseFacts f;
  f.status = c.status;
  auto reports = ctx_.store.cases().reports_of_case(tx, c.id);
  f.has_reporter_channel = std::any_of(reports.begin(), reports.end(), [](const Report& r) {
    return r.channel != Channel::agency_finding;
  });
  for (const auto& e : ctx_.store.workflow().events_of_case(tx, c.id)) {
    if (e.action == "record_bap") ++f.bap_count;
    if (e.action == "decide") f.decree_recorded = true;
  }
  for (const auto& r : ctx_.store.workflow().external_refs_of_case(tx, c.id)) {
    if (r.direction != RefDirection::out) continue;
    if (std::find(f.forwarded_to.begin(), f.forwarded_to.end(), r.body) == f.forwarded_to.end())
      f.forwarded_to.push_back(r.body);
  }
  return f;
}

void WorkflowService::run_clocks(store::Tx& tx, Id case_id, const std::string& event, Timestamp now) {
  auto& wf = ctx_.store.workflow();
  for (const auto* rule : clocks_.stopped_by(event)) wf.stop_deadlines(tx, case_id, rule->id, now);
  for (const auto* rule : clocks_.started_by(event)) {
    wf.stop_deadlines(tx, case_id, rule->id, now);  // a restarted clock replaces the old one
    wf.insert_deadline(tx, store::Deadline{0, case_id, rule->id, now, clocks_.due_at(*rule, now), {}, {}, 0});
  }
}

void WorkflowService::on_intake(store::Tx& tx, const Case& c, const Report& r, Timestamp now) {
  auto& wf = ctx_.store.workflow();
  json p = {{"channel", std::string(to_string(r.channel))}, {"report", r.id}};
  // The reporting window, from when the reporter learned of it (or the incident).
  const std::string& known = !r.learned_date.empty() ? r.learned_date : r.incident_date;
  if (const auto* window = clocks_.find("reporting_window"); window && !known.empty())
    if (auto d = parse_iso_date(known)) {
      const long due = due_day(*window, days_from_civil(*d), clocks_.calendar);
      p["window_due"] = format_iso_date(civil_from_days(due));
      p["within_window"] = local_day(now, clocks_.utc_offset_hours) <= due;
    }
  wf.insert_event(tx, store::CaseEvent{0, c.id, now, std::nullopt, "system", "", "intake", std::nullopt,
                                       c.status, p.dump()});
  run_clocks(tx, c.id, "intake", now);
  auto dups = wf.find_duplicates(tx, c.instansi_id, c.id, trim(r.reported.name, kSpace), r.reported.nip, r.incident_date);
  if (!dups.empty()) wf.set_duplicate_of(tx, c.id, dups.front());
  wf.refresh_flow(tx, c.id, holder_of(c.status));
}

void WorkflowService::on_reporter_reply(store::Tx& tx, Id case_id, Timestamp now) {
  auto& wf = ctx_.store.workflow();
  if (wf.stop_deadlines(tx, case_id, "completion", now) > 0) {
    auto c = ctx_.store.cases().case_by_id(tx, case_id);
    wf.insert_event(tx, store::CaseEvent{0, case_id, now, std::nullopt, "reporter", "", "reporter_reply", std::nullopt, std::nullopt, "{}"});
    if (c) wf.refresh_flow(tx, case_id, holder_of(c->status));
  }
}

int WorkflowService::set_up_missing(int limit) {
  int n = 0;
  auto tx = ctx_.store.begin(true);
  for (Id id : ctx_.store.workflow().cases_without_flow(*tx, limit)) {
    auto c = ctx_.store.cases().case_by_id(*tx, id);
    auto reports = ctx_.store.cases().reports_of_case(*tx, id);
    if (!c) continue;
    if (reports.empty()) {
      ctx_.store.workflow().refresh_flow(*tx, id, holder_of(c->status));
    } else {
      on_intake(*tx, *c, reports.front(), c->created_at);
    }
    ++n;
  }
  tx->commit();
  return n;
}

Result<WorkflowView> WorkflowService::view(const Principal& p, Id case_id) {
  WorkflowView v;
  v.now = ctx_.now();
  auto tx = ctx_.store.begin(false);
  auto c = ctx_.store.cases().case_by_id(*tx, case_id);
  if (!c || !may_see_case(ctx_.store, *tx, p.user, *c)) return fail(ErrorCode::not_found, "error.case_not_found");
  auto& wf = ctx_.store.workflow();
  v.c = *c;
  v.facts = facts_of(*tx, *c);
  v.conflict = conflicted(*tx, p.user, *c);
  if (!v.conflict) v.actions = actions_for(p.user.role, v.facts);
  v.events = wf.events_of_case(*tx, case_id);
  v.deadlines = wf.deadlines_of_case(*tx, case_id);
  std::stable_sort(v.deadlines.begin(), v.deadlines.end(), [](const auto& a, const auto& b) {
    return !a.stopped_at && b.stopped_at;
  });
  v.assignments = wf.assignments_of_case(*tx, case_id);
  v.refs = wf.external_refs_of_case(*tx, case_id);
  v.flow = wf.case_flow(*tx, case_id);
  if (v.flow.merged_into)
    if (auto t = ctx_.store.cases().case_by_id(*tx, *v.flow.merged_into)) v.merged_into_number = t->case_number;
  if (!is_terminal(c->status)) {
    auto reports = ctx_.store.cases().reports_of_case(*tx, case_id);
    std::vector<Id> ids;
    for (const auto& r : reports)
      for (Id d : wf.find_duplicates(*tx, c->instansi_id, case_id, trim(r.reported.name, kSpace), r.reported.nip, r.incident_date))
        if (std::find(ids.begin(), ids.end(), d) == ids.end()) ids.push_back(d);
    for (Id d : ids)
      if (auto dc = ctx_.store.cases().case_by_id(*tx, d); dc && may_see_case(ctx_.store, *tx, p.user, *dc)) v.duplicates.push_back(*dc);
  }
  if (c->employee_id)
    if (auto e = ctx_.store.reference().employee_by_id(*tx, *c->employee_id)) v.staff_type = e->type;
  auto has = [&](Action a) { return std::find(v.actions.begin(), v.actions.end(), a) != v.actions.end(); };
  if (has(Action::accept))
    for (const auto& u : ctx_.store.users().list_users(*tx, c->instansi_id))
      if (u.role == Role::examiner && !u.disabled && !conflicted(*tx, u, *c)) v.examiners.push_back(u);
  if (has(Action::record_bap)) v.evidence = ctx_.store.cases().evidence_of_case(*tx, case_id);
  v.catalog = catalog();
  if (has(Action::findings_proven) || has(Action::findings_not_proven)) {
    std::string region;
    if (auto inst = ctx_.store.reference().instansi_by_id(*tx, c->instansi_id)) region = inst->code;
    for (const auto* doc : v.catalog->in_force(region))
      for (const auto& item : doc->items) v.items.push_back(&item);
  }
  if (has(Action::recommend) || has(Action::decide))
    for (const auto& s : v.catalog->sanctions()) v.sanctions.push_back(&s);
  return v;
}

Result<CaseStatus> WorkflowService::perform(const Principal& p, Id case_id, Action a, const TransitionInput& input) {
  TransitionInput in = input;
  in.note = trim(in.note, kSpace);
  in.external_ref = trim(in.external_ref, kSpace);
  in.decree_number = trim(in.decree_number, kSpace);
  in.bap_number = trim(in.bap_number, kSpace);
  in.superior_name = trim(in.superior_name, kSpace);
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  auto& wf = ctx_.store.workflow();
  auto& cases = ctx_.store.cases();
  auto c = cases.case_by_id(*tx, case_id);
  if (!c || !may_see_case(ctx_.store, *tx, p.user, *c)) return fail(ErrorCode::not_found, "error.case_not_found");
  if (conflicted(*tx, p.user, *c)) return fail(ErrorCode::conflict_of_interest);
  const CaseFacts facts = facts_of(*tx, *c);
  auto to = check_transition(a, p.user.role, facts, in, rules_);
  if (!to) return std::unexpected(to.error());

  // Checks that need the store.
  std::map<std::string, long long> cited_versions;  // item of an adopted circular -> its version
  if (a == Action::findings_proven || a == Action::findings_not_proven) {
    // Each finding names an item of a document in force for the case's region.
    std::string region;
    if (auto inst = ctx_.store.reference().instansi_by_id(*tx, c->instansi_id)) region = inst->code;
    const auto cat = catalog();
    const auto docs = cat->in_force(region);
    for (const auto& f : in.findings) {
      bool known = false;
      for (const auto* doc : docs)
        for (const auto& item : doc->items)
          if (item.id == f.item_id) {
            known = true;
            if (doc->version > 0) cited_versions[f.item_id] = doc->version;
          }
      if (!known) return fail(ErrorCode::invalid_field, {}, "findings", f.item_id);
    }
  }
  std::optional<Case> target;
  std::vector<StaffUser> examiners;
  std::optional<Employee> superior;
  if (a == Action::accept) {
    for (Id uid : in.examiners) {
      auto u = ctx_.store.users().user_by_id(*tx, uid);
      if (!u || u->instansi_id != c->instansi_id || u->role != Role::examiner || u->disabled)
        return fail(ErrorCode::invalid_field, "error.unknown_examiner", "examiners");
      if (conflicted(*tx, *u, *c)) return fail(ErrorCode::conflict_of_interest, {}, "examiners");
      examiners.push_back(*u);
    }
    if (in.superior_employee_id) {
      superior = ctx_.store.reference().employee_by_id(*tx, *in.superior_employee_id);
      if (!superior || superior->instansi_id != c->instansi_id) return fail(ErrorCode::invalid_field, {}, "superior");
    }
  }
  if (a == Action::record_bap) {
    auto ev = cases.evidence_of_case(*tx, case_id);
    for (Id e : in.attachments)
      if (std::none_of(ev.begin(), ev.end(), [&](const Evidence& x) { return x.id == e; }))
        return fail(ErrorCode::invalid_field, "error.evidence_not_found", "attachments");
  }
  if (a == Action::merge) {
    target = cases.case_by_id(*tx, *in.merge_into);
    if (!target || target->id == c->id || target->instansi_id != c->instansi_id || is_terminal(target->status) ||
        wf.case_flow(*tx, target->id).merged_into)
      return fail(ErrorCode::invalid_field, "error.merge_target_invalid", "merge_into");
  }

  // Apply.
  const CaseStatus from = c->status;
  json payload = payload_of(a, in);
  // A circular edited later keeps its old versions: the finding names the one it cited.
  if (payload.contains("findings"))
    for (auto& f : payload["findings"])
      if (auto v = cited_versions.find(f.value("item", "")); v != cited_versions.end()) f["version"] = v->second;
  if (*to != from) cases.set_case_status(*tx, case_id, *to, now);
  wf.insert_event(*tx, store::CaseEvent{0, case_id, now, p.user.id, p.actor().who, "", std::string(to_string(a)), from,
                                        *to, payload.dump()});
  switch (a) {
    case Action::accept:
      for (const auto& u : examiners)
        wf.insert_assignment(*tx, store::Assignment{0, case_id, AssignmentKind::examiner, u.id, u.employee_id, u.display_name, now});
      wf.insert_assignment(*tx, store::Assignment{0, case_id, AssignmentKind::superior, std::nullopt,
                                                  superior ? std::optional<Id>(superior->id) : std::nullopt,
                                                  superior ? superior->name : in.superior_name, now});
      break;
    case Action::forward:
      wf.insert_external_ref(*tx, store::ExternalRef{0, case_id, *in.forward_to, RefDirection::out,
                                                     in.external_ref, now});
      break;
    case Action::liaison_note:
      if (!in.external_ref.empty())
        for (auto t : facts.forwarded_to)
          wf.insert_external_ref(*tx, store::ExternalRef{0, case_id, t, RefDirection::in, in.external_ref, now});
      break;
    case Action::request_completion: {
      // The request reaches the reporter through the receipt page, with its deadline.
      const ClockRule* rule = clocks_.find("completion");
      ClockRule r = rule ? *rule : ClockRule{"completion", 3, false, "request_completion", {"reporter_reply"}, "verifier", true, ""};
      if (in.completion_days > 0) r.days = in.completion_days;
      const Timestamp due = clocks_.due_at(r, now);
      Message m;
      m.case_id = case_id;
      auto reports = cases.reports_of_case(*tx, case_id);
      for (const auto& rep : reports)
        if (rep.channel != Channel::agency_finding) {
          m.report_id = rep.id;
          break;
        }
      m.author = Author::staff;
      m.staff_user_id = p.user.id;
      m.body = in.note + "\n\n" + std::string(tr(Lang::id, "wf_due")) + ": " +
               format_iso_date(civil_from_days(local_day(due, clocks_.utc_offset_hours)));
      m.created_at = now;
      cases.insert_message(*tx, m);
      wf.stop_deadlines(*tx, case_id, "completion", now);
      wf.insert_deadline(*tx, store::Deadline{0, case_id, "completion", now, due, {}, {}, 0});
      break;
    }
    case Action::merge: {
      wf.move_case_content(*tx, case_id, target->id);
      wf.set_merged_into(*tx, case_id, target->id);
      wf.insert_event(*tx, store::CaseEvent{0, target->id, now, p.user.id, p.actor().who, "", "merged_in", std::nullopt, std::nullopt,
                                            json{{"from", c->case_number}, {"from_id", case_id}}.dump()});
      audit(ctx_.store, *tx, p.actor(), c->instansi_id, "case.merged_in", "case:" + std::to_string(target->id),
            json{{"from", case_id}}.dump(), now);
      break;
    }
    default:
      break;
  }
  if (a != Action::request_completion) run_clocks(*tx, case_id, event_of(a, in), now);
  if (is_terminal(*to)) wf.stop_deadlines(*tx, case_id, "*", now);
  wf.refresh_flow(*tx, case_id, holder_of(*to));
  json detail = {{"action", std::string(to_string(a))}, {"from", std::string(to_string(from))},
                 {"to", std::string(to_string(*to))}};
  if (payload.contains("reason")) detail["reason"] = payload["reason"];
  if (payload.contains("external_ref")) detail["external_ref"] = payload["external_ref"];
  if (payload.contains("decree_number")) detail["decree_number"] = payload["decree_number"];
  audit(ctx_.store, *tx, p.actor(), c->instansi_id, "case.transition", "case:" + std::to_string(case_id), detail.dump(), now);
  tx->commit();
  return *to;
}

Result<Submitted> WorkflowService::intake(const Principal& p, StaffIntake in, const std::vector<NewFile>& files) {
  if (!takes_intake(p.user.role)) return fail(ErrorCode::forbidden, "error.action_forbidden");
  const Channel ch = in.report.channel;
  if (ch != Channel::walk_in && ch != Channel::agency_finding && ch != Channel::bawaslu && ch != Channel::bkn)
    return fail(ErrorCode::invalid_field, {}, "channel");
  in.external_ref = trim(in.external_ref, kSpace);
  const bool forwarded = ch == Channel::bawaslu || ch == Channel::bkn;
  const ForwardTarget from = ch == Channel::bkn ? ForwardTarget::bkn : ForwardTarget::bawaslu;
  if (forwarded && in.external_ref.empty()) return fail(ErrorCode::missing_field, "error.workflow_missing_external_ref", "external_ref");
  if (in.external_ref.size() > 200) return fail(ErrorCode::invalid_field, "error.field_too_long", "external_ref");
  // An agency finding has no external reporter whose identity could be kept.
  if (ch == Channel::agency_finding) in.report.reporter = {};
  in.report.instansi = p.instansi.code;
  // The external reference and the audit entry commit with the case: a crash cannot leave
  // a forwarded case without its reference (and so invisible to the liaisons).
  return reports_.submit(in.report, files, p.actor(), [&](store::Tx& tx, const Case& c, const Report&, Timestamp now) {
    if (forwarded)
      ctx_.store.workflow().insert_external_ref(tx, store::ExternalRef{0, c.id, from, RefDirection::in,
                                                                 in.external_ref, now});
    audit(ctx_.store, tx, p.actor(), p.user.instansi_id, "case.intake_staff", "case:" + std::to_string(c.id),
          json{{"channel", std::string(to_string(ch))}, {"external_ref", in.external_ref}}.dump(), now);
    return Result<void>{};
  });
}

WorkflowInbox WorkflowService::inbox(const Principal& p, std::optional<CaseStatus> status, std::optional<Id> unit,
                                     bool overdue_only, store::Page page) {
  WorkflowInbox out;
  out.now = ctx_.now();
  auto tx = ctx_.store.begin(false);
  out.units = ctx_.store.reference().units_of(*tx, p.user.instansi_id);
  store::InboxFilter f;
  f.base.instansi_id = p.user.instansi_id;
  f.base.status = status;
  f.base.unit_id = unit;
  f.now = out.now;
  f.overdue_only = overdue_only;
  if (p.user.role == Role::liaison) {
    f.external_only = true;
    f.external_body = p.user.liaison_body;
  } else if (!sees_all_cases(p.user.role)) {
    if (p.user.role != Role::unit_head || !p.user.unit_id) return out;
    if (!unit) {
      f.base.unit_id = p.user.unit_id;
    } else {
      Case probe;
      probe.instansi_id = p.user.instansi_id;
      probe.unit_id = unit;
      if (!may_see_case(ctx_.store, *tx, p.user, probe)) return out;
    }
  }
  out.overdue = ctx_.store.workflow().count_overdue(*tx, f);  // the overdue filter ignores overdue_only
  out.page = ctx_.store.workflow().inbox(*tx, f, page, out.overdue);
  f.overdue_only = false;
  // Counts per state through the same filter (status ignored).
  out.counts = ctx_.store.workflow().count_by_status(*tx, f);
  return out;
}

std::vector<store::Notification> WorkflowService::notifications(const Principal& p, bool unread_only) {
  auto tx = ctx_.store.begin(false);
  return ctx_.store.workflow().notifications_of(*tx, p.user.id, unread_only, 50);
}

long long WorkflowService::unread_count(const Principal& p) {
  auto tx = ctx_.store.begin(false);
  return ctx_.store.workflow().count_unread(*tx, p.user.id);
}

void WorkflowService::mark_read(const Principal& p, Id notification_id) {
  auto tx = ctx_.store.begin(true);
  ctx_.store.workflow().mark_notification_read(*tx, notification_id, p.user.id, ctx_.now());
  tx->commit();
}

EscalationRun WorkflowService::escalate(Mailer* mailer) {
  EscalationRun run;
  const Timestamp now = ctx_.now();
  std::vector<Mail> outbox;
  {
    auto tx = ctx_.store.begin(true);
    auto& wf = ctx_.store.workflow();
    for (const auto& d : wf.overdue_deadlines(*tx, now, 1, 1000)) {
      auto c = ctx_.store.cases().case_by_id(*tx, d.case_id);
      if (!c || is_terminal(c->status)) {
        wf.stop_deadlines(*tx, d.case_id, "*", now);
        continue;
      }
      const ClockRule* rule = clocks_.find(d.clock);
      const std::string role_name = rule ? rule->escalate_to : "admin";
      const Role role = role_from_string(role_name).value_or(Role::admin);
      auto users = ctx_.store.users().list_users(*tx, c->instansi_id);
      std::vector<StaffUser> to;
      for (const auto& u : users)
        if ((u.role == role || (role == Role::admin && is_admin(u.role))) && !u.disabled && may_see_case(ctx_.store, *tx, u, *c) && !conflicted(*tx, u, *c)) to.push_back(u);
      if (to.empty())  // everyone at that level is in conflict (or there is nobody): one level up
        for (const auto& u : users)
          if (is_admin(u.role) && !u.disabled && !conflicted(*tx, u, *c)) to.push_back(u);
      const std::string due = format_iso_date(civil_from_days(local_day(d.due_at, clocks_.utc_offset_hours)));
      auto fill = [&](std::string s, Lang lang) {
        s = replace_all(std::move(s), "{case}", c->case_number);
        s = replace_all(std::move(s), "{clock}", std::string(tr(lang, "clock_" + d.clock)));
        s = replace_all(std::move(s), "{due}", due);
        return replace_all(std::move(s), "{status}", std::string(tr(lang, "status_" + std::string(to_string(c->status)))));
      };
      const std::string body = fill(std::string(tr(Lang::id, "wf_escalation_body")), Lang::id);
      for (const auto& u : to) {
        wf.insert_notification(*tx, store::Notification{0, u.id, c->id, now, NotificationKind::escalation, body, {}});
        ++run.notifications;
      }
      wf.mark_escalated(*tx, d.id, now, d.escalation_level + 1);
      wf.insert_event(*tx, store::CaseEvent{0, c->id, now, std::nullopt, "system", "", "escalate", std::nullopt, std::nullopt,
                                            json{{"clock", d.clock}, {"due", due}, {"to", role_name},
                                                 {"notified", static_cast<int>(to.size())}}.dump()});
      audit(ctx_.store, *tx, Actor{"system", ""}, c->instansi_id, "case.escalate", "case:" + std::to_string(c->id),
            json{{"clock", d.clock}, {"to", role_name}}.dump(), now);
      ++run.deadlines;
      auto rcpt = ctx_.config.smtp.recipients.find(role_name);
      if (mailer && rcpt != ctx_.config.smtp.recipients.end() && !rcpt->second.empty()) {
        // Bilingual: Indonesian first, English below.
        Mail m;
        m.to = rcpt->second;
        m.subject = fill(std::string(tr(Lang::id, "wf_escalation_subject")), Lang::id);
        m.body = body + "\n\n-- \n" + fill(std::string(tr(Lang::en, "wf_escalation_body")), Lang::en);
        outbox.push_back(std::move(m));
      }
    }
    tx->commit();
  }
  // Mail after the commit: a slow or failing SMTP server never holds the write lock, and
  // the escalation stays recorded even when the mail fails (logged, counted).
  for (const auto& m : outbox) {
    if (auto r = mailer->send(m); r) ++run.mails;
    else {
      ++run.mail_failures;
      spdlog::warn("escalation mail to {} failed: {}", m.to.front(), r.error().detail);
    }
  }
  return run;
}


}  // namespace netral::app
