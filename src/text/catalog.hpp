// The catalogue of prohibited acts (docs/catalog.md): canonical conduct categories, sanction
// options and source documents (national regulations, the 2022 joint decree, regional
// circular letters), each with its items. Pure model: loading lives in catalog_loader.hpp.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace netral::text {

// One of the stable canonical conduct ids of domain.md ("social_media", ...).
struct Conduct {
  std::string id;
  std::string name_id;      // short name in Indonesian, shown to users
  std::string name_en;
  std::string description;  // plain-words description in Indonesian, for the public form
};

// One sanction a decision maker may impose ("potongan_tpp_25_6", "sanksi_moral_terbuka").
struct SanctionOption {
  std::string id;
  std::string level;  // "ringan", "sedang", "berat", "moral", "administratif", "pidana"
  std::string name_id;
  std::string name_en;
  std::vector<StaffType> staff_types;
  std::string source;  // "PP 94/2021 Pasal 8 ayat (3)"
  bool uncertain = false;
  std::string note;
};

enum class DocumentKind { regulation, joint_decree, national_circular, regional_circular };
std::string_view to_string(DocumentKind k);
std::optional<DocumentKind> document_kind_from_string(std::string_view s);

struct CatalogItem {
  std::string id;           // unique in the catalogue: "<document id>/<local id>"
  std::string local_id;     // "a", "5n1"
  std::string point;        // where in the source: "angka 1 huruf a", "Pasal 5 huruf n angka 1"
  std::string text;         // as issued (or as quoted, see `uncertain`)
  std::vector<std::string> conduct;  // canonical conduct ids, at least one
  std::vector<StaffType> staff_types;  // empty: those of the document
  std::string level;        // sanction level named by the source, if any
  std::map<StaffType, std::vector<std::string>> sanctions;  // sanction option ids per staff type
  std::vector<std::string> basis;  // ids of (national) items this item restates
  std::string valid_from;   // ISO date; empty: that of the document
  std::string valid_until;
  bool uncertain = false;
  std::string note;
  int line = 0;  // line in the catalogue file, for messages
};

struct CatalogDocument {
  std::string id;
  DocumentKind kind = DocumentKind::regulation;
  std::string title;
  std::string number;
  std::string date;  // ISO YYYY-MM-DD
  std::string place;
  std::string signer;
  std::string region_code;  // Kemendagri code ("19", "19.03"); empty for national documents
  std::string region_name;
  bool region_code_uncertain = false;
  std::vector<StaffType> staff_types;
  std::string valid_from;
  std::string valid_until;  // empty: open-ended
  std::vector<std::string> sources;  // where the text was read
  std::vector<std::string> channels;  // reporting channels named by the document
  std::vector<std::string> duties;    // duties given to department heads
  bool uncertain = false;
  std::string note;
  std::string file;  // catalogue file it came from, for messages
  // A circular adopted on the deployment: the version in force (app::CatalogService sets it;
  // a finding records it, so a case keeps pointing at the text it cited). 0 for shipped files.
  long long version = 0;
  std::vector<CatalogItem> items;
};

class Catalog {
 public:
  Catalog() = default;
  Catalog(std::vector<Conduct> conducts, std::vector<SanctionOption> sanctions, std::vector<CatalogDocument> docs);

  const std::vector<Conduct>& conducts() const { return conducts_; }
  const std::vector<SanctionOption>& sanctions() const { return sanctions_; }
  const std::vector<CatalogDocument>& documents() const { return documents_; }

  const Conduct* find_conduct(std::string_view id) const;
  const SanctionOption* find_sanction(std::string_view id) const;
  const CatalogDocument* find_document(std::string_view id) const;
  const CatalogItem* find_item(std::string_view id) const;

  // Documents in force for an instansi on a date (ISO): every national document, the
  // circulars of the region itself and of its province ("19" for "19.03"), each valid
  // on that date. An empty date means "any date".
  std::vector<const CatalogDocument*> in_force(std::string_view region_code, std::string_view date = {}) const;

  // Sanction options for an item and a staff type: the item's own, else those of the
  // items it restates (basis), deduplicated in order.
  std::vector<const SanctionOption*> effective_sanctions(const CatalogItem& item, StaffType staff) const;

 private:
  std::vector<Conduct> conducts_;
  std::vector<SanctionOption> sanctions_;
  std::vector<CatalogDocument> documents_;
};

// The 14 canonical conduct ids of domain.md, in their documented order. The catalogue's
// conducts.toml must define exactly these: statistics and screening count by them.
const std::vector<std::string_view>& canonical_conduct_ids();

}  // namespace netral::text
