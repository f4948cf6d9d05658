#include "app/db_cache.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "evidence/blob_store.hpp"

namespace netral::app {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kExt = ".hsdb";
constexpr std::size_t kHashHex = 64;  // the file starts with the SHA-256 (hex) of the rest
}  // namespace

fs::path FileDatabaseCache::default_dir() {
  if (const char* d = std::getenv("NETRAL_CACHE_DIR"); d && *d) return d;
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d && *d) return fs::path(d) / "netral";
  if (const char* d = std::getenv("HOME"); d && *d) return fs::path(d) / ".cache" / "netral";
  return {};
}

fs::path FileDatabaseCache::file_of(std::string_view key) const {
  return dir_ / (evidence::sha256_hex(key) + std::string(kExt));
}

std::optional<std::string> FileDatabaseCache::load(std::string_view key) {
  const fs::path file = file_of(key);
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (content.size() < kHashHex || evidence::sha256_hex(std::string_view(content).substr(kHashHex)) !=
                                       std::string_view(content).substr(0, kHashHex))
    return std::nullopt;
  std::error_code ec;
  fs::last_write_time(file, fs::file_time_type::clock::now(), ec);  // recently used: kept longer
  return content.substr(kHashHex);
}

void FileDatabaseCache::store(std::string_view key, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return;
  const fs::path file = file_of(key);
  // Written beside and renamed into place: a reader sees the old file or the whole new one.
  const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << evidence::sha256_hex(bytes);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out.flush()) {
      out.close();
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, file, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return;
  }
  // Keep the `keep_` most recently used databases.
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (const auto& e : fs::directory_iterator(dir_, ec))
    if (e.path().extension() == kExt) files.emplace_back(e.last_write_time(ec), e.path());
  if (files.size() <= keep_) return;
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = keep_; i < files.size(); ++i) fs::remove(files[i].second, ec);
}

}  // namespace netral::app
