// Literal matching of a Lexicon with Vectorscan. The compiled databases are immutable
// and shared by all threads; each thread brings its own Scratch.
#pragma once
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "screen/lexicon.hpp"

struct hs_database;
struct hs_scratch;

namespace netral::screen {

class DatabaseCache;

struct Hit {
  std::uint32_t start = 0;  // byte range in the scanned text
  std::uint32_t end = 0;
  std::uint32_t term = 0;   // index into Lexicon::terms
};

class Matcher {
 public:
  // Per-thread scanning state (Vectorscan scratch); cheap to keep, not to create.
  class Scratch {
   public:
    Scratch(Scratch&&) noexcept;
    Scratch& operator=(Scratch&&) noexcept;
    ~Scratch();

   private:
    friend class Matcher;
    Scratch() = default;
    hs_scratch* normalized_ = nullptr;
    hs_scratch* raw_ = nullptr;
  };

  // `cache` (may be null) keeps compiled databases between runs (literal_db.hpp).
  static Result<std::unique_ptr<Matcher>> compile(const Lexicon& lexicon, DatabaseCache* cache = nullptr);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  Scratch make_scratch() const;

  // Appends the whole-word hits of the normalised-text terms in `normalized`, and of
  // the raw terms (emoji) in `raw`. Hits of each text are sorted by start.
  void scan_normalized(std::string_view normalized, Scratch& scratch, std::vector<Hit>& out) const;
  void scan_raw(std::string_view raw, Scratch& scratch, std::vector<Hit>& out) const;
  bool has_raw_terms() const { return raw_db_ != nullptr; }

 private:
  Matcher() = default;
  hs_database* normalized_db_ = nullptr;
  hs_database* raw_db_ = nullptr;
  // Literal id -> the terms sharing that literal (several roles can share one word).
  std::vector<std::uint32_t> literal_len_;
  std::vector<std::vector<std::uint32_t>> literal_terms_;
};

using MatcherPtr = std::unique_ptr<Matcher>;

}  // namespace netral::screen
