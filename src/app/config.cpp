#include "app/config.hpp"

#include <cstdlib>
#include <set>
#include <toml++/toml.h>

namespace netral::app {
namespace {

std::string where(const toml::node& n, const std::filesystem::path& file) {
  const auto& s = n.source();
  return file.string() + ":" + std::to_string(s.begin.line);
}

}  // namespace

Result<Config> load_config(const std::filesystem::path& file) {
  Config c;
  toml::table t;
  try {
    t = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return fail(ErrorCode::config_invalid, {}, {},
                file.string() + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  std::string problem;
  auto take_int = [&](const toml::table& sec, const char* sec_name, std::set<std::string>& known, const char* key,
                      auto& target) {
    known.insert(key);
    if (auto* n = sec.get(key)) {
      if (auto v = n->value<std::int64_t>(); v && *v >= 0)
        target = static_cast<std::remove_reference_t<decltype(target)>>(*v);
      else if (problem.empty())
        problem = where(*n, file) + ": [" + sec_name + "] " + key + " must be a non-negative integer";
    }
  };
  auto take_str = [&](const toml::table& sec, const char* sec_name, std::set<std::string>& known, const char* key,
                      std::string& target) {
    known.insert(key);
    if (auto* n = sec.get(key)) {
      if (auto v = n->value<std::string>())
        target = *v;
      else if (problem.empty())
        problem = where(*n, file) + ": [" + sec_name + "] " + key + " must be a string";
    }
  };
  auto check_unknown = [&](const toml::table& sec, const std::string& sec_name, const std::set<std::string>& known) {
    for (const auto& [k, v] : sec)
      if (!known.count(std::string(k.str())) && problem.empty())
        problem = where(v, file) + ": unknown key " + (sec_name.empty() ? "" : "[" + sec_name + "] ") + std::string(k.str());
  };

  std::set<std::string> top{"http", "evidence", "limits", "smtp", "screening"};
  take_str(t, "", top, "db", c.db);
  take_str(t, "", top, "data", c.data);
  check_unknown(t, "", top);
  if (auto* h = t["http"].as_table()) {
    std::set<std::string> k;
    take_str(*h, "http", k, "listen", c.http.listen);
    take_int(*h, "http", k, "header_timeout", c.http.header_timeout);
    take_int(*h, "http", k, "body_timeout", c.http.body_timeout);
    take_int(*h, "http", k, "max_header_bytes", c.http.max_header_bytes);
    take_int(*h, "http", k, "max_json_bytes", c.http.max_json_bytes);
    take_int(*h, "http", k, "io_threads", c.http.io_threads);
    take_int(*h, "http", k, "worker_threads", c.http.worker_threads);
    check_unknown(*h, "http", k);
  }
  if (auto* e = t["evidence"].as_table()) {
    std::set<std::string> k;
    take_int(*e, "evidence", k, "max_file_bytes", c.evidence.max_file_bytes);
    take_int(*e, "evidence", k, "max_report_bytes", c.evidence.max_report_bytes);
    take_int(*e, "evidence", k, "max_files", c.evidence.max_files);
    check_unknown(*e, "evidence", k);
  }
  if (auto* l = t["limits"].as_table()) {
    std::set<std::string> k;
    take_int(*l, "limits", k, "reports_per_minute", c.limits.reports_per_minute);
    take_int(*l, "limits", k, "login_failures", c.limits.login_failures);
    take_int(*l, "limits", k, "session_hours", c.limits.session_hours);
    check_unknown(*l, "limits", k);
  }
  if (auto* m = t["smtp"].as_table()) {
    std::set<std::string> k{"starttls", "recipients"};
    take_str(*m, "smtp", k, "url", c.smtp.url);
    take_str(*m, "smtp", k, "from", c.smtp.from);
    take_str(*m, "smtp", k, "username", c.smtp.username);
    take_str(*m, "smtp", k, "password", c.smtp.password);
    take_int(*m, "smtp", k, "timeout", c.smtp.timeout);
    if (auto* n = m->get("starttls")) {
      if (auto v = n->value<bool>()) c.smtp.starttls = *v;
      else if (problem.empty()) problem = where(*n, file) + ": [smtp] starttls must be true or false";
    }
    if (auto* n = m->get("recipients")) {
      if (auto* rt = n->as_table()) {
        for (const auto& [role, list] : *rt) {
          auto* arr = list.as_array();
          bool ok = arr != nullptr;
          std::vector<std::string> addrs;
          if (arr)
            for (const auto& a : *arr) {
              auto v = a.value<std::string>();
              if (!v || v->find('@') == std::string::npos || v->find_first_of("\r\n<>,") != std::string::npos) ok = false;
              else addrs.push_back(*v);
            }
          if (!ok && problem.empty())
            problem = where(list, file) + ": [smtp.recipients] " + std::string(role.str()) + " must be a list of e-mail addresses";
          c.smtp.recipients[std::string(role.str())] = std::move(addrs);
        }
      } else if (problem.empty()) {
        problem = where(*n, file) + ": [smtp] recipients must be a table (role = [addresses])";
      }
    }
    if (!c.smtp.url.empty() && !c.smtp.url.starts_with("smtp://") && !c.smtp.url.starts_with("smtps://") && problem.empty())
      problem = file.string() + ": [smtp] url must start with smtp:// or smtps://";
    check_unknown(*m, "smtp", k);
  }
  if (auto* sc = t["screening"].as_table()) {
    std::set<std::string> k;
    take_str(*sc, "screening", k, "collector_token", c.screening.collector_token);
    if (auto* n = sc->get("collector_token"); n && !c.screening.collector_token.empty() &&
        c.screening.collector_token.size() < kMinCollectorToken && problem.empty())
      problem = where(*n, file) + ": [screening] collector_token must be empty or have at least " +
                std::to_string(kMinCollectorToken) + " characters";
    check_unknown(*sc, "screening", k);
  }
  if (!problem.empty()) return fail(ErrorCode::config_invalid, {}, {}, problem);
  apply_environment(c);
  return c;
}

void apply_environment(Config& c) {
  if (const char* t = std::getenv("NETRAL_COLLECTOR_TOKEN"); t && *t)
    c.screening.collector_token = std::string_view(t).size() >= kMinCollectorToken ? std::string(t) : std::string();
}

}  // namespace netral::app
