// The deployment's regional governments for superadmins (/staff/admin/instansi): the ones
// served, a search of the official list with an add button per match, rename, disable and
// enable (app::GovernmentAdmin). Plain forms: everything works without JavaScript.
#pragma once
#include "http/server.hpp"
#include "web/web.hpp"

namespace netral::web {

void add_government_routes(http::Router& router, Services& s);

}  // namespace netral::web
