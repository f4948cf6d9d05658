// The JSON API (docs/api.md). Each handler: parse, call one service, shape the answer.
#include <nlohmann/json.hpp>

#include "app/workflow_service.hpp"
#include "evidence/blob_store.hpp"
#include "web/catalog_pages.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"

namespace netral::web {
namespace {

using json = nlohmann::json;

[[noreturn]] void wrong_type(const std::string& field) {
  throw ClientError(Error{ErrorCode::invalid_field, "error.wrong_type", field, {}});
}

std::string str_field(const json& obj, const char* key, const std::string& prefix = {}) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) wrong_type(prefix + key);
  return it->get<std::string>();
}

json parse_json(std::string_view body) {
  auto j = json::parse(body, nullptr, false);
  if (j.is_discarded()) throw ClientError(Error{ErrorCode::malformed_json, "error.malformed_json", {}, {}});
  if (!j.is_object()) throw ClientError(Error{ErrorCode::invalid_field, "error.wrong_type", "", "top level must be an object"});
  return j;
}

app::NewReport report_from_json(const json& j, Channel channel) {
  app::NewReport r;
  r.channel = channel;
  if (auto it = j.find("instansi"); it != j.end() && !it->is_null()) {
    if (it->is_string()) r.instansi = it->get<std::string>();
    else wrong_type("instansi");
  }
  if (auto it = j.find("reported"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) wrong_type("reported");
    r.reported.name = str_field(*it, "name", "reported.");
    r.reported.nip = str_field(*it, "nip", "reported.");
    r.reported.unit = str_field(*it, "unit", "reported.");
    r.reported.position = str_field(*it, "position", "reported.");
  }
  r.description = str_field(j, "description");
  r.incident_date = str_field(j, "incident_date");
  r.incident_place = str_field(j, "incident_place");
  r.learned_date = str_field(j, "learned_date");
  if (auto it = j.find("links"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) wrong_type("links");
    for (const auto& l : *it) {
      if (!l.is_string()) wrong_type("links");
      r.links.push_back(l.get<std::string>());
    }
  }
  if (auto it = j.find("conduct"); it != j.end() && !it->is_null()) {  // optional (issue 4)
    if (!it->is_array()) wrong_type("conduct");
    for (const auto& c : *it) {
      if (!c.is_string()) wrong_type("conduct");
      r.conduct.push_back(c.get<std::string>());
    }
  }
  if (auto it = j.find("reporter"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) wrong_type("reporter");
    r.reporter.name = str_field(*it, "name", "reporter.");
    r.reporter.nik = str_field(*it, "nik", "reporter.");
    r.reporter.phone = str_field(*it, "phone", "reporter.");
    r.reporter.email = str_field(*it, "email", "reporter.");
  }
  return r;
}

// Files of the request that belong to `field`; any other file part is an error.
std::vector<app::NewFile> files_of(const http::Request& req, std::string_view field) {
  std::vector<app::NewFile> out;
  for (const auto& f : req.files) {
    if (f.field != field) throw ClientError(Error{ErrorCode::invalid_field, "error.invalid_field", f.field, "unexpected file part"});
    out.push_back(app::NewFile{f.path, f.filename});
  }
  return out;
}

void check_public_rate(Services& s, const http::Request& req) {
  if (!s.public_limit.allow(req.remote_ip)) throw ClientError(Error{ErrorCode::rate_limited, "error.rate_limited", {}, {}});
}

json message_json(const Message& m) {
  return {{"id", m.id}, {"author", std::string(to_string(m.author))}, {"body", m.body}, {"created_at", format_iso_time(m.created_at)}};
}

