// Social-media screening's tables (docs/screening.md, "In the application"; migration 5):
// elections as imported, staff social accounts linked to roster entries, and the flags
// reviewers dismiss or turn into cases.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "store/store.hpp"

namespace netral::store {

struct ElectionRow {
  Id id = 0;
  std::string code;         // [election] id of the file
  std::string name;
  std::string region;
  std::string voting_date;  // ISO
  std::string source;       // the TOML text as imported
  std::string imported_by;  // actor
  Timestamp imported_at = 0;
};

struct StaffAccount {
  Id id = 0;
  std::string platform;  // lower-case
  std::string handle;    // lower-case, without '@'
  Id employee_id = 0;
  std::string created_by;
  Timestamp created_at = 0;
  // Filled by queries:
  std::string nip;
  std::string employee_name;
  Id instansi_id = 0;
};

struct FlagRow {
  Id id = 0;
  Id election_id = 0;
  std::optional<Id> instansi_id;  // the employee's, when the account is linked
  std::optional<Id> employee_id;
  std::string platform, account, post_id, url, post_time;
  PostKind kind = PostKind::post;
  std::string text, context_text;
  int candidate = 0;
  Stance stance = Stance::for_candidate;
  std::string conduct;     // comma-separated conduct ids
  int score_pct = 0;       // score x 100
  std::string spans = "[]";  // JSON array as in the CLI output
  FlagStatus status = FlagStatus::open;
  std::string reason;
  std::optional<Id> reviewer_id;
  std::optional<Timestamp> reviewed_at;
  std::optional<Id> case_id;
  Timestamp created_at = 0;
  // A screenshot of the post in the evidence blob store (migration 8): its SHA-256, sniffed
  // type and size. Empty sha256 (NULL in the table, all three) when the flag has none.
  std::string screenshot_sha256;
  std::string screenshot_mime;
  std::optional<long long> screenshot_size;
  bool has_screenshot() const { return !screenshot_sha256.empty(); }
  // Filled by queries:
  std::string nip;
  std::string employee_name;
  std::string election_code;
  std::string reviewer_name;
  std::string case_number;
};

struct FlagFilter {
  std::optional<FlagStatus> status;
  std::optional<Id> instansi_id;  // the instansi's flags and those of unlinked accounts
};

struct FlagCounts {
  long long open = 0, dismissed = 0, confirmed = 0;
};

class ScreeningRepo {
 public:
  virtual ~ScreeningRepo() = default;
  // Inserts or replaces by code; returns the id.
  virtual Id upsert_election(Tx& tx, const ElectionRow& e) = 0;
  virtual std::optional<ElectionRow> election_by_code(Tx& tx, const std::string& code) = 0;
  virtual std::optional<ElectionRow> election_by_id(Tx& tx, Id id) = 0;
  // Newest import first; `source` left empty.
  virtual std::vector<ElectionRow> list_elections(Tx& tx) = 0;
  // Flags raised against the election, whatever their status.
  virtual long long count_election_flags(Tx& tx, Id election_id) = 0;
  // Deletes the election row; false when there was none. The caller checks that no flag
  // refers to it (the foreign key refuses otherwise).
  virtual bool delete_election(Tx& tx, Id id) = 0;

  // Inserts or re-links by (platform, handle); returns the id.
  virtual Id upsert_account(Tx& tx, const StaffAccount& a) = 0;
  // Every linked account with its employee's NIP, name and instansi; by platform, handle.
  virtual std::vector<StaffAccount> list_accounts(Tx& tx) = 0;
  // One account with its employee's NIP, name and instansi.
  virtual std::optional<StaffAccount> account_by_id(Tx& tx, Id id) = 0;
  // Removes the link; false when there was none. Flags keep their own copy of the account
  // and the employee.
  virtual bool delete_account(Tx& tx, Id id) = 0;

  // Inserts a flag; nullopt when the same post was flagged for this election already.
  virtual std::optional<Id> insert_flag(Tx& tx, const FlagRow& f) = 0;
  virtual std::optional<FlagRow> flag_by_id(Tx& tx, Id id) = 0;
  // The flag of a post (platform lower-case, as stored) for an election, if stored.
  virtual std::optional<FlagRow> flag_by_post(Tx& tx, Id election_id, const std::string& platform,
                                              const std::string& post_id) = 0;
  // Records a screenshot on a flag that is still open and has none; false otherwise.
  virtual bool attach_screenshot(Tx& tx, Id flag_id, const std::string& sha256, const std::string& mime,
                                 long long size) = 0;
  // Newest first.
  virtual PageOf<FlagRow> list_flags(Tx& tx, const FlagFilter& f, const Page& p) = 0;
  // Moves an open flag to `status`; false when it was no longer open (a concurrent review).
  virtual bool review_flag(Tx& tx, Id id, FlagStatus status, const std::string& reason, Id reviewer,
                           Timestamp at, std::optional<Id> case_id) = 0;
  virtual FlagCounts count_flags(Tx& tx, std::optional<Id> instansi_id) = 0;
  // The reviewed flags (dismissed or confirmed) of the filter's instansi (and of unlinked
  // accounts), in id order, after `after_id`, at most `limit`: one page of the labelled
  // data, read page by page with the last id as the next `after_id`.
  virtual std::vector<FlagRow> list_reviewed(Tx& tx, std::optional<Id> instansi_id, Id after_id, int limit) = 0;
};

}  // namespace netral::store
