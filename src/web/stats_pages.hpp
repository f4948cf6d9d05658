// Case statistics for an instansi (/staff/stats, its CSV, GET /api/v1/stats): cases per
// workflow state and the conduct categories staff confirmed (app/statistics.hpp).
#pragma once
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

void add_stats_routes(http::Router& router, Services& s);

}  // namespace netral::web
