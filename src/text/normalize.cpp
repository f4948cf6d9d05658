// Normalisation pipeline (docs/classification.md, "Normalisation"):
//   1. decode UTF-8 (invalid bytes become separators), per code point: NFKD + case fold +
//      strip marks + strip default-ignorables + lump dashes/quotes (utf8proc);
//   2. split into tokens of letters/digits; '#'/'@' + word chars form one intact token;
//      an apostrophe between letters is dropped ("Jum'at" -> "jumat");
//   3. per plain token: collapse stretched letters, undo leetspeak, expand slang;
//   4. join tokens with one space.
// Every output byte records the input offset of the code point it came from, so that
// spans found on the normalised text map back to whole code points of the input.
#include "text/normalize.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>

#include "text/slang.hpp"

namespace netral::text {
namespace {

struct Cp {
  char32_t cp;
  std::uint32_t origin;  // input byte offset of the source code point
  std::uint32_t end;     // input byte offset just past it
};

bool is_word(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_letter(char32_t c) { return is_word(c) && !is_digit(c); }

constexpr char32_t kSeparator = U' ';

// Step 1: folded code points with their origins. Separators are kept as kSeparator.
// `in` is the part of the input starting at byte `base`.
void fold(std::string_view in, std::uint32_t base, std::vector<Cp>& out) {
  constexpr int kOptions = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE |
                           UTF8PROC_LUMP | UTF8PROC_STRIPCC;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(in.data());
  std::size_t i = 0;
  std::array<utf8proc_int32_t, 32> buf{};
  while (i < in.size()) {
    const auto origin = base + static_cast<std::uint32_t>(i);
    unsigned char b = p[i];
    if (b < 0x80) {  // ASCII fast path: same result as utf8proc for these options
      char32_t c = b;
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      if (c < 0x20 || c == 0x7f) c = kSeparator;
      out.push_back({c, origin, origin + 1});
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(in.size() - i), &cp);
    if (len <= 0) {  // invalid byte: a separator, so no token straddles garbage
      out.push_back({kSeparator, origin, origin + 1});
      ++i;
      continue;
    }
    int boundclass = 0;
    auto n = utf8proc_decompose_char(cp, buf.data(), buf.size(), static_cast<utf8proc_option_t>(kOptions),
                                     &boundclass);
    const auto end = base + static_cast<std::uint32_t>(i + static_cast<std::size_t>(len));
    if (n < 0 || n > static_cast<utf8proc_ssize_t>(buf.size())) {
      out.push_back({kSeparator, origin, end});
    } else {
      for (utf8proc_ssize_t k = 0; k < n; ++k) out.push_back({static_cast<char32_t>(buf[k]), origin, end});
    }
    i += static_cast<std::size_t>(len);
  }
}

void append_utf8(Normalized& n, const Cp& c) {
  std::array<utf8proc_uint8_t, 4> b{};
  auto len = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c.cp), b.data());
  for (utf8proc_ssize_t k = 0; k < len; ++k) {
    n.text.push_back(static_cast<char>(b[k]));
    n.origin.push_back(c.origin);
    n.origin_end.push_back(c.end);
  }
}

bool ascii_only(const std::vector<Cp>& t) {
  return std::all_of(t.begin(), t.end(), [](const Cp& c) { return c.cp < 0x80; });
}
std::string ascii(const std::vector<Cp>& t) {
  std::string s;
  s.reserve(t.size());
  for (auto& c : t) s.push_back(static_cast<char>(c.cp));
  return s;
}

// Stretched letters: a run of 3+ of the same letter becomes 1 letter ("kampanyeeee" ->
// "kampanye"), unless the word with that run as 2 letters is a known double-letter word
// ("maaaaf" -> "maaf"). Runs of exactly 2 are always kept: they are usually real.
void collapse_runs(std::vector<Cp>& t) {
  bool any = false;
  for (std::size_t i = 0; i + 2 < t.size(); ++i)
    if (is_letter(t[i].cp) && t[i].cp == t[i + 1].cp && t[i].cp == t[i + 2].cp) any = true;
  if (!any) return;
  auto build = [&](std::size_t keep) {
    std::vector<Cp> r;
    for (std::size_t i = 0; i < t.size();) {
      std::size_t j = i;
      while (j < t.size() && t[j].cp == t[i].cp) ++j;
      std::size_t run = j - i;
      std::size_t n = (run >= 3 && is_letter(t[i].cp)) ? keep : run;
      for (std::size_t k = 0; k < n; ++k) r.push_back(t[i + k]);
      r.back().end = t[j - 1].end;  // the kept letters stand for the whole stretched run
      i = j;
    }
    return r;
  };
  auto doubled = build(2);
  if (ascii_only(doubled)) {
    auto words = legit_double_words();
    if (std::binary_search(words.begin(), words.end(), ascii(doubled))) {
      t = std::move(doubled);
      return;
    }
  }
  t = build(1);
}

// Leetspeak only inside tokens that mix letters and digits, and only for single digits
// touching a letter: "pr4bowo" -> "prabowo", "k4mp4ny3" -> "kampanye", while "02",
// "pilkada2024" and "covid19" keep their numbers. A final "2" after 3+ letters is the
// informal reduplication mark ("masing2" -> "masing masing") and is reported as such.
// Returns the position of a reduplication "2", or npos.
std::size_t undo_leet(std::vector<Cp>& t) {
  bool letters = false, digits = false;
  for (auto& c : t) (is_digit(c.cp) ? digits : letters) |= is_word(c.cp);
  if (!letters || !digits) return std::string::npos;
  std::size_t redup = std::string::npos;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!is_digit(t[i].cp)) continue;
    bool prev_digit = i > 0 && is_digit(t[i - 1].cp);
    bool next_digit = i + 1 < t.size() && is_digit(t[i + 1].cp);
    if (prev_digit || next_digit) continue;
    bool prev_letter = i > 0 && is_letter(t[i - 1].cp);
    bool next_letter = i + 1 < t.size() && is_letter(t[i + 1].cp);
    if (!prev_letter && !next_letter) continue;
    if (t[i].cp == '2' && i + 1 == t.size() && i >= 3) {
      redup = i;
      continue;
    }
    if (char32_t l = leet_letter(t[i].cp)) t[i].cp = l;
  }
  return redup;
}

