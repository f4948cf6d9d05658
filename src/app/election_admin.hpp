// The elections screening runs against (issue 5, docs/screening.md "Managing elections"):
// admins import, edit and remove them; each change is audited and recompiles the
// screener (app/screener_cache.hpp) in the admin's request.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "app/screener_cache.hpp"
#include "screen/election.hpp"
#include "store/screening_repo.hpp"

namespace netral::app {

// One stored election, read back from its file, for the election page.
struct ElectionDetail {
  store::ElectionRow row;    // with `source`, the file as stored (what a download gives)
  std::optional<screen::Election> election;  // empty when the stored file no longer parses
  Error problem;             // then: why (the file can still be downloaded, fixed and imported)
  long long flags = 0;       // flags raised against it, whatever their status
  std::string version;       // SHA-256 of the stored file: what an edit was based on
};

class ElectionAdmin {
 public:
  ElectionAdmin(Context& ctx, ScreenerCache& screeners) : ctx_(ctx), screeners_(screeners) {}

  // Admin of the election's government (its `region`). Parses and checks the TOML;
  // replaces an election of the same id. `file_name` names the file in error details
  // ("pemilihan.toml:12: candidate[1].number: ...").
  // Errors: "forbidden", "invalid_election" (detail: file:line: field: message),
  // "foreign_election" (the file's region, or the election it would replace, is another
  // government's).
  Result<store::ElectionRow> import_election(const Principal& p, const std::string& toml_text,
                                             const std::string& file_name = "election.toml");
  // The elections that concern the principal's government (its own, its province's),
  // newest import first.
  std::vector<store::ElectionRow> list(const Principal& p);
  // Admin. Another government's election (one that does not concern the admin's) is
  // not_found. Errors: "forbidden", "not_found".
  Result<ElectionDetail> election(const Principal& p, const std::string& code);
  // Admin. Replaces election `code` by `edited` (from the election page's form; its id is
  // `code`). Checked by exactly the import's rules: written as a file (screen::to_toml) and
  // parsed again; the written file is what is stored. `based_on` is the version the form
  // was made from: when the election changed meanwhile nothing is saved.
  // Errors: "forbidden", "not_found", "invalid_election" (field: the parser's field,
  // detail: "field: message", without a line of the written file), "election_changed",
  // "foreign_election" (a Pilgub seen by a regency's admin; a region moved to another).
  Result<store::ElectionRow> save_election(const Principal& p, const std::string& code, screen::Election edited,
                                           const std::string& based_on);
  // Admin. Removes an election no flag refers to: flags (and the cases opened from them)
  // are evidence and name their election, so a flagged election stays.
  // Errors: "forbidden", "not_found", "election_in_use" (detail: the number of flags),
  // "foreign_election".
  Result<void> remove_election(const Principal& p, const std::string& code);

 private:
  // After an import or an edit has committed: the new screener compiled, the row returned
  // without its source.
  store::ElectionRow written(store::ElectionRow row);
  Context& ctx_;
  ScreenerCache& screeners_;
};

}  // namespace netral::app
