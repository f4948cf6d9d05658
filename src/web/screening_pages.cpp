#include "web/screening_pages.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "app/access.hpp"
#include "app/flag_cases.hpp"
#include "app/screening_export.hpp"
#include "app/screening_service.hpp"
#include "core/strings.hpp"
#include "evidence/blob_store.hpp"
#include "screen/post_io.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;

// One push: 32 MiB of posts, room for a few screenshots (a 5 MB image is about 6.7 MB of
// base64); the body is buffered, so this bounds the memory of one request.
constexpr std::size_t kMaxBatchBytes = 32u << 20;
constexpr std::size_t kMaxBatchPosts = 20000;

// The line error of a post's bad screenshot: its code and the message in both languages.
nlohmann::json screenshot_problem(long long where, const Error& e) {
  std::string detail = "screenshot: " + std::string(tr(Lang::id, e.key())) + " / " + std::string(tr(Lang::en, e.key()));
  if (!e.detail.empty()) detail += " (" + e.detail + ")";
  return {{"line", where}, {"field", "screenshot"}, {"code", to_string(e.code)}, {"detail", detail}};
}

// The decoded screenshot of a post object (empty when it has none, or null), or the error.
Result<std::string> screenshot_in(const nlohmann::json& post) {
  auto it = post.find("screenshot");
  if (it == post.end() || it->is_null()) return std::string();
  if (!it->is_string()) return fail(ErrorCode::invalid_screenshot, {}, "screenshot", "not a string");
  return app::decode_screenshot(it->get_ref<const std::string&>());
}

// The collector's token (docs/api.md): [screening] collector_token or NETRAL_COLLECTOR_TOKEN,
// read with the configuration (app/config.hpp); empty: bearer tokens are refused.
bool collector_token_ok(const Services& s, const http::Request& req) {
  const std::string& token = s.ctx.config.screening.collector_token;
  std::string_view h = req.header("authorization");
  if (token.empty() || !h.starts_with("Bearer ")) return false;
  h.remove_prefix(7);
  return same_secret(h, token);
}

