// HTML pages: the public channel (works without JavaScript) and the staff back office.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "evidence/blob_store.hpp"
#include "web/catalog_pages.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"
#include "web/workflow_pages.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;

std::string replace_all(std::string s, std::string_view what, const std::string& with) {
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + with.size())) s.replace(p, what.size(), with);
  return s;
}

std::string size_label(std::uint64_t bytes) {
  char buf[32];
  if (bytes >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  else std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024 + 0.5);
  return buf;
}

// The double-submit token of public forms: reuse the cookie, or make one.
std::string csrf_for(const http::Request& req, http::Response* set_on) {
  std::string t = req.cookie(kCsrfCookie);
  if (t.size() < 20 || t.size() > 64) {
    t = app::Secrets::random_token(24);
    if (set_on) set_on->headers.emplace_back("Set-Cookie", std::string(kCsrfCookie) + "=" + t + "; Path=/; HttpOnly; SameSite=Strict");
  }
  return t;
}

data message_list(const std::vector<Message>& messages, Lang lang) {
  data list{data::type::list};
  for (const auto& m : messages) {
    data d;
    d.set("body", m.body);
    d.set("from_staff", m.author == Author::staff);
    std::string label(tr(lang, "author_" + std::string(to_string(m.author))));
    if (m.author == Author::staff && !m.author_name.empty()) label += " (" + m.author_name + ")";
    d.set("author_label", label);
    d.set("when", format_time(m.created_at, lang));
    d.set("iso", format_iso_time(m.created_at));
    list.push_back(d);
  }
  return list;
}

class Pages {
 public:
  explicit Pages(Services& s) : s_(s), r_(s.renderer) {}

  http::Response home(http::Request& req) {
    Lang lang = request_lang(req);
    return html(200, r_.page("home", data{}, lang, std::string(tr(lang, "home_title"))));
  }

  // The report form, empty or refilled after an error.
  http::Response report_form(http::Request& req, int status = 200, const Error* err = nullptr) {
    Lang lang = request_lang(req);
    http::Response res;
    data d;
    d.set("csrf", csrf_for(req, &res));
    auto all = s_.reports.instansi_list();
    const std::string chosen = req.form_value("instansi");
    data inst{data::type::list};
    for (const auto& i : all) {
      data o;
      o.set("code", i.code);
      o.set("name", i.name);
      o.set("selected", i.code == chosen);
      inst.push_back(o);
    }
    d.set("instansi", inst);
    d.set("many_instansi", all.size() > 1);
    data v;
    for (const char* f : {"reported_name", "reported_nip", "reported_unit", "reported_position", "description",
                          "incident_date", "incident_place", "learned_date", "links", "reporter_name", "reporter_nik",
                          "reporter_phone", "reporter_email"})
      v.set(f, req.form_value(f));
    d.set("v", v);
    {  // the catalogue's categories, optional (issue 4)
      std::vector<std::string> ticked;
      for (auto [b, e] = req.form.equal_range("conduct"); b != e; ++b) ticked.push_back(b->second);
      d.set("conducts", conduct_choices(s_, lang, ticked));
    }
    const auto& ev = s_.ctx.config.evidence;
    d.set("hint_evidence", replace_all(replace_all(std::string(tr(lang, "hint_evidence")), "{files}", std::to_string(ev.max_files)),
                                       "{size}", size_label(ev.max_file_bytes)));
    if (err) {
      data e;
      std::string msg = error_message(*err, lang);
      e.set("message", msg);
      e.set("files_lost", !req.files.empty());
      d.set("error", e);
    }
    auto out = html(status, r_.page("report_form", d, lang, std::string(tr(lang, "report_title"))));
    for (auto& h : res.headers) out.headers.push_back(h);
    return out;
  }

