// The public channel: the report form, the status page and replies (work without
// JavaScript), the same as a JSON API (docs/api.md), and /healthz.
#include <nlohmann/json.hpp>

#include "core/identifiers.hpp"
#include "core/strings.hpp"
#include "web/catalog_pages.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;
using json = nlohmann::json;

std::string replace_all(std::string s, std::string_view what, const std::string& with) {
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + with.size())) s.replace(p, what.size(), with);
  return s;
}

void check_public_rate(Services& s, const http::Request& req) {
  if (!s.public_limit.allow(req.remote_ip)) throw ClientError(Error{ErrorCode::rate_limited});
}

// A page carrying a public form: its csrf cookie, when new, is set on the answer.
http::Response with_cookies(http::Response out, const http::Response& cookies) {
  for (const auto& h : cookies.headers) out.headers.push_back(h);
  return out;
}

// Pages -------------------------------------------------------------------------------

http::Response home(Services& s, http::Request& req) {
  Lang lang = request_lang(req);
  return html(200, s.renderer.page("home", data{}, lang, std::string(tr(lang, "home_title"))));
}

// The governments the public may report to: those served and not disabled, by code.
std::vector<Instansi> open_governments(Services& s) {
  auto all = s.reports.instansi_list();
  std::erase_if(all, [](const Instansi& i) { return i.disabled; });
  return all;
}

// What the choice shows: the name without the "Pemerintah " every entry shares, so that
// the part that tells them apart fits a phone's width ("Kabupaten Bangka Selatan").
std::string choice_label(const std::string& name) {
  constexpr std::string_view kPrefix = "Pemerintah ";
  return name.starts_with(kPrefix) && name.size() > kPrefix.size() ? name.substr(kPrefix.size()) : name;
}

// Whether every word of `query` is in the government's code or name (case aside).
bool matches(const Instansi& i, const std::string& query) {
  const std::string hay = ascii_lower(i.code + " " + i.name);
  std::size_t p = 0;
  const std::string q = ascii_lower(query);
  while (p < q.size()) {
    const std::size_t b = q.find_first_not_of(' ', p);
    if (b == std::string::npos) break;
    const std::size_t e = std::min(q.find(' ', b), q.size());
    if (hay.find(q.substr(b, e - b)) == std::string::npos) return false;
    p = e;
  }
  return true;
}

// The government a link preselects (/lapor/36.03, /lapor?instansi=36.03): one that takes
// public reports here, else a 404 page that says so.
std::string linked_government(const std::vector<Instansi>& open, const std::string& code) {
  auto normal = normalize_region_code(code);
  if (normal)
    for (const auto& i : open)
      if (i.code == *normal) return i.code;
  throw ClientError(Error{ErrorCode::not_found, "error.report_instansi_not_found"});
}

// The report form, empty or refilled after an error. With several governments it offers a
// choice with none chosen (a wrong default sends reports to the wrong government), grouped
// by province, narrowed by a search that needs no JavaScript (?cari=); a link may choose one.
http::Response report_form_page(Services& s, http::Request& req, int status, const Error* err) {
  Lang lang = request_lang(req);
  http::Response res;
  data d;
  d.set("csrf", csrf_for(req, &res));
  const auto all = open_governments(s);
  std::string chosen = req.form_value("instansi");
  if (req.method == "GET") {
    if (const std::string linked = req.param("code"); !linked.empty()) chosen = linked_government(all, linked);
    else if (const std::string q = req.query_value("instansi"); !q.empty()) chosen = linked_government(all, q);
  }
  const std::string search = trim(req.query_value("cari"));
  std::vector<const Instansi*> shown;
  for (const auto& i : all)
    if (search.empty() || i.code == chosen || matches(i, search)) shown.push_back(&i);
  const bool no_matches = !search.empty() && shown.empty();
  if (no_matches)
    for (const auto& i : all) shown.push_back(&i);
  data groups{data::type::list};
  for (std::size_t k = 0; k < shown.size();) {
    const std::string province = shown[k]->code.substr(0, 2);
    data g;
    std::string label = province;
    for (const auto& i : all)
      if (i.code == province) label = choice_label(i.name);
    g.set("label", label);
    data items{data::type::list};
    for (; k < shown.size() && shown[k]->code.starts_with(province); ++k) {
      data o;
      o.set("code", shown[k]->code);
      o.set("label", choice_label(shown[k]->name));
      o.set("selected", shown[k]->code == chosen);
      items.push_back(o);
    }
    g.set("items", items);
    groups.push_back(g);
  }
  data inst{data::type::list};
  for (const auto& i : all) {
    data o;
    o.set("code", i.code);
    o.set("name", i.name);
    inst.push_back(o);
    if (i.code == chosen) d.set("chosen_name", i.name);
  }
  d.set("instansi", inst);
  d.set("groups", groups);
  d.set("many_instansi", all.size() > 1);
  d.set("cari", search);
  d.set("filtered", !search.empty());
  d.set("no_matches", no_matches);
  data v;
  for (const char* f : {"reported_name", "reported_nip", "reported_unit", "reported_position", "description",
                        "incident_date", "incident_place", "learned_date", "links", "reporter_name", "reporter_nik",
                        "reporter_phone", "reporter_email"})
    v.set(f, req.form_value(f));
  d.set("v", v);
  {  // the catalogue's categories, optional (issue 4)
    std::vector<std::string> ticked;
    for (auto [b, e] = req.form.equal_range("conduct"); b != e; ++b) ticked.push_back(b->second);
    d.set("conducts", conduct_choices(s, lang, ticked));
  }
  const auto& ev = s.ctx.config.evidence;
  d.set("hint_evidence", replace_all(replace_all(std::string(tr(lang, "hint_evidence")), "{files}", std::to_string(ev.max_files)),
                                     "{size}", size_label(ev.max_file_bytes)));
  if (err) {
    data e;
    e.set("message", error_message(*err, lang));
    e.set("files_lost", !req.files.empty());
    d.set("error", e);
  }
  return with_cookies(html(status, s.renderer.page("report_form", d, lang, std::string(tr(lang, "report_title")))), res);
}

