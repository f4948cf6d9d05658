#include "text/data_dir.hpp"

#include <cstdlib>
#include <system_error>

namespace netral::text {

std::vector<std::filesystem::path> data_dir_candidates(const std::string& argv0) {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  if (const char* env = std::getenv("NETRAL_DATA_DIR"); env && *env) out.emplace_back(env);
  std::error_code ec;
  // /proc/self/exe survives being called through PATH, where argv[0] has no directory.
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) exe = fs::absolute(argv0, ec);
  if (!exe.empty()) {
    auto dir = exe.parent_path();
    out.push_back(dir / ".." / "share" / "netral" / "data");
    out.push_back(dir / ".." / "data");
    out.push_back(dir / ".." / ".." / "data");
  }
  out.emplace_back("data");
  return out;
}

std::filesystem::path find_data_dir(const std::string& argv0) {
  std::error_code ec;
  for (auto& c : data_dir_candidates(argv0))
    if (std::filesystem::exists(c / "catalog" / "conducts.toml", ec)) return std::filesystem::weakly_canonical(c, ec);
  return "data";
}

}  // namespace netral::text
