#include "screen/prefilter.hpp"

#include <hs/hs.h>

#if defined(__x86_64__)
#include <tmmintrin.h>
#endif

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include "screen/literal_db.hpp"
#include "text/normalize.hpp"
#include "text/slang.hpp"

namespace netral::screen {

Prefilter::Scratch::Scratch(Scratch&& o) noexcept
    : hs_(o.hs_), skeleton_(std::move(o.skeleton_)), segments_(std::move(o.segments_)) {
  o.hs_ = nullptr;
}
Prefilter::Scratch& Prefilter::Scratch::operator=(Scratch&& o) noexcept {
  std::swap(hs_, o.hs_);
  std::swap(skeleton_, o.skeleton_);
  std::swap(segments_, o.segments_);
  return *this;
}
Prefilter::Scratch::~Scratch() {
  if (hs_) hs_free_scratch(hs_);
}
Prefilter::~Prefilter() {
  if (db_) hs_free_database(db_);
}

namespace {

// Byte -> skeleton byte: letters lower-cased, digits read as the letters the normaliser's
// leetspeak rule gives them, every other ASCII byte a word boundary (space). Two markers
// send a byte to the slow path: kNotAscii, and kSpecial for '2', the apostrophe and the
// backslash.
constexpr unsigned char kNotAscii = 0;
constexpr unsigned char kSpecial = 1;
constexpr std::array<unsigned char, 256> make_table() {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = ' ';
  for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<unsigned char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<unsigned char>(c - 'A' + 'a');
  // Digits read as the normaliser's leetspeak rule reads them; '2' has no letter.
  for (int d = '0'; d <= '9'; ++d) t[d] = static_cast<unsigned char>(text::leet_letter(static_cast<char32_t>(d)));
  t['2'] = kSpecial;
  t['\''] = kSpecial;
  t['\\'] = kSpecial;  // a JSON escape in skeleton_json
  return t;  // 128..255 stay kNotAscii
}
constexpr auto kSkeleton = make_table();

bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// The words of a skeleton, in order.
std::vector<std::string> split_words(std::string_view sk) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < sk.size()) {
    const std::size_t j = std::min(sk.find(' ', i), sk.size());
    if (j > i) out.emplace_back(sk.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// What a literal's hit tells: a strong reference decides at once; an election-context cue
// and an ambiguous reference decide together (an ambiguous reference counts only with a
// context cue in the same field, or with a strong reference, which decides anyway).
constexpr std::uint8_t kStrong = 1, kContext = 2, kAmbiguous = 4;

// Whether what a field has shown so far decides: a strong reference, or all of `need`.
inline bool decides(std::uint8_t seen, std::uint8_t need) { return (seen & kStrong) || (seen & need) == need; }

struct HitState {
  const std::uint8_t* kind;
  std::uint8_t seen;
  std::uint8_t need;  // kContext | kAmbiguous, or just kContext when ambiguous refs are not known here
};

// Literals carry their padding spaces, so a hit is a whole-word match. (Unpadded short
// literals such as "ga" hit inside most words, and the callback cost more than the scan.)
int on_hit(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
  auto* st = static_cast<HitState*>(ctx);
  st->seen |= st->kind[id];
  return decides(st->seen, st->need) ? 1 : 0;
}

}  // namespace

namespace {

// One byte of the skeleton at p[i] (i advances past an escape). False: undecided.
template <bool json>
inline bool skeleton_step(const unsigned char* p, std::size_t n, std::size_t& i, char*& o, unsigned char& last,
                          bool literal) {
  const unsigned char c = p[i];
  unsigned char s = kSkeleton[c];
  if (s <= kSpecial) {
    if (s == kNotAscii) return false;
    if (c == '2') {
      // "kata2" is rewritten to "kata kata": a reduplication can build a phrase the raw
      // skeleton does not show, so such a text is not decided here.
      if (!literal && i > 0 && is_alpha(p[i - 1])) return false;
      s = '2';
    } else if (c == '\\') {
      s = ' ';
      if constexpr (json) {
        if (i + 1 >= n || p[i + 1] == 'u') return false;
        ++i;  // the escaped separator: n, t, r, b, f, '"', '\\' or '/'
      }
    } else {
      // An apostrophe between letters joins them ("Jum'at"), as in the normaliser.
      if (i > 0 && i + 1 < n && is_alpha(p[i - 1]) && is_alpha(p[i + 1])) return ++i, true;
      s = ' ';
    }
  }
  // Runs collapse (stretched letters, repeated separators): the byte is always written
  // and kept only when it differs from the last, without a branch to mispredict.
  *o = static_cast<char>(s);
  o += s != last;
  last = s;
  ++i;
  return true;
}

#if defined(__x86_64__)
// Sixteen bytes at a time where a block is only ASCII letters, digits other than '2' and
// separators (nearly all of a feed): mapped with compares and a nibble table, runs found
// by comparing with the block shifted by one, the kept bytes packed with a shuffle per
// half. Other blocks take the byte loop. Needs SSSE3 (every x86-64 server CPU since 2008);
// checked at run time.
struct PackTable {
  alignas(16) unsigned char idx[256][16];
};
constexpr PackTable make_pack_table() {
  PackTable t{};
  for (int m = 0; m < 256; ++m) {
    int k = 0;
    for (int b = 0; b < 8; ++b)
      if (m & (1 << b)) t.idx[m][k++] = static_cast<unsigned char>(b);
    for (; k < 16; ++k) t.idx[m][k] = 0x80;  // zero
  }
  return t;
}
constexpr PackTable kPack = make_pack_table();

template <bool json>
__attribute__((target("ssse3,popcnt"))) bool skeleton_blocks(const unsigned char* p, std::size_t n, std::size_t& i,
                                                             char*& o, unsigned char& last, bool literal) {
  alignas(16) unsigned char digits[16] = {};
  for (int d = 0; d < 10; ++d) digits[d] = kSkeleton['0' + d];
  const __m128i digit_map = _mm_load_si128(reinterpret_cast<const __m128i*>(digits));
  const __m128i two = _mm_set1_epi8('2'), quote = _mm_set1_epi8('\''), slash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(' '), case_bit = _mm_set1_epi8(0x20), nibble = _mm_set1_epi8(0x0F);
  const __m128i before_a = _mm_set1_epi8('a' - 1), after_z = _mm_set1_epi8('z' + 1);
  const __m128i before_0 = _mm_set1_epi8('0' - 1), after_9 = _mm_set1_epi8('9' + 1);
  while (i + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (_mm_movemask_epi8(v)) return false;  // non-ASCII: undecided
    const __m128i special =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, two), _mm_cmpeq_epi8(v, quote)), _mm_cmpeq_epi8(v, slash));
    if (_mm_movemask_epi8(special)) {
      const std::size_t end = i + 16;
      while (i < end)
        if (!skeleton_step<json>(p, n, i, o, last, literal)) return false;
      continue;
    }
    const __m128i lower = _mm_or_si128(v, case_bit);
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, before_a), _mm_cmpgt_epi8(after_z, lower));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, before_0), _mm_cmpgt_epi8(after_9, v));
    const __m128i leet = _mm_shuffle_epi8(digit_map, _mm_and_si128(v, nibble));
    __m128i m = _mm_or_si128(_mm_and_si128(letter, lower), _mm_and_si128(digit, leet));
    m = _mm_or_si128(m, _mm_andnot_si128(_mm_or_si128(letter, digit), space));
    const __m128i prev = _mm_alignr_epi8(m, _mm_set1_epi8(static_cast<char>(last)), 15);
    const unsigned keep = ~unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(m, prev))) & 0xFFFFu;
    const unsigned lo = keep & 0xFF, hi = keep >> 8;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o),
                     _mm_shuffle_epi8(m, _mm_load_si128(reinterpret_cast<const __m128i*>(kPack.idx[lo]))));
    o += __builtin_popcount(lo);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o), _mm_shuffle_epi8(_mm_srli_si128(m, 8),
                                                                     _mm_load_si128(reinterpret_cast<const __m128i*>(kPack.idx[hi]))));
    o += __builtin_popcount(hi);
    last = static_cast<unsigned char>(_mm_extract_epi16(m, 7) >> 8);
    i += 16;
  }
  return true;
}

