// Indonesia's provinces, regencies and cities by name, for reading which government a
// circular or a news text is about: "Pemerintah Kabupaten Tangerang", "Pemkab Basel",
// "Pj Bupati Kukar", "Gubernur Sulsel". Built from data/regions (Kemendagri codes).
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace netral::text {

struct RegionEntry {
  std::string code;  // "36", "36.03"
  std::string name;  // "Banten", "Kabupaten Tangerang", "Kota Tangerang"
};

struct RegionMention {
  std::string code;
  std::string name;
  std::string as_written;  // the first mention that names it: "Pemkab Basel"
};

class RegionIndex {
 public:
  explicit RegionIndex(std::vector<RegionEntry> entries);

  // provinces.csv and regencies.csv of `regions_dir`. Errors: file_unreadable,
  // invalid_file (a row without code and name).
  static Result<RegionIndex> load(const std::filesystem::path& regions_dir);

  // The government a text is issued by or about: every mention of a government ("Pemkab
  // X", "Bupati X", "Kota X", abbreviations such as "Basel" for Bangka Selatan) is
  // resolved against the list and weighed (a strong cue, a sentence about the circular);
  // the heaviest wins. None when no mention resolves.
  std::optional<RegionMention> issuer(std::string_view text) const;

  // The entry of a name as written after its cue, `kind` being 'p' (province), 'k'
  // (regency), 'c' (city) or 0 (any): "Tangerang" with 'c' is Kota Tangerang. A name
  // that fits several ("Basel": Bangka Selatan, Barito Selatan) resolves to `prefer` when
  // that is one of them (the government the text is about), else to none.
  const RegionEntry* resolve(std::string_view words, char kind, std::size_t& used_words,
                             std::string_view prefer = {}) const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    RegionEntry e;
    char kind;                       // 'p', 'k', 'c'
    std::vector<std::string> words;  // the name without its kind word, lowercase
  };
  std::vector<Entry> entries_;
};

}  // namespace netral::text