class Builder {
 public:
  explicit Builder(Normalized& n) : n_(n) {}

  void separator(std::uint32_t origin, std::uint32_t end) {
    if (!n_.text.empty() && n_.text.back() != ' ') {
      n_.text.push_back(' ');
      n_.origin.push_back(origin);
      n_.origin_end.push_back(end);
    }
  }
  void cps(const std::vector<Cp>& t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) append_utf8(n_, t[i]);
  }
  // Replacement words carry the whole source range [origin, end): a span over any part
  // of them maps back to the whole source (see Normalized::to_input).
  void words(std::string_view s, std::uint32_t origin, std::uint32_t end) {
    for (char c : s) {
      n_.text.push_back(c);
      n_.origin.push_back(origin);
      n_.origin_end.push_back(end);
    }
  }

 private:
  Normalized& n_;
};

void emit_token(std::vector<Cp>& t, const NormalizeOptions& opt, Builder& out) {
  if (t.empty()) return;
  if (t[0].cp == '#' || t[0].cp == '@') {  // hashtags and handles stay intact
    out.cps(t, 0, t.size());
    return;
  }
  collapse_runs(t);
  std::size_t redup = std::string::npos;
  if (opt.undo_leetspeak) redup = undo_leet(t);
  if (redup != std::string::npos) {
    out.cps(t, 0, redup);
    out.separator(t[redup].origin, t[redup].end);
    out.words(ascii(std::vector<Cp>(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(redup))), t[redup].origin,
              t[redup].end);
    return;
  }
  if (opt.expand_slang && ascii_only(t)) {
    if (auto e = expand_slang(ascii(t))) {
      out.words(*e, t.front().origin, t.back().end);
      return;
    }
  }
  out.cps(t, 0, t.size());
}

