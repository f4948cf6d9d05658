// The case workflow on the web: see workflow_pages.hpp.
#include "web/workflow_pages.hpp"

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "app/workflow_service.hpp"
#include "core/identifiers.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;
using json = nlohmann::json;

std::vector<std::string> all(const Fields& f, std::string_view k) {
  std::vector<std::string> out;
  auto [b, e] = f.equal_range(k);
  for (auto it = b; it != e; ++it)
    if (!it->second.empty()) out.push_back(it->second);
  return out;
}

std::optional<Id> parse_id(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

Id path_id(const http::Request& req) {
  auto id = parse_id(req.param("id"));
  if (!id) throw ClientError(Error{ErrorCode::not_found, "error.case_not_found", {}, {}});
  return *id;
}

// The action and its input from form or JSON fields. Unknown values are 400s here; the
// rules (core/workflow) check the rest.
std::pair<Action, TransitionInput> input_of(const Fields& f) {
  TransitionInput in;
  const std::string action = field_value(f, "action");
  in.note = field_value(f, "note");
  if (auto r = field_value(f, "reason"); !r.empty()) {
    in.reason = reject_reason_from_string(r);
    if (!in.reason) throw ClientError(Error{ErrorCode::invalid_field, {}, "reason", {}});
  }
  in.checked = all(f, "checked");
  for (const auto& e : all(f, "examiners")) {
    auto id = parse_id(e);
    if (!id) throw ClientError(Error{ErrorCode::invalid_field, "error.unknown_examiner", "examiners", {}});
    in.examiners.push_back(*id);
  }
  in.superior_name = field_value(f, "superior_name");
  if (auto s = field_value(f, "superior_employee_id"); !s.empty()) {
    in.superior_employee_id = parse_id(s);
    if (!in.superior_employee_id) throw ClientError(Error{ErrorCode::invalid_field, {}, "superior", {}});
  }
  in.bap_number = field_value(f, "bap_number");
  in.bap_date = field_value(f, "bap_date");
  in.bap_place = field_value(f, "bap_place");
  for (const auto& a : all(f, "attachments")) {
    auto id = parse_id(a);
    if (!id) throw ClientError(Error{ErrorCode::invalid_field, "error.evidence_not_found", "attachments", {}});
    in.attachments.push_back(*id);
  }
  {
    auto items = [&] {
      std::vector<std::string> v;
      auto [b, e] = f.equal_range(std::string_view("finding_item"));
      for (auto it = b; it != e; ++it) v.push_back(it->second);
      return v;
    }();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].empty()) continue;
      in.findings.push_back(Finding{items[i], field_value(f, "finding_" + std::to_string(i + 1)) == "1", ""});
    }
  }
  if (auto st = field_value(f, "staff_type"); !st.empty()) {
    auto t = staff_type_from_string(st);
    if (!t) throw ClientError(Error{ErrorCode::invalid_field, {}, "staff_type", {}});
    in.staff_type = *t;
  }
  in.sanction_level = field_value(f, "sanction_level");
  in.sanctions = all(f, "sanctions");
  in.decree_number = field_value(f, "decree_number");
  in.decree_date = field_value(f, "decree_date");
  in.executed_date = field_value(f, "executed_date");
  if (auto t = field_value(f, "forward_to"); !t.empty()) {
    in.forward_to = forward_target_from_string(t);
    if (!in.forward_to) throw ClientError(Error{ErrorCode::invalid_field, {}, "forward_to", {}});
  }
  in.external_ref = field_value(f, "external_ref");
  if (auto m = field_value(f, "merge_into"); !m.empty()) {
    in.merge_into = parse_id(m);
    if (!in.merge_into) throw ClientError(Error{ErrorCode::invalid_field, "error.merge_target_invalid", "merge_into", {}});
  }
  if (auto d = field_value(f, "completion_days"); !d.empty()) {
    if (d.size() > 3 || d.find_first_not_of("0123456789") != std::string::npos)
      throw ClientError(Error{ErrorCode::invalid_field, "error.invalid_days", "completion_days", {}});
    in.completion_days = std::stoi(d);
  }
  // One form concludes the examination; the verdict picks the action.
  if (action == "findings") {
    const bool any = std::any_of(in.findings.begin(), in.findings.end(), [](const Finding& x) { return x.proven; });
    return {any ? Action::findings_proven : Action::findings_not_proven, in};
  }
  auto a = action_from_string(action);
  if (!a) throw ClientError(Error{ErrorCode::invalid_field, "error.unknown_action", "action", {}});
  return {*a, in};
}

