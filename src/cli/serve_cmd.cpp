// `netral serve`: the web server (public channel, staff pages, JSON API).
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "app/case_service.hpp"
#include "app/election_admin.hpp"
#include "app/flag_cases.hpp"
#include "app/notifier.hpp"
#include "app/report_service.hpp"
#include "app/screener_cache.hpp"
#include "app/screening_accounts.hpp"
#include "app/screening_export.hpp"
#include "app/screening_service.hpp"
#include "app/workflow_service.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "text/data_dir.hpp"
#include "web/render.hpp"
#include "web/web.hpp"

namespace netral::cli {
namespace {

struct ServeOptions {
  DeploymentOptions deployment;
  std::string listen;
  bool routes = false;
};

std::pair<std::string, unsigned short> split_listen(const std::string& s) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  std::string host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = std::stoi(s.substr(colon + 1));
  if (port < 0 || port > 65535) throw std::runtime_error("--listen: port out of range");
  return {host, static_cast<unsigned short>(port)};
}

int serve(const ServeOptions& o) {
  // One database connection per worker thread: handlers block on the database.
  auto d = open_deployment(o.deployment, -1);
  const auto& cfg = d.config;
  app::ReportService reports(*d.ctx);
  app::AuthService auth(*d.ctx);
  app::CaseService cases(*d.ctx);
  app::RateLimiter public_limit(cfg.limits.reports_per_minute, std::chrono::minutes(1));
  web::Renderer renderer;
  // The catalogue and classifier, loaded and validated once (issue 4): a broken catalogue
  // stops the start with every problem named.
  auto catalog = app::CatalogService::open(*d.ctx, text::find_data_dir("netral") / "catalog", d.data_dir);
  if (!catalog) throw std::runtime_error("catalogue: " + catalog.error().detail);
  // The case workflow (issue 3): clocks and calendar from the data directory; cases stored
  // without it (demo, imports) are set up first; overdue cases escalate every few minutes.
  auto workflow = app::WorkflowService::create(*d.ctx, reports, text::find_data_dir("netral"));
  if (!workflow) throw std::runtime_error("workflow: " + workflow.error().detail);
  // Findings are made against the catalogue in force, adopted circulars included.
  (*workflow)->follow_catalog([c = catalog->get()] { return c->catalog(); });
  // Social-media screening (issue 5): party list and cues from the data directory.
  // Elections, account links and batches share the compiled screener.
  auto screeners = app::ScreenerCache::create(*d.ctx, text::find_data_dir("netral"));
  if (!screeners) throw std::runtime_error("screening: " + screeners.error().detail);
  (*screeners)->keep_compiled_in(d.data_dir / "cache" / "screen");
  app::ScreeningService screening(*d.ctx, **screeners);
  app::ElectionAdmin elections(*d.ctx, **screeners);
  app::ScreeningAccounts screening_accounts(*d.ctx, **screeners);
  app::FlagCases flag_cases(*d.ctx, reports, screening);
  app::ScreeningExport screening_export(*d.ctx);
  web::Services services{*d.ctx,     reports,   auth,      cases,     public_limit,       renderer,  **workflow,
                         **catalog,  screening, elections, screening_accounts, flag_cases, screening_export};
  auto router = web::make_router(services);
  if (o.routes) {
    // The route table, nothing served and nothing written.
    for (const auto& r : router->list())
      std::printf("%s\t%s\t%s\t%s\n", r.method.c_str(), r.pattern.c_str(), http::describe(r.body).c_str(), r.access.c_str());
    return 0;
  }
  while ((*workflow)->set_up_missing(1000) > 0) {
  }
  auto mailer = app::make_smtp_mailer(cfg.smtp);
  std::jthread escalator([&](std::stop_token stop) {
    std::mutex m;
    std::condition_variable_any cv;
    while (!stop.stop_requested()) {
      try {
        auto r = (*workflow)->escalate(mailer.get());
        if (r.deadlines > 0) spdlog::info("escalated {} overdue deadlines, {} e-mails", r.deadlines, r.mails);
      } catch (const std::exception& e) {
        spdlog::warn("escalation failed: {}", e.what());
      }
      std::unique_lock lock(m);
      cv.wait_for(lock, stop, std::chrono::minutes(5), [] { return false; });
    }
  });

  http::ServerOptions so;
  auto [host, port] = split_listen(!o.listen.empty() ? o.listen : cfg.http.listen);
  so.host = host;
  so.port = port;
  so.io_threads = std::max(1, cfg.http.io_threads);
  so.worker_threads = std::max(1, cfg.http.worker_threads);
  so.header_timeout = std::chrono::seconds(cfg.http.header_timeout);
  so.body_timeout = std::chrono::seconds(cfg.http.body_timeout);
  so.max_header_bytes = static_cast<std::size_t>(cfg.http.max_header_bytes);
  so.upload_dir = d.blobs->temp_dir();
  so.secret_path_prefixes = {"/api/v1/receipts/"};
  auto server = http::make_server(so, router, web::make_fault_renderer(renderer));
  unsigned short bound = server->bind();
  std::printf("netral: listening on http://%s:%u\n", host.find(':') != std::string::npos ? ("[" + host + "]").c_str() : host.c_str(), bound);
  std::fflush(stdout);
  spdlog::info("serving {} with database {}", d.data_dir.string(),
               d.store->backend() == store::Backend::sqlite ? "SQLite" : "PostgreSQL");
  server->run();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

void register_serve(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();  // owned by the callbacks, hence by the CLI::App
  auto* cmd = app.add_subcommand("serve", "Run the web server: public reporting channel, staff pages and JSON API");
  add_deployment_options(cmd, o->deployment);
  cmd->add_option("--listen", o->listen, "Address to listen on, HOST:PORT (default 127.0.0.1:8080; port 0 picks a free one)");
  cmd->add_flag("--routes", o->routes,
                "Print every route (method, path, body it accepts, who may call it) as tab-separated lines and exit without serving");
  cmd->callback([o] { std::exit(serve(*o)); });
}

}  // namespace netral::cli
