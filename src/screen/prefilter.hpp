// A sound shortcut for the posts that cannot raise a flag (most of a feed): decides on
// the raw bytes, without normalising, whether a post may hold a reference to a pair or
// party that could resolve. Only posts that pass pay for normalisation and matching.
//
// Soundness (docs/screening.md, "Speed"): for ASCII text the normaliser only lower-cases,
// turns punctuation into single spaces, collapses stretched letters, undoes leetspeak,
// splits reduplication ("kata2") and expands slang. The skeleton of a string (letters
// lower-cased, leet digits read as their letters, everything else dropped, runs of one
// byte collapsed) is therefore the same for a text and for its normalised form, except
// where slang or reduplication rewrote a word; word boundaries (any byte but a letter or
// digit) stay single spaces. So a literal found between word boundaries of the normalised
// text has its skeleton, between spaces, in the raw text's skeleton, unless a rewrite
// produced one of its words;
// the raw forms of such rewrites make a post pass too. Non-ASCII text always passes.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <cstdint>
#include <vector>

#include "core/result.hpp"
#include "screen/lexicon.hpp"

struct hs_database;
struct hs_scratch;

namespace netral::screen {

class DatabaseCache;

class Prefilter {
 public:
  class Scratch {
   public:
    Scratch(Scratch&&) noexcept;
    Scratch& operator=(Scratch&&) noexcept;
    ~Scratch();

   private:
    friend class Prefilter;
    Scratch() = default;
    hs_scratch* hs_ = nullptr;
    std::string skeleton_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> segments_;  // batch: (end, post)
  };

  // Null when no shortcut is sound for this lexicon (then every post is screened fully).
  static Result<std::unique_ptr<Prefilter>> compile(const Lexicon& lexicon, DatabaseCache* cache = nullptr);
  ~Prefilter();
  Prefilter(const Prefilter&) = delete;
  Prefilter& operator=(const Prefilter&) = delete;

  Scratch make_scratch() const;
  // False only when the text certainly holds no strong reference, and not both an
  // election-context cue and an ambiguous reference (which counts only beside one).
  bool may_flag(std::string_view text, Scratch& scratch) const;
  // The same for many posts at once, each given by `per_post` JSON string bodies as written
  // (escapes not decoded): a feed's posts are decided before they are decoded, with one
  // scan per batch. pass[i] is false only when post i certainly raises nothing. A batch
  // holds less than 4 GiB of text.
  void may_flag_json(std::span<const std::string_view> bodies, std::size_t per_post, Scratch& scratch,
                     std::vector<char>& pass) const;

  // The skeleton described above, into `out`. False when the text is not decided here:
  // non-ASCII, or (unless `literal`) a reduplication mark after a letter. For tests too.
  static bool skeleton(std::string_view text, std::string& out, bool literal = false);
  // The skeleton of the string a JSON string body decodes to, read from the body; false
  // also at a \u escape.
  static bool skeleton_json(std::string_view body, std::string& out);
  // The same one byte at a time, without the SIMD blocks: for the tests that compare them.
  static bool skeleton_bytewise(std::string_view text, std::string& out, bool json);

 private:
  Prefilter() = default;
  bool scan_skeleton(Scratch& scratch) const;  // of the skeleton in scratch
  hs_database* db_ = nullptr;
  std::vector<std::uint8_t> kind_;  // per literal id: strong / context / ambiguous bits
  std::uint8_t need_ = 0;           // the bits that decide together
};

using PrefilterPtr = std::unique_ptr<Prefilter>;

}  // namespace netral::screen
