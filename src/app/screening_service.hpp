// Social-media screening in the application (issue 5, docs/screening.md): elections
// imported by admins, staff accounts linked to the roster, batches of posts screened into
// flags, and the reviewers' queue where a flag is dismissed with a reason or turned into
// a case in one step (the post kept as evidence with its SHA-256). Every change audited;
// dismissed and confirmed flags are the labelled data for measuring precision.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "app/db_cache.hpp"
#include "app/report_service.hpp"
#include "screen/election.hpp"
#include "screen/lexicon.hpp"
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

// One line of the labelled data (reviewed.jsonl): a reviewed flag, without the employee's
// name or NIP and without the reviewer (docs/screening.md, "Labelled data").
std::string reviewed_flag_json(const store::FlagRow& f);

struct ScreeningQueue {
  store::PageOf<store::FlagRow> page;
  store::FlagCounts counts;
};

// One stored election, read back from its file, for the election page.
struct ElectionDetail {
  store::ElectionRow row;    // with `source`, the file as stored (what a download gives)
  std::optional<screen::Election> election;  // empty when the stored file no longer parses
  Error problem;             // then: why (the file can still be downloaded, fixed and imported)
  long long flags = 0;       // flags raised against it, whatever their status
  std::string version;       // SHA-256 of the stored file: what an edit was based on
};

// Precision on the reviewed flags: confirmed / (confirmed + dismissed); nullopt before any review.
std::optional<double> precision_of(const store::FlagCounts& c);

class ScreeningService {
 public:
  // The roles that review flags (the queue, dismiss, open a case): admin, analyst, verifier.
  static bool reviews_flags(Role r) { return r == Role::admin || r == Role::analyst || r == Role::verifier; }

  // Reads data_dir/screen/parties.toml, data_dir/screen/cues.toml and (when present)
  // data_dir/catalog/cues.toml for conduct. Errors: "screening_data_invalid".
  static Result<std::unique_ptr<ScreeningService>> create(Context& ctx, const std::filesystem::path& data_dir);
  // Keeps the compiled match databases in `dir` (app/db_cache.hpp), so that a restart or
  // an account change rebuilds a screener without compiling its lexicon again.
  void keep_compiled_in(std::filesystem::path dir) { db_cache_.emplace(std::move(dir)); }
  ScreeningService(Context& ctx, std::vector<screen::Party> parties, std::vector<screen::CueGroup> cues,
                   std::filesystem::path catalog_cues);

  // Admin. Parses and checks the TOML; replaces an election of the same id. `file_name`
  // names the file in error details ("pemilihan.toml:12: candidate[1].number: ...").
  // Errors: "forbidden", "invalid_election" (detail: file:line: field: message).
  Result<store::ElectionRow> import_election(const Principal& p, const std::string& toml_text,
                                             const std::string& file_name = "election.toml");
  std::vector<store::ElectionRow> elections();
  // Admin. Errors: "forbidden", "not_found".
  Result<ElectionDetail> election(const Principal& p, const std::string& code);
  // Admin. Replaces election `code` by `edited` (from the election page's form; its id is
  // `code`). Checked by exactly the import's rules: written as a file (screen::to_toml) and
  // parsed again; the written file is what is stored. `based_on` is the version the form
  // was made from: when the election changed meanwhile nothing is saved.
  // Errors: "forbidden", "not_found", "invalid_election" (field: the parser's field,
  // detail: "field: message", without a line of the written file), "election_changed".
  Result<store::ElectionRow> save_election(const Principal& p, const std::string& code, screen::Election edited,
                                           const std::string& based_on);
  // Admin. Removes an election no flag refers to: flags (and the cases opened from them)
  // are evidence and name their election, so a flagged election stays.
  // Errors: "forbidden", "not_found", "election_in_use" (detail: the number of flags).
  Result<void> remove_election(const Principal& p, const std::string& code);
  // Admin. Links (or re-links) a handle to the roster entry with this NIP in the admin's
  // instansi. Errors: "forbidden", "invalid_field", "unknown_employee".
  Result<void> link_account(const Principal& p, const std::string& platform, const std::string& handle,
                            const std::string& nip);
  // Admin. CSV platform,account,nip (a header line is allowed); all or nothing.
  // Errors as link_account, with the line in the detail ("line 3: ...").
  Result<int> import_accounts(const Principal& p, const std::string& csv);
  std::vector<store::StaffAccount> accounts();
  // Admin. Removes the link of an account of the admin's instansi; flags raised before keep
  // the account and the employee. Errors: "forbidden", "not_found".
  Result<void> unlink_account(const Principal& p, Id account_id);

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

  // Analyst, verifier or admin: flags of the user's instansi and of unlinked accounts.
  Result<ScreeningQueue> queue(const Principal& p, std::optional<std::string> status, store::Page page);
  Result<store::FlagRow> flag(const Principal& p, Id id);
  // Errors: "forbidden", "not_found", "missing_field" (reason), "already_reviewed".
  Result<void> dismiss(const Principal& p, Id flag_id, const std::string& reason);
  // Opens a case (channel agency_finding) with the post as evidence (a PDF), the flag's
  // screenshot and `reviewer_screenshot` (an upload, checked by check_screenshot_file, moved
  // into the blob store), all in one transaction; returns the case number. Errors:
  // "forbidden", "not_found", "already_reviewed", and those of check_screenshot_file
  // (checked before anything is stored).
  Result<std::string> open_case(const Principal& p, Id flag_id,
                                const std::optional<NewFile>& reviewer_screenshot = std::nullopt);
  // The flag's screenshot for a user who may see the flag (the queue's rule). Errors:
  // "forbidden", "not_found" (no such flag, not visible, no screenshot, blob missing).
  struct Screenshot {
    std::filesystem::path path;
    std::string mime;
    std::string sha256;
    long long size = 0;
  };
  Result<Screenshot> screenshot(const Principal& p, Id flag_id);
  // The labelled data: every reviewed (dismissed or confirmed) flag the user may see, in id
  // order, one line each (reviewed_flag_json) handed to `line`; read from the database in
  // pages. Audited as screening.export_reviewed. Returns the number of lines.
  Result<long long> export_reviewed(const Principal& p, const std::function<void(std::string_view)>& line);

 private:
  Result<std::shared_ptr<const screen::Screener>> screener_for(const store::ElectionRow& e);
  // Drops the compiled screener after elections or accounts changed here (other instances
  // see the change through the cache key).
  void forget_screener();
  // After an import or an edit has committed: the new screener compiled, the row returned
  // without its source.
  store::ElectionRow written(store::ElectionRow row);
  store::ScreeningRepo& repo() { return ctx_.store.screening(); }
  Context& ctx_;
  std::vector<screen::Party> parties_;
  std::vector<screen::CueGroup> cues_;
  std::filesystem::path catalog_cues_;
  std::optional<FileDatabaseCache> db_cache_;
  std::mutex mu_;
  std::string cache_key_;
  std::shared_ptr<const screen::Screener> cache_;
};

// The evidence document of a flagged post: a one-or-more-page PDF showing the post's
// metadata and text as canonical ASCII JSON (non-ASCII as \u escapes, so nothing is lost),
// verbatim in 90-column lines (app/pdf_writer.hpp).
std::string post_evidence_pdf(const std::string& title, const std::string& canonical_json, Timestamp now);

}  // namespace netral::app
