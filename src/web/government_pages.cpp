#include "web/government_pages.hpp"

#include <kainjow/mustache.hpp>

#include "app/regions.hpp"
#include "core/strings.hpp"
#include "text/data_dir.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;

app::GovernmentAdmin governments_of(Services& s) {
  return app::GovernmentAdmin(s.ctx, text::find_data_dir("netral") / "regions");
}

std::string level_label(const std::string& level, Lang lang) { return std::string(tr(lang, "gov_level_" + level)); }

// The page: the governments served, then the search of the official list. A refused add
// shows it again with the error (and the status of the error).
http::Response list_page(Services& s, http::Request& req, int status = 200, const Error* err = nullptr) {
  auto p = require_session(s, req);
  Lang lang = request_lang(req);
  auto gov = governments_of(s);
  auto served = value_or_throw(gov.list(p));
  data d = staff_frame(p, lang);
  data rows{data::type::list};
  for (const auto& g : served) {
    data o;
    o.set("code", g.instansi.code);
    o.set("name", g.instansi.name);
    o.set("official_name", g.official_name);
    o.set("province", g.province);
    o.set("level", level_label(g.level, lang));
    o.set("disabled", g.instansi.disabled);
    rows.push_back(o);
  }
  d.set("governments", rows);
  d.set("has_governments", !served.empty());
  const std::string q = req.query_value("q").empty() ? req.form_value("q") : req.query_value("q");
  d.set("q", q);
  if (!trim(q).empty()) {
    auto found = value_or_throw(gov.search(p, q));
    data matches{data::type::list};
    for (const auto& m : found) {
      data o;
      o.set("code", m.government.code);
      o.set("name", m.government.name);
      o.set("province", m.province);
      o.set("served", m.served);
      matches.push_back(o);
    }
    d.set("searched", true);
    d.set("matches", matches);
    d.set("no_matches", found.empty());
  }
  if (auto c = req.query_value("added"); !c.empty()) {
    d.set("notice", std::string(tr(lang, "gov_added")) + " " + c);
  } else if (req.query_value("saved") == "1") {
    d.set("notice", std::string(tr(lang, "user_saved")));
  }
  if (err) {
    data e;
    e.set("message", error_message(*err, lang));
    d.set("error", e);
  } else if (auto e = req.query_value("error"); !e.empty() && has_message("error." + e)) {
    data er;
    er.set("message", std::string(tr(lang, "error." + e)));
    d.set("error", er);
  }
  return html(status, s.renderer.page("admin_instansi", d, lang, std::string(tr(lang, "gov_title"))));
}

http::Response governments_page(Services& s, http::Request& req) { return list_page(s, req); }

http::Response add_government(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  auto added = governments_of(s).add(p, req.form_value("code"), req.form_value("name"));
  if (!added) {
    if (added.error().code == ErrorCode::forbidden) throw ClientError(added.error());
    return list_page(s, req, http_status(added.error().code), &added.error());
  }
  return http::Response::redirect("/staff/admin/instansi?added=" + added->code);
}

// Back to the list, with the outcome in the query.
http::Response after(const Result<void>& r) {
  if (!r) {
    if (r.error().code == ErrorCode::forbidden) throw ClientError(r.error());
    if (r.error().code == ErrorCode::unknown_instansi) throw ClientError(Error{ErrorCode::not_found});
    return http::Response::redirect("/staff/admin/instansi?error=" + std::string(r.error().key().substr(6)));
  }
  return http::Response::redirect("/staff/admin/instansi?saved=1");
}

app::Principal checked(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  return p;
}

http::Response rename_government(Services& s, http::Request& req) {
  auto p = checked(s, req);
  return after(governments_of(s).rename(p, req.param("code"), req.form_value("name")));
}

http::Response disable_government(Services& s, http::Request& req) {
  auto p = checked(s, req);
  return after(governments_of(s).set_disabled(p, req.param("code"), true));
}

http::Response enable_government(Services& s, http::Request& req) {
  auto p = checked(s, req);
  return after(governments_of(s).set_disabled(p, req.param("code"), false));
}

}  // namespace

void add_government_routes(http::Router& router, Services& s) {
  const http::BodyPolicy form = form_policy(16 * 1024);
  const RouteDef routes[] = {
      {"GET", "/staff/admin/instansi", {}, Answer::page, governments_page, &app::kGovernments},
      {"POST", "/staff/admin/instansi", form, Answer::page, add_government, &app::kGovernments},
      {"POST", "/staff/admin/instansi/{code}/name", form, Answer::page, rename_government, &app::kGovernments},
      {"POST", "/staff/admin/instansi/{code}/disable", form, Answer::page, disable_government, &app::kGovernments},
      {"POST", "/staff/admin/instansi/{code}/enable", form, Answer::page, enable_government, &app::kGovernments},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