Id id_param(const http::Request& req, const char* name = "id") {
  const std::string v = req.param(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    throw ClientError(Error{ErrorCode::not_found, "error.not_found", {}, {}});
  return std::stoll(v);
}

http::Response post_report(Services& s, http::Request& req) {
  check_public_rate(s, req);
  json j;
  if (req.content_type() == "application/json") {
    j = parse_json(req.body);
  } else {
    auto it = req.form.find("report");
    if (it == req.form.end()) throw ClientError(Error{ErrorCode::missing_field, "error.missing_field", "report", {}});
    if (req.form.count("report") > 1) throw ClientError(Error{ErrorCode::invalid_field, "error.duplicate_field", "report", {}});
    j = parse_json(it->second);
  }
  auto report = report_from_json(j, Channel::api);
  require_known_conduct(s, report.conduct);
  auto done = value_or_throw(s.reports.submit(report, files_of(req, "evidence"), app::Actor{"reporter", req.remote_ip}));
  return json_response(201, json{{"receipt", done.receipt}, {"case_number", done.case_number}}.dump());
}

http::Response get_receipt(Services& s, http::Request& req) {
  auto v = value_or_throw(s.reports.view(req.param("receipt")));
  json msgs = json::array();
  for (const auto& m : v.messages) msgs.push_back(message_json(m));
  return json_response(200, json{{"case_number", v.case_number},
                                 {"status", std::string(to_string(v.status))},
                                 {"messages", msgs},
                                 {"evidence_count", v.evidence_count},
                                 {"created_at", format_iso_time(v.created_at)}}
                                .dump());
}

http::Response post_receipt_message(Services& s, http::Request& req) {
  check_public_rate(s, req);
  json j;
  if (req.content_type() == "application/json") {
    j = parse_json(req.body);
  } else if (auto it = req.form.find("message"); it != req.form.end()) {
    j = parse_json(it->second);
  } else {
    j = json::object();
  }
  const std::string body = str_field(j, "body");
  auto id = value_or_throw(s.reports.reply(req.param("receipt"), body, files_of(req, "evidence"),
                                           app::Actor{"reporter", req.remote_ip}));
  return json_response(201, json{{"id", id}}.dump());
}

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
  if (username.empty()) throw ClientError(Error{ErrorCode::missing_field, "error.missing_field", "username", {}});
  if (password.empty()) throw ClientError(Error{ErrorCode::missing_field, "error.missing_field", "password", {}});
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

http::Response list_cases(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  std::optional<CaseStatus> status;
  if (auto v = req.query_value("status"); !v.empty()) {
    status = case_status_from_string(v);
    if (!status) throw ClientError(Error{ErrorCode::invalid_field, "error.invalid_field", "status", {}});
  }
  std::optional<Id> unit;
  auto num = [&](const char* key, long long def, long long max) -> long long {
    auto v = req.query_value(key);
    if (v.empty()) return def;
    if (v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
      throw ClientError(Error{ErrorCode::invalid_field, "error.invalid_field", key, {}});
    return std::min(std::stoll(v), max);
  };
  if (auto v = req.query_value("unit"); !v.empty()) unit = num("unit", 0, 1ll << 40);
  store::Page page{static_cast<int>(num("offset", 0, 1 << 30)), static_cast<int>(num("limit", 50, 200))};
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

http::Response get_case(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  auto d = value_or_throw(s.cases.get(p, id_param(req)));
  json reports = json::array();
  for (const auto& rd : d.reports) {
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
    reports.push_back(std::move(o));
  }
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

}  // namespace

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

void add_api_routes(http::Router& router, Services& s) {
  const auto& cfg = s.ctx.config;
  const http::BodyPolicy json_only = json_policy(cfg);
  http::BodyPolicy upload = evidence_policy(cfg);
  upload.json = true;

  router.add("GET", "/healthz", {}, [&s](http::Request&) {
    const bool db = s.ctx.store.ping();
    return json_response(db ? 200 : 503, json{{"status", db ? "ok" : "degraded"}, {"db", db ? "ok" : "down"}}.dump());
  });
  router.add("POST", "/api/v1/reports", upload, api([&s](http::Request& r) { return post_report(s, r); }));
  router.add("GET", "/api/v1/receipts/{receipt}", {}, api([&s](http::Request& r) { return get_receipt(s, r); }));
  router.add("POST", "/api/v1/receipts/{receipt}/messages", upload,
             api([&s](http::Request& r) { return post_receipt_message(s, r); }));
  router.add("POST", "/api/v1/sessions", json_only, api([&s](http::Request& r) { return post_session(s, r); }));
  router.add("DELETE", "/api/v1/sessions", {}, api([&s](http::Request& r) { return delete_session(s, r); }));
  router.add("GET", "/api/v1/cases", {}, api([&s](http::Request& r) { return list_cases(s, r); }));
  router.add("GET", "/api/v1/cases/{id}", {}, api([&s](http::Request& r) { return get_case(s, r); }));
  router.add("POST", "/api/v1/cases/{id}/messages", json_only,
             api([&s](http::Request& r) { return post_case_message(s, r); }));
  router.add("GET", "/api/v1/evidence/{id}", {}, api([&s](http::Request& r) {
               auto p = require_session(s, r);
               return evidence_download(s, r, p, false);
             }));
}

}  // namespace netral::web
