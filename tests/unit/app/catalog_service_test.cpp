// Circulars of a government in the database (app/catalog_service.hpp, issue 12): the
// editor's item actions, confinement to the admin's own government, drafts, adoption with
// the unread fields confirmed, versions that keep the old ones, and the one-time move of
// circular files an earlier release wrote. Once per backend.
#include <gtest/gtest.h>

#include <fstream>

#include "app/access.hpp"
#include "app/catalog_service.hpp"
#include "app_fixture.hpp"
#include "store/catalog_repo.hpp"

namespace netral::app::testing {
namespace {

namespace fs = std::filesystem;
const fs::path kCatalog = fs::path(NETRAL_SOURCE_DIR) / "data" / "catalog";

AdoptCircular three_items() {
  AdoptCircular c;
  c.region_code = "19.03";
  c.region_name = "Kabupaten Bangka Selatan";
  c.title = "Netralitas ASN";
  c.date = "2024-09-26";
  c.covers = {"pns", "pppk"};
  for (auto [t, k] : {std::pair{"ikut kampanye;", "campaign_participation"}, {"foto bersama calon", "photo_symbol"},
                      {"dengan mengacungkan jari", "photo_symbol"}}) {
    AdoptCircular::Item i;
    i.text = t;
    i.conduct = {k};
    c.items.push_back(i);
  }
  return c;
}

TEST(ItemActions, MoveMergeRemoveAdd) {
  auto c = three_items();
  c.items[1].sanctions["pns"] = {"teguran_lisan"};
  c.items[2].sanctions["pns"] = {"teguran_tertulis"};
  ASSERT_TRUE(apply_item_action(c, ItemAction::move_down, 0));
  EXPECT_EQ(c.items[0].text, "foto bersama calon");
  EXPECT_EQ(c.items[1].text, "ikut kampanye;");
  ASSERT_TRUE(apply_item_action(c, ItemAction::move_up, 1));
  EXPECT_EQ(c.items[0].text, "ikut kampanye;");
  EXPECT_FALSE(apply_item_action(c, ItemAction::move_up, 0)) << "the first item cannot move up";
  EXPECT_FALSE(apply_item_action(c, ItemAction::move_down, 2)) << "nor the last down";
  EXPECT_FALSE(apply_item_action(c, ItemAction::merge_next, 2)) << "nothing after the last to merge";
  ASSERT_TRUE(apply_item_action(c, ItemAction::merge_next, 1));
  ASSERT_EQ(c.items.size(), 2u);
  EXPECT_EQ(c.items[1].text, "foto bersama calon dengan mengacungkan jari");
  EXPECT_EQ(c.items[1].conduct, std::vector<std::string>{"photo_symbol"}) << "ids kept once";
  EXPECT_EQ(c.items[1].sanctions["pns"], (std::vector<std::string>{"teguran_lisan", "teguran_tertulis"}));
  auto e = apply_item_action(c, ItemAction::add, 5, "  ");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::missing_field);
  ASSERT_TRUE(apply_item_action(c, ItemAction::add, 5, " memasang spanduk "));
  EXPECT_EQ(c.items.back().text, "memasang spanduk");
  ASSERT_TRUE(apply_item_action(c, ItemAction::remove, 0));
  EXPECT_EQ(c.items.front().text, "foto bersama calon dengan mengacungkan jari");
  EXPECT_FALSE(apply_item_action(c, ItemAction::remove, 9));
}

TEST(ItemActions, BodyRoundTripsThroughJson) {
  auto c = three_items();
  c.items[0].marker = "(1)";
  c.items[0].staff_types = {"pns"};
  c.items[0].valid_until = "2024-12-31";
  c.items[0].sanctions["pppk"] = {"teguran_lisan"};
  auto back = circular_from_json(to_json(c));
  ASSERT_TRUE(back);
  EXPECT_EQ(to_json(*back), to_json(c));
  EXPECT_FALSE(circular_from_json("not json"));
}

TEST(Access, CatalogueOfOwnGovernmentOnly) {
  EXPECT_TRUE(manages_catalogue_of(Role::admin, "19.03", "19.03"));
  EXPECT_FALSE(manages_catalogue_of(Role::admin, "19.03", "19")) << "not the province of the admin's regency";
  EXPECT_FALSE(manages_catalogue_of(Role::admin, "19", "19.03")) << "nor a regency of the admin's province";
  EXPECT_FALSE(manages_catalogue_of(Role::admin, "", ""));
  EXPECT_FALSE(manages_catalogue_of(Role::verifier, "19.03", "19.03"));
}

class CatalogServiceTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    freeze_clock(1732500000);
    auto tx = ctx_->store.begin(true);
    for (auto [code, name, p] : {std::tuple{"19", "Provinsi Kepulauan Bangka Belitung", &prov_},
                                 {"19.03", "Kabupaten Bangka Selatan", &own_}}) {
      Instansi i{0, code, name, {}};
      i.id = ctx_->store.reference().upsert_instansi(*tx, i);
      StaffUser u;
      u.instansi_id = i.id;
      u.username = std::string("admin") + (code[2] ? "1903" : "19");
      u.display_name = "Admin " + std::string(code);
      u.password_hash = "x";
      u.role = Role::admin;
      u.created_at = now_;
      u.id = ctx_->store.users().insert_user(*tx, u);
      p->user = u;
      p->instansi = i;
    }
    tx->commit();
  }
  void TearDown() override {
    svc_.reset();
    AppTest::TearDown();
  }
  CatalogService& svc() {
    if (!svc_) {
      auto s = CatalogService::open(*ctx_, kCatalog, dir_);
      EXPECT_TRUE(s) << (s ? "" : s.error().detail);
      svc_ = std::move(*s);
    }
    return *svc_;
  }
  long long audits(const std::string& action) {
    auto tx = ctx_->store.begin(false);
    long long n = 0;
    for (auto& e : ctx_->store.audit().audit_entries(*tx, 0, 1000)) n += e.action == action;
    return n;
  }
  Principal own_, prov_;
  std::unique_ptr<CatalogService> svc_;
};

