// The staff side of a case: login and sessions, the case list and the case page, messages
// to the reporter and evidence, as pages and as the JSON API (docs/api.md). The workflow's
// and the catalogue's parts of the case page come from workflow_pages and catalog_pages.
#include <nlohmann/json.hpp>

#include "app/workflow_service.hpp"
#include "evidence/blob_store.hpp"
#include "web/catalog_pages.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"
#include "web/workflow_pages.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;
using json = nlohmann::json;

// A numeric path parameter; anything else is a 404 with `key`.
Id id_param(const http::Request& req, const char* key = "error.not_found") {
  const std::string v = req.param("id");
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    throw ClientError(Error{ErrorCode::not_found, key, {}, {}});
  return std::stoll(v);
}

// Serves an evidence file to a staff user (audited); inline only for safe types.
http::Response evidence_download(Services& s, http::Request& req, const app::Principal& p, bool allow_inline) {
  auto f = value_or_throw(s.cases.evidence(p, id_param(req)));
  http::Response r;
  r.file = f.path;
  const bool show_inline = allow_inline && evidence::is_inline_safe(f.meta.mime);
  // Stored types come from the evidence allowlist (never HTML or SVG); downloads of the
  // others are attachments, and nosniff plus a sandbox CSP cover both.
  r.set("Content-Type", evidence::is_allowed_evidence_type(f.meta.mime) ? f.meta.mime : "application/octet-stream");
  r.set("Content-Disposition", std::string(show_inline ? "inline" : "attachment") + "; filename=\"evidence-" +
                                   std::to_string(f.meta.id) + "." + std::string(evidence::extension_for(f.meta.mime)) + "\"");
  secure(r);
  r.set("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

// Pages -------------------------------------------------------------------------------

http::Response login_form_page(Services& s, http::Request& req, int status, const Error* err) {
  Lang lang = request_lang(req);
  if (!err && session_of(s, req)) return http::Response::redirect("/staff/cases");
  http::Response res;
  data d;
  d.set("csrf", csrf_for(req, &res));
  d.set("username", req.form_value("username"));
  if (err) {
    data e;
    e.set("message", std::string(tr(lang, err->key())));
    d.set("error", e);
  }
  auto out = html(status, s.renderer.page("staff_login", d, lang, std::string(tr(lang, "login_title"))));
  for (auto& h : res.headers) out.headers.push_back(h);
  return out;
}

http::Response login_form(Services& s, http::Request& req) { return login_form_page(s, req, 200, nullptr); }

http::Response login(Services& s, http::Request& req) {
  require_public_csrf(req);
  auto in = s.auth.login(req.form_value("username"), req.form_value("password"), req.remote_ip, req.form_value("totp"));
  if (!in) return login_form_page(s, req, http_status(in.error().code), &in.error());
  auto r = http::Response::redirect("/staff/cases");
  r.set("Set-Cookie", session_cookie(in->token, s.ctx.config.limits.session_hours * 3600));
  return r;
}

http::Response logout(Services& s, http::Request& req) {
  if (auto p = session_of(s, req)) {
    require_csrf(*p, req);
    s.auth.logout(*p);
  }
  auto r = http::Response::redirect("/staff/login");
  r.set("Set-Cookie", session_cookie("", 0));
  return r;
}

http::Response staff_home(Services&, http::Request&) { return http::Response::redirect("/staff/cases"); }

// The inbox is the workflow's (workflow_pages.cpp): overdue first, holders, clocks.
http::Response inbox(Services& s, http::Request& req) {
  auto p = session_of(s, req);
  if (!p) return http::Response::redirect("/staff/login");
  return workflow_inbox_page(s, req, *p);
}

data report_data(const app::ReportDetail& rd, Lang lang) {
  const auto& r = rd.report;
  data o;
  o.set("id", std::to_string(r.id));
  o.set("channel_label", std::string(tr(lang, "channel_" + std::string(to_string(r.channel)))));
  data rp;
  rp.set("name", r.reported.name);
  if (!r.reported.nip.empty()) rp.set("nip", r.reported.nip);
  if (!r.reported.unit.empty()) rp.set("unit", r.reported.unit);
  if (!r.reported.position.empty()) rp.set("position", r.reported.position);
  o.set("reported", rp);
  o.set("description", r.description);
  if (!r.incident_date.empty()) o.set("incident_date", r.incident_date);
  if (!r.learned_date.empty()) o.set("learned_date", r.learned_date);
  if (!r.incident_place.empty()) o.set("incident_place", r.incident_place);
  data links{data::type::list};
  for (const auto& l : r.links) links.push_back(l);
  o.set("links", links);
  o.set("has_links", !r.links.empty());
  o.set("anonymous", r.anonymous);
  if (rd.reporter) {
    data id;
    id.set("name", rd.reporter->name);
    id.set("nik", rd.reporter->nik);
    id.set("phone", rd.reporter->phone);
    id.set("email", rd.reporter->email);
    o.set("reporter", id);
  }
  return o;
}

data evidence_data(const std::vector<Evidence>& evidence) {
  data ev{data::type::list};
  for (const auto& e : evidence) {
    data o;
    o.set("id", std::to_string(e.id));
    o.set("mime", e.mime);
    o.set("size_label", size_label(static_cast<std::uint64_t>(e.size)));
    o.set("sha_short", e.sha256.substr(0, 16));
    const bool safe = evidence::is_inline_safe(e.mime);
    o.set("image", safe && e.mime.starts_with("image/"));
    o.set("video", safe && e.mime.starts_with("video/"));
    o.set("audio", safe && e.mime.starts_with("audio/"));
    ev.push_back(o);
  }
  return ev;
}

http::Response case_page(Services& s, http::Request& req) {
  auto p = session_of(s, req);
  if (!p) return http::Response::redirect("/staff/login");
  Lang lang = request_lang(req);
  auto cd = value_or_throw(s.cases.get(*p, id_param(req, "error.case_not_found")));
  data d = staff_frame(*p, lang);
  d.set("id", std::to_string(cd.c.id));
  d.set("case_number", cd.c.case_number);
  d.set("status", std::string(to_string(cd.c.status)));
  d.set("status_label", std::string(status_label(cd.c.status, lang)));
  d.set("reported_name", cd.c.reported_name);
  if (!cd.unit_name.empty()) d.set("unit_name", cd.unit_name);
  d.set("when", format_time(cd.c.created_at, lang));
  if (req.query_value("sent") == "1") d.set("notice", std::string(tr(lang, "reply_sent")));
  data reports{data::type::list};
  for (const auto& rd : cd.reports) reports.push_back(report_data(rd, lang));
  d.set("reports", reports);
  d.set("evidence", evidence_data(cd.evidence));
  d.set("messages", message_list(cd.messages, lang));
  d.set("conduct", case_conduct_data(s, *p, cd, lang));  // issue 4
  if (auto wf = workflow_case_data(s, req, *p, cd.c.id, lang)) d.set("workflow", *wf);  // issue 3
  return html(200, s.renderer.page("staff_case", d, lang, std::string(tr(lang, "case")) + " " + cd.c.case_number));
}

http::Response case_reply(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  const Id id = id_param(req, "error.case_not_found");
  value_or_throw(s.cases.reply(p, id, req.form_value("body")));
  return http::Response::redirect("/staff/cases/" + req.param("id") + "?sent=1#msgs");
}

http::Response evidence_page(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  return evidence_download(s, req, p, req.query_value("inline") == "1");
}

// API ---------------------------------------------------------------------------------

json user_json(const app::Principal& p) {
  return {{"id", p.user.id},
          {"username", p.user.username},
          {"display_name", p.user.display_name},
          {"role", std::string(to_string(p.user.role))},
          {"instansi", p.instansi.code}};
}

http::Response post_session(Services& s, http::Request& req) {
  auto j = parse_json(req.body);
  const std::string username = str_field(j, "username"), password = str_field(j, "password");
  if (username.empty()) throw ClientError(Error{ErrorCode::missing_field, {}, "username", {}});
  if (password.empty()) throw ClientError(Error{ErrorCode::missing_field, {}, "password", {}});
  auto in = value_or_throw(s.auth.login(username, password, req.remote_ip, str_field(j, "totp")));
  auto r = json_response(201, json{{"csrf_token", in.principal.csrf_token}, {"user", user_json(in.principal)}}.dump());
  r.set("Set-Cookie", session_cookie(in.token, s.ctx.config.limits.session_hours * 3600));
  return r;
}

http::Response delete_session(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  s.auth.logout(p);
  auto r = json_response(204, "");
  r.set("Set-Cookie", session_cookie("", 0));
  return r;
}

// A number from the query string, `def` when absent, at most `max`.
long long query_number(const http::Request& req, const char* key, long long def, long long max) {
  auto v = req.query_value(key);
  if (v.empty()) return def;
  if (v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    throw ClientError(Error{ErrorCode::invalid_field, {}, key, {}});
  return std::min(std::stoll(v), max);
}

http::Response list_cases(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  std::optional<CaseStatus> status;
  if (auto v = req.query_value("status"); !v.empty()) {
    status = case_status_from_string(v);
    if (!status) throw ClientError(Error{ErrorCode::invalid_field, {}, "status", {}});
  }
  std::optional<Id> unit;
  if (auto v = req.query_value("unit"); !v.empty()) unit = query_number(req, "unit", 0, 1ll << 40);
  store::Page page{static_cast<int>(query_number(req, "offset", 0, 1 << 30)),
                   static_cast<int>(query_number(req, "limit", 50, 200))};
  if (page.limit == 0) page.limit = 50;
  // The inbox of the workflow, as on /staff/cases: the same rules for every role, liaisons
  // included (the cases forwarded to or received from their body).
  auto inbox = s.workflow.inbox(p, status, unit, false, page);
  json items = json::array();
  for (const auto& row : inbox.page.items) {
    const Case& c = row.c;
    items.push_back({{"id", c.id},
                     {"case_number", c.case_number},
                     {"status", std::string(to_string(c.status))},
                     {"reported_name", c.reported_name},
                     {"unit_id", c.unit_id ? json(*c.unit_id) : json(nullptr)},
                     {"summary", c.summary},
                     {"created_at", format_iso_time(c.created_at)}});
  }
  return json_response(200, json{{"items", items}, {"total", inbox.page.total}, {"offset", page.offset}, {"limit", page.limit}}.dump());
}

json report_json(Services& s, const app::ReportDetail& rd) {
  const auto& r = rd.report;
  json o = {{"id", r.id},
            {"channel", std::string(to_string(r.channel))},
            {"reported", {{"name", r.reported.name}, {"nip", r.reported.nip}, {"unit", r.reported.unit}, {"position", r.reported.position}}},
            {"description", r.description},
            {"incident_date", r.incident_date},
            {"incident_place", r.incident_place},
            {"learned_date", r.learned_date},
            {"links", r.links},
            {"anonymous", r.anonymous},
            {"created_at", format_iso_time(r.created_at)}};
  if (rd.reporter)
    o["reporter"] = {{"name", rd.reporter->name}, {"nik", rd.reporter->nik}, {"phone", rd.reporter->phone}, {"email", rd.reporter->email}};
  o["conduct"] = s.catalog.report_conduct(r.id);  // as the reporter chose (issue 4)
  return o;
}

http::Response get_case(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  auto d = value_or_throw(s.cases.get(p, id_param(req)));
  json reports = json::array();
  for (const auto& rd : d.reports) reports.push_back(report_json(s, rd));
  json msgs = json::array();
  for (const auto& m : d.messages) msgs.push_back(message_json(m));
  json ev = json::array();
  for (const auto& e : d.evidence)
    ev.push_back({{"id", e.id}, {"sha256", e.sha256}, {"size", e.size}, {"mime", e.mime}, {"created_at", format_iso_time(e.created_at)}});
  json out{{"id", d.c.id},
           {"case_number", d.c.case_number},
           {"status", std::string(to_string(d.c.status))},
           {"unit_id", d.c.unit_id ? json(*d.c.unit_id) : json(nullptr)},
           {"reports", reports},
           {"messages", msgs},
           {"evidence", ev}};
  // The categories staff confirmed (null: not yet), what statistics count.
  auto cc = s.catalog.case_conduct(d.c.id);
  out["confirmed_conduct"] = cc.confirmed ? json(cc.conduct) : json(nullptr);
  return json_response(200, out.dump());
}

http::Response post_case_message(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  auto j = parse_json(req.body);
  auto id = value_or_throw(s.cases.reply(p, id_param(req), str_field(j, "body")));
  return json_response(201, json{{"id", id}}.dump());
}

http::Response get_evidence(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  return evidence_download(s, req, p, false);
}

}  // namespace

void add_case_routes(http::Router& router, Services& s) {
  const http::BodyPolicy form = form_policy();
  const http::BodyPolicy json_only = json_policy(s.ctx.config);
  const RouteDef routes[] = {
      {"POST", "/api/v1/sessions", json_only, Answer::api, post_session, &app::kPublic},
      {"DELETE", "/api/v1/sessions", {}, Answer::api, delete_session, &app::kStaff},
      {"GET", "/api/v1/cases", {}, Answer::api, list_cases, &app::kStaff},
      {"GET", "/api/v1/cases/{id}", {}, Answer::api, get_case, &app::kCase},
      {"POST", "/api/v1/cases/{id}/messages", json_only, Answer::api, post_case_message, &app::kCase},
      {"GET", "/api/v1/evidence/{id}", {}, Answer::api, get_evidence, &app::kCase},
      {"GET", "/staff/login", {}, Answer::page, login_form, &app::kPublic},
      {"POST", "/staff/login", form, Answer::page, login, &app::kPublic},
      {"POST", "/staff/logout", form, Answer::page, logout, &app::kStaff},
      {"GET", "/staff", {}, Answer::page, staff_home, &app::kStaff},
      {"GET", "/staff/cases", {}, Answer::page, inbox, &app::kStaff},
      {"GET", "/staff/cases/{id}", {}, Answer::page, case_page, &app::kCase},
      {"POST", "/staff/cases/{id}/messages", form, Answer::page, case_reply, &app::kCase},
      {"GET", "/staff/evidence/{id}", {}, Answer::page, evidence_page, &app::kCase},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
