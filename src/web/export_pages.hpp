// Route registration of the case export (export_pages.cpp).
#pragma once
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

// The case file as a ZIP: /staff/cases/{id}/export and /api/v1/cases/{id}/export.
void add_export_routes(http::Router& router, Services& s);

}  // namespace netral::web