TEST_P(CatalogServiceTest, DraftEditAdoptThenVersions) {
  auto id = svc().create_draft(own_, three_items(), "SURAT EDARAN ...", {"number"});
  ASSERT_TRUE(id);
  auto v = svc().circular(own_, *id);
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->adopted);
  EXPECT_EQ(v->rev, 1);
  EXPECT_EQ(v->unread, std::vector<std::string>{"number"});
  EXPECT_EQ(v->body.items[2].letter, "c");

  auto body = v->body;
  body.items[0].text = "ikut kampanye dalam bentuk apa pun";
  ASSERT_TRUE(svc().save(own_, *id, 1, body, "save"));
  auto stale = svc().save(own_, *id, 1, body, "save");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::catalog_stale);

  auto unconfirmed = svc().adopt_draft(own_, *id, 2, body, false);
  ASSERT_FALSE(unconfirmed);
  EXPECT_EQ(unconfirmed.error().field, "confirm_unread");
  auto adopted = svc().adopt_draft(own_, *id, 2, body, true);
  ASSERT_TRUE(adopted) << adopted.error().detail;
  EXPECT_EQ(adopted->version, 1);
  auto* doc = svc().catalog()->find_document(adopted->document_id);
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->items[0].text, "ikut kampanye dalam bentuk apa pun");
  EXPECT_EQ(doc->version, 1) << "what a finding records";
  EXPECT_EQ(svc().catalog()->in_force("19.03").back()->id, adopted->document_id);

  body.items[0].text = "versi kedua";
  auto v2 = svc().save(own_, *id, 1, body, "save");
  ASSERT_TRUE(v2);
  EXPECT_EQ(*v2, 2);
  EXPECT_EQ(svc().catalog()->find_document(adopted->document_id)->items[0].text, "versi kedua");
  EXPECT_EQ(svc().catalog()->find_document(adopted->document_id)->version, 2);
  EXPECT_FALSE(svc().save(own_, *id, 1, body, "save")) << "version 1's form is stale";
  EXPECT_EQ(*svc().save(own_, *id, 2, body, "save"), 2) << "no change, no version";
  {
    auto tx = ctx_->store.begin(false);
    auto old = ctx_->store.catalog().version_of(*tx, *id, 1);
    ASSERT_TRUE(old);
    EXPECT_NE(old->body.find("ikut kampanye dalam bentuk apa pun"), std::string::npos) << "the old version stays";
  }
  // An invalid version is refused and the one in force stays.
  body.items[0].conduct = {};
  EXPECT_FALSE(svc().save(own_, *id, 2, body, "save"));
  EXPECT_EQ(svc().circular(own_, *id)->rev, 2);
  EXPECT_EQ(audits("catalog.draft"), 1);
  EXPECT_EQ(audits("catalog.edit"), 1);
  EXPECT_EQ(audits("catalog.adopt"), 1);
  EXPECT_EQ(audits("catalog.version"), 1);

  // The circular is in force after a restart, from the database alone.
  svc_.reset();
  EXPECT_EQ(svc().catalog()->find_document(adopted->document_id)->items[0].text, "versi kedua");
  EXPECT_EQ(svc().catalog()->find_document(adopted->document_id)->version, 2);
  EXPECT_EQ(svc().catalog()->find_document("pp-94-2021")->version, 0)
      << "shipped documents have no version";
}