const bool kHaveSsse3 = __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt");
#endif

// The hot loop of a feed: every byte of every post passes here once. With `json`, `text`
// is the body of a JSON string as written: an escape of an ASCII separator (\n, \t, \",
// \\, \/ ...) is the separator it stands for, and a \u escape leaves the text undecided,
// like non-ASCII text. Neighbours are looked at as written: a '2' after the letter of an
// escape ("\n2") is undecided, and an apostrophe after one is skipped where the escape
// already made the boundary, so the skeleton of the body is the skeleton of the decoded
// string whenever it is decided.
template <bool json>
bool skeleton_of(std::string_view text, std::string& out, bool literal, bool simd = true, bool append = false) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const std::size_t at = append ? out.size() : 0;
  bool decided = true;
  // Room for the leading and trailing space and for the 16-byte stores of the last block.
  out.resize_and_overwrite(at + n + 18, [&](char* begin, std::size_t) {
    char* o = begin + at;
    *o++ = ' ';
    unsigned char last = ' ';
    std::size_t i = 0;
#if defined(__x86_64__)
    if (simd && kHaveSsse3 && !skeleton_blocks<json>(p, n, i, o, last, literal)) return decided = false, at;
#endif
    (void)simd;
    while (i < n)
      if (!skeleton_step<json>(p, n, i, o, last, literal)) return decided = false, at;
    if (last != ' ') *o++ = ' ';
    return static_cast<std::size_t>(o - begin);
  });
  return decided;
}

}  // namespace

