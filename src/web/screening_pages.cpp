#include "web/screening_pages.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <sstream>

#include "app/screening_service.hpp"
#include "screen/post_io.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;

constexpr std::size_t kMaxBatchBytes = 8u << 20;  // one push: 8 MiB of posts
constexpr std::size_t kMaxBatchPosts = 20000;

// The collector's token (docs/api.md): NETRAL_COLLECTOR_TOKEN, at least 32 characters.
bool collector_token_ok(const http::Request& req) {
  static const std::string token = [] {
    const char* t = std::getenv("NETRAL_COLLECTOR_TOKEN");
    return t && std::string_view(t).size() >= 32 ? std::string(t) : std::string();
  }();
  std::string_view h = req.header("authorization");
  if (token.empty() || !h.starts_with("Bearer ")) return false;
  h.remove_prefix(7);
  if (h.size() != token.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < h.size(); ++i) diff |= static_cast<unsigned char>(h[i] ^ token[i]);
  return diff == 0;
}

// ---- POST /api/v1/screening/posts ---------------------------------------------------
http::Response post_posts(Services& s, http::Request& req) {
  auto& svc = screening_of(s);
  std::optional<app::Principal> p;
  if (!req.header("authorization").empty()) {
    if (!collector_token_ok(req)) throw ClientError(401, Error{"unauthenticated", "error.unauthenticated", {}, {}});
  } else {
    p = require_session(s, req);
    require_csrf(*p, req);
    if (p->user.role != Role::analyst && p->user.role != Role::admin)
      throw ClientError(403, Error{"forbidden", "error.forbidden", {}, {}});
  }
  if (req.body.size() > kMaxBatchBytes) throw ClientError(413, Error{"body_too_large", "error.body_too_large", {}, {}});

  // A JSON array of posts, or JSON Lines (one post per line), both as application/json.
  std::vector<screen::Post> posts;
  nlohmann::json bad = nlohmann::json::array();
  auto reject = [&](long long where, std::string why) {
    if (bad.size() < 50) bad.push_back({{"line", where}, {"detail", std::move(why)}});
  };
  const auto first = req.body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw ClientError(422, Error{"missing_field", "error.no_posts", "posts", {}});
  if (req.body[first] == '[') {
    auto arr = nlohmann::json::parse(req.body, nullptr, false);
    if (arr.is_discarded() || !arr.is_array())
      throw ClientError(400, Error{"malformed_json", "error.malformed_json", "posts", {}});
    long long i = 0;
    for (const auto& item : arr) {
      ++i;
      auto post = item.is_object() ? screen::parse_post_json(item.dump()) : fail("malformed_json", "", "", "not an object");
      if (!post) reject(i, post.error().detail.empty() ? post.error().code : post.error().detail);
      else posts.push_back(std::move(*post));
    }
  } else {
    std::istringstream in(req.body);
    std::string line;
    long long n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto post = screen::parse_post_json(line);
      if (!post) reject(n, post.error().detail.empty() ? post.error().code : post.error().detail);
      else posts.push_back(std::move(*post));
    }
  }
  if (!bad.empty()) {
    nlohmann::json j = {{"error",
                         {{"code", "invalid_posts"},
                          {"message", std::string(tr(Lang::id, "error.invalid_posts"))},
                          {"message_en", std::string(tr(Lang::en, "error.invalid_posts"))},
                          {"lines", bad}}}};
    return json_response(422, j.dump());
  }
  if (posts.empty()) throw ClientError(422, Error{"missing_field", "error.no_posts", "posts", {}});
  if (posts.size() > kMaxBatchPosts) throw ClientError(413, Error{"body_too_large", "error.too_many_posts", "posts", {}});
  std::optional<std::string> election;
  if (auto e = req.query_value("election"); !e.empty()) election = e;
  auto r = p ? value_or_throw(svc.screen_posts(*p, election, posts))
             : value_or_throw(svc.screen_posts(app::Actor{"collector", req.remote_ip}, election, posts));
  nlohmann::json j = {{"election", r.election}, {"posts", r.posts}, {"flags", r.flags}, {"new_flags", r.new_flags}};
  return json_response(200, j.dump());
}

// ---- pages ------------------------------------------------------------------------
// The field's text cut into plain and highlighted segments by the flag's spans.
list segments_of(const std::string& text, const nlohmann::json& spans, const char* field) {
  std::vector<std::pair<std::size_t, std::size_t>> marks;
  for (const auto& sp : spans)
    if (sp.value("field", "") == field) {
      std::size_t a = sp.value("start", 0u), b = sp.value("end", 0u);
      if (a < b && b <= text.size()) marks.emplace_back(a, b);
    }
  std::sort(marks.begin(), marks.end());
  list out;
  std::size_t at = 0;
  for (auto [a, b] : marks) {
    if (a < at) a = at;
    if (a >= b) continue;
    if (a > at) {
      data seg;
      seg.set("text", text.substr(at, a - at));
      out.push_back(seg);
    }
    data m;
    m.set("text", text.substr(a, b - a));
    m.set("mark", true);
    out.push_back(m);
    at = b;
  }
  if (at < text.size()) {
    data seg;
    seg.set("text", text.substr(at));
    out.push_back(seg);
  }
  return out;
}