std::string holder_label(std::optional<Role> holder, Lang lang) {
  if (!holder) return "—";
  return std::string(tr(lang, "role_" + std::string(to_string(*holder))));
}

std::string due_label(Timestamp t, Lang lang) {
  return format_time(t, lang);
}

// Timeline details, readable: known keys translated, values flattened.
data details_of(const std::string& payload, Lang lang) {
  data list{data::type::list};
  auto j = json::parse(payload, nullptr, false);
  if (!j.is_object()) return list;
  for (auto& [k, v] : j.items()) {
    if (k == "report" || k == "from_id") continue;
    std::string value;
    if (v.is_string()) value = v.get<std::string>();
    else if (v.is_array()) {
      for (const auto& x : v) {
        if (!value.empty()) value += ", ";
        if (x.is_object())
          value += x.value("item", "") + " (" + std::string(tr(lang, x.value("proven", false) ? "proven" : "not_proven")) + ")";
        else if (x.is_string() && k == "checked")
          value += label_or_key(lang, "check_" + x.get<std::string>(), x.get<std::string>());
        else
          value += x.is_string() ? x.get<std::string>() : x.dump();
      }
    } else if (v.is_boolean()) {
      value = tr(lang, v.get<bool>() ? "yes" : "no");
    } else value = v.dump();
    if (k == "reason") value = label_or_key(lang, "reject_reason_" + value, value);
    if (k == "clock") value = label_or_key(lang, "clock_" + value, value);
    if (k == "channel") value = label_or_key(lang, "channel_" + value, value);
    if (k == "to" && (value == "bawaslu" || value == "bkn")) value = tr(lang, "forward_" + value);
    if (k == "to" && has_message("role_" + value)) value = tr(lang, "role_" + value);
    if (k == "staff_type") value = label_or_key(lang, "staff_" + value, value);
    if (k == "level") value = label_or_key(lang, "level_" + value, value);
    data d;
    d.set("k", label_or_key(lang, "field_" + k, k));
    d.set("v", value);
    list.push_back(d);
  }
  return list;
}
// The API's timeline keeps "" for a step that changed no status.
std::string status_name(std::optional<CaseStatus> s) { return s ? std::string(to_string(*s)) : std::string(); }

json view_json(const app::WorkflowView& v) {
  json j;
  j["case"] = {{"id", v.c.id}, {"case_number", v.c.case_number}, {"status", std::string(to_string(v.c.status))}};
  j["holder"] = v.flow.holder ? std::string(to_string(*v.flow.holder)) : std::string("none");
  j["due_at"] = v.flow.due_at ? json(format_iso_time(*v.flow.due_at)) : json(nullptr);
  j["overdue"] = v.flow.due_at && *v.flow.due_at < v.now;
  j["conflict"] = v.conflict;
  j["actions"] = json::array();
  for (Action a : v.actions) j["actions"].push_back(std::string(to_string(a)));
  j["events"] = json::array();
  for (const auto& e : v.events)
    j["events"].push_back({{"at", format_iso_time(e.at)}, {"actor", e.actor}, {"action", e.action}, {"from", status_name(e.from_status)},
                           {"to", status_name(e.to_status)}, {"payload", json::parse(e.payload, nullptr, false)}});
  j["deadlines"] = json::array();
  for (const auto& d : v.deadlines)
    j["deadlines"].push_back({{"clock", d.clock}, {"due_at", format_iso_time(d.due_at)}, {"running", !d.stopped_at},
                              {"escalation_level", d.escalation_level}});
  j["external_refs"] = json::array();
  for (const auto& r : v.refs)
    j["external_refs"].push_back({{"body", std::string(to_string(r.body))},
                                  {"direction", std::string(to_string(r.direction))},
                                  {"ref", r.ref}});
  j["duplicates"] = json::array();
  for (const auto& c : v.duplicates) j["duplicates"].push_back({{"id", c.id}, {"case_number", c.case_number}});
  if (v.flow.merged_into) j["merged_into"] = *v.flow.merged_into;
  j["examiners"] = json::array();  // candidates for "accept"
  for (const auto& u : v.examiners) j["examiners"].push_back({{"id", u.id}, {"name", u.display_name}});
  return j;
}

}  // namespace

