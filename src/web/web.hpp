// The web layer: one route module per area (public, cases, workflow, intake, catalogue,
// users, export, screening, screening admin, statistics) over the app services.
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
class ElectionAdmin;
class ScreeningAccounts;
class FlagCases;
class ScreeningExport;
}

namespace netral::web {

class Renderer;

// Everything the handlers use. Owned by `netral serve`, which sets up every service before
// it serves: a handler never checks whether one is there.
struct Services {
  app::Context& ctx;
  app::ReportService& reports;
  app::AuthService& auth;
  app::CaseService& cases;
  app::RateLimiter& public_limit;  // submissions and replies per client IP
  const Renderer& renderer;
  app::WorkflowService& workflow;    // the case workflow (issue 3)
  app::CatalogService& catalog;      // the catalogue and classifier (issue 4)
  // Social-media screening (issue 5): batches and the review queue, elections, linked
  // staff accounts, cases opened from flags, the labelled data.
  app::ScreeningService& screening;
  app::ElectionAdmin& elections;
  app::ScreeningAccounts& screening_accounts;
  app::FlagCases& flag_cases;
  app::ScreeningExport& screening_export;
};

std::shared_ptr<http::Router> make_router(Services& s);
http::FaultRenderer make_fault_renderer(const Renderer& renderer);
// Body policies derived from the configuration (upload limits per route).
http::BodyPolicy evidence_policy(const app::Config& c);
// A JSON body (API writes): at most http.max_json_bytes, for every JSON route alike.
http::BodyPolicy json_policy(const app::Config& c);
// A staff or public form without files (url-encoded, or multipart without file parts).
http::BodyPolicy form_policy(std::size_t max_total_bytes = 256 * 1024);

}  // namespace netral::web
