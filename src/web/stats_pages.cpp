#include "web/stats_pages.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "app/catalog_service.hpp"
#include "app/statistics.hpp"
#include "web/catalog_pages.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;
using nlohmann::json;

// The conduct's short name in the reader's language; the id without a catalogue.
std::string conduct_label(const text::Catalog* cat, const std::string& id, Lang lang) {
  return cat ? conduct_name(*cat, id, lang) : id;
}

std::string percent(long long n, long long of) {
  if (of <= 0) return "–";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(n) / static_cast<double>(of));
  return buf;
}

// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

http::Response stats_page(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  Lang lang = request_lang(req);
  auto st = value_or_throw(app::statistics(s.ctx, p));
  const auto cat = s.catalog.catalog();
  data d = staff_frame(p, lang);
  d.set("instansi_name", p.instansi.name);
  d.set("total", std::to_string(st.total));
  d.set("merged", std::to_string(st.merged));
  data statuses{data::type::list};
  for (const auto& [status, n] : st.by_status) {
    data o;
    o.set("code", std::string(to_string(status)));
    o.set("label", std::string(status_label(status, lang)));
    o.set("n", std::to_string(n));
    o.set("share", percent(n, st.total));
    statuses.push_back(o);
  }
  d.set("statuses", statuses);
  data conducts{data::type::list};
  for (const auto& [id, n] : st.by_conduct) {
    data o;
    o.set("code", id);
    o.set("label", conduct_label(cat.get(), id, lang));
    o.set("n", std::to_string(n));
    o.set("share", percent(n, st.confirmed_cases));
    conducts.push_back(o);
  }
  d.set("conducts", conducts);
  d.set("has_conducts", !st.by_conduct.empty());
  d.set("confirmed", std::to_string(st.confirmed_cases));
  d.set("unconfirmed", std::to_string(st.total - st.confirmed_cases));
  return html(200, s.renderer.page("stats", d, lang, std::string(tr(lang, "stats_title"))));
}

http::Response stats_csv(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  Lang lang = request_lang(req);
  auto st = value_or_throw(app::statistics(s.ctx, p));
  const auto cat = s.catalog.catalog();
  std::string out = "\xEF\xBB\xBF";  // a BOM, so that spreadsheet programs read UTF-8
  out += std::string(tr(lang, "stats_csv_header")) + "\r\n";
  for (const auto& [status, n] : st.by_status)
    out += "status," + std::string(to_string(status)) + "," + csv_field(std::string(status_label(status, lang))) + "," +
           std::to_string(n) + "\r\n";
  out += "status,total," + csv_field(std::string(tr(lang, "stats_total"))) + "," + std::to_string(st.total) + "\r\n";
  out += "status,merged," + csv_field(std::string(tr(lang, "stats_merged"))) + "," + std::to_string(st.merged) + "\r\n";
  for (const auto& [id, n] : st.by_conduct)
    out += "conduct," + id + "," + csv_field(conduct_label(cat.get(), id, lang)) + "," + std::to_string(n) + "\r\n";
  out += "conduct,confirmed_cases," + csv_field(std::string(tr(lang, "stats_confirmed_cases"))) + "," +
         std::to_string(st.confirmed_cases) + "\r\n";
  auto r = http::Response::text(200, std::move(out), "text/csv; charset=utf-8");
  r.set("Content-Disposition", "attachment; filename=\"statistik-" + p.instansi.code + ".csv\"");
  secure(r);
  return r;
}

http::Response stats_api(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  Lang lang = request_lang(req);
  auto st = value_or_throw(app::statistics(s.ctx, p));
  const auto cat = s.catalog.catalog();
  json j = {{"instansi", p.instansi.code},
            {"total", st.total},
            {"merged", st.merged},
            {"confirmed_cases", st.confirmed_cases}};
  j["by_status"] = json::array();
  for (const auto& [status, n] : st.by_status)
    j["by_status"].push_back({{"status", std::string(to_string(status))}, {"count", n}});
  j["by_conduct"] = json::array();
  for (const auto& [id, n] : st.by_conduct)
    j["by_conduct"].push_back({{"conduct", id}, {"name", conduct_label(cat.get(), id, lang)}, {"count", n}});
  return json_response(200, j.dump());
}

}  // namespace

void add_stats_routes(http::Router& router, Services& s) {
  const RouteDef routes[] = {
      {"GET", "/staff/stats", {}, Answer::page, stats_page, &app::kCaseReaders},
      {"GET", "/staff/stats.csv", {}, Answer::page, stats_csv, &app::kCaseReaders},
      {"GET", "/api/v1/stats", {}, Answer::api, stats_api, &app::kCaseReaders},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