http::Response report_form(Services& s, http::Request& req) { return report_form_page(s, req, 200, nullptr); }

// The links field: one link a line, blank lines and surrounding spaces dropped.
std::vector<std::string> link_lines(const std::string& links) {
  std::vector<std::string> out;
  for (std::size_t p = 0; p < links.size();) {
    std::size_t e = links.find('\n', p);
    std::string line = links.substr(p, e == std::string::npos ? std::string::npos : e - p);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    while (!line.empty() && line.front() == ' ') line.erase(0, 1);
    if (!line.empty()) out.push_back(line);
    if (e == std::string::npos) break;
    p = e + 1;
  }
  return out;
}

// The files of the form's evidence field; other file parts are ignored, as they always were.
std::vector<app::NewFile> evidence_files(const http::Request& req) {
  std::vector<app::NewFile> files;
  for (const auto& f : req.files)
    if (f.field == "evidence") files.push_back({f.path, f.filename});
  return files;
}

http::Response report_submit(Services& s, http::Request& req) {
  require_public_csrf(req);
  check_public_rate(s, req);
  app::NewReport r;
  r.channel = Channel::web;
  r.instansi = req.form_value("instansi");
  r.reported = {req.form_value("reported_name"), req.form_value("reported_nip"), req.form_value("reported_unit"),
                req.form_value("reported_position")};
  r.description = req.form_value("description");
  r.incident_date = req.form_value("incident_date");
  r.incident_place = req.form_value("incident_place");
  r.learned_date = req.form_value("learned_date");
  r.links = link_lines(req.form_value("links"));
  r.reporter = {req.form_value("reporter_name"), req.form_value("reporter_nik"), req.form_value("reporter_phone"),
                req.form_value("reporter_email")};
  for (auto [b, e] = req.form.equal_range("conduct"); b != e; ++b) r.conduct.push_back(b->second);
  require_known_conduct(s, r.conduct);
  const auto files = evidence_files(req);
  auto done = s.reports.submit(r, files, app::Actor{"reporter", req.remote_ip});
  if (!done) return report_form_page(s, req, http_status(done.error().code), &done.error());
  Lang lang = request_lang(req);
  data d;
  d.set("receipt", done->receipt);
  d.set("case_number", done->case_number);
  d.set("evidence_count", !files.empty());
  d.set("evidence_note", replace_all(std::string(tr(lang, "done_evidence")), "{n}", std::to_string(files.size())));
  return html(200, s.renderer.page("report_done", d, lang, std::string(tr(lang, "done_title"))));
}

http::Response status_form_page(Services& s, http::Request& req, int status, const Error* err) {
  Lang lang = request_lang(req);
  http::Response res;
  data d;
  d.set("csrf", csrf_for(req, &res));
  if (err) {
    data e;
    e.set("message", std::string(tr(lang, err->key())));
    d.set("error", e);
  }
  return with_cookies(html(status, s.renderer.page("status_form", d, lang, std::string(tr(lang, "status_title")))), res);
}

