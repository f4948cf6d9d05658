// Route registration of the users area (user_pages.cpp).
#pragma once
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

// Users (/staff/admin/users, /api/v1/users), password reset, TOTP enrolment.
void add_user_routes(http::Router& router, Services& s);

}  // namespace netral::web
