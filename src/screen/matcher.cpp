#include "screen/matcher.hpp"

#include <algorithm>
#include <map>

#include <hs/hs.h>

#include "screen/literal_db.hpp"

namespace netral::screen {

Matcher::Scratch::Scratch(Scratch&& o) noexcept : normalized_(o.normalized_), raw_(o.raw_) {
  o.normalized_ = o.raw_ = nullptr;
}
Matcher::Scratch& Matcher::Scratch::operator=(Scratch&& o) noexcept {
  std::swap(normalized_, o.normalized_);
  std::swap(raw_, o.raw_);
  return *this;
}
Matcher::Scratch::~Scratch() {
  if (normalized_) hs_free_scratch(normalized_);
  if (raw_) hs_free_scratch(raw_);
}

Matcher::~Matcher() {
  if (normalized_db_) hs_free_database(normalized_db_);
  if (raw_db_) hs_free_database(raw_db_);
}

namespace {

// Normalised text is lower-case ASCII words separated by single spaces, so a word
// boundary is any byte that is not an ASCII letter or digit, or a non-ASCII byte that
// the normaliser kept (a letter it could not fold): treated as part of a word.
inline bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

struct ScanContext {
  const Matcher* self;
  const std::vector<std::uint32_t>* lens;
  const std::vector<std::vector<std::uint32_t>>* terms;
  std::string_view text;
  bool check_boundaries;
  std::vector<Hit>* out;
};

int on_match(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void* ctx) {
  auto& c = *static_cast<ScanContext*>(ctx);
  const std::uint32_t end = std::uint32_t(to);
  const std::uint32_t start = end - (*c.lens)[id];
  if (c.check_boundaries) {
    if (start > 0 && word_byte(static_cast<unsigned char>(c.text[start - 1]))) return 0;
    if (end < c.text.size() && word_byte(static_cast<unsigned char>(c.text[end]))) return 0;
  }
  for (std::uint32_t t : (*c.terms)[id]) c.out->push_back(Hit{start, end, t});
  return 0;
}

}  // namespace

Result<std::unique_ptr<Matcher>> Matcher::compile(const Lexicon& lexicon, DatabaseCache* cache) {
  std::unique_ptr<Matcher> m(new Matcher());
  std::map<std::pair<bool, std::string>, unsigned> ids;
  std::vector<std::string> lit[2];
  std::vector<unsigned> lit_ids[2];
  for (std::uint32_t i = 0; i < lexicon.terms.size(); ++i) {
    const Term& t = lexicon.terms[i];
    auto [it, inserted] = ids.try_emplace({t.raw, t.pattern}, unsigned(m->literal_terms_.size()));
    if (inserted) {
      m->literal_terms_.emplace_back();
      m->literal_len_.push_back(std::uint32_t(t.pattern.size()));
      lit[t.raw].push_back(t.pattern);
      lit_ids[t.raw].push_back(it->second);
    }
    m->literal_terms_[it->second].push_back(i);
  }
  auto n = compile_literal_db(lit[0], lit_ids[0], cache, "lexicon");
  if (!n) return std::unexpected(n.error());
  m->normalized_db_ = *n;
  auto r = compile_literal_db(lit[1], lit_ids[1], cache, "lexicon");
  if (!r) return std::unexpected(r.error());
  m->raw_db_ = *r;
  return m;
}

Matcher::Scratch Matcher::make_scratch() const {
  Scratch s;
  // Allocation failure here is out-of-memory: nothing sensible to recover.
  if (normalized_db_) hs_alloc_scratch(normalized_db_, &s.normalized_);
  if (raw_db_) hs_alloc_scratch(raw_db_, &s.raw_);
  return s;
}

void Matcher::scan_normalized(std::string_view text, Scratch& scratch, std::vector<Hit>& out) const {
  if (!normalized_db_ || text.empty()) return;
  const std::size_t first = out.size();
  ScanContext ctx{this, &literal_len_, &literal_terms_, text, true, &out};
  hs_scan(normalized_db_, text.data(), unsigned(text.size()), 0, scratch.normalized_, on_match, &ctx);
  std::sort(out.begin() + first, out.end(), [](const Hit& a, const Hit& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
}

void Matcher::scan_raw(std::string_view text, Scratch& scratch, std::vector<Hit>& out) const {
  if (!raw_db_ || text.empty()) return;
  const std::size_t first = out.size();
  ScanContext ctx{this, &literal_len_, &literal_terms_, text, false, &out};
  hs_scan(raw_db_, text.data(), unsigned(text.size()), 0, scratch.raw_, on_match, &ctx);
  std::sort(out.begin() + first, out.end(), [](const Hit& a, const Hit& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
}

}  // namespace netral::screen