// ---- POST /api/v1/screening/posts ---------------------------------------------------
http::Response post_posts(Services& s, http::Request& req) {
  auto& svc = s.screening;
  std::optional<app::Principal> p;
  if (!req.header("authorization").empty()) {
    if (!collector_token_ok(s, req)) throw ClientError(Error{ErrorCode::unauthenticated});
  } else {
    p = require_session(s, req);
    require_csrf(*p, req);
    if (!app::pushes_posts(p->user.role))
      throw ClientError(Error{ErrorCode::forbidden});
  }
  if (req.body.size() > kMaxBatchBytes) throw ClientError(Error{ErrorCode::body_too_large});

  // A JSON array of posts, or JSON Lines (one post per line), both as application/json.
  // A post may carry "screenshot": an image in base64, decoded and checked here so that a
  // bad one is reported with its post's line and nothing of the batch is stored.
  std::vector<screen::Post> posts;
  std::vector<std::string> screenshots;  // index-aligned with posts; "" for none
  bool any_screenshot = false;
  nlohmann::json bad = nlohmann::json::array();
  auto reject = [&](long long where, std::string why) {
    if (bad.size() < 50) bad.push_back({{"line", where}, {"detail", std::move(why)}});
  };
  auto take = [&](long long where, Result<screen::Post> post, Result<std::string> shot) {
    if (!post) return reject(where, post.error().detail.empty() ? std::string(to_string(post.error().code)) : post.error().detail);
    if (!shot) {
      if (bad.size() < 50) bad.push_back(screenshot_problem(where, shot.error()));
      return;
    }
    any_screenshot = any_screenshot || !shot->empty();
    posts.push_back(std::move(*post));
    screenshots.push_back(std::move(*shot));
  };
  const auto first = req.body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw ClientError(Error{ErrorCode::missing_field, "error.no_posts", "posts", {}});
  if (req.body[first] == '[') {
    auto arr = nlohmann::json::parse(req.body, nullptr, false);
    if (arr.is_discarded() || !arr.is_array())
      throw ClientError(Error{ErrorCode::malformed_json, {}, "posts", {}});
    long long i = 0;
    for (auto& item : arr) {
      ++i;
      if (!item.is_object()) {
        reject(i, "not an object");
        continue;
      }
      auto shot = screenshot_in(item);
      item.erase("screenshot");  // the post's own fields only: no need to copy the image again
      take(i, screen::parse_post_json(item.dump()), std::move(shot));
    }
  } else {
    std::istringstream in(req.body);
    std::string line;
    long long n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto post = screen::parse_post_json(line);
      Result<std::string> shot = std::string();
      // Only a line that spells "screenshot", or may spell it with JSON escapes, can carry one:
      // the others are not parsed a second time.
      if (post && (line.find("screenshot") != std::string::npos || line.find("\\u") != std::string::npos)) {
        auto obj = nlohmann::json::parse(line, nullptr, false);
        if (obj.is_discarded() || !obj.is_object()) {
          reject(n, "malformed JSON");
          continue;
        }
        shot = screenshot_in(obj);
      }
      take(n, std::move(post), std::move(shot));
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
  if (posts.empty()) throw ClientError(Error{ErrorCode::missing_field, "error.no_posts", "posts", {}});
  if (posts.size() > kMaxBatchPosts) throw ClientError(Error{ErrorCode::body_too_large, "error.too_many_posts", "posts", {}});
  std::optional<std::string> election;
  if (auto e = req.query_value("election"); !e.empty()) election = e;
  std::span<const std::string> shots;
  if (any_screenshot) shots = screenshots;
  auto r = p ? value_or_throw(svc.screen_posts(*p, election, posts, shots))
             : value_or_throw(svc.screen_posts(app::Actor{"collector", req.remote_ip}, election, posts, shots));
  nlohmann::json j = {{"election", r.election}, {"posts", r.posts},           {"flags", r.flags},
                      {"new_flags", r.new_flags}, {"screenshots", r.screenshots}};
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

// A refused "open a case" (the reviewer's screenshot): shown on the queue beside its flag.
struct CaseError {
  Id flag_id = 0;
  Error error;
};

http::Response queue_page(Services& s, http::Request& req, const app::Principal& p, int http_status = 200,
                          const CaseError* case_error = nullptr) {
  if (!app::reviews_flags(p.user.role)) throw ClientError(Error{ErrorCode::forbidden});
  const Lang lang = request_lang(req);
  std::string status = case_error ? "" : req.query_value("status");
  if (status.empty()) status = "open";
  int page = 0;
  try {
    page = std::max(0, std::stoi(req.query_value("page").empty() ? "0" : req.query_value("page")));
  } catch (const std::exception&) {
    throw ClientError(Error{ErrorCode::bad_request, "error.invalid_field", "page", {}});
  }
  auto q = value_or_throw(s.screening.queue(p, status, store::Page{page * 50, 50}));
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
  if (case_error) {
    d.set("case_error", error_message(case_error->error, lang));
    d.set("case_error_flag", std::to_string(case_error->flag_id));
    if (!case_error->error.detail.empty()) d.set("case_error_detail", case_error->error.detail);
  }
  if (req.query_value("dismissed") == "1") d.set("dismissed_notice", true);
  list flags;
  for (const auto& f : q.page.items) {
    data x;
    x.set("id", std::to_string(f.id));
    x.set("platform", f.platform);
    x.set("account", f.account);
    x.set("post_id", f.post_id);
    x.set("time", f.post_time);
    x.set("kind", std::string(to_string(f.kind)));
    if (f.url.starts_with("https://") || f.url.starts_with("http://")) x.set("url", f.url);
    if (!f.nip.empty()) {
      x.set("employee", f.employee_name + " (" + f.nip + ")");
    } else {
      x.set("no_employee", true);
    }
    x.set("candidate", std::to_string(f.candidate));
    x.set("stance", std::string(tr(lang, f.stance == Stance::against_candidate ? "screening_stance_against" : "screening_stance_for")));
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
    x.set("open", f.status == FlagStatus::open);
    if (f.status == FlagStatus::dismissed) x.set("dismissed", true), x.set("reason", f.reason);
    if (!f.case_number.empty()) x.set("case_number", f.case_number);
    if (!f.reviewer_name.empty()) x.set("reviewer", f.reviewer_name);
    if (f.has_screenshot()) {
      x.set("screenshot", true);
      x.set("screenshot_mime", f.screenshot_mime);
      x.set("screenshot_size", size_label(static_cast<std::uint64_t>(std::max(0LL, f.screenshot_size.value_or(0)))));
      x.set("screenshot_sha", f.screenshot_sha256);
      x.set("screenshot_sha_short", f.screenshot_sha256.substr(0, 12));
    }
    if (case_error && case_error->flag_id == f.id) x.set("upload_invalid", true);
    x.set("csrf", p.csrf_token);
    flags.push_back(x);
  }
  d.set("flags", flags);
  d.set("has_flags", !q.page.items.empty());
  if ((page + 1) * 50 < q.page.total) d.set("next_page", std::to_string(page + 1));
  return html(http_status, s.renderer.page("screening_queue", d, lang, std::string(tr(lang, "screening_title"))));
}

Id flag_id_of(const http::Request& req) {
  try {
    std::size_t used = 0;
    const std::string v = req.param("id");
    long long id = std::stoll(v, &used);
    if (used != v.size() || id <= 0) throw std::invalid_argument("id");
    return id;
  } catch (const std::exception&) {
    throw ClientError(Error{ErrorCode::not_found});
  }
}

http::Response dismiss(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  value_or_throw(s.screening.dismiss(p, flag_id_of(req), req.form_value("reason")));
  return http::Response::redirect("/staff/screening?dismissed=1");
}

// Opens a case from a flag; the form may carry the reviewer's screenshot (multipart, the
// file part "screenshot"). A refused screenshot brings the queue back with the message
// beside the flag, and nothing changed.
http::Response open_case(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  const Id id = flag_id_of(req);
  std::optional<app::NewFile> shot;
  for (const auto& f : req.files)
    if (f.field == "screenshot") shot = app::NewFile{f.path, f.filename};
  auto number = s.flag_cases.open_case(p, id, shot);
  if (!number) {
    const auto& code = number.error().code;
    if (code == ErrorCode::invalid_screenshot || code == ErrorCode::screenshot_too_large || code == ErrorCode::unsupported_screenshot_type) {
      CaseError ce{id, number.error()};
      // The sniffed type only: the uploader's own name is not echoed.
      return queue_page(s, req, p, http_status(code), &ce);
    }
    throw ClientError(std::move(number.error()));
  }
  return http::Response::redirect("/staff/screening?opened=" + *number);
}

// The flag's screenshot, for those who may see the flag, with its stored type.
http::Response screenshot(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  const Id id = flag_id_of(req);
  auto shot = value_or_throw(s.flag_cases.screenshot(p, id));
  http::Response r;
  r.file = shot.path;
  r.set("Content-Type", shot.mime);  // checked at intake: PNG, JPEG or WebP only
  r.set("Content-Disposition", "inline; filename=\"tangkapan-layar-" + std::to_string(id) + "." +
                                   std::string(evidence::extension_for(shot.mime)) + "\"");
  secure(r);
  r.set("Content-Security-Policy", "default-src 'none'; sandbox");
  // The same bytes for as long as the hash names them: the browser may keep them, privately.
  r.set("Cache-Control", "private, max-age=3600");
  return r;
}

// The labelled data: one JSON line per reviewed flag the user may see.
http::Response reviewed_jsonl(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  if (!app::reviews_flags(p.user.role)) throw ClientError(Error{ErrorCode::forbidden});
  std::string body;
  value_or_throw(s.screening_export.export_reviewed(p, [&body](std::string_view line) { body += line; }));
  auto r = http::Response::text(200, std::move(body), "application/x-ndjson; charset=utf-8");
  r.set("Content-Disposition", "attachment; filename=\"penyaringan-ditinjau.jsonl\"");
  secure(r);
  r.set("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

// ---- GET /staff/screening --------------------------------------------------------------
http::Response queue(Services& s, http::Request& req) { return queue_page(s, req, require_session(s, req)); }

// One push: a JSON array or JSON Lines, up to kMaxBatchBytes.
http::BodyPolicy batch_policy() {
  http::BodyPolicy batch;
  batch.json = true;
  batch.max_json_bytes = kMaxBatchBytes;
  batch.max_total_bytes = kMaxBatchBytes;
  return batch;
}

// A dismissal: url-encoded only.
http::BodyPolicy dismiss_policy() {
  http::BodyPolicy form;
  form.urlencoded = true;
  form.max_json_bytes = 64 * 1024;
  form.max_total_bytes = 64 * 1024;
  return form;
}

// Opening a case: the same form, or multipart with the reviewer's screenshot.
http::BodyPolicy case_policy() {
  http::BodyPolicy case_form = dismiss_policy();
  case_form.multipart = true;
  case_form.max_files = 1;
  case_form.max_file_bytes = app::kMaxScreenshotBytes;
  case_form.max_field_bytes = 64 * 1024;
  case_form.max_total_bytes = app::kMaxScreenshotBytes + 64 * 1024;
  return case_form;
}

}  // namespace

void add_screening_routes(http::Router& router, Services& s) {
  // First: /staff/screening/elections/{code} must win over /staff/screening/{id}/dismiss
  // and /{id}/case for an election named "dismiss" or "case".
  add_screening_admin_routes(router, s);
  const RouteDef routes[] = {
      {"POST", "/api/v1/screening/posts", batch_policy(), Answer::api, post_posts, &app::kPushPosts},
      {"GET", "/staff/screening", {}, Answer::page, queue, &app::kReviewFlags},
      {"GET", "/staff/screening/reviewed.jsonl", {}, Answer::page, reviewed_jsonl, &app::kReviewFlags},
      {"GET", "/staff/screening/{id}/screenshot", {}, Answer::page, screenshot, &app::kReviewFlag},
      {"POST", "/staff/screening/{id}/dismiss", dismiss_policy(), Answer::page, dismiss, &app::kReviewFlag},
      {"POST", "/staff/screening/{id}/case", case_policy(), Answer::page, open_case, &app::kReviewFlag},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