bool Prefilter::skeleton(std::string_view text, std::string& out, bool literal) {
  return skeleton_of<false>(text, out, literal);
}

bool Prefilter::skeleton_json(std::string_view body, std::string& out) { return skeleton_of<true>(body, out, false); }

bool Prefilter::skeleton_bytewise(std::string_view text, std::string& out, bool json) {
  return json ? skeleton_of<true>(text, out, false, false) : skeleton_of<false>(text, out, false, false);
}

Result<std::unique_ptr<Prefilter>> Prefilter::compile(const Lexicon& lexicon, DatabaseCache* cache) {
  std::map<std::string, std::uint8_t> literals;  // skeleton -> what a hit tells
  std::map<std::string, std::uint8_t> words;     // word of a deciding literal -> its kinds
  std::string sk;
  bool ambiguous_known = true;
  for (const Term& t : lexicon.terms) {
    const bool ref = t.role == TermRole::candidate || t.role == TermRole::party;
    const bool context_cue = t.role == TermRole::cue && t.context;
    if (t.raw) {
      // Raw terms are matched on the input bytes; an ASCII one could hide in any text.
      for (unsigned char c : t.pattern)
        if (c < 0x80) return std::unique_ptr<Prefilter>();
      continue;  // non-ASCII: such texts are never decided here
    }
    if (!ref && !context_cue) continue;
    const std::uint8_t kind = ref ? (t.ambiguous ? kAmbiguous : kStrong) : kContext;
    if (!skeleton(t.pattern, sk, true) || sk.size() < 3) {
      if (kind != kAmbiguous) return std::unique_ptr<Prefilter>();
      ambiguous_known = false;  // then a context cue alone lets a text pass
      continue;
    }
    literals[sk] |= kind;
    for (auto& w : split_words(sk)) words[w] |= kind;
  }
  // Slang: the normaliser rewrites a raw token into its expansion, so a literal can appear
  // in the normalised text where the raw text holds a slang form of one of its words. A
  // one-word expansion ("aja" -> "saja") takes the place of one word: the literal's
  // spellings with slang forms in place of its words are literals too (" aja maju triba "
  // for " saja maju triba "). A many-word expansion ("gpp" -> "gak apa apa"), or a literal
  // with too many spellings, falls back to the raw form alone telling what the words of
  // its expansion tell: sound, but any post with that form passes.
  std::map<std::string, std::vector<std::string>> slang_of;          // word -> raw forms expanding to it
  std::vector<std::pair<std::string, std::vector<std::string>>> multi; // raw form -> words of its expansion
  for (const auto& e : text::slang_table()) {
    std::string to;
    if (!skeleton(e.to, to, true)) return std::unique_ptr<Prefilter>();
    auto to_words = split_words(to);
    if (to_words.empty()) continue;
    if (!skeleton(e.from, sk, true) || sk.size() < 3) {
      // A raw form not read here: sound only if its expansion touches no deciding word.
      for (const auto& w : to_words)
        if (words.count(w)) return std::unique_ptr<Prefilter>();
      continue;
    }
    std::string from = sk.substr(1, sk.size() - 2);
    if (to_words.size() == 1) slang_of[to_words[0]].push_back(std::move(from));
    else multi.emplace_back(std::move(from), std::move(to_words));
  }
  constexpr std::size_t kMaxSpellings = 64;
  std::map<std::string, std::uint8_t> spellings;
  for (const auto& [lit, kind] : literals) {
    const auto ws = split_words(lit);
    std::size_t product = 1;
    for (const auto& w : ws)
      if (auto it = slang_of.find(w); it != slang_of.end()) product = std::min(kMaxSpellings + 1, product * (1 + it->second.size()));
    if (product == 1) continue;
    if (product > kMaxSpellings) {
      for (const auto& w : ws)
        if (auto it = slang_of.find(w); it != slang_of.end())
          for (const auto& raw : it->second) spellings[" " + raw + " "] |= kind;
      continue;
    }
    // Every combination: word i spelled as itself or as one of its slang forms.
    std::vector<std::size_t> pick(ws.size(), 0);
    for (;;) {
      std::string v = " ";
      for (std::size_t i = 0; i < ws.size(); ++i) {
        v += pick[i] == 0 ? ws[i] : slang_of.find(ws[i])->second[pick[i] - 1];
        v += ' ';
      }
      spellings[v] |= kind;
      std::size_t i = 0;
      for (; i < ws.size(); ++i) {
        auto it = slang_of.find(ws[i]);
        const std::size_t n = it == slang_of.end() ? 1 : 1 + it->second.size();
        if (++pick[i] < n) break;
        pick[i] = 0;
      }
      if (i == ws.size()) break;
    }
  }
  for (const auto& [from, to_words] : multi) {
    std::uint8_t kind = 0;
    for (const auto& w : to_words)
      if (auto it = words.find(w); it != words.end()) kind |= it->second;
    if (kind) spellings[" " + from + " "] |= kind;
  }
  for (const auto& [v, kind] : spellings) literals[v] |= kind;
  std::unique_ptr<Prefilter> p(new Prefilter());
  p->need_ = ambiguous_known ? (kContext | kAmbiguous) : kContext;
  if (literals.empty()) return p;  // nothing can ever resolve: db_ stays null, nothing passes
  std::vector<std::string> exprs;
  std::vector<unsigned> ids;
  for (auto& [l, kind] : literals) {
    ids.push_back(static_cast<unsigned>(exprs.size()));  // distinct ids: shared ones compile very slowly
    exprs.push_back(l);
    p->kind_.push_back(kind);
  }
  auto db = compile_literal_db(exprs, ids, cache, "prefilter");
  if (!db) return std::unexpected(db.error());
  p->db_ = *db;
  return p;
}

