#include <gtest/gtest.h>

#include <filesystem>

#include "text/catalog_loader.hpp"

using namespace netral::text;
namespace fs = std::filesystem;

namespace {
const fs::path kCatalog = fs::path(NETRAL_SOURCE_DIR) / "data/catalog";

const char* kConducts = R"(
[[conduct]]
id = "social_media"
name_id = "Media sosial"
name_en = "Social media"
description = "x"
)";

const char* kSanctions = R"(
[[sanction]]
id = "teguran_lisan"
level = "ringan"
name_id = "Teguran lisan"
name_en = "Verbal warning"
staff_types = ["pns"]
source = "PP 94/2021"
)";

std::vector<CatalogProblem> problems_of(const std::string& doc) {
  return parse_catalog({"conducts.toml", kConducts}, {"sanctions.toml", kSanctions}, {{"regional/x.toml", doc}})
      .problems;
}

bool has(const std::vector<CatalogProblem>& ps, const std::string& needle) {
  for (auto& p : ps)
    if (p.to_string().find(needle) != std::string::npos) return true;
  return false;
}

std::string dump(const std::vector<CatalogProblem>& ps) {
  std::string s;
  for (auto& p : ps) s += p.to_string() + "\n";
  return s;
}
}  // namespace

TEST(Catalog, ShippedCatalogueIsValid) {
  auto l = read_catalog(kCatalog);
  EXPECT_TRUE(l.problems.empty()) << dump(l.problems);
  auto& c = l.catalog;
  EXPECT_EQ(c.conducts().size(), 14u);
  for (auto id : canonical_conduct_ids()) EXPECT_NE(c.find_conduct(id), nullptr) << id;
  // The four regional circulars of the seeds, by region code.
  for (auto code : {"19", "19.03", "52.06", "15.04"}) {
    bool found = false;
    for (auto& d : c.documents()) found |= d.region_code == code && d.kind == DocumentKind::regional_circular;
    EXPECT_TRUE(found) << code;
  }
  auto* babel = c.find_document("se-19-800-46-2024");
  ASSERT_NE(babel, nullptr);
  EXPECT_EQ(babel->items.size(), 8u);  // a-h
  auto* basel = c.find_document("se-19.03-800.1.10-7-2024");
  ASSERT_NE(basel, nullptr);
  EXPECT_EQ(basel->number, "800.1.10/7/BKPSDMD/2024");
  EXPECT_EQ(basel->date, "2024-09-26");
}

TEST(Catalog, InForceIncludesNationalProvinceAndOwnRegion) {
  auto cat = load_catalog(kCatalog);
  ASSERT_TRUE(cat) << cat.error().detail;
  auto docs = cat->in_force("19.03", "2024-11-20");
  bool national = false, province = false, own = false, other = false;
  for (auto* d : docs) {
    national |= d->region_code.empty();
    province |= d->region_code == "19";
    own |= d->region_code == "19.03";
    other |= d->region_code == "52.06";
  }
  EXPECT_TRUE(national && province && own);
  EXPECT_FALSE(other);
  // Before the provincial circular was issued (13 Nov 2024), only the regency's applies.
  for (auto* d : cat->in_force("19.03", "2024-10-01")) EXPECT_NE(d->region_code, "19");
}

TEST(Catalog, EffectiveSanctionsFollowTheBasis) {
  auto cat = load_catalog(kCatalog);
  ASSERT_TRUE(cat);
  auto* item = cat->find_item("se-19.03-800.1.10-7-2024/c");  // mobilising: berat via PP 94/2021
  ASSERT_NE(item, nullptr);
  auto pns = cat->effective_sanctions(*item, netral::StaffType::pns);
  ASSERT_FALSE(pns.empty());
  EXPECT_EQ(pns.front()->level, "berat");
  auto pppk = cat->effective_sanctions(*item, netral::StaffType::pppk);
  ASSERT_EQ(pppk.size(), 1u);
  EXPECT_EQ(pppk[0]->id, "pemutusan_perjanjian_kerja");
  auto* a = cat->find_item("se-19.03-800.1.10-7-2024/a");
  EXPECT_EQ(cat->effective_sanctions(*a, netral::StaffType::pns).front()->level, "sedang");
}

TEST(Catalog, ErrorsNameFileLineAndField) {
  auto ps = problems_of(R"([document]
id = "x"
kind = "regional_circular"
title = "t"
region_code = "19.3"
region_name = "r"
staff_types = ["pns", "honorer"]
valid_from = 2024-01-01
sources = ["s"]

[[item]]
id = "a"
point = "p"
text = "t"
conduct = ["social_media", "no_such_conduct"]
sanctions = { pns = ["no_such_sanction"], pppk = ["teguran_lisan"] }
basis = ["nope/1"]
uncertain = true
)");
  EXPECT_TRUE(has(ps, "regional/x.toml:5: document.region_code")) << dump(ps);
  EXPECT_TRUE(has(ps, "regional/x.toml:7: document.staff_types: unknown staff type \"honorer\"")) << dump(ps);
  EXPECT_TRUE(has(ps, "regional/x.toml:11: item[0].conduct: unknown conduct id \"no_such_conduct\"")) << dump(ps);
  EXPECT_TRUE(has(ps, "unknown sanction id \"no_such_sanction\"")) << dump(ps);
  EXPECT_TRUE(has(ps, "sanctions.pppk: sanction \"teguran_lisan\" does not apply")) << dump(ps);
  EXPECT_TRUE(has(ps, "item[0].basis: unknown item id \"nope/1\"")) << dump(ps);
  EXPECT_TRUE(has(ps, "item[0].note: missing")) << dump(ps);  // uncertain needs a note
  EXPECT_TRUE(has(ps, "conducts.toml:1: conduct: canonical id missing: photo_symbol")) << dump(ps);
}

TEST(Catalog, SyntaxErrorsAndTyposAreReported) {
  auto ps = problems_of("[document]\nid = \"x\"\ntitle = \n");
  ASSERT_FALSE(ps.empty());
  EXPECT_TRUE(has(ps, "regional/x.toml:3: ")) << dump(ps);
  ps = problems_of(R"([document]
id = "x"
kind = "regulation"
title = "t"
staff_types = ["pns"]
valid_from = 2024-01-01
valid_until = 2023-01-01
sources = ["s"]
titel = "typo"
)");
  EXPECT_TRUE(has(ps, "x.toml:9: document.titel: unknown field")) << dump(ps);
  EXPECT_TRUE(has(ps, "document.valid_until: before valid_from")) << dump(ps);
  EXPECT_TRUE(has(ps, "item: a document needs at least one [[item]]")) << dump(ps);
}

TEST(Catalog, MissingDirectoryIsAnErrorValue) {
  auto r = load_catalog("/nonexistent/catalog");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, netral::ErrorCode::catalog_invalid);
  EXPECT_NE(r.error().detail.find("conducts.toml"), std::string::npos);
}
