// The slang and abbreviation table used by normalize(). Kept as plain data so it can be
// reviewed (docs/classification.md prints it) and tested without reading normalize.cpp.
#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace netral::text {

struct SlangEntry {
  std::string_view from;  // one normalised token: lower-case ASCII, no spaces
  std::string_view to;    // its expansion: one or more words
};

// Every entry, sorted by `from` (binary-searchable).
std::span<const SlangEntry> slang_table();

// The expansion of one normalised token, if the table has one.
std::optional<std::string_view> expand_slang(std::string_view token);

// Words whose double letter is legitimate ("maaf", "saat"): used when collapsing
// stretched letters, so that "maaaaf" becomes "maaf", not "maf". Sorted.
std::span<const std::string_view> legit_double_words();

}  // namespace netral::text
