#include "app/screening_service.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <unordered_map>
#include <unordered_set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "core/strings.hpp"
#include "app/screening_accounts.hpp"

namespace netral::app {
namespace {

std::string spans_json(const screen::Flag& f) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& s : f.spans)
    a.push_back({{"field", std::string(screen::to_string(s.field))}, {"start", s.start}, {"end", s.end}, {"term", s.term}});
  return a.dump();
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

std::optional<double> precision_of(const store::FlagCounts& c) {
  const long long reviewed = c.confirmed + c.dismissed;
  if (reviewed == 0) return std::nullopt;
  return static_cast<double>(c.confirmed) / static_cast<double>(reviewed);
}

bool is_screenshot_type(std::string_view mime) {
  return mime == "image/png" || mime == "image/jpeg" || mime == "image/webp";
}

Result<std::string> check_screenshot(std::string_view bytes) {
  if (bytes.empty()) return fail(ErrorCode::invalid_screenshot, {}, "screenshot", "empty");
  if (bytes.size() > kMaxScreenshotBytes)
    return fail(ErrorCode::screenshot_too_large, {}, "screenshot", std::to_string(bytes.size()) + " bytes");
  std::string mime = evidence::sniff_mime_buffer(bytes);
  if (!is_screenshot_type(mime))
    return fail(ErrorCode::unsupported_screenshot_type, {}, "screenshot", mime);
  return mime;
}

Result<std::string> check_screenshot_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size == 0) return fail(ErrorCode::invalid_screenshot, {}, "screenshot", "empty");
  if (size > kMaxScreenshotBytes)
    return fail(ErrorCode::screenshot_too_large, {}, "screenshot", std::to_string(size) + " bytes");
  std::string mime = evidence::sniff_mime(file);
  if (!is_screenshot_type(mime))
    return fail(ErrorCode::unsupported_screenshot_type, {}, "screenshot", mime);
  return mime;
}

Result<std::string> decode_screenshot(std::string_view b64) {
  // Refused before decoding: four characters carry three bytes.
  if (b64.size() / 4 * 3 > kMaxScreenshotBytes + 3)
    return fail(ErrorCode::screenshot_too_large, {}, "screenshot", std::to_string(b64.size()) + " base64 characters");
  if (b64.empty()) return fail(ErrorCode::invalid_screenshot, {}, "screenshot", "empty");
  std::string bytes(b64.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  // Standard alphabet with padding; nothing ignored, and the whole text must be consumed.
  if (b64.size() % 4 != 0 ||
      sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), b64.data(), b64.size(), nullptr,
                        &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != b64.data() + b64.size())
    return fail(ErrorCode::invalid_screenshot, {}, "screenshot", "not base64");
  bytes.resize(len);
  auto mime = check_screenshot(bytes);
  if (!mime) return std::unexpected(mime.error());
  return bytes;
}

Result<ScreenBatchResult> ScreeningService::screen_posts(const Principal& p, std::optional<std::string> election_code,
                                                         const std::vector<screen::Post>& posts,
                                                         std::span<const std::string> screenshots) {
  if (!pushes_posts(p.user.role)) return fail(ErrorCode::forbidden);
  return screen_posts(p.actor(), std::move(election_code), posts, screenshots);
}

