#include "web/web.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "web/catalog_pages.hpp"
#include "web/common.hpp"
#include "web/export_pages.hpp"
#include "web/government_pages.hpp"
#include "web/handlers.hpp"
#include "web/intake_pages.hpp"
#include "web/render.hpp"
#include "web/roster_pages.hpp"
#include "web/screening_pages.hpp"
#include "web/stats_pages.hpp"
#include "web/user_pages.hpp"
#include "web/workflow_pages.hpp"

namespace netral::web {
namespace {

bool wants_json(const http::Request& req) {
  return req.path.starts_with("/api/") || req.path == "/healthz";
}

http::Response html_error(const Renderer& renderer, const http::Request& req, const Error& e) {
  const int status = http_status(e.code);
  Lang lang = request_lang(req);
  Data d;
  d.set("heading", std::string(tr(lang, "error_title")));
  d.set("message", error_message(e, lang));
  d.set("back", req.path.starts_with("/staff") ? "/staff/cases" : "/");
  std::string body;
  try {
    body = renderer.page("error", d, lang, std::string(tr(lang, "error_title")));
  } catch (const std::exception&) {
    body = "<!doctype html><title>Error</title><p>" + std::to_string(status);
  }
  auto r = http::Response::text(status, std::move(body), "text/html; charset=utf-8");
  secure(r);
  if (status == 401 && req.path.starts_with("/staff")) {
    // A page whose session expired: send the officer to the login form.
    r = http::Response::redirect("/staff/login");
  }
  if (status == 429) r.set("Retry-After", "60");
  return r;
}

// Remembers an explicit ?lang= choice in a cookie.
void remember_lang(const http::Request& req, http::Response& r) {
  std::string q = req.query_value("lang");
  if (q == "en" || q == "id") r.headers.emplace_back("Set-Cookie", "lang=" + q + "; Path=/; SameSite=Lax; Max-Age=31536000");
}

// Behind a TLS-terminating proxy (X-Forwarded-Proto: https) every cookie is Secure.
void secure_cookies(const http::Request& req, http::Response& r) {
  if (req.header("x-forwarded-proto") != "https") return;
  for (auto& [name, value] : r.headers)
    if (name == "Set-Cookie" && !value.ends_with("; Secure")) value += "; Secure";
}

}  // namespace

http::BodyPolicy evidence_policy(const app::Config& c) {
  http::BodyPolicy p;
  p.multipart = true;
  p.max_files = static_cast<std::size_t>(c.evidence.max_files);
  p.max_file_bytes = c.evidence.max_file_bytes;
  // Room for the text parts and multipart framing beside the files.
  p.max_total_bytes = c.evidence.max_report_bytes + 1024 * 1024;
  p.max_json_bytes = static_cast<std::size_t>(c.http.max_json_bytes);
  p.max_field_bytes = static_cast<std::size_t>(c.http.max_json_bytes);
  return p;
}

http::BodyPolicy json_policy(const app::Config& c) {
  http::BodyPolicy p;
  p.json = true;
  p.max_json_bytes = static_cast<std::size_t>(c.http.max_json_bytes);
  return p;
}

http::BodyPolicy form_policy(std::size_t max_total_bytes) {
  http::BodyPolicy p;
  p.urlencoded = true;
  p.multipart = true;
  p.max_files = 0;
  p.max_json_bytes = 64 * 1024;
  p.max_total_bytes = max_total_bytes;
  return p;
}

http::Handler api(http::Handler h) {
  return [h = std::move(h)](http::Request& req) {
    http::Response r;
    try {
      r = h(req);
    } catch (const ClientError& e) {
      r = json_error(req, e.error);
    }
    secure_cookies(req, r);
    return r;
  };
}

http::Handler page(const Renderer& renderer, http::Handler h) {
  return [&renderer, h = std::move(h)](http::Request& req) {
    http::Response r;
    try {
      r = h(req);
    } catch (const ClientError& e) {
      r = html_error(renderer, req, e.error);
    }
    remember_lang(req, r);
    secure_cookies(req, r);
    return r;
  };
}

void add_routes(http::Router& router, Services& s, std::span<const RouteDef> routes) {
  for (const auto& r : routes) {
    if (!r.gate) throw std::logic_error(std::string("route without a gate: ") + r.method + " " + r.pattern);
    http::Handler h = [&s, f = r.handler](http::Request& req) { return f(s, req); };
    router.add(r.method, r.pattern, r.body, r.answer == Answer::page ? page(s.renderer, std::move(h)) : api(std::move(h)),
               app::describe(*r.gate));
  }
}

http::FaultRenderer make_fault_renderer(const Renderer& renderer) {
  return [&renderer](const http::Request& req, std::optional<ErrorCode> fault) {
    const Error e{fault.value_or(ErrorCode::internal)};
    if (wants_json(req) || req.path.empty()) return json_error(req, e);
    return html_error(renderer, req, e);
  };
}

std::shared_ptr<http::Router> make_router(Services& s) {
  auto router = std::make_shared<http::Router>();
  add_public_routes(*router, s);
  add_case_routes(*router, s);
  add_workflow_routes(*router, s);
  add_intake_routes(*router, s);
  add_catalog_routes(*router, s);
  add_user_routes(*router, s);
  add_export_routes(*router, s);
  add_screening_routes(*router, s);
  add_stats_routes(*router, s);
  add_government_routes(*router, s);
  add_roster_routes(*router, s);
  router->add("GET", "/static/{name}", {}, [](http::Request& req) {
    const auto& assets = embedded_assets();
    const std::string name = req.param("name");
    auto it = assets.find(name);
    if (it == assets.end() || name.ends_with(".mustache")) {
      auto r = http::Response::text(404, "not found", "text/plain; charset=utf-8");
      secure(r);
      return r;
    }
    std::string type = name.ends_with(".css") ? "text/css; charset=utf-8"
                       : name.ends_with(".js") ? "text/javascript; charset=utf-8"
                       : name.ends_with(".svg") ? "image/svg+xml"
                                                : "application/octet-stream";
    auto r = http::Response::text(200, std::string(it->second), type);
    secure(r, true);
    return r;
  });
  return router;
}

}  // namespace netral::web