http::Response queue_page(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  if (!app::ScreeningService::reviews_flags(p.user.role)) throw ClientError(403, Error{"forbidden", "error.forbidden", {}, {}});
  const Lang lang = request_lang(req);
  std::string status = req.query_value("status");
  if (status.empty()) status = "open";
  int page = 0;
  try {
    page = std::max(0, std::stoi(req.query_value("page").empty() ? "0" : req.query_value("page")));
  } catch (const std::exception&) {
    throw ClientError(400, Error{"bad_request", "error.invalid_field", "page", {}});
  }
  auto q = value_or_throw(screening_of(s).queue(p, status, store::Page{page * 50, 50}));
  data d = staff_frame(p, lang);
  d.set("status_" + status, true);
  d.set("count_open", std::to_string(q.counts.open));
  d.set("count_dismissed", std::to_string(q.counts.dismissed));
  d.set("count_confirmed", std::to_string(q.counts.confirmed));
  if (auto prec = app::precision_of(q.counts)) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", *prec * 100.0);
    d.set("precision", std::string(buf));
  }
  if (auto c = req.query_value("opened"); !c.empty()) d.set("opened", c);
  if (req.query_value("dismissed") == "1") d.set("dismissed_notice", true);
  list flags;
  for (const auto& f : q.page.items) {
    data x;
    x.set("id", std::to_string(f.id));
    x.set("platform", f.platform);
    x.set("account", f.account);
    x.set("post_id", f.post_id);
    x.set("time", f.post_time);
    x.set("kind", f.kind);
    if (f.url.starts_with("https://") || f.url.starts_with("http://")) x.set("url", f.url);
    if (!f.nip.empty()) {
      x.set("employee", f.employee_name + " (" + f.nip + ")");
    } else {
      x.set("no_employee", true);
    }
    x.set("candidate", std::to_string(f.candidate));
    x.set("stance", std::string(tr(lang, f.stance == "against" ? "screening_stance_against" : "screening_stance_for")));
    x.set("conduct", f.conduct);
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", f.score_pct / 100.0);
    x.set("score", std::string(score));
    auto spans = nlohmann::json::parse(f.spans, nullptr, false);
    if (spans.is_discarded()) spans = nlohmann::json::array();
    x.set("text_segments", segments_of(f.text, spans, "text"));
    if (!f.context_text.empty()) {
      x.set("has_context", true);
      x.set("context_segments", segments_of(f.context_text, spans, "context_text"));
    }
    x.set("open", f.status == "open");
    if (f.status == "dismissed") x.set("dismissed", true), x.set("reason", f.reason);
    if (!f.case_number.empty()) x.set("case_number", f.case_number);
    if (!f.reviewer_name.empty()) x.set("reviewer", f.reviewer_name);
    x.set("csrf", p.csrf_token);
    flags.push_back(x);
  }
  d.set("flags", flags);
  d.set("has_flags", !q.page.items.empty());
  if ((page + 1) * 50 < q.page.total) d.set("next_page", std::to_string(page + 1));
  return html(200, s.renderer.page("screening_queue", d, lang, std::string(tr(lang, "screening_title"))));
}

Id flag_id_of(const http::Request& req) {
  try {
    std::size_t used = 0;
    const std::string v = req.param("id");
    long long id = std::stoll(v, &used);
    if (used != v.size() || id <= 0) throw std::invalid_argument("id");
    return id;
  } catch (const std::exception&) {
    throw ClientError(404, Error{"not_found", "error.not_found", {}, {}});
  }
}

http::Response dismiss(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  value_or_throw(screening_of(s).dismiss(p, flag_id_of(req), req.form_value("reason")));
  return http::Response::redirect("/staff/screening?dismissed=1");
}

http::Response open_case(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  auto number = value_or_throw(screening_of(s).open_case(p, flag_id_of(req)));
  return http::Response::redirect("/staff/screening?opened=" + number);
}

}  // namespace

app::ScreeningService& screening_of(Services& s) {
  if (!s.screening) throw ClientError(503, Error{"unavailable", "error.screening_unavailable", {}, {}});
  return *s.screening;
}

void add_screening_routes(http::Router& router, Services& s) {
  // First: /staff/screening/elections/{code} must win over /staff/screening/{id}/dismiss
  // and /{id}/case for an election named "dismiss" or "case".
  add_screening_admin_routes(router, s);
  const Renderer& r = s.renderer;
  http::BodyPolicy batch;
  batch.json = true;
  batch.max_json_bytes = kMaxBatchBytes;
  batch.max_total_bytes = kMaxBatchBytes;
  http::BodyPolicy form;
  form.urlencoded = true;
  form.max_json_bytes = 64 * 1024;
  form.max_total_bytes = 64 * 1024;

  router.add("POST", "/api/v1/screening/posts", batch, api([&s](http::Request& q) { return post_posts(s, q); }));
  router.add("GET", "/staff/screening", {}, page(r, [&s](http::Request& q) { return queue_page(s, q); }));
  router.add("POST", "/staff/screening/{id}/dismiss", form, page(r, [&s](http::Request& q) { return dismiss(s, q); }));
  router.add("POST", "/staff/screening/{id}/case", form, page(r, [&s](http::Request& q) { return open_case(s, q); }));
}

}  // namespace netral::web
