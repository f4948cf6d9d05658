// Social-media screening over HTTP (issue 5, docs/screening.md, docs/api.md): the
// collector push endpoint, the reviewers' queue and the admin pages for elections and
// staff accounts.
#pragma once
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

void add_screening_routes(http::Router& router, Services& s);

}  // namespace netral::web
