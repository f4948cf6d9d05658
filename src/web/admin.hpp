// Route registration of the administration features (admin_pages.cpp, case_export pages).
#pragma once
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

// Users (/staff/admin/users, /api/v1/users), password reset, TOTP enrolment.
void add_admin_routes(http::Router& router, Services& s);

}  // namespace netral::web
