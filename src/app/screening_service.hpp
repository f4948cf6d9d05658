// Social-media screening in the application (issue 5, docs/screening.md): elections
// imported by admins, staff accounts linked to the roster, batches of posts screened into
// flags, and the reviewers' queue where a flag is dismissed with a reason or turned into
// a case in one step (the post kept as evidence with its SHA-256). Every change audited;
// dismissed and confirmed flags are the labelled data for measuring precision.
#pragma once
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "app/db_cache.hpp"
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
};

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
  Result<ScreenBatchResult> screen_posts(const Actor& actor, std::optional<std::string> election_code,
                                         const std::vector<screen::Post>& posts);
  Result<ScreenBatchResult> screen_posts(const Principal& p, std::optional<std::string> election_code,
                                         const std::vector<screen::Post>& posts);

  // Analyst, verifier or admin: flags of the user's instansi and of unlinked accounts.
  Result<ScreeningQueue> queue(const Principal& p, std::optional<std::string> status, store::Page page);
  Result<store::FlagRow> flag(const Principal& p, Id id);
  // Errors: "forbidden", "not_found", "missing_field" (reason), "already_reviewed".
  Result<void> dismiss(const Principal& p, Id flag_id, const std::string& reason);
  // Opens a case (channel agency_finding) with the post as evidence; returns the case number.
  Result<std::string> open_case(const Principal& p, Id flag_id);

 private:
  Result<std::shared_ptr<const screen::Screener>> screener_for(const store::ElectionRow& e);
  // Drops the compiled screener after elections or accounts changed here (other instances
  // see the change through the cache key).
  void forget_screener();
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
// metadata and text as canonical ASCII JSON (non-ASCII as \u escapes, so nothing is lost).
std::string post_evidence_pdf(const std::string& title, const std::string& canonical_json);

}  // namespace netral::app
