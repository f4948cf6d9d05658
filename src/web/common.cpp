#include "web/common.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

#include "app/secrets.hpp"
#include "core/model.hpp"
#include "core/strings.hpp"

namespace netral::web {

Lang request_lang(const http::Request& req) {
  std::string q = req.query_value("lang");
  if (q == "en") return Lang::en;
  if (q == "id") return Lang::id;
  return req.cookie("lang") == "en" ? Lang::en : Lang::id;
}

void secure(http::Response& r, bool cacheable) {
  r.set("X-Content-Type-Options", "nosniff");
  r.set("Referrer-Policy", "no-referrer");
  r.set("X-Frame-Options", "DENY");
  r.set("Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; "
        "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  r.set("Cache-Control", cacheable ? "public, max-age=86400" : "no-store");
}

bool valid_utf8_text(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += n;
  }
  return true;
}

std::string error_message(const Error& e, Lang lang) {
  return std::string(tr(lang, e.key()));
}

http::Response html(int status, std::string body) {
  auto r = http::Response::text(status, std::move(body), "text/html; charset=utf-8");
  secure(r);
  return r;
}

http::Response json_response(int status, const std::string& body) {
  auto r = http::Response::text(status, body, "application/json; charset=utf-8");
  secure(r);
  return r;
}

http::Response json_error(const http::Request& req, const Error& e) {
  const int status = http_status(e.code);
  const std::string_view key = e.key();
  nlohmann::json j = {{"error",
                       {{"code", to_string(e.code)},
                        {"message", std::string(tr(Lang::id, key))},
                        {"message_en", std::string(tr(Lang::en, key))}}}};
  if (!e.field.empty()) j["error"]["field"] = e.field;
  auto r = json_response(status, j.dump());
  if (status == 429) r.set("Retry-After", "60");
  return r;
}

std::optional<app::Principal> session_of(Services& s, const http::Request& req) {
  std::string token = req.cookie(kSessionCookie);
  if (token.empty()) return std::nullopt;
  return s.auth.authenticate(token, req.remote_ip);
}

app::Principal require_session(Services& s, const http::Request& req) {
  auto p = session_of(s, req);
  if (!p) throw ClientError(Error{ErrorCode::unauthenticated});
  return *p;
}

void require_csrf(const app::Principal& p, const http::Request& req) {
  std::string_view token = req.header("x-csrf-token");
  std::string form = req.form_value("csrf");
  if (!same_secret(token, p.csrf_token) && !same_secret(form, p.csrf_token))
    throw ClientError(Error{ErrorCode::csrf_failed});
}

void require_public_csrf(const http::Request& req) {
  if (!same_secret(req.form_value("csrf"), req.cookie(kCsrfCookie)))
    throw ClientError(Error{ErrorCode::csrf_failed});
}

std::string session_cookie(const std::string& token, int max_age) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
}

std::string csrf_for(const http::Request& req, http::Response* set_on) {
  std::string t = req.cookie(kCsrfCookie);
  if (t.size() < 20 || t.size() > 64) {
    t = app::Secrets::random_token(24);
    if (set_on) set_on->headers.emplace_back("Set-Cookie", std::string(kCsrfCookie) + "=" + t + "; Path=/; HttpOnly; SameSite=Strict");
  }
  return t;
}

std::string size_label(std::uint64_t bytes) {
  char buf[32];
  if (bytes >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  else std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024 + 0.5);
  return buf;
}

Data message_list(const std::vector<Message>& messages, Lang lang) {
  Data list{Data::type::list};
  for (const auto& m : messages) {
    Data d;
    d.set("body", m.body);
    d.set("from_staff", m.author == Author::staff);
    std::string label(tr(lang, "author_" + std::string(to_string(m.author))));
    if (m.author == Author::staff && !m.author_name.empty()) label += " (" + m.author_name + ")";
    d.set("author_label", label);
    d.set("when", format_time(m.created_at, lang));
    d.set("iso", format_iso_time(m.created_at));
    list.push_back(d);
  }
  return list;
}

nlohmann::json message_json(const Message& m) {
  return {{"id", m.id}, {"author", std::string(to_string(m.author))}, {"body", m.body}, {"created_at", format_iso_time(m.created_at)}};
}

nlohmann::json parse_json(std::string_view body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) throw ClientError(Error{ErrorCode::malformed_json});
  if (!j.is_object()) throw ClientError(Error{ErrorCode::invalid_field, "error.wrong_type", "", "top level must be an object"});
  return j;
}

std::string str_field(const nlohmann::json& obj, const char* key, const std::string& prefix) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) throw ClientError(Error{ErrorCode::invalid_field, "error.wrong_type", prefix + key, {}});
  return it->get<std::string>();
}

std::string format_time(Timestamp t, Lang lang) {
  // Shown in Western Indonesia Time (UTC+7), where the demo regions are.
  std::time_t local = static_cast<std::time_t>(t + 7 * 3600);
  std::tm tm{};
  gmtime_r(&local, &tm);
  static constexpr const char* kId[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
  static constexpr const char* kEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%d %s %d %02d:%02d WIB", tm.tm_mday, (lang == Lang::en ? kEn : kId)[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
  return buf;
}

std::string staff_label(StaffType t, Lang lang) { return std::string(tr(lang, "staff_" + std::string(to_string(t)))); }

std::string_view status_label(CaseStatus s, Lang lang) {
  static thread_local std::string key;
  key = "status_" + std::string(to_string(s));
  return tr(lang, key);
}

std::string label_or_key(Lang lang, const std::string& key, const std::string& fallback) {
  return has_message(key) ? std::string(tr(lang, key)) : fallback;
}

std::string field_value(const Fields& f, std::string_view k) {
  auto it = f.find(k);
  return it == f.end() ? std::string() : it->second;
}

Fields fields_of_json(const http::Request& req) {
  using json = nlohmann::json;
  auto j = json::parse(req.body, nullptr, false);
  if (!j.is_object()) throw ClientError(Error{ErrorCode::malformed_json});
  Fields f;
  auto put = [&](const std::string& k, const json& v) {
    if (v.is_string()) f.emplace(k, v.get<std::string>());
    else if (v.is_number_integer()) f.emplace(k, std::to_string(v.get<long long>()));
    else if (v.is_boolean()) f.emplace(k, v.get<bool>() ? "1" : "0");
    else if (!v.is_null()) throw ClientError(Error{ErrorCode::wrong_type, {}, k, {}});
  };
  for (auto& [k, v] : j.items()) {
    if (k == "findings" && v.is_array()) {
      // [{"item": "...", "proven": true}] -> finding_item / finding_N like the form.
      int n = 0;
      for (const auto& x : v) {
        if (!x.is_object()) throw ClientError(Error{ErrorCode::wrong_type, {}, "findings", {}});
        ++n;
        f.emplace("finding_item", x.value("item", ""));
        f.emplace("finding_" + std::to_string(n), x.value("proven", false) ? "1" : "0");
      }
    } else if (v.is_array()) {
      for (const auto& x : v) put(k, x);
    } else {
      put(k, v);
    }
  }
  return f;
}

}  // namespace netral::web
