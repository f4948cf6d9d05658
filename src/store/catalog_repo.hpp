// Regional circulars adopted on a deployment (issue 12, docs/catalog.md "Adopted
// circulars"): the reviewed draft an admin edits, and once adopted, every version of it.
// A version is never changed nor removed: a case that cites an item keeps reading the
// version it cited. Bodies are opaque JSON text here; app::CatalogService gives them a shape.
// Like the other repositories, every call runs on the connection of the Tx it is given.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "store/store.hpp"

namespace netral::store {

struct CatalogCircular {
  Id id = 0;
  std::string region_code;   // the government it belongs to ("19.03")
  std::string document_id;   // the catalogue id, given at adoption; "" while a draft
  long long version = 0;     // latest adopted version; 0 while a draft
  std::string draft;         // the working body of a draft (JSON); "" once adopted
  long long draft_rev = 0;   // bumped by every saved draft edit, against stale forms
  std::string source_name;   // the uploaded file's name
  std::string source_text;   // the text the draft was read from, shown beside it
  std::string unread;        // JSON list of what the importer could not read
  std::optional<Id> created_by;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

struct CatalogVersion {
  Id circular_id = 0;
  long long version = 0;     // 1, 2, 3 ... per circular
  std::string body;          // JSON
  std::string summary;       // what changed, in the editor's words ("item.move: c")
  std::optional<Id> author_id;
  std::string author_name;   // display name, filled by the queries
  Timestamp created_at = 0;
  std::string document_id;   // filled by current_versions()
  std::string region_code;   // filled by current_versions()
};

class CatalogRepo {
 public:
  virtual ~CatalogRepo() = default;
  // Inserts a draft (version 0, draft_rev 1); returns its id.
  virtual Id insert_draft(Tx& tx, const CatalogCircular& c) = 0;
  virtual std::optional<CatalogCircular> circular_by_id(Tx& tx, Id id) = 0;
  virtual std::optional<CatalogCircular> circular_by_document(Tx& tx, const std::string& document_id) = 0;
  // Drafts and adopted circulars of one government (or all when empty), newest first.
  virtual std::vector<CatalogCircular> list_circulars(Tx& tx, const std::string& region_code) = 0;
  // Replaces a draft's body when its draft_rev is still `expected_rev` (then rev + 1).
  // False when another edit came first or the circular is adopted: nothing changed.
  virtual bool update_draft(Tx& tx, Id id, long long expected_rev, const std::string& body, Timestamp now) = 0;
  // Appends version `expected_version + 1` when the latest is still `expected_version`
  // (0 for a draft: its adoption, which names it `document_id` and clears the draft).
  // False when another edit came first: nothing changed.
  virtual bool add_version(Tx& tx, Id id, long long expected_version, const CatalogVersion& v,
                           const std::string& document_id) = 0;
  // Newest first, with author names.
  virtual std::vector<CatalogVersion> versions_of(Tx& tx, Id circular_id) = 0;
  virtual std::optional<CatalogVersion> version_of(Tx& tx, Id circular_id, long long version) = 0;
  // The latest version of every adopted circular, by document id: the catalogue in force.
  virtual std::vector<CatalogVersion> current_versions(Tx& tx) = 0;
};

}  // namespace netral::store
