// Route registration shared by the route modules and web.cpp.
#pragma once
#include <span>

#include "app/access.hpp"
#include "app/auth_service.hpp"
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

// Wraps an API handler: typed client errors become JSON errors.
http::Handler api(http::Handler h);
// Wraps a page handler: typed client errors become HTML error pages.
http::Handler page(const Renderer& renderer, http::Handler h);

// One row of a route module's registration table (the pattern of stats_pages.cpp): a
// named handler function, never an inline lambda, with its body policy and whether its
// errors answer as an HTML page or as JSON.
enum class Answer { page, api };
using RouteHandler = http::Response (*)(Services&, http::Request&);
struct RouteDef {
  const char* method;
  const char* pattern;
  http::BodyPolicy body;
  Answer answer;
  RouteHandler handler;
  const app::Gate* gate;  // who may call it (app/access.hpp); the handler asks the same rule
};
// Registers a module's table: each handler wrapped by page() or api().
void add_routes(http::Router& router, Services& s, std::span<const RouteDef> routes);

// The public channel: report form, status and replies, their API, /healthz (public_pages.cpp).
void add_public_routes(http::Router& router, Services& s);
// Staff login and sessions, the case list, the case page, messages, evidence (case_pages.cpp).
void add_case_routes(http::Router& router, Services& s);

}  // namespace netral::web
