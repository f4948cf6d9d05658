// Staff intake (docs/workflow.md): a report received on paper, in person or from another
// body is entered by staff as a case (/staff/intake, POST /api/v1/intake).
#pragma once
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

void add_intake_routes(http::Router& router, Services& s);

}  // namespace netral::web
