// The compiled screener of an election (docs/screening.md, "In the application"): the
// election's lexicon, built with the party list and cues of the data directory, and the
// staff accounts linked now. Compiling takes a good fraction of a second, a batch only
// milliseconds, so the last one is kept until the election or the accounts change. One
// instance is shared by the election admin and the account links (which change what it is
// built from) and batch screening (which uses it).
#pragma once
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/db_cache.hpp"
#include "screen/lexicon.hpp"
#include "screen/screener.hpp"
#include "store/screening_repo.hpp"

namespace netral::app {

class ScreenerCache {
 public:
  // Reads data_dir/screen/parties.toml, data_dir/screen/cues.toml and (when present)
  // data_dir/catalog/cues.toml for conduct. Errors: "screening_data_invalid".
  static Result<std::unique_ptr<ScreenerCache>> create(Context& ctx, const std::filesystem::path& data_dir);
  ScreenerCache(Context& ctx, std::vector<screen::Party> parties, std::vector<screen::CueGroup> cues,
                std::filesystem::path catalog_cues);
  // Keeps the compiled match databases in `dir` (app/db_cache.hpp), so that a restart or
  // an account change rebuilds a screener without compiling its lexicon again. Called
  // before the first screener is built.
  void keep_compiled_in(std::filesystem::path dir) { db_cache_.emplace(std::move(dir)); }

  // The screener of `e` (a row with its source) and the accounts linked now; the kept one
  // when neither changed. Errors: "invalid_election", and those of screen::Screener::create.
  Result<std::shared_ptr<const screen::Screener>> screener_for(const store::ElectionRow& e);
  // Drops the kept screener after elections or accounts changed here (other instances see
  // the change through the cache key).
  void forget();

 private:
  Context& ctx_;
  std::vector<screen::Party> parties_;
  std::vector<screen::CueGroup> cues_;
  std::filesystem::path catalog_cues_;
  std::optional<FileDatabaseCache> db_cache_;
  std::mutex mu_;
  std::string cache_key_;
  std::shared_ptr<const screen::Screener> cache_;
};

}  // namespace netral::app
