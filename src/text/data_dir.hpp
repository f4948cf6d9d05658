// Where the shipped data files (data/catalog, data/eval) are found at run time.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace netral::text {

// Candidate data directories, in order (docs/catalog.md, "Finding the data"):
//   1. $NETRAL_DATA_DIR
//   2. <exe dir>/../share/netral/data   (installed)
//   3. <exe dir>/../data, <exe dir>/../../data   (a build directory inside the source tree)
//   4. ./data
std::vector<std::filesystem::path> data_dir_candidates(const std::string& argv0);

// The first candidate holding catalog/conducts.toml, or ./data when none does.
std::filesystem::path find_data_dir(const std::string& argv0);

}  // namespace netral::text