Result<ScreenBatchResult> ScreeningService::screen_posts(const Actor& actor, std::optional<std::string> election_code,
                                                         const std::vector<screen::Post>& posts,
                                                         std::span<const std::string> screenshots) {
  if (!screenshots.empty() && screenshots.size() != posts.size())
    return fail(ErrorCode::invalid_field, {}, "screenshot", "screenshots not aligned with posts");
  std::optional<store::ElectionRow> e;
  {
    auto tx = ctx_.store.begin(false);
    if (election_code) {
      e = ctx_.store.screening().election_by_code(*tx, *election_code);
      if (!e) return fail(ErrorCode::unknown_election, {}, "election");
    } else {
      auto all = ctx_.store.screening().list_elections(*tx);
      if (all.empty()) return fail(ErrorCode::no_election, {}, "election");
      e = ctx_.store.screening().election_by_id(*tx, all.front().id);
    }
  }
  auto screener = screeners_.screener_for(*e);
  if (!screener) return std::unexpected(screener.error());
  // Post by post, so that each flag keeps its post's index (its screenshot; two platforms
  // may use the same post id).
  std::vector<std::pair<std::size_t, screen::Flag>> flags;
  {
    auto worker = (*screener)->make_worker();
    for (std::size_t i = 0; i < posts.size(); ++i)
      if (auto f = (*screener)->screen(posts[i], worker)) flags.emplace_back(i, std::move(*f));
  }
  ScreenBatchResult out;
  out.election = e->code;
  out.posts = static_cast<long long>(posts.size());
  out.flags = static_cast<long long>(flags.size());

  // The screenshots of flagged posts go into the blob store before the write transaction
  // (as report uploads do: the transaction does not wait on fsync), and only those a flag
  // will record: a post already flagged keeps the screenshot it has, and a reviewed flag
  // gets none. Posts that raised nothing leave nothing behind.
  std::unordered_map<std::size_t, evidence::StoredBlob> shots;  // post index -> blob
  if (!screenshots.empty()) {
    std::unordered_set<std::string> taken;  // platform \x1f post_id given a screenshot in this batch
    auto tx = ctx_.store.begin(false);
    for (const auto& [i, f] : flags) {
      if (screenshots[i].empty()) continue;
      const std::string platform = ascii_lower(posts[i].platform);
      if (!taken.insert(platform + "\x1f" + posts[i].post_id).second) continue;
      auto stored = ctx_.store.screening().flag_by_post(*tx, e->id, platform, posts[i].post_id);
      if (stored && (stored->has_screenshot() || stored->status != FlagStatus::open)) continue;
      if (auto ok = check_screenshot(screenshots[i]); !ok)
        return fail(ok.error().code, ok.error().message_key, "screenshot", "post " + std::to_string(i + 1) + ": " + ok.error().detail);
      auto blob = ctx_.blobs.put(screenshots[i]);
      if (!blob) return std::unexpected(blob.error());
      shots.emplace(i, *blob);
    }
  }

  std::unordered_map<std::string, const store::StaffAccount*> by_key;
  std::vector<store::StaffAccount> accounts;
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  // Removed while this batch was screened: nothing to store it under.
  if (!ctx_.store.screening().election_by_id(*tx, e->id)) return fail(ErrorCode::unknown_election, {}, "election");
  accounts = ctx_.store.screening().list_accounts(*tx);
  for (const auto& a : accounts) by_key[a.platform + "\x1f" + a.handle] = &a;

  nlohmann::json shot_hashes = nlohmann::json::array();
  for (const auto& [i, f] : flags) {
    const screen::Post& post = posts[i];
    store::FlagRow row;
    row.election_id = e->id;
    auto it = by_key.find(ascii_lower(post.platform) + "\x1f" + clean_handle(post.account));
    if (it != by_key.end()) {
      row.employee_id = it->second->employee_id;
      row.instansi_id = it->second->instansi_id;
    }
    row.platform = ascii_lower(post.platform);
    row.account = post.account;
    row.post_id = post.post_id;
    row.url = post.url;
    row.post_time = post.time;
    row.kind = post.kind;
    row.text = post.text;
    row.context_text = post.context_text;
    row.candidate = f.candidate;
    row.stance = f.stance;
    row.conduct = join(f.conduct);
    row.score_pct = static_cast<int>(f.score * 100.0 + 0.5);
    row.spans = spans_json(f);
    row.created_at = now;
    const auto shot = shots.find(i);
    if (shot != shots.end()) {
      row.screenshot_sha256 = shot->second.sha256;
      row.screenshot_mime = shot->second.mime;
      row.screenshot_size = static_cast<long long>(shot->second.size);
    }
    if (ctx_.store.screening().insert_flag(*tx, row)) {
      ++out.new_flags;
      if (shot != shots.end()) ++out.screenshots, shot_hashes.push_back(shot->second.sha256);
    } else if (shot != shots.end()) {
      // Pushed before without a screenshot: the flag gets this one while it is open.
      auto stored = ctx_.store.screening().flag_by_post(*tx, e->id, row.platform, row.post_id);
      if (stored && ctx_.store.screening().attach_screenshot(*tx, stored->id, row.screenshot_sha256, row.screenshot_mime,
                                             *row.screenshot_size))
        ++out.screenshots, shot_hashes.push_back(shot->second.sha256);
    }
  }
  nlohmann::json d = {{"election", e->code}, {"posts", out.posts}, {"flags", out.flags}, {"new_flags", out.new_flags}};
  if (out.screenshots > 0) d["screenshots"] = shot_hashes;
  audit(ctx_.store, *tx, actor, std::nullopt, "screening.batch", "election:" + std::to_string(e->id), d.dump(), now);
  tx->commit();
  return out;
}

Result<ScreeningQueue> ScreeningService::queue(const Principal& p, std::optional<std::string> status, store::Page page) {
  if (!reviews_flags(p.user.role)) return fail(ErrorCode::forbidden);
  std::optional<FlagStatus> wanted;
  if (status && !(wanted = flag_status_from_string(*status))) return fail(ErrorCode::invalid_field, {}, "status");
  ScreeningQueue q;
  auto tx = ctx_.store.begin(false);
  store::FlagFilter f{wanted, p.user.instansi_id};
  q.page = ctx_.store.screening().list_flags(*tx, f, page);
  q.counts = ctx_.store.screening().count_flags(*tx, p.user.instansi_id);
  return q;
}

Result<store::FlagRow> ScreeningService::flag(const Principal& p, Id id) {
  if (!reviews_flags(p.user.role)) return fail(ErrorCode::forbidden);
  auto tx = ctx_.store.begin(false);
  auto f = ctx_.store.screening().flag_by_id(*tx, id);
  if (!f || (f->instansi_id && *f->instansi_id != p.user.instansi_id)) return fail(ErrorCode::not_found);
  return *f;
}

Result<void> ScreeningService::dismiss(const Principal& p, Id flag_id, const std::string& reason) {
  if (!reviews_flags(p.user.role)) return fail(ErrorCode::forbidden);
  const std::string why = trim(reason);
  if (why.empty()) return fail(ErrorCode::missing_field, "error.missing_reason", "reason");
  if (why.size() > 2000) return fail(ErrorCode::invalid_field, "error.field_too_long", "reason");
  auto f = flag(p, flag_id);
  if (!f) return std::unexpected(f.error());
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  if (!ctx_.store.screening().review_flag(*tx, flag_id, FlagStatus::dismissed, why, p.user.id, now, std::nullopt))
    return fail(ErrorCode::already_reviewed, {}, "flag");
  nlohmann::json d = {{"reason", why}, {"post_id", f->post_id}};
  audit(ctx_.store, *tx, p.actor(), f->instansi_id, "screening.dismiss", "screening_flag:" + std::to_string(flag_id),
        d.dump(), now);
  tx->commit();
  return {};
}

}  // namespace netral::app
