// Route registration shared by api.cpp, pages.cpp and web.cpp.
#pragma once
#include <span>

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
};
// Registers a module's table: each handler wrapped by page() or api().
void add_routes(http::Router& router, Services& s, std::span<const RouteDef> routes);

void add_api_routes(http::Router& router, Services& s);
void add_page_routes(http::Router& router, Services& s);

// Serves an evidence file to a staff user (audited); inline only for safe types.
http::Response evidence_download(Services& s, http::Request& req, const app::Principal& p, bool allow_inline);

}  // namespace netral::web