TEST_P(CatalogServiceTest, AnAdminIsConfinedToTheirGovernment) {
  auto foreign = three_items();
  foreign.region_code = "19";
  const auto in_force_19 = svc().catalog()->in_force("19").size();
  auto r = svc().adopt(own_, foreign);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_EQ(svc().catalog()->in_force("19").size(), in_force_19) << "nothing put in force for the province";
  EXPECT_FALSE(svc().create_draft(own_, foreign, "", {}));
  auto id = svc().create_draft(own_, three_items(), "", {});
  ASSERT_TRUE(id);
  auto other = svc().circular(prov_, *id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found) << "another government's circular does not exist";
  EXPECT_FALSE(svc().save(prov_, *id, 1, foreign, "save"));
  auto moved = svc().save(own_, *id, 1, foreign, "save");
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(svc().circulars(prov_).empty());
  EXPECT_EQ(svc().circulars(own_).size(), 1u);
  // The province's own admin may.
  EXPECT_TRUE(svc().adopt(prov_, foreign));
}

TEST_P(CatalogServiceTest, BadItemsAreRefused) {
  auto c = three_items();
  c.items[1].conduct = {"not_a_conduct"};
  EXPECT_EQ(svc().adopt(own_, c).error().field, "item_conduct_2");
  c = three_items();
  c.items[2].sanctions["non_asn"] = {"potongan_tunjangan_25_6"};
  EXPECT_EQ(svc().adopt(own_, c).error().message_key, "error.invalid_sanction");
  c = three_items();
  c.items[0].text = " ";
  EXPECT_EQ(svc().adopt(own_, c).error().code, ErrorCode::missing_field);
  c = three_items();
  c.items[0].valid_from = "26-09-2024";
  EXPECT_EQ(svc().adopt(own_, c).error().code, ErrorCode::invalid_date);
  c = three_items();
  c.items[0].staff_types = {"honorer"};
  EXPECT_EQ(svc().adopt(own_, c).error().field, "item_staff_1");
}

TEST_P(CatalogServiceTest, CircularFilesMoveIntoTheDatabaseOnce) {
  fs::create_directories(dir_ / "catalog" / "regional");
  auto file = dir_ / "catalog" / "regional" / "19.03_se-lama.toml";
  auto old = three_items();
  for (std::size_t i = 0; i < old.items.size(); ++i) old.items[i].letter = std::string(1, static_cast<char>('a' + i));
  std::ofstream(file) << CatalogService::to_toml(old, "se-19.03-lama");
  ASSERT_NE(svc().catalog()->find_document("se-19.03-lama"), nullptr);
  EXPECT_FALSE(fs::exists(file));
  EXPECT_TRUE(fs::exists(file.string() + ".migrated"));
  EXPECT_EQ(audits("catalog.migrate"), 1);
  auto list = svc().circulars(own_);
  ASSERT_EQ(list.size(), 1u);
  auto v = svc().circular(own_, list[0].id);
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->adopted);
  EXPECT_EQ(v->body.items.size(), 3u);
  EXPECT_EQ(CatalogService::to_toml(v->body, "se-19.03-lama"), CatalogService::to_toml(old, "se-19.03-lama"))
      << "nothing lost in the move";
  svc_.reset();
  ASSERT_NE(svc().catalog()->find_document("se-19.03-lama"), nullptr);
  EXPECT_EQ(audits("catalog.migrate"), 1) << "a second start moves nothing";
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogServiceTest,
                         ::testing::Values(store::Backend::sqlite, store::Backend::postgresql),
                         store::testing::backend_name);

}  // namespace
}  // namespace netral::app::testing