http::Response status_form(Services& s, http::Request& req) { return status_form_page(s, req, 200, nullptr); }

http::Response status_view(Services& s, http::Request& req, const std::string& receipt, const std::string& notice,
                           const Error* err = nullptr, int code = 200) {
  Lang lang = request_lang(req);
  auto v = s.reports.view(receipt);
  if (!v) return status_form_page(s, req, 404, &v.error());
  data d;
  d.set("csrf", csrf_for(req, nullptr));
  d.set("receipt", receipt);
  d.set("case_number", v->case_number);
  d.set("status", std::string(to_string(v->status)));
  d.set("status_label", std::string(status_label(v->status, lang)));
  d.set("status_help", std::string(tr(lang, "status_help_" + std::string(to_string(v->status)))));
  d.set("evidence_count", std::to_string(v->evidence_count));
  d.set("messages", message_list(v->messages, lang));
  if (!notice.empty()) d.set("notice", notice);
  if (err) {
    data e;
    e.set("message", error_message(*err, lang));
    d.set("error", e);
  }
  return html(code, s.renderer.page("status", d, lang, std::string(tr(lang, "status_title"))));
}

http::Response status_check(Services& s, http::Request& req) {
  require_public_csrf(req);
  return status_view(s, req, req.form_value("receipt"), "");
}

http::Response status_reply(Services& s, http::Request& req) {
  require_public_csrf(req);
  check_public_rate(s, req);
  const std::string receipt = req.form_value("receipt");
  auto id = s.reports.reply(receipt, req.form_value("body"), evidence_files(req), app::Actor{"reporter", req.remote_ip});
  if (!id) {
    if (id.error().code == ErrorCode::not_found) return status_form_page(s, req, 404, &id.error());
    return status_view(s, req, receipt, "", &id.error(), http_status(id.error().code));
  }
  return status_view(s, req, receipt, std::string(tr(request_lang(req), "reply_sent")));
}

// API ---------------------------------------------------------------------------------

[[noreturn]] void wrong_type(const std::string& field) {
  throw ClientError(Error{ErrorCode::invalid_field, "error.wrong_type", field, {}});
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
    if (f.field != field) throw ClientError(Error{ErrorCode::invalid_field, {}, f.field, "unexpected file part"});
    out.push_back(app::NewFile{f.path, f.filename});
  }
  return out;
}

http::Response post_report(Services& s, http::Request& req) {
  check_public_rate(s, req);
  json j;
  if (req.content_type() == "application/json") {
    j = parse_json(req.body);
  } else {
    auto it = req.form.find("report");
    if (it == req.form.end()) throw ClientError(Error{ErrorCode::missing_field, {}, "report", {}});
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

http::Response healthz(Services& s, http::Request&) {
  const bool db = s.ctx.store.ping();
  return json_response(db ? 200 : 503, json{{"status", db ? "ok" : "degraded"}, {"db", db ? "ok" : "down"}}.dump());
}

}  // namespace

void add_public_routes(http::Router& router, Services& s) {
  const auto& cfg = s.ctx.config;
  const http::BodyPolicy form = form_policy();
  // Evidence uploads: the page's form is url-encoded or multipart, the API's JSON or multipart.
  http::BodyPolicy upload_form = evidence_policy(cfg);
  upload_form.urlencoded = true;
  http::BodyPolicy upload_api = evidence_policy(cfg);
  upload_api.json = true;
  const RouteDef routes[] = {
      {"GET", "/healthz", {}, Answer::api, healthz, &app::kPublic},
      {"POST", "/api/v1/reports", upload_api, Answer::api, post_report, &app::kPublic},
      {"GET", "/api/v1/receipts/{receipt}", {}, Answer::api, get_receipt, &app::kPublic},
      {"POST", "/api/v1/receipts/{receipt}/messages", upload_api, Answer::api, post_receipt_message, &app::kPublic},
      {"GET", "/", {}, Answer::page, home, &app::kPublic},
      {"GET", "/lapor", {}, Answer::page, report_form, &app::kPublic},
      {"GET", "/lapor/{code}", {}, Answer::page, report_form, &app::kPublic},
      {"POST", "/lapor", upload_form, Answer::page, report_submit, &app::kPublic},
      {"GET", "/status", {}, Answer::page, status_form, &app::kPublic},
      {"POST", "/status", form, Answer::page, status_check, &app::kPublic},
      {"POST", "/status/reply", upload_form, Answer::page, status_reply, &app::kPublic},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
