// Social-media screening in the application (issue 5, docs/screening.md): batches of posts
// screened into flags, and the reviewers' queue where a flag is dismissed with a reason.
// Around it: the elections (app/election_admin.hpp) and the linked staff accounts
// (app/screening_accounts.hpp) a batch is screened with (app/screener_cache.hpp), the case
// opened from a flag (app/flag_cases.hpp) and the labelled data (app/screening_export.hpp).
// Every change audited; dismissed and confirmed flags are the labelled data for measuring
// precision.
#pragma once
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "app/screener_cache.hpp"
#include "screen/screener.hpp"
#include "store/screening_repo.hpp"

namespace netral::app {

struct ScreenBatchResult {
  std::string election;  // code of the election screened against
  long long posts = 0;
  long long flags = 0;      // flags raised by the batch
  long long new_flags = 0;  // of which not stored before (a post pushed twice is stored once)
  long long screenshots = 0;  // screenshots recorded on flags (those of posts that raised nothing are dropped)
};

// Screenshots of posts (docs/screening.md, "Screenshots"): a PNG, JPEG or WebP image, typed
// by its content (libmagic), of at most kMaxScreenshotBytes. A collector sends one in base64
// beside a post; a reviewer may upload one when opening a case.
inline constexpr std::uint64_t kMaxScreenshotBytes = 5ull << 20;
// Whether a sniffed type is one a screenshot may have.
bool is_screenshot_type(std::string_view mime);
// The image's sniffed type when it may be kept as a screenshot. Errors: "invalid_screenshot"
// (empty), "screenshot_too_large", "unsupported_screenshot_type" (detail: the sniffed type).
Result<std::string> check_screenshot(std::string_view bytes);
// The same for an uploaded file (the reviewer's).
Result<std::string> check_screenshot_file(const std::filesystem::path& file);
// Strict RFC 4648 base64 (standard alphabet, padding, no whitespace, no "data:" prefix),
// then check_screenshot. The size is checked before decoding. Errors: "invalid_screenshot"
// (not base64), and those of check_screenshot.
Result<std::string> decode_screenshot(std::string_view base64);

struct ScreeningQueue {
  store::PageOf<store::FlagRow> page;
  store::FlagCounts counts;
};

// Precision on the reviewed flags: confirmed / (confirmed + dismissed); nullopt before any review.
std::optional<double> precision_of(const store::FlagCounts& c);

class ScreeningService {
 public:
  ScreeningService(Context& ctx, ScreenerCache& screeners) : ctx_(ctx), screeners_(screeners) {}

  // Analyst or admin (and the collector token). Screens against `election_code`, or the
  // newest imported election. Errors: "forbidden", "no_election", "unknown_election".
  // `screenshots`, when not empty, is index-aligned with `posts`: the decoded image of each
  // post (empty: none; decode_screenshot checked it). A screenshot is stored in the blob
  // store and recorded on the flag only when its post raises one (a post that raises
  // nothing leaves nothing behind); a post already flagged gets it only while its flag is
  // open and has none.
  Result<ScreenBatchResult> screen_posts(const Actor& actor, std::optional<std::string> election_code,
                                         const std::vector<screen::Post>& posts,
                                         std::span<const std::string> screenshots = {});
  Result<ScreenBatchResult> screen_posts(const Principal& p, std::optional<std::string> election_code,
                                         const std::vector<screen::Post>& posts,
                                         std::span<const std::string> screenshots = {});

  // Analyst, verifier or admin (reviews_flags): flags of the user's instansi and of unlinked accounts.
  Result<ScreeningQueue> queue(const Principal& p, std::optional<std::string> status, store::Page page);
  // One flag of the queue. Errors: "forbidden", "not_found" (no such flag, or not visible).
  Result<store::FlagRow> flag(const Principal& p, Id id);
  // Errors: "forbidden", "not_found", "missing_field" (reason), "already_reviewed".
  Result<void> dismiss(const Principal& p, Id flag_id, const std::string& reason);

 private:
  Context& ctx_;
  ScreenerCache& screeners_;
};

}  // namespace netral::app
