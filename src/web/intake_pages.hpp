// Staff intake (docs/workflow.md): a report received on paper, in person or from another
// body is entered by staff as a case (/staff/intake, POST /api/v1/intake).
#pragma once
#include "app/workflow_service.hpp"
#include "http/server.hpp"
#include "web/common.hpp"
#include "web/web.hpp"

namespace netral::web {

void add_intake_routes(http::Router& router, Services& s);

// A staff intake from form or JSON fields (fields_of_json): one reading for the page and
// the API, every field by name. Throws ClientError invalid_field (channel) for a channel
// that is not one; whether a staff intake may use it is WorkflowService::intake's rule.
app::StaffIntake intake_from(const Fields& f);

}  // namespace netral::web
