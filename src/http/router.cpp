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

void Router::add(std::string method, std::string pattern, BodyPolicy body, Handler handler, std::string access) {
  auto segments = split_path(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(access), std::move(segments), body, std::move(handler)});
}

std::vector<Router::Listed> Router::list() const {
  std::vector<Listed> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.push_back({r.method, r.pattern, r.body, r.access});
  return out;
}

std::string describe(const BodyPolicy& p) {
  std::string out;
  auto add = [&](std::string s) { out += (out.empty() ? "" : " ") + s; };
  if (p.json) add("json<=" + std::to_string(p.max_json_bytes));
  if (p.urlencoded) add("form<=" + std::to_string(p.max_json_bytes));
  if (p.multipart) {
    add("multipart");
    if (p.max_files > 0) add("files<=" + std::to_string(p.max_files) + "x" + std::to_string(p.max_file_bytes));
    add("field<=" + std::to_string(p.max_field_bytes));
    add("total<=" + std::to_string(p.max_total_bytes));
  }
  return out.empty() ? "none" : out;
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
