// The staff roster of an instansi for its admins (issue 12): a CSV/XLSX upload with every
// bad row listed (app/roster_import.hpp), and a browser of units and staff with a search.
#pragma once
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

void add_roster_routes(http::Router& router, Services& s);

}  // namespace netral::web
