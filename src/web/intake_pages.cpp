// Staff intake: see intake_pages.hpp.
#include "web/intake_pages.hpp"

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "app/workflow_service.hpp"
#include "core/identifiers.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"

namespace netral::web {

app::StaffIntake intake_from(const Fields& f) {
  app::StaffIntake in;
  auto ch = channel_from_string(field_value(f, "channel"));
  if (!ch) throw ClientError(Error{ErrorCode::invalid_field, {}, "channel", {}});
  in.report.channel = *ch;
  in.external_ref = field_value(f, "external_ref");
  in.report.reported.name = field_value(f, "reported_name");
  in.report.reported.nip = field_value(f, "reported_nip");
  in.report.reported.unit = field_value(f, "reported_unit");
  in.report.reported.position = field_value(f, "reported_position");
  in.report.description = field_value(f, "description");
  in.report.incident_date = field_value(f, "incident_date");
  in.report.learned_date = field_value(f, "learned_date");
  in.report.incident_place = field_value(f, "incident_place");
  in.report.reporter.name = field_value(f, "reporter_name");
  in.report.reporter.phone = field_value(f, "reporter_phone");
  in.report.reporter.email = field_value(f, "reporter_email");
  return in;
}

namespace {

using kainjow::mustache::data;
using json = nlohmann::json;

// The channels a staff intake comes through, in the order the form offers them.
constexpr Channel kIntakeChannels[] = {Channel::walk_in, Channel::agency_finding, Channel::bawaslu, Channel::bkn};

data intake_channel_options(Lang lang) {
  data ch{data::type::list};
  for (Channel c : kIntakeChannels) {
    data o;
    o.set("id", std::string(to_string(c)));
    o.set("label", std::string(tr(lang, "channel_" + std::string(to_string(c)))));
    ch.push_back(o);
  }
  return ch;
}

std::string error_text(const Error& e, Lang lang) {
  std::string s = error_message(e, lang);
  if (!e.field.empty()) s += " (" + label_or_key(lang, "field_" + e.field, e.field) + ")";
  return s;
}

http::Response intake_page(Services& s, http::Request& req) {
  auto p = session_of(s, req);
  if (!p) return http::Response::redirect("/staff/login");
  Lang lang = request_lang(req);
  data d = staff_frame(*p, lang);
  d.set("channels", intake_channel_options(lang));
  if (!app::takes_intake(p->user.role))
    throw ClientError(Error{ErrorCode::forbidden, "error.action_forbidden", {}, {}});
  return html(200, s.renderer.page("workflow_intake", d, lang, std::string(tr(lang, "wf_new_intake"))));
}

// The form again with the error, or with the new case (and a walk-in's receipt).
http::Response intake_submit(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  Lang lang = request_lang(req);
  const app::StaffIntake in = intake_from(req.form);
  std::vector<app::NewFile> files;
  for (const auto& f : req.files)
    if (f.field == "evidence") files.push_back({f.path, f.filename});
  auto done = s.workflow.intake(p, in, files);
  data d = staff_frame(p, lang);
  d.set("channels", intake_channel_options(lang));
  int status = 200;
  if (!done) {
    status = http_status(done.error().code);
    data e;
    e.set("message", error_text(done.error(), lang));
    d.set("error", e);
  } else {
    data ok;
    if (in.report.channel == Channel::walk_in) ok.set("receipt", done->receipt);  // only a walk-in reporter takes one home
    ok.set("case_id", std::to_string(done->case_id));
    ok.set("case_number", done->case_number);
    d.set("done", ok);
  }
  return html(status, s.renderer.page("workflow_intake", d, lang, std::string(tr(lang, "wf_new_intake"))));
}

http::Response intake_api(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  const app::StaffIntake in = intake_from(fields_of_json(req));
  auto done = value_or_throw(s.workflow.intake(p, in, {}));
  json out = {{"case_id", done.case_id}, {"case_number", done.case_number}};
  if (in.report.channel == Channel::walk_in) out["receipt"] = done.receipt;
  return json_response(201, out.dump());
}

// The page's evidence files under the evidence limits, its text fields url-encoded too.
http::BodyPolicy intake_upload_policy(const app::Config& c) {
  http::BodyPolicy p = evidence_policy(c);
  p.urlencoded = true;
  return p;
}

}  // namespace

void add_intake_routes(http::Router& router, Services& s) {
  const RouteDef routes[] = {
      {"GET", "/staff/intake", {}, Answer::page, intake_page, &app::kIntake},
      {"POST", "/staff/intake", intake_upload_policy(s.ctx.config), Answer::page, intake_submit, &app::kIntake},
      {"POST", "/api/v1/intake", json_policy(s.ctx.config), Answer::api, intake_api, &app::kIntake},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