std::optional<Data> workflow_case_data(Services& s, const http::Request& req, const app::Principal& p, Id case_id,
                                       Lang lang) {
  auto v = s.workflow.view(p, case_id);
  if (!v) return std::nullopt;
  data d;
  d.set("id", std::to_string(case_id));
  d.set("csrf", p.csrf_token);
  if (req.query_value("done") == "1") d.set("wf_notice", std::string(tr(lang, "wf_done")));
  if (auto key = req.query_value("wf_error"); !key.empty() && key.starts_with("error.") && has_message(key)) {
    std::string msg(tr(lang, key));
    if (auto f = req.query_value("wf_field"); !f.empty() && has_message("field_" + f)) msg += " (" + std::string(tr(lang, "field_" + f)) + ")";
    d.set("wf_error", msg);
  }
  d.set("holder", holder_label(v->flow.holder, lang));
  const store::Deadline* next = nullptr;
  for (const auto& dl : v->deadlines)
    if (!dl.stopped_at && (!next || dl.due_at < next->due_at)) next = &dl;
  if (next) {
    d.set("due", due_label(next->due_at, lang));
    d.set("due_iso", format_iso_time(next->due_at));
    d.set("due_clock", std::string(tr(lang, "clock_" + next->clock)));
    d.set("overdue", next->due_at < v->now);
  }
  data refs{data::type::list};
  for (const auto& r : v->refs) {
    data o;
    o.set("body", std::string(tr(lang, "forward_" + std::string(to_string(r.body)))));
    o.set("direction", r.direction == RefDirection::out ? "→" : "←");
    o.set("ref", r.ref);
    refs.push_back(o);
  }
  d.set("refs", refs);
  d.set("refs_any", !v->refs.empty());
  data as{data::type::list};
  for (const auto& a : v->assignments) {
    data o;
    o.set("kind", std::string(tr(lang, a.kind == AssignmentKind::examiner ? "field_examiners" : "wf_superior")));
    o.set("name", a.name);
    as.push_back(o);
  }
  d.set("assignments", as);
  d.set("assign_any", !v->assignments.empty());
  if (v->merged_into_number) d.set("merged_into", *v->merged_into_number);
  data dups{data::type::list};
  for (const auto& c : v->duplicates) {
    data o;
    o.set("id", std::to_string(c.id));
    o.set("number", c.case_number);
    dups.push_back(o);
  }
  d.set("duplicates", dups);
  d.set("dups_any", !v->duplicates.empty());
  d.set("conflict", v->conflict);
  bool any = false;
  for (Action a : v->actions) {
    if (a == Action::merge && v->duplicates.empty()) continue;  // nothing to merge into
    if (a == Action::findings_proven || a == Action::findings_not_proven) d.set("a_findings", true);
    else d.set("a_" + std::string(to_string(a)), true);
    any = true;
  }
  d.set("actions_any", any);
  data checklist{data::type::list};
  for (const auto& i : verification_checklist()) {
    data o;
    o.set("id", std::string(i.id));
    o.set("label", std::string(tr(lang, "check_" + std::string(i.id))));
    checklist.push_back(o);
  }
  d.set("checklist", checklist);
  data examiners{data::type::list};
  for (const auto& u : v->examiners) {
    data o;
    o.set("id", std::to_string(u.id));
    o.set("name", u.display_name.empty() ? u.username : u.display_name);
    examiners.push_back(o);
  }
  d.set("examiners", examiners);
  data reasons{data::type::list};
  for (auto r : all_reject_reasons()) {
    data o;
    o.set("id", std::string(to_string(r)));
    o.set("label", std::string(tr(lang, "reject_reason_" + std::string(to_string(r)))));
    reasons.push_back(o);
  }
  d.set("reasons", reasons);
  data ev{data::type::list};
  for (const auto& e : v->evidence) {
    data o;
    o.set("id", std::to_string(e.id));
    o.set("mime", e.mime);
    ev.push_back(o);
  }
  d.set("evidence", ev);
  d.set("evidence_any", !v->evidence.empty());
  data items{data::type::list};
  for (const auto* it : v->items) {
    data o;
    o.set("id", it->id);
    std::string text = it->text.size() > 110 ? it->text.substr(0, 107) + "..." : it->text;
    // Never cut inside a UTF-8 sequence.
    while (it->text.size() > 110 && !text.empty() && (static_cast<unsigned char>(text[text.size() - 4]) & 0xC0) == 0x80)
      text.erase(text.size() - 4, 1);
    o.set("label", it->id + " — " + text);
    items.push_back(o);
  }
  data rows{data::type::list};
  for (int n = 1; n <= 3; ++n) {
    data o;
    o.set("n", std::to_string(n));
    o.set("items", items);
    rows.push_back(o);
  }
  d.set("finding_rows", rows);
  data types{data::type::list};
  for (StaffType t : {StaffType::pns, StaffType::pppk, StaffType::non_asn}) {
    data o;
    o.set("id", std::string(to_string(t)));
    o.set("label", staff_label(t, lang));
    o.set("selected", t == v->staff_type);
    types.push_back(o);
  }
  d.set("staff_types", types);
  data levels{data::type::list};
  for (const char* l : {"ringan", "sedang", "berat", "moral", "administratif"}) {
    data o;
    o.set("id", std::string(l));
    o.set("label", std::string(tr(lang, std::string("level_") + l)));
    levels.push_back(o);
  }
  d.set("levels", levels);
  data sanctions{data::type::list};
  for (const auto* so : v->sanctions) {
    if (so->level == "pidana") continue;  // the criminal route is not a PPK sanction
    data o;
    o.set("id", so->id);
    o.set("label", lang == Lang::en ? so->name_en : so->name_id);
    o.set("level", label_or_key(lang, "level_" + so->level, so->level));
    std::string types_s;
    for (auto t : so->staff_types) types_s += (types_s.empty() ? "" : ", ") + staff_label(t, lang);
    o.set("types", types_s);
    sanctions.push_back(o);
  }
  d.set("sanctions", sanctions);
  data events{data::type::list};
  for (const auto& e : v->events) {
    data o;
    o.set("action", e.action);
    o.set("label", label_or_key(lang, "action_" + e.action, e.action));
    o.set("when", format_time(e.at, lang));
    o.set("iso", format_iso_time(e.at));
    std::string who = !e.actor_name.empty() ? e.actor_name : std::string(tr(lang, e.actor == "reporter" ? "author_reporter" : "author_system"));
    o.set("who", who);
    if (e.from_status && e.to_status && e.from_status != e.to_status) {
      o.set("change", true);
      o.set("from_label", std::string(status_label(*e.from_status, lang)));
      o.set("to_label", std::string(status_label(*e.to_status, lang)));
    }
    auto det = details_of(e.payload, lang);
    o.set("details_any", !det.list_value().empty());
    o.set("details", det);
    events.push_back(o);
  }
  d.set("events", events);
  return d;
}