  http::Response report_submit(http::Request& req) {
    require_public_csrf(req);
    if (!s_.public_limit.allow(req.remote_ip)) throw ClientError(Error{ErrorCode::rate_limited, "error.rate_limited", {}, {}});
    app::NewReport r;
    r.channel = Channel::web;
    r.instansi = req.form_value("instansi");
    r.reported = {req.form_value("reported_name"), req.form_value("reported_nip"), req.form_value("reported_unit"),
                  req.form_value("reported_position")};
    r.description = req.form_value("description");
    r.incident_date = req.form_value("incident_date");
    r.incident_place = req.form_value("incident_place");
    r.learned_date = req.form_value("learned_date");
    std::string links = req.form_value("links");
    for (std::size_t p = 0; p < links.size();) {
      std::size_t e = links.find('\n', p);
      std::string line = links.substr(p, e == std::string::npos ? std::string::npos : e - p);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      while (!line.empty() && line.front() == ' ') line.erase(0, 1);
      if (!line.empty()) r.links.push_back(line);
      if (e == std::string::npos) break;
      p = e + 1;
    }
    r.reporter = {req.form_value("reporter_name"), req.form_value("reporter_nik"), req.form_value("reporter_phone"),
                  req.form_value("reporter_email")};
    for (auto [b, e] = req.form.equal_range("conduct"); b != e; ++b) r.conduct.push_back(b->second);
    require_known_conduct(s_, r.conduct);
    std::vector<app::NewFile> files;
    for (const auto& f : req.files)
      if (f.field == "evidence") files.push_back({f.path, f.filename});
    auto done = s_.reports.submit(r, files, app::Actor{"reporter", req.remote_ip});
    if (!done) return report_form(req, http_status(done.error().code), &done.error());
    Lang lang = request_lang(req);
    data d;
    d.set("receipt", done->receipt);
    d.set("case_number", done->case_number);
    d.set("evidence_count", !files.empty());
    d.set("evidence_note", replace_all(std::string(tr(lang, "done_evidence")), "{n}", std::to_string(files.size())));
    return html(200, r_.page("report_done", d, lang, std::string(tr(lang, "done_title"))));
  }

  http::Response status_form(http::Request& req, int status = 200, const Error* err = nullptr) {
    Lang lang = request_lang(req);
    http::Response res;
    data d;
    d.set("csrf", csrf_for(req, &res));
    if (err) {
      data e;
      e.set("message", std::string(tr(lang, err->key())));
      d.set("error", e);
    }
    auto out = html(status, r_.page("status_form", d, lang, std::string(tr(lang, "status_title"))));
    for (auto& h : res.headers) out.headers.push_back(h);
    return out;
  }

  http::Response status_view(http::Request& req, const std::string& receipt, const std::string& notice,
                             const Error* err = nullptr, int code = 200) {
    Lang lang = request_lang(req);
    auto v = s_.reports.view(receipt);
    if (!v) return status_form(req, 404, &v.error());
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
    return html(code, r_.page("status", d, lang, std::string(tr(lang, "status_title"))));
  }

  http::Response status_check(http::Request& req) {
    require_public_csrf(req);
    return status_view(req, req.form_value("receipt"), "");
  }

  http::Response status_reply(http::Request& req) {
    require_public_csrf(req);
    if (!s_.public_limit.allow(req.remote_ip)) throw ClientError(Error{ErrorCode::rate_limited, "error.rate_limited", {}, {}});
    const std::string receipt = req.form_value("receipt");
    std::vector<app::NewFile> files;
    for (const auto& f : req.files)
      if (f.field == "evidence") files.push_back({f.path, f.filename});
    auto id = s_.reports.reply(receipt, req.form_value("body"), files, app::Actor{"reporter", req.remote_ip});
    if (!id) {
      if (id.error().code == ErrorCode::not_found) return status_form(req, 404, &id.error());
      return status_view(req, receipt, "", &id.error(), http_status(id.error().code));
    }
    return status_view(req, receipt, std::string(tr(request_lang(req), "reply_sent")));
  }

  // Staff -------------------------------------------------------------------------------

  http::Response login_form(http::Request& req, int status = 200, const Error* err = nullptr) {
    Lang lang = request_lang(req);
    if (!err && session_of(s_, req)) return http::Response::redirect("/staff/cases");
    http::Response res;
    data d;
    d.set("csrf", csrf_for(req, &res));
    d.set("username", req.form_value("username"));
    if (err) {
      data e;
      e.set("message", std::string(tr(lang, err->key())));
      d.set("error", e);
    }
    auto out = html(status, r_.page("staff_login", d, lang, std::string(tr(lang, "login_title"))));
    for (auto& h : res.headers) out.headers.push_back(h);
    return out;
  }

  http::Response login(http::Request& req) {
    require_public_csrf(req);
    auto in = s_.auth.login(req.form_value("username"), req.form_value("password"), req.remote_ip, req.form_value("totp"));
    if (!in) return login_form(req, http_status(in.error().code), &in.error());
    auto r = http::Response::redirect("/staff/cases");
    r.set("Set-Cookie", session_cookie(in->token, s_.ctx.config.limits.session_hours * 3600));
    return r;
  }

