// Shared pieces of the handlers: typed client errors, language choice, security headers,
// CSRF and sessions, and the helpers several route modules share. Handlers throw
// ClientError; api() and page() (web.cpp) answer it as JSON or as an HTML page.
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "app/auth_service.hpp"
#include "core/identifiers.hpp"
#include "core/messages.hpp"
#include "core/result.hpp"
#include "http/message.hpp"
#include "web/render.hpp"
#include "web/web.hpp"

namespace netral::web {

// A failure to answer with; its status is the code's (core/error_code.hpp), never chosen here.
struct ClientError : std::runtime_error {
  Error error;
  explicit ClientError(Error e) : std::runtime_error(std::string(to_string(e.code))), error(std::move(e)) {}
  int status() const { return http_status(error.code); }
};

// Throws ClientError when `r` holds an error.
template <class T>
T value_or_throw(Result<T> r) {
  if (!r) throw ClientError(std::move(r.error()));
  if constexpr (!std::is_void_v<T>) return std::move(*r);
}

// Indonesian unless the request asks for English (?lang=en, or the lang cookie).
Lang request_lang(const http::Request& req);
// Headers every response carries (CSP, nosniff, no-store ...).
void secure(http::Response& r, bool cacheable = false);
http::Response json_response(int status, const std::string& body);
// The user-facing text of an error: its specific message key, or its code's.
std::string error_message(const Error& e, Lang lang);
// An HTML page with the secure() headers.
http::Response html(int status, std::string body);
// Its status is the code's.
http::Response json_error(const http::Request& req, const Error& e);

inline constexpr const char* kSessionCookie = "netral_session";
inline constexpr const char* kCsrfCookie = "netral_csrf";  // double-submit token of public forms

// The logged-in staff user, or nullopt.
std::optional<app::Principal> session_of(Services& s, const http::Request& req);
// Same, but throws 401 "unauthenticated".
app::Principal require_session(Services& s, const http::Request& req);
// Checks the X-CSRF-Token header (API) or csrf form field (pages) against the session.
void require_csrf(const app::Principal& p, const http::Request& req);
// Public forms: the csrf field must equal the netral_csrf cookie.
void require_public_csrf(const http::Request& req);
std::string session_cookie(const std::string& token, int max_age_seconds);
// The double-submit token of public forms (and the login form): the request's cookie, or
// a new one, set on `set_on` when given.
std::string csrf_for(const http::Request& req, http::Response* set_on);

// Shared by the public channel (public_pages.cpp) and the case pages (case_pages.cpp).
// A file size as the pages show it ("820 KB", "3.4 MB").
std::string size_label(std::uint64_t bytes);
// A case's messages as the status page and the case page list them.
Data message_list(const std::vector<Message>& messages, Lang lang);
// One message in the API's answers.
nlohmann::json message_json(const Message& m);
// A JSON request body or form part: an object, else 400 malformed_json / invalid_field.
nlohmann::json parse_json(std::string_view body);
// A string member of `obj` ("" when absent or null); another type is invalid_field
// "error.wrong_type" named `prefix` + `key`.
std::string str_field(const nlohmann::json& obj, const char* key, const std::string& prefix = {});

std::string format_time(Timestamp t, Lang lang);  // "27 Nov 2024 09:30 WIB"
// Well-formed UTF-8 without NUL bytes: what an uploaded text file (a circular letter, an
// election file, an account list) must be to be read as text.
bool valid_utf8_text(std::string_view s);
std::string_view status_label(CaseStatus s, Lang lang);
// PNS, PPPK, non-ASN, unknown: the one set of labels every page uses.
std::string staff_label(StaffType t, Lang lang);
// The message `key` in `lang` when there is one, else `fallback` (a raw code shown as is).
std::string label_or_key(Lang lang, const std::string& key, const std::string& fallback);

// A form (multimap) or a JSON object flattened to one: the workflow and the intake read
// their page and API input through the same code.
using Fields = std::multimap<std::string, std::string, std::less<>>;
// The first value of `k`, empty when absent.
std::string field_value(const Fields& f, std::string_view k);
// A JSON object body as Fields: strings as they are, integers in decimal, booleans as 1/0,
// arrays as repeated keys, "findings" [{item, proven}] as the form's finding_item/finding_N.
// Throws malformed_json / wrong_type.
Fields fields_of_json(const http::Request& req);

}  // namespace netral::web