http::Response workflow_inbox_page(Services& s, const http::Request& req, const app::Principal& p) {
  Lang lang = request_lang(req);
  std::optional<CaseStatus> status = case_status_from_string(req.query_value("status"));
  std::optional<Id> unit = parse_id(req.query_value("unit"));
  const bool overdue_only = req.query_value("overdue") == "1";
  int page_no = 1;
  if (auto pg = req.query_value("page"); !pg.empty() && pg.size() < 7 && pg.find_first_not_of("0123456789") == std::string::npos)
    page_no = std::max(1, std::stoi(pg));
  const int per_page = 50;
  auto box = s.workflow.inbox(p, status, unit, overdue_only, store::Page{(page_no - 1) * per_page, per_page});
  data d = staff_frame(p, lang);
  d.set("instansi_name", p.instansi.name);
  long long all_n = 0;
  data counts{data::type::list};
  for (const auto& [st, n] : box.counts) {
    all_n += n;
    data c;
    c.set("code", std::string(to_string(st)));
    c.set("label", std::string(status_label(st, lang)));
    c.set("n", std::to_string(n));
    c.set("current", status && *status == st);
    counts.push_back(c);
  }
  d.set("counts", counts);
  d.set("total_all", std::to_string(all_n));
  d.set("overdue", std::to_string(box.overdue));
  d.set("overdue_only", overdue_only);
  d.set("unread", std::to_string(s.workflow.unread_count(p)));
  d.set("may_intake", app::takes_intake(p.user.role));
  if (status) d.set("status", std::string(to_string(*status)));
  if (unit) d.set("unit", std::to_string(*unit));
  data us{data::type::list};
  for (const auto& u : box.units) {
    data o;
    o.set("id", std::to_string(u.id));
    o.set("name", u.name);
    o.set("selected", unit && *unit == u.id);
    us.push_back(o);
  }
  d.set("units", us);
  data cases{data::type::list};
  for (const auto& row : box.page.items) {
    const auto& c = row.c;
    data o;
    o.set("id", std::to_string(c.id));
    o.set("case_number", c.case_number);
    o.set("reported_name", c.reported_name);
    o.set("summary", c.summary);
    o.set("status", std::string(to_string(c.status)));
    o.set("status_label", std::string(status_label(c.status, lang)));
    o.set("when", format_time(c.created_at, lang));
    o.set("iso", format_iso_time(c.created_at));
    if (row.flow.due_at) {
      o.set("due", format_time(*row.flow.due_at, lang));
      o.set("due_iso", format_iso_time(*row.flow.due_at));
      o.set("overdue", *row.flow.due_at < box.now);
    }
    o.set("holder", holder_label(row.flow.holder, lang));
    o.set("duplicate", row.flow.duplicate_of.has_value() && !is_terminal(c.status));
    cases.push_back(o);
  }
  d.set("has_cases", !box.page.items.empty());
  d.set("cases", cases);
  const long long from = box.page.items.empty() ? 0 : (page_no - 1) * per_page + 1;
  const long long to = (page_no - 1) * per_page + static_cast<long long>(box.page.items.size());
  std::string caption(tr(lang, "page_caption"));
  for (auto [k, v] : {std::pair{"{from}", from}, std::pair{"{to}", to}, std::pair{"{total}", box.page.total}})
    if (auto pos = caption.find(k); pos != std::string::npos) caption.replace(pos, std::string_view(k).size(), std::to_string(v));
  d.set("page_caption", caption);
  auto link = [&](int pg) {
    std::string q = "/staff/cases?page=" + std::to_string(pg);
    if (status) q += "&status=" + std::string(to_string(*status));
    if (unit) q += "&unit=" + std::to_string(*unit);
    if (overdue_only) q += "&overdue=1";
    return q;
  };
  if (page_no > 1) d.set("prev", link(page_no - 1));
  if (to < box.page.total) d.set("next", link(page_no + 1));
  return html(200, s.renderer.page("workflow_inbox", d, lang, std::string(tr(lang, "inbox"))));
}


