// Route registration shared by api.cpp, pages.cpp and web.cpp.
#pragma once
#include "app/auth_service.hpp"
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

// Wraps an API handler: typed client errors become JSON errors.
http::Handler api(http::Handler h);
// Wraps a page handler: typed client errors become HTML error pages.
http::Handler page(const Renderer& renderer, http::Handler h);

void add_api_routes(http::Router& router, Services& s);
void add_page_routes(http::Router& router, Services& s);

// Serves an evidence file to a staff user (audited); inline only for safe types.
http::Response evidence_download(Services& s, http::Request& req, const app::Principal& p, bool allow_inline);

}  // namespace netral::web
