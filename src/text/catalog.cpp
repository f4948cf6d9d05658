#include "text/catalog.hpp"

#include <algorithm>
#include <array>

namespace netral::text {

std::string_view to_string(DocumentKind k) {
  switch (k) {
    case DocumentKind::regulation: return "regulation";
    case DocumentKind::joint_decree: return "joint_decree";
    case DocumentKind::national_circular: return "national_circular";
    case DocumentKind::regional_circular: return "regional_circular";
  }
  return "regulation";
}

std::optional<DocumentKind> document_kind_from_string(std::string_view s) {
  for (auto k : {DocumentKind::regulation, DocumentKind::joint_decree, DocumentKind::national_circular,
                 DocumentKind::regional_circular})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

const std::vector<std::string_view>& canonical_conduct_ids() {
  static const std::vector<std::string_view> ids = {
      "social_media",  "photo_symbol",      "campaign_participation", "party_attributes", "mobilising",
      "state_facilities", "partisan_decision", "partisan_activity",   "support_letter_ktp", "party_membership",
      "campaign_team", "banner_props",      "approaching_party",      "election_official_bias",
  };
  return ids;
}

Catalog::Catalog(std::vector<Conduct> conducts, std::vector<SanctionOption> sanctions,
                 std::vector<CatalogDocument> docs)
    : conducts_(std::move(conducts)), sanctions_(std::move(sanctions)), documents_(std::move(docs)) {}

const Conduct* Catalog::find_conduct(std::string_view id) const {
  for (auto& c : conducts_)
    if (c.id == id) return &c;
  return nullptr;
}

const SanctionOption* Catalog::find_sanction(std::string_view id) const {
  for (auto& s : sanctions_)
    if (s.id == id) return &s;
  return nullptr;
}

const CatalogDocument* Catalog::find_document(std::string_view id) const {
  for (auto& d : documents_)
    if (d.id == id) return &d;
  return nullptr;
}

const CatalogItem* Catalog::find_item(std::string_view id) const {
  for (auto& d : documents_)
    for (auto& i : d.items)
      if (i.id == id) return &i;
  return nullptr;
}

namespace {
// ISO dates compare correctly as strings.
bool valid_on(const CatalogDocument& d, std::string_view date) {
  if (date.empty()) return true;
  if (!d.valid_from.empty() && date < d.valid_from) return false;
  if (!d.valid_until.empty() && date > d.valid_until) return false;
  return true;
}
}  // namespace

std::vector<const CatalogDocument*> Catalog::in_force(std::string_view region_code, std::string_view date) const {
  std::string_view province = region_code.substr(0, std::min<std::size_t>(2, region_code.size()));
  std::vector<const CatalogDocument*> out;
  for (auto& d : documents_) {
    if (!valid_on(d, date)) continue;
    bool national = d.region_code.empty();
    bool own = !d.region_code.empty() && (d.region_code == region_code || d.region_code == province);
    if (national || own) out.push_back(&d);
  }
  return out;
}

std::vector<const SanctionOption*> Catalog::effective_sanctions(const CatalogItem& item, StaffType staff) const {
  std::vector<const SanctionOption*> out;
  auto add_from = [&](const CatalogItem& it) {
    auto f = it.sanctions.find(staff);
    if (f == it.sanctions.end()) return;
    for (auto& id : f->second)
      if (auto* s = find_sanction(id); s && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  add_from(item);
  if (out.empty())
    for (auto& b : item.basis)
      if (auto* bi = find_item(b)) add_from(*bi);
  return out;
}

}  // namespace netral::text
