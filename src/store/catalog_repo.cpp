#include "store/catalog_repo.hpp"

#include "store/soci_detail.hpp"
#include "store/soci_repos.hpp"

namespace netral::store::detail {
namespace {

constexpr std::string_view kInsertDraft = R"(
INSERT INTO catalog_circulars (region_code, document_id, version, draft, draft_rev, source_name, source_text, unread,
                               created_by, created_at, updated_at)
VALUES (:region, '', 0, :draft, 1, :source_name, :source_text, :unread, :by, :at, :at2) RETURNING id)";
constexpr std::string_view kCircularColumns =
    "SELECT id, region_code, document_id, version, draft, draft_rev, source_name, source_text, unread, created_by, "
    "created_at, updated_at FROM catalog_circulars ";
constexpr std::string_view kCircularById = "WHERE id = :id";
constexpr std::string_view kCircularByDocument = "WHERE document_id = :doc AND document_id <> ''";
constexpr std::string_view kCircularsAll = "ORDER BY updated_at DESC, id DESC";
constexpr std::string_view kCircularsOf = "WHERE region_code = :region ORDER BY updated_at DESC, id DESC";
// Compare-and-set on the revision: a form read before another edit is refused, not merged.
constexpr std::string_view kUpdateDraft = R"(
UPDATE catalog_circulars SET draft = :draft, draft_rev = draft_rev + 1, updated_at = :at
WHERE id = :id AND draft_rev = :rev AND version = 0 RETURNING id)";
constexpr std::string_view kBumpVersion = R"(
UPDATE catalog_circulars SET version = version + 1, draft = '', updated_at = :at,
  document_id = CASE WHEN version = 0 THEN :doc ELSE document_id END
WHERE id = :id AND version = :expected RETURNING version)";
constexpr std::string_view kInsertVersion = R"(
INSERT INTO catalog_versions (circular_id, version, body, summary, author_id, created_at)
VALUES (:circular, :version, :body, :summary, :author, :at))";
constexpr std::string_view kVersionColumns = R"(
SELECT v.circular_id, v.version, v.body, v.summary, v.author_id, COALESCE(u.display_name, ''), v.created_at,
       c.document_id, c.region_code
FROM catalog_versions v JOIN catalog_circulars c ON c.id = v.circular_id
LEFT JOIN staff_users u ON u.id = v.author_id )";
constexpr std::string_view kVersionsOf = "WHERE v.circular_id = :circular ORDER BY v.version DESC";
constexpr std::string_view kVersionOf = "WHERE v.circular_id = :circular AND v.version = :version";
constexpr std::string_view kCurrentVersions = "WHERE v.version = c.version ORDER BY c.document_id";

void bind_circular(Stmt& st, CatalogCircular& c) {
  st.into(c.id).into(c.region_code).into(c.document_id).into(c.version).into(c.draft).into(c.draft_rev)
      .into(c.source_name).into(c.source_text).into(c.unread).into(c.created_by).into(c.created_at).into(c.updated_at);
}

void bind_version(Stmt& st, CatalogVersion& v) {
  st.into(v.circular_id).into(v.version).into(v.body).into(v.summary).into(v.author_id).into(v.author_name)
      .into(v.created_at).into(v.document_id).into(v.region_code);
}

std::vector<CatalogCircular> circulars(Stmt& st, CatalogCircular& row) {
  std::vector<CatalogCircular> out;
  for (bool ok = st.run(); ok; ok = st.next()) out.push_back(row);
  return out;
}

std::vector<CatalogVersion> versions(Stmt& st, CatalogVersion& row) {
  std::vector<CatalogVersion> out;
  for (bool ok = st.run(); ok; ok = st.next()) out.push_back(row);
  return out;
}

std::string concat(std::string_view a, std::string_view b) { return std::string(a) + std::string(b); }

}  // namespace

