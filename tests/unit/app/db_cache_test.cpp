// The on-disk cache of compiled match databases (app/db_cache.hpp).
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "app/db_cache.hpp"

using netral::app::FileDatabaseCache;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("netral-dbcache-" + std::to_string(::getpid()));
  TempDir() { fs::remove_all(path); }
  ~TempDir() { fs::remove_all(path); }
};

std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".hsdb";
  return n;
}

}  // namespace

TEST(FileDatabaseCache, StoresLoadsAndRefusesDamage) {
  TempDir tmp;
  FileDatabaseCache cache(tmp.path / "screen");
  EXPECT_FALSE(cache.load("key one"));
  std::string bytes("\0compiled\xff bytes", 17);
  cache.store("key one", bytes);
  auto got = cache.load("key one");
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, bytes);
  EXPECT_FALSE(cache.load("key two"));
  EXPECT_EQ(files_in(tmp.path / "screen"), 1u) << "no temporary file left behind";

  // A torn write or a flipped byte is a miss, never wrong bytes.
  fs::path file = (*fs::directory_iterator(tmp.path / "screen")).path();
  auto size = fs::file_size(file);
  fs::resize_file(file, size - 3);
  EXPECT_FALSE(cache.load("key one"));
  cache.store("key one", bytes);
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(70);
    f.put('Z');
  }
  EXPECT_FALSE(cache.load("key one"));
}

TEST(FileDatabaseCache, KeepsOnlyTheMostRecentlyUsed) {
  TempDir tmp;
  FileDatabaseCache cache(tmp.path, 3);
  for (int i = 0; i < 3; ++i) cache.store("k" + std::to_string(i), "v" + std::to_string(i));
  // All three used two hours ago; then k0 is used again, so k1 or k2 is the one to go.
  auto old = fs::file_time_type::clock::now() - std::chrono::hours(2);
  for (const auto& e : fs::directory_iterator(tmp.path)) fs::last_write_time(e.path(), old);
  ASSERT_TRUE(cache.load("k0"));
  cache.store("k3", "v3");
  EXPECT_EQ(files_in(tmp.path), 3u);
  EXPECT_TRUE(cache.load("k0"));
  EXPECT_TRUE(cache.load("k3"));
  EXPECT_EQ(int(bool(cache.load("k1"))) + int(bool(cache.load("k2"))), 1) << "one of the unused two removed";
}

TEST(FileDatabaseCache, DefaultDirectoryFollowsTheEnvironment) {
  ::setenv("NETRAL_CACHE_DIR", "/tmp/x-netral-cache", 1);
  EXPECT_EQ(FileDatabaseCache::default_dir(), fs::path("/tmp/x-netral-cache"));
  ::unsetenv("NETRAL_CACHE_DIR");
  ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(FileDatabaseCache::default_dir(), fs::path("/tmp/xdg/netral"));
  ::unsetenv("XDG_CACHE_HOME");
}