// The general path over input[begin, end): every code point through fold(). The segment is
// followed by a separator (an ASCII space or control, or the end of the input) at
// [tail_origin, tail_end); the last token is flushed there.
void general_segment(std::string_view input, std::size_t begin, std::size_t end, std::uint32_t tail_origin,
                     std::uint32_t tail_end, const NormalizeOptions& options, Builder& out, std::vector<Cp>& cps) {
  cps.clear();
  fold(input.substr(begin, end - begin), static_cast<std::uint32_t>(begin), cps);
  std::vector<Cp> token;
  bool tagged = false;  // current token started with '#' or '@'
  auto flush = [&](std::uint32_t sep_origin, std::uint32_t sep_end) {
    if (!token.empty()) {
      emit_token(token, options, out);
      token.clear();
      out.separator(sep_origin, sep_end);
    }
    tagged = false;
  };
  for (std::size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i].cp;
    bool next_word = i + 1 < cps.size() && is_word(cps[i + 1].cp);
    if (is_word(c)) {
      token.push_back(cps[i]);
    } else if ((c == '#' || c == '@') && token.empty() && next_word) {
      token.push_back(cps[i]);
      tagged = true;
    } else if (tagged && (c == '_' || (c == '.' && next_word))) {
      token.push_back(cps[i]);  // handles like @tim_sukses.01
    } else if (c == '\'' && !token.empty() && is_letter(token.back().cp) && i + 1 < cps.size() &&
               is_letter(cps[i + 1].cp)) {
      // "Jum'at" -> "jumat": an apostrophe inside a word is not a word break
    } else {
      flush(cps[i].origin, cps[i].end);
    }
  }
  flush(tail_origin, tail_end);
}

// ---- ASCII fast path -------------------------------------------------------------------
// The same rules as the general path, on bytes: for printable ASCII, fold() only
// lower-cases, so a token is a run of bytes with their offsets (ends are offset + 1 except
// where a stretched run was collapsed). No code point vectors, no utf8proc.

constexpr std::uint8_t kWord = 1, kLetter = 2, kDigit = 4;
constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kWord | kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kWord | kLetter;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kWord | kDigit;
  return t;
}
constexpr std::array<std::uint8_t, 256> kClass = make_classes();
constexpr std::array<char, 256> make_lower() {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return t;
}
constexpr std::array<char, 256> kLower = make_lower();
inline std::uint8_t cls(char c) { return kClass[static_cast<unsigned char>(c)]; }
// Bytes that fold() turns into a plain separator and that no rule looks through.
inline bool is_ascii_break(unsigned char b) { return b <= 0x20 || b == 0x7f; }

struct AsciiToken {
  std::string s;                    // lower-cased bytes
  std::vector<std::uint32_t> o, e;  // origin and end of each byte
  void clear() {
    s.clear();
    o.clear();
    e.clear();
  }
  void push(char c, std::uint32_t origin, std::uint32_t end) {
    s.push_back(c);
    o.push_back(origin);
    e.push_back(end);
  }
};

struct AsciiScratch {
  AsciiToken token, tmp;
};

class AsciiOut {
 public:
  explicit AsciiOut(Normalized& n) : n_(n) {}
  void chars(const AsciiToken& t, std::size_t begin, std::size_t end) {
    n_.text.append(t.s, begin, end - begin);
    n_.origin.insert(n_.origin.end(), t.o.begin() + static_cast<std::ptrdiff_t>(begin),
                     t.o.begin() + static_cast<std::ptrdiff_t>(end));
    n_.origin_end.insert(n_.origin_end.end(), t.e.begin() + static_cast<std::ptrdiff_t>(begin),
                         t.e.begin() + static_cast<std::ptrdiff_t>(end));
  }

