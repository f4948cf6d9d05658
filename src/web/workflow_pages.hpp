// The case workflow on the web (docs/workflow.md): the timeline, deadlines and the forms
// of the actions this user may take on the staff case page; the inbox with overdue cases
// first and who holds each; notifications; and the JSON API (/api/v1/cases/{id}/workflow,
// /api/v1/cases/{id}/transitions). Staff intake is intake_pages.hpp.
#pragma once
#include <optional>
#include <string>

#include "http/server.hpp"
#include "web/render.hpp"
#include "web/web.hpp"

namespace netral::web {

void add_workflow_routes(http::Router& router, Services& s);

// Hooks for pages.cpp: the data of the workflow section of the case page (the
// workflow_case partial; nullopt when the user may not see the case's workflow), and the
// whole inbox page.
std::optional<Data> workflow_case_data(Services& s, const http::Request& req, const app::Principal& p, Id case_id,
                                       Lang lang);
http::Response workflow_inbox_page(Services& s, const http::Request& req, const app::Principal& p);

}  // namespace netral::web
