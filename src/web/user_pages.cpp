// Users over HTTP (issue 3): user management pages under /staff/admin/users and their JSON
// API under /api/v1/users, the public password reset page /staff/reset, and TOTP enrolment
// at /staff/account/totp. Rules live in app/user_admin; this file parses and shapes.
// docs/administration.md describes the flows.
#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "app/user_admin.hpp"
#include "web/user_pages.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"

namespace netral::web {
namespace {

using json = nlohmann::json;
using kainjow::mustache::data;

Id id_of(const http::Request& req) {
  const std::string v = req.param("id");
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    throw ClientError(Error{ErrorCode::not_found, "error.user_not_found", {}, {}});
  return std::stoll(v);
}

// The double-submit token of the public reset form (as in pages.cpp).
std::string public_csrf(const http::Request& req, http::Response& res) {
  std::string t = req.cookie(kCsrfCookie);
  if (t.size() < 20 || t.size() > 64) {
    t = app::Secrets::random_token(24);
    res.headers.emplace_back("Set-Cookie", std::string(kCsrfCookie) + "=" + t + "; Path=/; HttpOnly; SameSite=Strict");
  }
  return t;
}

Role role_or_throw(const std::string& v) {
  auto r = role_from_string(v);
  if (!r) throw ClientError(Error{ErrorCode::unknown_role, {}, "role", {}});
  return *r;
}

std::string text_or_throw(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) throw ClientError(Error{ErrorCode::invalid_field, "error.wrong_type", key, {}});
  return it->get<std::string>();
}

json parse_object(const std::string& body) {
  auto j = json::parse(body, nullptr, false);
  if (j.is_discarded()) throw ClientError(Error{ErrorCode::malformed_json});
  if (!j.is_object()) throw ClientError(Error{ErrorCode::invalid_field, "error.wrong_type", "", "top level must be an object"});
  return j;
}

json user_json(const app::UserView& v) {
  return {{"id", v.user.id},
          {"username", v.user.username},
          {"display_name", v.user.display_name},
          {"role", std::string(to_string(v.user.role))},
          {"unit", v.unit_code.empty() ? json(nullptr) : json(v.unit_code)},
          {"unit_id", v.user.unit_id ? json(*v.user.unit_id) : json(nullptr)},
          {"liaison_body", v.user.role == Role::liaison ? json(v.user.liaison_body) : json(nullptr)},
          {"disabled", v.user.disabled},
          {"totp", v.totp},
          {"created_at", format_iso_time(v.user.created_at)}};
}

// Stateless but for the context it holds: one per request costs nothing.
app::UserAdminService users_of(Services& s) { return app::UserAdminService(s.ctx); }

// A unit given by code ("DISDIK") or id; empty means none.
std::optional<Id> unit_from(Services& s, const app::Principal& p, const std::string& v) {
  if (v.empty()) return std::nullopt;
  for (const auto& u : users_of(s).units(p))
    if (u.code == v || std::to_string(u.id) == v) return u.id;
  throw ClientError(Error{ErrorCode::unknown_unit, {}, "unit", {}});
}

// The national bodies a liaison may answer for ("" = both).
data body_options(Lang lang, const std::string& current) {
  data list{data::type::list};
  for (std::string b : {"", "bawaslu", "bkn"}) {
    data o;
    o.set("code", b);
    o.set("label", std::string(tr(lang, "liaison_body_" + (b.empty() ? std::string("both") : b))));
    o.set("selected", b == current);
    list.push_back(o);
  }
  return list;
}

// The roles the admin may give (app::may_grant_role), the current one checked.
data role_options(Lang lang, Role admin, Role current) {
  data list{data::type::list};
  for (Role r : all_roles()) {
    if (!app::may_grant_role(admin, r)) continue;
    data o;
    o.set("code", std::string(to_string(r)));
    o.set("label", std::string(tr(lang, "role_" + std::string(to_string(r)))));
    o.set("selected", r == current);
    list.push_back(o);
  }
  return list;
}

data unit_options(Services& s, const app::Principal& p, std::optional<Id> current) {
  data list{data::type::list};
  for (const auto& u : users_of(s).units(p)) {
    data o;
    o.set("code", u.code);
    o.set("name", u.name);
    o.set("selected", current && *current == u.id);
    list.push_back(o);
  }
  return list;
}

data user_data(const app::UserView& v, Lang lang) {
  data o;
  o.set("id", std::to_string(v.user.id));
  o.set("username", v.user.username);
  o.set("display_name", v.user.display_name);
  o.set("role_label", std::string(tr(lang, "role_" + std::string(to_string(v.user.role)))));
  o.set("unit_name", v.unit_name);
  if (v.user.role == Role::liaison)
    o.set("liaison_body_label", std::string(tr(lang, "liaison_body_" + (v.user.liaison_body.empty() ? std::string("both") : v.user.liaison_body))));
  o.set("disabled", v.user.disabled);
  o.set("totp", v.totp);
  return o;
}

// ---- pages ----------------------------------------------------------------------------

// The list with the create form; a refused create shows it again with the error and the input.
http::Response list_page(Services& s, http::Request& req, int status = 200, const Error* err = nullptr) {
  auto p = require_session(s, req);
  Lang lang = request_lang(req);
  auto list = value_or_throw(users_of(s).list(p));
  data d = staff_frame(p, lang);
  d.set("instansi_name", p.instansi.name);
  data items{data::type::list};
  for (const auto& v : list) items.push_back(user_data(v, lang));
  d.set("users", items);
  d.set("roles", role_options(lang, p.user.role, role_from_string(req.form_value("role")).value_or(Role::verifier)));
  d.set("units", unit_options(s, p, std::nullopt));
  d.set("bodies", body_options(lang, req.form_value("liaison_body")));
  data v;
  v.set("username", req.form_value("username"));
  v.set("display_name", req.form_value("display_name"));
  d.set("v", v);
  if (err) {
    data e;
    e.set("message", error_message(*err, lang));
    d.set("error", e);
  }
  return html(status, s.renderer.page("admin_users", d, lang, std::string(tr(lang, "users_title"))));
}

http::Response users_page(Services& s, http::Request& req) { return list_page(s, req); }

http::Response code_page(Services& s, const app::Principal& p, Lang lang, const std::string& username,
                         const app::IssuedCode& c) {
  data d = staff_frame(p, lang);
  d.set("username", username);
  d.set("code", c.code);
  d.set("expires", format_time(c.expires_at, lang));
  return html(200, s.renderer.page("admin_code", d, lang, std::string(tr(lang, "code_title"))));
}

http::Response create_user(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  Lang lang = request_lang(req);
  app::UserAdminService::NewStaff in;
  in.username = req.form_value("username");
  in.display_name = req.form_value("display_name");
  try {
    in.role = role_or_throw(req.form_value("role"));
    in.unit_id = unit_from(s, p, req.form_value("unit"));
  } catch (const ClientError& e) {
    if (!app::manages_users(p.user.role)) throw;
    return list_page(s, req, e.status(), &e.error);
  }
  in.liaison_body = req.form_value("liaison_body");
  auto made = users_of(s).create(p, in);
  if (!made) {
    if (made.error().code == ErrorCode::forbidden) throw ClientError(made.error());
    return list_page(s, req, http_status(made.error().code), &made.error());
  }
  return code_page(s, p, lang, in.username, made->reset);
}

http::Response user_page(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  Lang lang = request_lang(req);
  auto v = value_or_throw(users_of(s).get(p, id_of(req)));
  data d = staff_frame(p, lang);
  d.set("u", user_data(v, lang));
  d.set("roles", role_options(lang, p.user.role, v.user.role));
  d.set("units", unit_options(s, p, v.user.unit_id));
  d.set("bodies", body_options(lang, v.user.liaison_body));
  d.set("self", v.user.id == p.user.id);
  if (req.query_value("saved") == "1") d.set("notice", std::string(tr(lang, "user_saved")));
  if (auto e = req.query_value("error"); !e.empty() && has_message("error." + e)) {
    data err;
    err.set("message", std::string(tr(lang, "error." + e)));
    d.set("error", err);
  }
  return html(200, s.renderer.page("admin_user", d, lang, v.user.username));
}

// Back to the user's page, with the outcome in the query.
http::Response after(Id id, const Result<void>& r) {
  const std::string ids = std::to_string(id);
  if (!r) {
    if (r.error().code == ErrorCode::forbidden || r.error().code == ErrorCode::not_found) throw ClientError(r.error());
    return http::Response::redirect("/staff/admin/users/" + ids + "?error=" + std::string(r.error().key().substr(6)));
  }
  return http::Response::redirect("/staff/admin/users/" + ids + "?saved=1");
}

// The form posts of a user's page, each checked for its session and CSRF token first.
struct UserAction {
  app::Principal p;
  Id id;
};
UserAction user_action(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  return {std::move(p), id_of(req)};
}

http::Response disable_user(Services& s, http::Request& req) {
  auto [p, id] = user_action(s, req);
  return after(id, users_of(s).set_disabled(p, id, true));
}

http::Response enable_user(Services& s, http::Request& req) {
  auto [p, id] = user_action(s, req);
  return after(id, users_of(s).set_disabled(p, id, false));
}

http::Response clear_user_totp(Services& s, http::Request& req) {
  auto [p, id] = user_action(s, req);
  return after(id, users_of(s).clear_totp(p, id));
}

http::Response assign_user(Services& s, http::Request& req) {
  auto [p, id] = user_action(s, req);
  auto role = role_from_string(req.form_value("role"));
  if (!role) return after(id, fail(ErrorCode::unknown_role));
  std::optional<Id> unit;
  try {
    unit = unit_from(s, p, req.form_value("unit"));
  } catch (const ClientError& e) {
    if (!app::manages_users(p.user.role)) throw ClientError(Error{ErrorCode::forbidden});
    return after(id, std::unexpected(e.error));
  }
  return after(id, users_of(s).assign(p, id, *role, unit, req.form_value("liaison_body")));
}

http::Response reset_user(Services& s, http::Request& req) {
  auto [p, id] = user_action(s, req);
  auto users = users_of(s);
  auto v = value_or_throw(users.get(p, id));
  auto code = users.issue_reset(p, id);
  if (!code) return after(id, std::unexpected(code.error()));
  return code_page(s, p, request_lang(req), v.user.username, *code);
}

http::Response reset_form(Services& s, http::Request& req, int status = 200, const Error* err = nullptr,
                          bool done = false) {
  Lang lang = request_lang(req);
  http::Response res;
  data d;
  d.set("csrf", public_csrf(req, res));
  d.set("code", done ? std::string() : req.form_value("code").empty() ? req.query_value("code") : req.form_value("code"));
  if (done) d.set("done", true);
  if (err) {
    data e;
    e.set("message", error_message(*err, lang));
    d.set("error", e);
  }
  auto out = html(status, s.renderer.page("staff_reset", d, lang, std::string(tr(lang, "reset_title"))));
  for (auto& h : res.headers) out.headers.push_back(h);
  return out;
}

http::Response reset_page(Services& s, http::Request& req) { return reset_form(s, req); }

http::Response reset_submit(Services& s, http::Request& req) {
  require_public_csrf(req);
  if (!s.public_limit.allow(req.remote_ip)) throw ClientError(Error{ErrorCode::rate_limited});
  auto r = users_of(s).redeem_reset(req.form_value("code"), req.form_value("password"), app::Actor{"anonymous", req.remote_ip});
  if (!r) return reset_form(s, req, http_status(r.error().code), &r.error());
  return reset_form(s, req, 200, nullptr, true);
}

http::Response totp_form(Services& s, http::Request& req, int status = 200, const Error* err = nullptr,
                         const std::string& notice = {}) {
  auto p = require_session(s, req);
  Lang lang = request_lang(req);
  auto users = users_of(s);
  data d = staff_frame(p, lang);
  const bool on = users.has_totp(p.user.id);
  d.set("on", on);
  if (!on) {
    // A failed confirmation keeps the secret the user already typed into the app.
    const std::string typed = req.form_value("secret");
    const app::TotpEnrolment e = typed.empty() || typed.size() > 64 ? users.begin_totp(p) : users.enrolment_for(p, typed);
    d.set("secret", e.secret_base32);
    std::string grouped;
    for (std::size_t i = 0; i < e.secret_base32.size(); i += 4) grouped += (i ? " " : "") + e.secret_base32.substr(i, 4);
    d.set("secret_grouped", grouped);
    d.set("uri", e.uri);
  }
  if (!notice.empty()) d.set("notice", notice);
  if (err) {
    data e;
    e.set("message", error_message(*err, lang));
    d.set("error", e);
  }
  return html(status, s.renderer.page("account_totp", d, lang, std::string(tr(lang, "totp_title"))));
}

http::Response totp_page(Services& s, http::Request& req) { return totp_form(s, req); }

http::Response totp_submit(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  Lang lang = request_lang(req);
  auto users = users_of(s);
  if (req.form_value("action") == "disable") {
    auto r = users.disable_totp(p, req.form_value("code"));
    if (!r) return totp_form(s, req, http_status(r.error().code), &r.error());
    return totp_form(s, req, 200, nullptr, std::string(tr(lang, "totp_disabled")));
  }
  auto r = users.confirm_totp(p, req.form_value("secret"), req.form_value("code"));
  if (!r) return totp_form(s, req, http_status(r.error().code), &r.error());
  return totp_form(s, req, 200, nullptr, std::string(tr(lang, "totp_enabled")));
}

// ---- JSON API --------------------------------------------------------------------------

http::Response api_list(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  json items = json::array();
  for (const auto& v : value_or_throw(users_of(s).list(p))) items.push_back(user_json(v));
  return json_response(200, json{{"items", items}}.dump());
}

http::Response api_get(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  return json_response(200, user_json(value_or_throw(users_of(s).get(p, id_of(req)))).dump());
}

http::Response api_create(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  if (!app::manages_users(p.user.role)) throw ClientError(Error{ErrorCode::forbidden});
  auto j = parse_object(req.body);
  app::UserAdminService::NewStaff in;
  in.username = text_or_throw(j, "username");
  if (in.username.empty()) throw ClientError(Error{ErrorCode::missing_field, {}, "username", {}});
  in.display_name = text_or_throw(j, "display_name");
  const std::string role = text_or_throw(j, "role");
  if (role.empty()) throw ClientError(Error{ErrorCode::missing_field, {}, "role", {}});
  in.role = role_or_throw(role);
  in.unit_id = unit_from(s, p, text_or_throw(j, "unit"));
  in.liaison_body = text_or_throw(j, "liaison_body");
  auto made = value_or_throw(users_of(s).create(p, in));
  return json_response(201, json{{"id", made.id},
                                 {"reset_code", made.reset.code},
                                 {"reset_expires_at", format_iso_time(made.reset.expires_at)},
                                 {"reset_url", "/staff/reset"}}
                                .dump());
}

http::Response api_patch(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  auto users = users_of(s);
  const Id id = id_of(req);
  auto cur = value_or_throw(users.get(p, id));
  auto j = parse_object(req.body);
  if (j.contains("role") || j.contains("unit") || j.contains("liaison_body")) {
    Role role = cur.user.role;
    if (j.contains("role")) role = role_or_throw(text_or_throw(j, "role"));
    std::optional<Id> unit = cur.user.unit_id;
    if (j.contains("unit")) unit = unit_from(s, p, text_or_throw(j, "unit"));
    std::string body = cur.user.liaison_body;
    if (j.contains("liaison_body")) body = text_or_throw(j, "liaison_body");
    value_or_throw(users.assign(p, id, role, unit, body));
  }
  if (auto it = j.find("disabled"); it != j.end()) {
    if (!it->is_boolean()) throw ClientError(Error{ErrorCode::invalid_field, "error.wrong_type", "disabled", {}});
    value_or_throw(users.set_disabled(p, id, it->get<bool>()));
  }
  if (auto it = j.find("totp"); it != j.end()) {
    if (!it->is_boolean() || it->get<bool>()) throw ClientError(Error{ErrorCode::invalid_field, {}, "totp", "only false"});
    value_or_throw(users.clear_totp(p, id));
  }
  return json_response(200, user_json(value_or_throw(users.get(p, id))).dump());
}

http::Response api_reset(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  auto c = value_or_throw(users_of(s).issue_reset(p, id_of(req)));
  return json_response(201, json{{"reset_code", c.code}, {"reset_expires_at", format_iso_time(c.expires_at)}}.dump());
}

http::Response api_redeem(Services& s, http::Request& req) {
  if (!s.public_limit.allow(req.remote_ip)) throw ClientError(Error{ErrorCode::rate_limited});
  auto j = parse_object(req.body);
  auto user = value_or_throw(users_of(s).redeem_reset(text_or_throw(j, "code"), text_or_throw(j, "password"),
                                                      app::Actor{"anonymous", req.remote_ip}));
  return json_response(200, json{{"username", user}}.dump());
}

}  // namespace

