// Adopted circulars and their versions (store/catalog_repo.hpp), once per backend.
#include <gtest/gtest.h>

#include "store/catalog_repo.hpp"
#include "store_fixture.hpp"

namespace netral::store::testing {
namespace {

constexpr Timestamp kT0 = 1732500000;

class CatalogRepoTest : public TwoInstansiTest {
 protected:
  void SetUp() override { set_up_two_instansi(9, kT0); }

  Id add_draft(const std::string& region, const std::string& body) {
    auto tx = store().begin(true);
    CatalogCircular c;
    c.region_code = region;
    c.draft = body;
    c.source_name = "se.txt";
    c.source_text = "SURAT EDARAN\na. ikut kampanye;";
    c.unread = R"(["number"])";
    c.created_by = user_;
    c.created_at = kT0;
    Id id = store().catalog().insert_draft(*tx, c);
    tx->commit();
    return id;
  }
  CatalogVersion version(const std::string& body, Timestamp at, const std::string& summary) {
    CatalogVersion v;
    v.body = body;
    v.summary = summary;
    v.author_id = user_;
    v.created_at = at;
    return v;
  }
};

TEST_P(CatalogRepoTest, DraftEditsAreCompareAndSet) {
  Id id = add_draft("19.03", R"({"items":[]})");
  auto& repo = store().catalog();
  {
    auto tx = store().begin(false);
    auto c = repo.circular_by_id(*tx, id);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->region_code, "19.03");
    EXPECT_EQ(c->document_id, "");
    EXPECT_EQ(c->version, 0);
    EXPECT_EQ(c->draft_rev, 1);
    EXPECT_EQ(c->unread, R"(["number"])");
    EXPECT_EQ(c->source_text, "SURAT EDARAN\na. ikut kampanye;");
    EXPECT_EQ(c->created_by, user_);
    EXPECT_FALSE(repo.circular_by_id(*tx, id + 100));
  }
  auto tx = store().begin(true);
  EXPECT_TRUE(repo.update_draft(*tx, id, 1, R"({"items":[1]})", kT0 + 1));
  // The same form sent twice: the second is stale and changes nothing.
  EXPECT_FALSE(repo.update_draft(*tx, id, 1, R"({"items":[2]})", kT0 + 2));
  auto c = repo.circular_by_id(*tx, id);
  EXPECT_EQ(c->draft, R"({"items":[1]})");
  EXPECT_EQ(c->draft_rev, 2);
  EXPECT_EQ(c->updated_at, kT0 + 1);
  tx->commit();
}

TEST_P(CatalogRepoTest, AdoptionAndEditsAddVersionsAndKeepTheOldOnes) {
  Id id = add_draft("19.03", R"({"v":0})");
  Id other = add_draft("19", R"({"v":"prov"})");
  auto& repo = store().catalog();
  {
    auto tx = store().begin(true);
    ASSERT_TRUE(repo.add_version(*tx, id, 0, version(R"({"v":1})", kT0 + 10, "catalog.adopt"), "se-19.03-x"));
    // A stale adoption (the form still says draft) adds nothing.
    EXPECT_FALSE(repo.add_version(*tx, id, 0, version(R"({"v":"late"})", kT0 + 11, "catalog.adopt"), "se-19.03-y"));
    ASSERT_TRUE(repo.add_version(*tx, id, 1, version(R"({"v":2})", kT0 + 20, "item.text: a"), "ignored"));
    EXPECT_FALSE(repo.update_draft(*tx, id, 1, "{}", kT0 + 21)) << "an adopted circular has no draft to edit";
    tx->commit();
  }
  auto tx = store().begin(false);
  auto c = repo.circular_by_document(*tx, "se-19.03-x");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id, id);
  EXPECT_EQ(c->version, 2);
  EXPECT_EQ(c->draft, "");
  EXPECT_FALSE(repo.circular_by_document(*tx, "ignored"));
  EXPECT_FALSE(repo.circular_by_document(*tx, "")) << "drafts have no document id";
  auto vs = repo.versions_of(*tx, id);
  ASSERT_EQ(vs.size(), 2u);
  EXPECT_EQ(vs[0].version, 2);
  EXPECT_EQ(vs[0].summary, "item.text: a");
  EXPECT_EQ(vs[0].author_name, "Verifikator Satu");
  EXPECT_EQ(vs[1].version, 1);
  EXPECT_EQ(vs[1].body, R"({"v":1})");
  auto v1 = repo.version_of(*tx, id, 1);
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->body, R"({"v":1})") << "the old version stays as it was";
  EXPECT_EQ(v1->document_id, "se-19.03-x");
  EXPECT_FALSE(repo.version_of(*tx, id, 3));
  auto current = repo.current_versions(*tx);
  ASSERT_EQ(current.size(), 1u) << "drafts are not in force";
  EXPECT_EQ(current[0].version, 2);
  EXPECT_EQ(current[0].region_code, "19.03");
  EXPECT_EQ(repo.list_circulars(*tx, "19.03").size(), 1u);
  EXPECT_EQ(repo.list_circulars(*tx, "19").front().id, other);
  EXPECT_EQ(repo.list_circulars(*tx, "").size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogRepoTest, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace netral::store::testing
