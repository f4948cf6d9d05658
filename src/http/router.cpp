#include "http/server.hpp"

namespace netral::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    std::size_t end = path.find('/', pos);
    out.emplace_back(path.substr(pos, end - pos));
    if (end == std::string_view::npos) break;
    pos = end;
  }
  return out;
}

}  // namespace

int status_of(ClientFault f) {
  switch (f) {
    case ClientFault::bad_request:
    case ClientFault::malformed_json:
    case ClientFault::malformed_multipart:
    case ClientFault::malformed_form: return 400;
    case ClientFault::body_too_large:
    case ClientFault::file_too_large:
    case ClientFault::too_many_files:
    case ClientFault::field_too_large: return 413;
    case ClientFault::unsupported_media_type: return 415;
    case ClientFault::header_too_large: return 431;
    case ClientFault::request_timeout: return 408;
    case ClientFault::not_found: return 404;
    case ClientFault::method_not_allowed: return 405;
  }
  return 400;
}

std::string_view code_of(ClientFault f) {
  switch (f) {
    case ClientFault::bad_request: return "bad_request";
    case ClientFault::malformed_json: return "malformed_json";
    case ClientFault::malformed_multipart: return "malformed_multipart";
    case ClientFault::malformed_form: return "malformed_form";
    case ClientFault::body_too_large: return "body_too_large";
    case ClientFault::file_too_large: return "file_too_large";
    case ClientFault::too_many_files: return "too_many_files";
    case ClientFault::field_too_large: return "field_too_large";
    case ClientFault::unsupported_media_type: return "unsupported_media_type";
    case ClientFault::header_too_large: return "header_too_large";
    case ClientFault::request_timeout: return "request_timeout";
    case ClientFault::not_found: return "not_found";
    case ClientFault::method_not_allowed: return "method_not_allowed";
  }
  return "bad_request";
}

void Router::add(std::string method, std::string pattern, BodyPolicy body, Handler handler) {
  routes_.push_back(Route{std::move(method), split_path(pattern), body, std::move(handler)});
}

Router::Match Router::match(std::string_view method, std::string_view path,
                            std::map<std::string, std::string, std::less<>>& params) const {
  Match m;
  const auto segs = split_path(path);
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::map<std::string, std::string, std::less<>> found;
    bool ok = true;
    for (std::size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}')
        found[p.substr(1, p.size() - 2)] = segs[i];
      else
        ok = p == segs[i];
    }
    if (!ok) continue;
    m.path_known = true;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      m.handler = &r.handler;
      m.body = &r.body;
      params = std::move(found);
      return m;
    }
  }
  return m;
}

}  // namespace netral::http