 private:
  Normalized& n_;
};

// collapse_runs() on an ASCII token.
void ascii_collapse_runs(AsciiToken& t, AsciiToken& tmp) {
  const std::size_t size = t.s.size();
  bool any = false;
  for (std::size_t i = 0; i + 2 < size; ++i)
    if ((cls(t.s[i]) & kLetter) && t.s[i] == t.s[i + 1] && t.s[i] == t.s[i + 2]) {
      any = true;
      break;
    }
  if (!any) return;
  auto build = [&](std::size_t keep) {
    tmp.clear();
    for (std::size_t i = 0; i < size;) {
      std::size_t j = i;
      while (j < size && t.s[j] == t.s[i]) ++j;
      std::size_t run = j - i;
      std::size_t n = (run >= 3 && (cls(t.s[i]) & kLetter)) ? keep : run;
      for (std::size_t k = 0; k < n; ++k) tmp.push(t.s[i + k], t.o[i + k], t.e[i + k]);
      tmp.e.back() = t.e[j - 1];
      i = j;
    }
  };
  build(2);
  auto words = legit_double_words();
  if (std::binary_search(words.begin(), words.end(), std::string_view(tmp.s))) {
    std::swap(t, tmp);
    return;
  }
  build(1);
  std::swap(t, tmp);
}

// undo_leet() on an ASCII token (every byte of it is a word byte).
std::size_t ascii_undo_leet(AsciiToken& t) {
  bool letters = false, digits = false;
  for (char c : t.s) (cls(c) & kDigit ? digits : letters) = true;
  if (!letters || !digits) return std::string::npos;
  std::size_t redup = std::string::npos;
  const std::size_t size = t.s.size();
  for (std::size_t i = 0; i < size; ++i) {
    if (!(cls(t.s[i]) & kDigit)) continue;
    bool prev_digit = i > 0 && (cls(t.s[i - 1]) & kDigit);
    bool next_digit = i + 1 < size && (cls(t.s[i + 1]) & kDigit);
    if (prev_digit || next_digit) continue;
    bool prev_letter = i > 0 && (cls(t.s[i - 1]) & kLetter);
    bool next_letter = i + 1 < size && (cls(t.s[i + 1]) & kLetter);
    if (!prev_letter && !next_letter) continue;
    if (t.s[i] == '2' && i + 1 == size && i >= 3) {
      redup = i;
      continue;
    }
    if (char32_t l = leet_letter(static_cast<unsigned char>(t.s[i]))) t.s[i] = static_cast<char>(l);
  }
  return redup;
}

// emit_token() on an ASCII token.
void ascii_emit_token(AsciiScratch& sc, const NormalizeOptions& opt, Builder& out, AsciiOut& chars) {
  AsciiToken& t = sc.token;
  if (t.s.empty()) return;
  if (t.s[0] == '#' || t.s[0] == '@') {
    chars.chars(t, 0, t.s.size());
    return;
  }
  ascii_collapse_runs(t, sc.tmp);
  std::size_t redup = std::string::npos;
  if (opt.undo_leetspeak) redup = ascii_undo_leet(t);
  if (redup != std::string::npos) {
    chars.chars(t, 0, redup);
    out.separator(t.o[redup], t.e[redup]);
    out.words(std::string_view(t.s).substr(0, redup), t.o[redup], t.e[redup]);
    return;
  }
  if (opt.expand_slang) {
    if (auto e = expand_slang(t.s)) {
      out.words(*e, t.o.front(), t.e.back());
      return;
    }
  }
  chars.chars(t, 0, t.s.size());
}