namespace {

std::string workflow_error_redirect(const std::string& base, const Error& e) {
  return base + "?wf_error=" + http::url_encode(std::string(e.key())) + "&wf_field=" + http::url_encode(e.field) +
         "#workflow";
}

// A step from the case page. Errors come back to the page as a message, nothing changed.
http::Response perform_step(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  const Id id = path_id(req);
  const std::string base = "/staff/cases/" + std::to_string(id);
  try {
    auto [a, in] = input_of(req.form);
    auto done = s.workflow.perform(p, id, a, in);
    if (!done) {
      if (done.error().code == ErrorCode::not_found) throw ClientError(done.error());
      return http::Response::redirect(workflow_error_redirect(base, done.error()));
    }
  } catch (const ClientError& e) {
    if (e.error.code == ErrorCode::not_found || e.error.code == ErrorCode::csrf_failed) throw;
    return http::Response::redirect(workflow_error_redirect(base, e.error));
  }
  return http::Response::redirect(base + "?done=1#workflow");
}

http::Response notifications_page(Services& s, http::Request& req) {
  auto p = session_of(s, req);
  if (!p) return http::Response::redirect("/staff/login");
  Lang lang = request_lang(req);
  data d = staff_frame(*p, lang);
  data items{data::type::list};
  for (const auto& n : s.workflow.notifications(*p, false)) {
    data o;
    o.set("id", std::to_string(n.id));
    o.set("body", n.body);
    o.set("when", format_time(n.at, lang));
    o.set("iso", format_iso_time(n.at));
    if (n.case_id) o.set("case_id", std::to_string(*n.case_id));
    o.set("unread", !n.read_at);
    o.set("csrf", p->csrf_token);
    items.push_back(o);
  }
  d.set("items", items);
  return html(200, s.renderer.page("workflow_notifications", d, lang, std::string(tr(lang, "wf_notifications"))));
}

http::Response mark_notification_read(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  auto id = parse_id(req.param("id"));
  if (!id) throw ClientError(Error{ErrorCode::not_found});
  s.workflow.mark_read(p, *id);
  return http::Response::redirect("/staff/notifications");
}

http::Response workflow_api(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  auto v = value_or_throw(s.workflow.view(p, path_id(req)));
  return json_response(200, view_json(v).dump());
}

http::Response transition_api(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  const Id id = path_id(req);
  auto [a, in] = input_of(fields_of_json(req));
  auto to = value_or_throw(s.workflow.perform(p, id, a, in));
  return json_response(200, json{{"status", std::string(to_string(to))}, {"action", std::string(to_string(a))}}.dump());
}

}  // namespace

void add_workflow_routes(http::Router& router, Services& s) {
  const RouteDef routes[] = {
      {"POST", "/staff/cases/{id}/workflow", form_policy(), Answer::page, perform_step, &app::kCaseAction},
      {"GET", "/staff/notifications", {}, Answer::page, notifications_page, &app::kStaff},
      {"POST", "/staff/notifications/{id}/read", form_policy(), Answer::page, mark_notification_read, &app::kStaff},
      {"GET", "/api/v1/cases/{id}/workflow", {}, Answer::api, workflow_api, &app::kCase},
      {"POST", "/api/v1/cases/{id}/transitions", json_policy(s.ctx.config), Answer::api, transition_api, &app::kCaseAction},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
