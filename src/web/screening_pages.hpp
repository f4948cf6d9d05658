// Social-media screening over HTTP (issue 5, docs/screening.md, docs/api.md): the
// collector push endpoint, the reviewers' queue and the admin pages for elections and
// staff accounts.
#pragma once
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

void add_screening_routes(http::Router& router, Services& s);
// The admin pages (screening_admin_pages.cpp): elections (import, page, editor, download,
// removal) and staff accounts (link, import, unlink). add_screening_routes adds them first.
void add_screening_admin_routes(http::Router& router, Services& s);

}  // namespace netral::web