// general_segment() for a segment of printable ASCII bytes (0x21..0x7e).
void ascii_segment(std::string_view input, std::size_t begin, std::size_t end, std::uint32_t tail_origin,
                   std::uint32_t tail_end, const NormalizeOptions& options, Builder& out, AsciiOut& chars,
                   AsciiScratch& sc) {
  AsciiToken& token = sc.token;
  token.clear();
  bool tagged = false;
  auto flush = [&](std::uint32_t sep_origin, std::uint32_t sep_end) {
    if (!token.s.empty()) {
      ascii_emit_token(sc, options, out, chars);
      token.clear();
      out.separator(sep_origin, sep_end);
    }
    tagged = false;
  };
  for (std::size_t i = begin; i < end; ++i) {
    const char c = kLower[static_cast<unsigned char>(input[i])];
    const auto at = static_cast<std::uint32_t>(i);
    const std::uint8_t k = cls(c);
    bool next_word = i + 1 < end && (cls(input[i + 1]) & kWord);
    if (k & kWord) {
      token.push(c, at, at + 1);
    } else if ((c == '#' || c == '@') && token.s.empty() && next_word) {
      token.push(c, at, at + 1);
      tagged = true;
    } else if (tagged && (c == '_' || (c == '.' && next_word))) {
      token.push(c, at, at + 1);
    } else if (c == '\'' && !token.s.empty() && (cls(token.s.back()) & kLetter) && i + 1 < end &&
               (cls(input[i + 1]) & kLetter)) {
      // "Jum'at" -> "jumat"
    } else {
      flush(at, at + 1);
    }
  }
  flush(tail_origin, tail_end);
}

void finish(Normalized& n, std::string_view input) {
  if (!n.text.empty() && n.text.back() == ' ') {
    n.text.pop_back();
    n.origin.pop_back();
    n.origin_end.pop_back();
  }
  n.origin.push_back(static_cast<std::uint32_t>(input.size()));
}

}  // namespace

Normalized normalize_general(std::string_view input, const NormalizeOptions& options) {
  Normalized n;
  n.text.reserve(input.size());
  n.origin.reserve(input.size() + 1);
  n.origin_end.reserve(input.size());
  std::vector<Cp> cps;
  cps.reserve(input.size());
  Builder out(n);
  const auto size = static_cast<std::uint32_t>(input.size());
  general_segment(input, 0, input.size(), size, size, options, out, cps);
  finish(n, input);
  return n;
}

// The input is cut at ASCII spaces and controls: no rule looks across one (it is not a word
// byte, '#', '@', '_', '.' or an apostrophe, and fold() makes it a plain separator), so each
// piece can go its own way: printable ASCII through the fast path, anything else through
// the general path, both writing into one result.
Normalized normalize(std::string_view input, const NormalizeOptions& options) {
  Normalized n;
  n.text.reserve(input.size());
  n.origin.reserve(input.size() + 1);
  n.origin_end.reserve(input.size());
  Builder out(n);
  AsciiOut chars(n);
  AsciiScratch sc;
  std::vector<Cp> cps;
  const auto* p = reinterpret_cast<const unsigned char*>(input.data());
  const std::size_t size = input.size();
  std::size_t i = 0;
  while (i < size) {
    if (is_ascii_break(p[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool ascii = true;
    while (j < size && !is_ascii_break(p[j])) {
      ascii &= p[j] < 0x80;
      ++j;
    }
    const auto tail = static_cast<std::uint32_t>(j);
    const auto tail_end = j < size ? tail + 1 : tail;
    if (ascii)
      ascii_segment(input, i, j, tail, tail_end, options, out, chars, sc);
    else
      general_segment(input, i, j, tail, tail_end, options, out, cps);
    i = j;
  }
  finish(n, input);
  return n;
}

std::pair<std::uint32_t, std::uint32_t> Normalized::to_input(std::uint32_t begin, std::uint32_t end) const {
  const auto size = static_cast<std::uint32_t>(text.size());
  begin = std::min(begin, size);
  end = std::clamp(end, begin, size);
  const std::uint32_t b = origin[begin];
  if (end == begin || origin_end.size() != text.size()) return {b, b};
  return {b, std::max(b, origin_end[end - 1])};
}

}  // namespace netral::text
