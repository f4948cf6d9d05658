// The catalogue of prohibited acts and the conduct classifier in the running server
// (issue 4, docs/catalog.md and docs/classification.md): loaded once at start, the
// categories reporters choose and staff confirm, and the adoption of imported circulars.
#pragma once
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "core/result.hpp"
#include "store/conduct_repo.hpp"
#include "text/catalog.hpp"
#include "text/catalog_loader.hpp"
#include "text/circular.hpp"
#include "text/classify.hpp"

namespace netral::app {

// A circular as the admin adopts it, after reviewing the importer's draft.
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
    std::string letter;
    std::string text;
    std::vector<std::string> conduct;
  };
  std::vector<Item> items;
  std::vector<std::string> channels;
  std::vector<std::string> duties;
  std::string source_name;  // the uploaded file's name, for the record
};

struct Adopted {
  std::string document_id;
  std::filesystem::path file;
};

class CatalogService {
 public:
  // Loads <bundled>/conducts.toml, sanctions.toml, national/, regional/ and cues.toml, plus
  // the circulars adopted on this deployment (<data_dir>/catalog/regional/*.toml). Any
  // problem fails with code "catalog_invalid" and every problem in the detail.
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
  text::CircularDraft draft(std::string_view text) const { return text::draft_circular(text, &classifier_); }
  // Admin only: writes the circular as <data_dir>/catalog/regional/<code>_<slug>.toml,
  // validates the whole catalogue with it through the same loader, and puts it in force.
  // Nothing is written when validation fails (invalid_field, detail: the problems).
  Result<Adopted> adopt(const Principal& p, const AdoptCircular& c);

  // The TOML text of a circular (what adopt() writes), for tests and review.
  static std::string to_toml(const AdoptCircular& c, const std::string& document_id);

 private:
  CatalogService(Context& ctx, std::filesystem::path bundled, std::filesystem::path adopted_dir,
                 std::shared_ptr<const text::Catalog> catalog, text::Classifier classifier);
  static text::CatalogLoad load(const std::filesystem::path& bundled, const std::filesystem::path& adopted_dir,
                                const std::vector<text::CatalogSource>& extra);

  Context& ctx_;
  std::filesystem::path bundled_;
  std::filesystem::path adopted_dir_;
  mutable std::mutex mu_;  // guards catalog_ and serialises adoptions
  std::shared_ptr<const text::Catalog> catalog_;
  text::Classifier classifier_;
};

}  // namespace netral::app
