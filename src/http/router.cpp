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