void add_user_routes(http::Router& router, Services& s) {
  const http::BodyPolicy form = form_policy(64 * 1024);
  const http::BodyPolicy json_only = json_policy(s.ctx.config);
  const RouteDef routes[] = {
      {"GET", "/staff/admin/users", {}, Answer::page, users_page, &app::kUsers},
      {"POST", "/staff/admin/users", form, Answer::page, create_user, &app::kUsers},
      {"GET", "/staff/admin/users/{id}", {}, Answer::page, user_page, &app::kUser},
      {"POST", "/staff/admin/users/{id}/assign", form, Answer::page, assign_user, &app::kUser},
      {"POST", "/staff/admin/users/{id}/disable", form, Answer::page, disable_user, &app::kUser},
      {"POST", "/staff/admin/users/{id}/enable", form, Answer::page, enable_user, &app::kUser},
      {"POST", "/staff/admin/users/{id}/reset", form, Answer::page, reset_user, &app::kUser},
      {"POST", "/staff/admin/users/{id}/totp-clear", form, Answer::page, clear_user_totp, &app::kUser},
      {"GET", "/staff/reset", {}, Answer::page, reset_page, &app::kPublic},
      {"POST", "/staff/reset", form, Answer::page, reset_submit, &app::kPublic},
      {"GET", "/staff/account/totp", {}, Answer::page, totp_page, &app::kStaff},
      {"POST", "/staff/account/totp", form, Answer::page, totp_submit, &app::kStaff},
      {"GET", "/api/v1/users", {}, Answer::api, api_list, &app::kUsers},
      {"POST", "/api/v1/users", json_only, Answer::api, api_create, &app::kUsers},
      {"GET", "/api/v1/users/{id}", {}, Answer::api, api_get, &app::kUser},
      {"PATCH", "/api/v1/users/{id}", json_only, Answer::api, api_patch, &app::kUser},
      {"POST", "/api/v1/users/{id}/reset", json_only, Answer::api, api_reset, &app::kUser},
      {"POST", "/api/v1/password-resets", json_only, Answer::api, api_redeem, &app::kPublic},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
