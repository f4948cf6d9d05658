// The catalogue of prohibited acts and the conduct classifier in the running server
// (issue 4, docs/catalog.md and docs/classification.md): loaded once at start, the
// categories reporters choose and staff confirm, and the circulars a government adopts:
// drafted from a circular's text, reviewed and edited, adopted, then edited in versions,
// all kept in the database (issue 12).
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "core/result.hpp"
#include "store/catalog_repo.hpp"
#include "store/conduct_repo.hpp"
#include "text/catalog.hpp"
#include "text/catalog_loader.hpp"
#include "text/circular.hpp"
#include "text/classify.hpp"

namespace netral::app {

// A circular as the admin edits and adopts it, after reviewing the importer's draft. It is
// also the body of every stored draft and version (JSON: to_json/circular_from_json).
struct AdoptCircular {
  std::string region_code;  // "19.03"
  std::string region_name;  // "Kabupaten Bangka Selatan"
  std::string title;
  std::string number;
  std::string date;  // ISO
  std::string place;
  std::string signer;
  std::vector<std::string> covers;  // "pns", "pppk", "non_asn"
  std::string valid_from;           // ISO; empty: the date
  std::string valid_until;          // ISO; may be empty
  struct Item {
    std::string letter;  // the catalogue's local id: a, b, c ... by position, given on save
    std::string text;
    std::vector<std::string> conduct;
    std::string marker;                     // as the source numbers it ("1", "(2)", "d"); "" = the letter
    std::vector<std::string> staff_types;   // empty: those of the circular
    std::string valid_from;                 // ISO; empty: the circular's
    std::string valid_until;
    std::map<std::string, std::vector<std::string>> sanctions;  // staff type -> sanction option ids
  };
  std::vector<Item> items;
  std::vector<std::string> channels;
  std::vector<std::string> duties;
  std::string source_name;  // the uploaded file's name, for the record
};

std::string to_json(const AdoptCircular& c);
// Fails (invalid_field) on text that is not a stored body.
Result<AdoptCircular> circular_from_json(const std::string& json);

// What the editor's item buttons do, on the item at an index (0-based). Pure, so that
// the web layer and tests share one meaning. Errors: invalid_field "item" (no such item,
// nothing to merge with, the first moved up), missing_field "new_text" (an empty new item).
enum class ItemAction { move_up, move_down, remove, merge_next, add };
Result<void> apply_item_action(AdoptCircular& c, ItemAction action, std::size_t index, const std::string& new_text = {});

struct Adopted {
  std::string document_id;
  Id circular_id = 0;
  long long version = 0;
};

// A stored circular as the editor shows it.
struct CircularView {
  store::CatalogCircular row;
  AdoptCircular body;                 // the draft, or the latest version
  std::vector<std::string> unread;    // what the importer could not read
  bool adopted = false;
  long long rev = 0;                  // what an edit form must send back: draft_rev, or the version
  std::vector<store::CatalogVersion> versions;  // newest first
};

class CatalogService {
 public:
  // Loads <bundled>/conducts.toml, sanctions.toml, national/, regional/ and cues.toml, plus
  // the circulars adopted on this deployment (the database's latest versions). Circular
  // files an earlier release wrote to <data_dir>/catalog/regional/*.toml are moved into the
  // database once (docs/catalog.md, "Adopted circulars"). Any problem fails with code
  // "catalog_invalid" and every problem in the detail.
  static Result<std::unique_ptr<CatalogService>> open(Context& ctx, const std::filesystem::path& bundled_dir,
                                                      const std::filesystem::path& data_dir);

  // The catalogue now in force (a snapshot: adoption swaps in a new one).
  std::shared_ptr<const text::Catalog> catalog() const;
  const text::Classifier& classifier() const { return classifier_; }

  // Whether every id is a canonical conduct id of the catalogue.
  bool known_conduct(const std::vector<std::string>& ids) const;

  // Reporter-chosen categories of a report (staff pages).
  std::vector<std::string> report_conduct(Id report_id);
  store::CaseConduct case_conduct(Id case_id);
  // A verifier or examiner of the case's instansi confirms or changes the categories of a
  // case; audited ("case.conduct"). Errors: forbidden, not_found, invalid_field.
  Result<void> confirm(const Principal& p, Id case_id, std::vector<std::string> conduct);

  // The importer's draft of a circular's text.
  // The importer's draft; the issuing region resolved against the official list.
  text::CircularDraft draft(std::string_view text) const {
    return text::draft_circular(text, &classifier_, regions_ ? &*regions_ : nullptr);
  }

  // --- circulars of a government (admins of that government only: manages_catalogue_of) ---
  // Stores a reviewed-to-be draft read from `source_text`; audited "catalog.draft".
  Result<Id> create_draft(const Principal& p, const AdoptCircular& body, const std::string& source_text,
                          const std::vector<std::string>& unread);
  // A circular of the admin's government; another government's does not exist (not_found).
  Result<CircularView> circular(const Principal& p, Id id);
  // Drafts and adopted circulars of the admin's government, newest first.
  std::vector<store::CatalogCircular> circulars(const Principal& p);
  // Saves an edit made on revision `rev`: a draft's body changes (audited "catalog.edit");
  // an adopted circular gets a new version, validated like an adoption and in force at once
  // (audited "catalog.version"). `summary` says what changed. Errors: forbidden, not_found,
  // catalog_stale (someone saved since `rev`), invalid_field/missing_field/invalid_date.
  Result<long long> save(const Principal& p, Id id, long long rev, AdoptCircular body, const std::string& summary);
  // Adopts a draft as version 1. A draft with unread fields needs `confirm_unread`
  // (missing_field "confirm_unread"): nothing the importer could not read goes in silently.
  Result<Adopted> adopt_draft(const Principal& p, Id id, long long rev, AdoptCircular body, bool confirm_unread);
  // Drafts and adopts in one step (the one-form review of issue 4).
  Result<Adopted> adopt(const Principal& p, const AdoptCircular& c);

  // The TOML text of a circular as the catalogue loader reads it, for tests and review.
  static std::string to_toml(const AdoptCircular& c, const std::string& document_id);

 private:
  CatalogService(Context& ctx, std::filesystem::path bundled, std::shared_ptr<const text::Catalog> catalog,
                 text::Classifier classifier);
  static text::CatalogLoad load(const std::filesystem::path& bundled, const std::vector<text::CatalogSource>& adopted);
  std::vector<text::CatalogSource> adopted_sources(store::Tx& tx, const std::string& except_document = {});
  Result<void> migrate_files(const std::filesystem::path& dir);
  // Checks what an editor may send (region, items, ids, dates) and gives letters a, b, c.
  Result<void> check(const Principal& p, AdoptCircular& body) const;
  Result<text::CatalogLoad> validate_with(store::Tx& tx, const AdoptCircular& body, const std::string& document_id,
                                          long long version);
  std::string new_document_id(store::Tx& tx, const AdoptCircular& c);

  Context& ctx_;
  std::filesystem::path bundled_;
  mutable std::mutex mu_;  // guards catalog_ and serialises adoptions and versions
  std::shared_ptr<const text::Catalog> catalog_;
  text::Classifier classifier_;
  std::optional<text::RegionIndex> regions_;  // data/regions beside the catalogue; none: region from a letterhead only
};

}  // namespace netral::app