Prefilter::Scratch Prefilter::make_scratch() const {
  Scratch s;
  if (db_) hs_alloc_scratch(db_, &s.hs_);
  return s;
}

bool Prefilter::scan_skeleton(Scratch& scratch) const {
  if (!db_ || scratch.skeleton_.size() < 2) return false;
  HitState st{kind_.data(), 0, need_};
  return hs_scan(db_, scratch.skeleton_.data(), static_cast<unsigned>(scratch.skeleton_.size()), 0, scratch.hs_, on_hit,
                 &st) == HS_SCAN_TERMINATED;
}

bool Prefilter::may_flag(std::string_view text, Scratch& scratch) const {
  if (text.empty()) return false;
  if (!skeleton(text, scratch.skeleton_)) return true;
  return scan_skeleton(scratch);
}

namespace {

// A batch scan: hits arrive in order of their end, so a cursor walks the segments (one per
// field of a post, in order) and keeps what the current one has shown.
struct BatchState {
  const std::uint8_t* kind;
  std::uint8_t need;
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>* segments;  // (end offset, post)
  std::size_t cursor = 0;
  std::uint8_t seen = 0;
  char* pass;
};

int on_batch_hit(unsigned id, unsigned long long, unsigned long long to, unsigned, void* ctx) {
  auto* st = static_cast<BatchState*>(ctx);
  const auto& seg = *st->segments;
  if (seg[st->cursor].first < to) {
    while (seg[st->cursor].first < to) ++st->cursor;
    st->seen = 0;
  }
  st->seen |= st->kind[id];
  if (decides(st->seen, st->need)) st->pass[seg[st->cursor].second] = 1;
  return 0;
}

}  // namespace

void Prefilter::may_flag_json(std::span<const std::string_view> bodies, std::size_t per_post, Scratch& scratch,
                              std::vector<char>& pass) const {
  const std::size_t posts = per_post ? bodies.size() / per_post : 0;
  pass.assign(posts, 0);
  std::string& all = scratch.skeleton_;
  auto& segments = scratch.segments_;
  all.clear();
  segments.clear();
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    const std::size_t post = i / per_post;
    if (bodies[i].empty() || pass[post]) continue;
    if (!skeleton_of<true>(bodies[i], all, false, true, true)) {
      pass[post] = 1;  // undecided here: screened in full
      continue;
    }
    segments.emplace_back(static_cast<std::uint32_t>(all.size()), static_cast<std::uint32_t>(post));
  }
  if (!db_ || segments.empty()) return;
  // One scan for the whole batch: a post's skeleton starts and ends with a space and has
  // no double space, so two of them meet at a double space, which no literal holds: no
  // match crosses from one field into the next. Offsets stay below 4 GiB: a batch is one
  // chunk of the feed.
  BatchState st{kind_.data(), need_, &segments, 0, 0, pass.data()};
  hs_scan(db_, all.data(), static_cast<unsigned>(all.size()), 0, scratch.hs_, on_batch_hit, &st);
}

}  // namespace netral::screen