  http::Response logout(http::Request& req) {
    if (auto p = session_of(s_, req)) {
      require_csrf(*p, req);
      s_.auth.logout(*p);
    }
    auto r = http::Response::redirect("/staff/login");
    r.set("Set-Cookie", session_cookie("", 0));
    return r;
  }

  // The inbox is the workflow's (workflow_pages.cpp): overdue first, holders, clocks.
  http::Response inbox(http::Request& req) {
    auto p = session_of(s_, req);
    if (!p) return http::Response::redirect("/staff/login");
    return workflow_inbox_page(s_, req, *p);
  }

  http::Response case_page(http::Request& req, const std::string& notice = {}) {
    auto p = session_of(s_, req);
    if (!p) return http::Response::redirect("/staff/login");
    Lang lang = request_lang(req);
    const std::string idv = req.param("id");
    if (idv.empty() || idv.size() > 18 || idv.find_first_not_of("0123456789") != std::string::npos)
      throw ClientError(Error{ErrorCode::not_found, "error.case_not_found", {}, {}});
    auto cd = value_or_throw(s_.cases.get(*p, std::stoll(idv)));
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
    for (const auto& rd : cd.reports) {
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
      reports.push_back(o);
    }
    d.set("reports", reports);
    data ev{data::type::list};
    for (const auto& e : cd.evidence) {
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
    d.set("evidence", ev);
    d.set("messages", message_list(cd.messages, lang));
    d.set("conduct", case_conduct_data(s_, *p, cd, lang));  // issue 4
    if (auto wf = workflow_case_data(s_, req, *p, cd.c.id, lang)) d.set("workflow", *wf);  // issue 3
    return html(200, r_.page("staff_case", d, lang, std::string(tr(lang, "case")) + " " + cd.c.case_number));
  }

  http::Response case_reply(http::Request& req) {
    auto p = require_session(s_, req);
    require_csrf(p, req);
    const std::string idv = req.param("id");
    if (idv.empty() || idv.size() > 18 || idv.find_first_not_of("0123456789") != std::string::npos)
      throw ClientError(Error{ErrorCode::not_found, "error.case_not_found", {}, {}});
    value_or_throw(s_.cases.reply(p, std::stoll(idv), req.form_value("body")));
    return http::Response::redirect("/staff/cases/" + idv + "?sent=1#msgs");
  }

  http::Response evidence(http::Request& req) {
    auto p = require_session(s_, req);
    return evidence_download(s_, req, p, req.query_value("inline") == "1");
  }

 private:
  Services& s_;
  const Renderer& r_;
};

}  // namespace

void add_page_routes(http::Router& router, Services& s) {
  auto pages = std::make_shared<Pages>(s);
  const Renderer& r = s.renderer;
  const http::BodyPolicy form = form_policy();
  http::BodyPolicy upload = evidence_policy(s.ctx.config);
  upload.urlencoded = true;

  router.add("GET", "/", {}, page(r, [pages](http::Request& q) { return pages->home(q); }));
  router.add("GET", "/lapor", {}, page(r, [pages](http::Request& q) { return pages->report_form(q); }));
  router.add("POST", "/lapor", upload, page(r, [pages](http::Request& q) { return pages->report_submit(q); }));
  router.add("GET", "/status", {}, page(r, [pages](http::Request& q) { return pages->status_form(q); }));
  router.add("POST", "/status", form, page(r, [pages](http::Request& q) { return pages->status_check(q); }));
  router.add("POST", "/status/reply", upload, page(r, [pages](http::Request& q) { return pages->status_reply(q); }));
  router.add("GET", "/staff/login", {}, page(r, [pages](http::Request& q) { return pages->login_form(q); }));
  router.add("POST", "/staff/login", form, page(r, [pages](http::Request& q) { return pages->login(q); }));
  router.add("POST", "/staff/logout", form, page(r, [pages](http::Request& q) { return pages->logout(q); }));
  router.add("GET", "/staff", {}, page(r, [](http::Request&) { return http::Response::redirect("/staff/cases"); }));
  router.add("GET", "/staff/cases", {}, page(r, [pages](http::Request& q) { return pages->inbox(q); }));
  router.add("GET", "/staff/cases/{id}", {}, page(r, [pages](http::Request& q) { return pages->case_page(q); }));
  router.add("POST", "/staff/cases/{id}/messages", form, page(r, [pages](http::Request& q) { return pages->case_reply(q); }));
  router.add("GET", "/staff/evidence/{id}", {}, page(r, [pages](http::Request& q) { return pages->evidence(q); }));
}

}  // namespace netral::web