Id SociCatalogRepo::insert_draft(Tx& tx, const CatalogCircular& c) {
  Id id = 0;
  Stmt(soci_tx(tx).sql(), "insert_catalog_draft", kInsertDraft)
      .use(c.region_code).use(c.draft).use(c.source_name).use(c.source_text).use(c.unread).use(c.created_by)
      .use(c.created_at).use(c.created_at).into(id).run();
  return id;
}

std::optional<CatalogCircular> SociCatalogRepo::circular_by_id(Tx& tx, Id id) {
  static const std::string sql = concat(kCircularColumns, kCircularById);
  CatalogCircular c;
  Stmt st(soci_tx(tx).sql(), "catalog_circular_by_id", sql);
  st.use(id);
  bind_circular(st, c);
  if (!st.run()) return std::nullopt;
  return c;
}

std::optional<CatalogCircular> SociCatalogRepo::circular_by_document(Tx& tx, const std::string& document_id) {
  static const std::string sql = concat(kCircularColumns, kCircularByDocument);
  CatalogCircular c;
  Stmt st(soci_tx(tx).sql(), "catalog_circular_by_document", sql);
  st.use(document_id);
  bind_circular(st, c);
  if (!st.run()) return std::nullopt;
  return c;
}

std::vector<CatalogCircular> SociCatalogRepo::list_circulars(Tx& tx, const std::string& region_code) {
  static const std::string all = concat(kCircularColumns, kCircularsAll);
  static const std::string of = concat(kCircularColumns, kCircularsOf);
  CatalogCircular c;
  Stmt st(soci_tx(tx).sql(), region_code.empty() ? "catalog_circulars" : "catalog_circulars_of",
          region_code.empty() ? all : of);
  if (!region_code.empty()) st.use(region_code);
  bind_circular(st, c);
  return circulars(st, c);
}

bool SociCatalogRepo::update_draft(Tx& tx, Id id, long long expected_rev, const std::string& body, Timestamp now) {
  Id got = 0;
  return Stmt(soci_tx(tx).sql(), "update_catalog_draft", kUpdateDraft)
      .use(body).use(now).use(id).use(expected_rev).into(got).run();
}

bool SociCatalogRepo::add_version(Tx& tx, Id id, long long expected_version, const CatalogVersion& v,
                                  const std::string& document_id) {
  long long version = 0;
  if (!Stmt(soci_tx(tx).sql(), "bump_catalog_version", kBumpVersion)
           .use(v.created_at).use(document_id).use(id).use(expected_version).into(version).run())
    return false;
  Stmt(soci_tx(tx).sql(), "insert_catalog_version", kInsertVersion)
      .use(id).use(version).use(v.body).use(v.summary).use(v.author_id).use(v.created_at).run();
  return true;
}

std::vector<CatalogVersion> SociCatalogRepo::versions_of(Tx& tx, Id circular_id) {
  static const std::string sql = concat(kVersionColumns, kVersionsOf);
  CatalogVersion v;
  Stmt st(soci_tx(tx).sql(), "catalog_versions_of", sql);
  st.use(circular_id);
  bind_version(st, v);
  return versions(st, v);
}

std::optional<CatalogVersion> SociCatalogRepo::version_of(Tx& tx, Id circular_id, long long version) {
  static const std::string sql = concat(kVersionColumns, kVersionOf);
  CatalogVersion v;
  Stmt st(soci_tx(tx).sql(), "catalog_version_of", sql);
  st.use(circular_id).use(version);
  bind_version(st, v);
  if (!st.run()) return std::nullopt;
  return v;
}

std::vector<CatalogVersion> SociCatalogRepo::current_versions(Tx& tx) {
  static const std::string sql = concat(kVersionColumns, kCurrentVersions);
  CatalogVersion v;
  Stmt st(soci_tx(tx).sql(), "catalog_current_versions", sql);
  bind_version(st, v);
  return versions(st, v);
}

}  // namespace netral::store::detail
