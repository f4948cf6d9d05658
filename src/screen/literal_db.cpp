#include "screen/literal_db.hpp"

#include <hs/hs.h>

#include <cstdlib>
#include <cstring>

namespace netral::screen {

namespace {

void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

// Everything the compiled bytes depend on: format tag, Vectorscan's version, the target
// platform as Vectorscan sees this CPU, then each literal with its id and flags.
std::string cache_key(const std::vector<std::string>& literals, const std::vector<unsigned>& ids) {
  std::string key = "netral-literal-db/1\n";
  key += hs_version();
  key += '\n';
  hs_platform_info_t platform{};
  if (hs_populate_platform(&platform) == HS_SUCCESS) {
    put_u64(key, platform.tune);
    put_u64(key, platform.cpu_features);
  }
  put_u64(key, HS_MODE_BLOCK);
  put_u64(key, literals.size());
  for (std::size_t i = 0; i < literals.size(); ++i) {
    put_u64(key, ids[i]);
    put_u64(key, literals[i].size());
    key += literals[i];
  }
  return key;
}

}  // namespace

Result<hs_database*> compile_literal_db(const std::vector<std::string>& literals, const std::vector<unsigned>& ids,
                                        DatabaseCache* cache, std::string_view what) {
  if (literals.empty()) return static_cast<hs_database*>(nullptr);
  std::string key;
  if (cache) {
    key = cache_key(literals, ids);
    if (auto bytes = cache->load(key)) {
      hs_database_t* db = nullptr;
      if (hs_deserialize_database(bytes->data(), bytes->size(), &db) == HS_SUCCESS) return db;
    }
  }
  std::vector<const char*> exprs;
  std::vector<std::size_t> lens;
  std::vector<unsigned> flags(literals.size(), 0);
  for (const auto& l : literals) {
    exprs.push_back(l.data());
    lens.push_back(l.size());
  }
  // No HS_FLAG_SOM_LEFTMOST: a literal has a fixed length, so its start is end - length,
  // and leaving SOM tracking off keeps the scan at full speed.
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), unsigned(exprs.size()),
                           HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::string msg = err && err->message ? err->message : "unknown";
    if (err) hs_free_compile_error(err);
    return fail(ErrorCode::lexicon_compile_failed, {}, std::string(what), msg);
  }
  if (cache) {
    char* bytes = nullptr;
    std::size_t length = 0;
    if (hs_serialize_database(db, &bytes, &length) == HS_SUCCESS) {
      cache->store(key, std::string_view(bytes, length));
      std::free(bytes);
    }
  }
  return db;
}

}  // namespace netral::screen
