// Compiled Vectorscan databases kept on disk between runs (screen/literal_db.hpp): the
// next `netral screen` or server start with the same lexicon loads them in milliseconds
// instead of compiling for a quarter of a second. Files are named by the SHA-256 of the
// key and carry the SHA-256 of their bytes, so a torn or corrupted file is a miss, never
// a wrong database. Only the most recently used files are kept.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "screen/literal_db.hpp"

namespace netral::app {

class FileDatabaseCache final : public screen::DatabaseCache {
 public:
  explicit FileDatabaseCache(std::filesystem::path dir, std::size_t keep = 32) : dir_(std::move(dir)), keep_(keep) {}
  std::optional<std::string> load(std::string_view key) override;
  void store(std::string_view key, std::string_view bytes) override;
  const std::filesystem::path& dir() const { return dir_; }

  // $NETRAL_CACHE_DIR, else $XDG_CACHE_HOME/netral, else $HOME/.cache/netral; empty when
  // none of them is set.
  static std::filesystem::path default_dir();

 private:
  std::filesystem::path file_of(std::string_view key) const;
  std::filesystem::path dir_;
  std::size_t keep_;
};

}  // namespace netral::app
