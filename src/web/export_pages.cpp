// The case export over HTTP: the case file as a ZIP (PDF summary, evidence, manifest,
// SHA256SUMS), audited by app/case_export. One handler answers the page and the API route;
// only how an error is shown differs.
#include "web/export_pages.hpp"

#include "app/case_export.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"

namespace netral::web {
namespace {

http::Response case_export(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  const std::string v = req.param("id");
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    throw ClientError(Error{ErrorCode::not_found, "error.case_not_found", {}, {}});
  app::CaseExportService exports(s.ctx, s.cases);
  auto e = value_or_throw(exports.export_case(p, std::stoll(v)));
  http::Response r;
  r.file = e.zip;
  r.set("Content-Type", "application/zip");
  r.set("Content-Disposition", "attachment; filename=\"" + e.file_name + "\"");
  r.set("X-Manifest-SHA256", e.manifest_sha256);
  secure(r);
  r.set("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

}  // namespace

void add_export_routes(http::Router& router, Services& s) {
  const RouteDef routes[] = {
      {"GET", "/staff/cases/{id}/export", {}, Answer::page, case_export, &app::kCase},
      {"GET", "/api/v1/cases/{id}/export", {}, Answer::api, case_export, &app::kCase},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
