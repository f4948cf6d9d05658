// The web layer: JSON API handlers (api.cpp) and HTML pages (pages.cpp) over the app services.
#pragma once
#include <memory>

#include "app/auth_service.hpp"
#include "app/case_service.hpp"
#include "app/catalog_service.hpp"
#include "app/rate_limiter.hpp"
#include "app/report_service.hpp"
#include "http/server.hpp"

namespace netral::app {
class WorkflowService;
class ScreeningService;
}

namespace netral::web {

class Renderer;

// Everything the handlers use. Owned by `netral serve`.
struct Services {
  app::Context& ctx;
  app::ReportService& reports;
  app::AuthService& auth;
  app::CaseService& cases;
  app::RateLimiter& public_limit;  // submissions and replies per client IP
  const Renderer& renderer;
  app::WorkflowService* workflow = nullptr;  // the case workflow (issue 3); null in tools without it
  // The catalogue and classifier (issue 4); null when not loaded (catalogue pages answer 503).
  app::CatalogService* catalog = nullptr;
  // Social-media screening (issue 5); null when not set up (its pages answer 503).
  app::ScreeningService* screening = nullptr;
};

std::shared_ptr<http::Router> make_router(Services& s);
http::FaultRenderer make_fault_renderer(const Renderer& renderer);
// Body policies derived from the configuration (upload limits per route).
http::BodyPolicy evidence_policy(const app::Config& c);
// A staff or public form without files (url-encoded, or multipart without file parts).
http::BodyPolicy form_policy(std::size_t max_total_bytes = 256 * 1024);

}  // namespace netral::web
