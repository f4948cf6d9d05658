// Vectorscan literal databases, compiled once and shared by the Matcher and the Prefilter.
// Compiling the databases of a lexicon of a few thousand terms takes a quarter of a
// second, longer than screening a 50 MB feed; a DatabaseCache, given by the caller (this
// layer does no I/O), keeps the compiled bytes so that the next run with the same lexicon
// loads them instead.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

struct hs_database;

namespace netral::screen {

class DatabaseCache {
 public:
  virtual ~DatabaseCache() = default;
  // The bytes stored under `key`, or nothing. `key` names everything the database was
  // compiled from (Vectorscan's version, the literals, their ids and flags): equal keys
  // mean equal databases. Keys are long: implementations hash them.
  virtual std::optional<std::string> load(std::string_view key) = 0;
  // Best effort: a cache that cannot store says nothing, the run goes on.
  virtual void store(std::string_view key, std::string_view bytes) = 0;
};

// A block-mode database matching `literals` (case-sensitive, byte for byte), literal i
// reporting id ids[i]. Null when there are no literals. Loaded from `cache` when it holds
// a database for the same input, compiled (and stored there) otherwise; a cached copy
// that Vectorscan refuses (another version or CPU) is compiled again.
// Errors: "lexicon_compile_failed" (detail: Vectorscan's message), field `what`.
Result<hs_database*> compile_literal_db(const std::vector<std::string>& literals, const std::vector<unsigned>& ids,
                                        DatabaseCache* cache, std::string_view what);

}  // namespace netral::screen
