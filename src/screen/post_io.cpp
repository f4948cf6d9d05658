#include "screen/post_io.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace netral::screen {

namespace {

#if defined(__SSE2__)
// Bit k set where byte k of the sixteen at `p` is a quote, and where it is a backslash.
struct Masks16 {
  unsigned quotes, slashes;
};
inline Masks16 masks16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return {unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')))),
          unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))))};
}
#endif

// The first '"' or '\\' at or after `i` (or the end): sixteen bytes per step (eight
// without SSE2), since post texts are long runs of plain bytes.
std::size_t find_special(const char* p, std::size_t i, std::size_t n) {
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const Masks16 m = masks16(p + i);
    if (const unsigned hit = m.quotes | m.slashes) return i + unsigned(__builtin_ctz(hit));
  }
#endif
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  constexpr std::uint64_t kQuote = kOnes * '"', kSlash = kOnes * '\\';
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    const std::uint64_t q = w ^ kQuote, b = w ^ kSlash;
    // The lowest flagged byte is exact (false positives only sit above a true match).
    const std::uint64_t hit = ((q - kOnes) & ~q & kHigh) | ((b - kOnes) & ~b & kHigh);
    if (hit) return i + std::size_t(__builtin_ctzll(hit) / 8);
  }
  while (i < n && p[i] != '"' && p[i] != '\\') ++i;
  return i;
}

// The quotes of a line in order, found 64 bytes at a time (one pass over the line instead
// of a search per string); notes whether the bytes scanned so far hold a backslash.
class QuoteCursor {
 public:
  QuoteCursor(const char* p, std::size_t n) : p_(p), n_(n) {}
  // The next quote's offset, or n when there is none.
  std::size_t next() {
    while (bits_ == 0) {
      if (scanned_ >= n_) return n_;
      fill();
    }
    const std::size_t at = window_ + std::size_t(__builtin_ctzll(bits_));
    bits_ &= bits_ - 1;
    return at;
  }
  bool backslash() const { return backslash_; }

 private:
  void fill() {
    window_ = scanned_;
    const std::size_t end = std::min(n_, window_ + 64);
    std::uint64_t quotes = 0, slashes = 0;
    std::size_t i = window_;
#if defined(__SSE2__)
    for (; i + 16 <= end; i += 16) {
      const Masks16 m = masks16(p_ + i);
      quotes |= std::uint64_t(m.quotes) << (i - window_);
      slashes |= std::uint64_t(m.slashes) << (i - window_);
    }
#endif
    for (; i < end; ++i) {
      quotes |= std::uint64_t(p_[i] == '"') << (i - window_);
      slashes |= std::uint64_t(p_[i] == '\\') << (i - window_);
    }
    scanned_ = end;
    bits_ = quotes;
    backslash_ = backslash_ || slashes != 0;
  }
  const char* p_;
  std::size_t n_;
  std::size_t scanned_ = 0, window_ = 0;
  std::uint64_t bits_ = 0;
  bool backslash_ = false;
};

// The sink of a JSON string that is only checked: notes whether it had escapes.
struct Discard {
  bool escaped = false;
  void clear() {}
  void append(std::string_view) {}
  void push_back(char) { escaped = true; }  // only escapes push single bytes
};

// A small JSON reader for flat post objects. nlohmann::json would do, but screening
// reads gigabytes of posts and building a DOM per line costs more than the matching.
class JsonCursor {
 public:
  explicit JsonCursor(std::string_view s) : s_(s) {}
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
  }
  bool eat(char c) {
    ws();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool at_end() { ws(); return i_ == s_.size(); }
  char peek() { ws(); return i_ < s_.size() ? s_[i_] : '\0'; }

  // A JSON string into `out` (a std::string, or Discard to check it without copying).
  template <class Out>
  bool string(Out& out) {
    out.clear();
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      std::size_t run = special(i_);
      out.append(s_.substr(i_, run - i_));
      i_ = run;
      if (i_ >= s_.size()) return false;
      if (s_[i_] == '"') return ++i_, true;
      if (++i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo = 0;
            if (i_ + 1 < s_.size() && s_[i_] == '\\' && s_[i_ + 1] == 'u') {
              i_ += 2;
              if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              cp = 0xFFFD;
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          utf8(cp, out);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  // A JSON string checked but not copied: `body` is its text between the quotes, escapes
  // as written; `escaped` tells whether it has any. `at` is the offset of its opening quote.
  bool raw_string(std::string_view& body, bool& escaped, std::size_t& at) {
    ws();
    at = i_;
    Discard d;
    if (!string(d)) return false;
    body = s_.substr(at + 1, i_ - at - 2);
    escaped = d.escaped;
    return true;
  }

  // Any other value: its literal text (numbers), or empty (null, objects, arrays).
  bool other(std::string_view& lit_out) {
    lit_out = {};
    ws();
    std::size_t start = i_;
    int depth = 0;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '"') {
        Discard d;
        if (!string(d)) return false;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      else if (c == '}' || c == ']') {
        if (depth == 0) break;
        --depth;
      } else if (c == ',' && depth == 0) break;
      ++i_;
    }
    std::string_view lit = s_.substr(start, i_ - start);
    while (!lit.empty() && (lit.back() == ' ' || lit.back() == '\t' || lit.back() == '\r')) lit.remove_suffix(1);
    if (lit.empty()) return false;
    if (lit != "null" && lit.front() != '{' && lit.front() != '[') lit_out = lit;
    return true;
  }

 private:
  std::size_t special(std::size_t i) const { return find_special(s_.data(), i, s_.size()); }

  bool hex4(unsigned& v) {
    if (i_ + 4 > s_.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= unsigned(c - '0');
      else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
      else return false;
    }
    return true;
  }
  template <class Out>
  static void utf8(unsigned cp, Out& out) {
    if (cp < 0x80) {
      out.push_back(char(cp));
    } else if (cp < 0x800) {
      out.push_back(char(0xC0 | (cp >> 6)));
      out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(char(0xE0 | (cp >> 12)));
      out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(char(0xF0 | (cp >> 18)));
      out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(char(0x80 | (cp & 0x3F)));
    }
  }
  std::string_view s_;
  std::size_t i_ = 0;
};

enum PostField { f_platform, f_account, f_post_id, f_url, f_time, f_kind, f_text, f_context_text, f_count };
constexpr std::string_view kFieldNames[f_count] = {"platform", "account", "post_id", "url",
                                                    "time",     "kind",    "text",    "context_text"};

int field_index(std::string_view key) {
  for (int i = 0; i < f_count; ++i)
    if (kFieldNames[i] == key) return i;
  return -1;
}

std::unexpected<Error> bad_post(std::string field, std::string detail) {
  return fail(ErrorCode::invalid_post, {}, std::move(field), std::move(detail));
}

Result<Post> finish(std::string (&values)[f_count], bool (&present)[f_count]) {
  Post p;
  p.platform = std::move(values[f_platform]);
  p.account = std::move(values[f_account]);
  p.post_id = std::move(values[f_post_id]);
  p.url = std::move(values[f_url]);
  p.time = std::move(values[f_time]);
  p.text = std::move(values[f_text]);
  p.context_text = std::move(values[f_context_text]);
  if (present[f_kind] && !values[f_kind].empty()) {
    auto k = post_kind_from_string(values[f_kind]);
    if (!k) return bad_post("kind", "kind harus post|share|comment|like|follow / unknown kind: " + values[f_kind]);
    p.kind = *k;
  }
  // Texts beyond 4 GiB would overflow span offsets; no real post comes near.
  if (p.text.size() > 0xFFFFFFF0u || p.context_text.size() > 0xFFFFFFF0u) return bad_post("text", "too long");
  return p;
}

}  // namespace

// What collectors write: {"key":"value",...} with no whitespace, no escapes and only
// string values. Read here with a tight loop; anything else (false) goes to the general
// reader from the start. Accepting only valid JSON, this changes no result.
bool JsonPostView::parse_plain(std::string_view line) {
  const char* p = line.data();
  const std::size_t n = line.size();
  if (n < 2 || p[0] != '{') return false;
  if (p[1] == '}') return n == 2;
  QuoteCursor q(p, n);
  std::size_t open = q.next();
  if (open != 1) return false;
  for (;;) {
    const std::size_t key_end = q.next();
    if (key_end + 2 >= n || p[key_end + 1] != ':') return false;
    const std::size_t value = q.next();
    if (value != key_end + 2) return false;
    const std::size_t value_end = q.next();
    if (value_end + 1 >= n || q.backslash()) return false;
    if (const int f = field_index(line.substr(open + 1, key_end - open - 1)); f >= 0) {
      Field& fd = fields_[f];
      fd.raw = line.substr(value + 1, value_end - value - 1);
      fd.quote = value;
      fd.string = true;
      fd.escaped = false;
    }
    if (p[value_end + 1] == ',') {
      open = q.next();
      if (open != value_end + 2) return false;
      continue;
    }
    // Every byte but the closing brace has been scanned: no backslash anywhere.
    return p[value_end + 1] == '}' && value_end + 2 == n;
  }
}

Result<void> JsonPostView::parse(std::string_view line) {
  static_assert(kFields == f_count);
  line_ = line;
  for (auto& f : fields_) f = Field{};
  kind_ = PostKind::post;
  if (parse_plain(line)) return finish_parse();
  for (auto& f : fields_) f = Field{};
  thread_local std::string key;
  std::string_view raw;
  bool escaped = false;
  std::size_t at = 0;
  JsonCursor c(line);
  if (!c.eat('{')) return bad_post("", "bukan objek JSON / not a JSON object");
  if (!c.eat('}')) {
    for (;;) {
      if (!c.raw_string(raw, escaped, at)) return bad_post("", "kunci JSON rusak / malformed JSON key");
      if (escaped) {
        JsonCursor(line.substr(at)).string(key);
        raw = key;
      }
      const int f = field_index(raw);
      const std::string_view name = raw;
      if (!c.eat(':')) return bad_post(std::string(name), "':' hilang / missing ':'");
      Field value;
      bool ok = c.peek() == '"' ? (value.string = true, c.raw_string(value.raw, value.escaped, value.quote))
                                : c.other(value.raw);
      if (!ok) return bad_post(std::string(name), "nilai JSON rusak / malformed JSON value");
      if (f >= 0) fields_[f] = value;
      if (c.eat(',')) continue;
      if (c.eat('}')) break;
      return bad_post(std::string(name), "',' atau '}' hilang / expected ',' or '}'");
    }
  }
  if (!c.at_end()) return bad_post("", "sisa teks setelah objek / trailing characters");
  return finish_parse();
}

Result<void> JsonPostView::finish_parse() {
  const std::string_view line = line_;
  const Field& kind = fields_[f_kind];
  if (!kind.raw.empty()) {
    std::string decoded;
    if (kind.escaped) JsonCursor(line.substr(kind.quote)).string(decoded);
    auto k = post_kind_from_string(kind.escaped ? std::string_view(decoded) : kind.raw);
    if (!k)
      return bad_post("kind", "kind harus post|share|comment|like|follow / unknown kind: " +
                                  (kind.escaped ? decoded : std::string(kind.raw)));
    kind_ = *k;
  }
  // Texts beyond 4 GiB would overflow span offsets; no real post comes near (decoding
  // never makes a text longer).
  if (fields_[f_text].raw.size() > 0xFFFFFFF0u || fields_[f_context_text].raw.size() > 0xFFFFFFF0u)
    return bad_post("text", "too long");
  return {};
}

std::string_view JsonPostView::text_json() const { return fields_[f_text].raw; }
std::string_view JsonPostView::context_text_json() const { return fields_[f_context_text].raw; }

void JsonPostView::decode(Post& p) const {
  std::string* slot[f_count] = {&p.platform, &p.account, &p.post_id, &p.url, &p.time, nullptr, &p.text, &p.context_text};
  for (int f = 0; f < f_count; ++f) {
    if (!slot[f]) continue;
    const Field& v = fields_[f];
    if (v.escaped) JsonCursor(line_.substr(v.quote)).string(*slot[f]);  // checked by parse: cannot fail
    else slot[f]->assign(v.raw);
  }
  p.kind = kind_;
}

Result<void> parse_post_json(std::string_view line, Post& p) {
  // Posts come one after another into `p`, whose strings keep their capacity from one
  // record to the next, so a steady stream allocates nothing here.
  JsonPostView view;
  if (auto r = view.parse(line); !r) return r;
  view.decode(p);
  return {};
}

Result<Post> parse_post_json(std::string_view line) {
  Post p;
  if (auto r = parse_post_json(line, p); !r) return std::unexpected(r.error());
  return p;
}

std::vector<std::string> split_csv_record(std::string_view r) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < r.size(); ++i) {
    char ch = r[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < r.size() && r[i + 1] == '"') cur += '"', ++i;
        else quoted = false;
      } else {
        cur += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      out.push_back(std::move(cur));
      cur.clear();
    } else if (ch == '\r' && i + 1 == r.size()) {
      // CRLF line ending
    } else {
      cur += ch;
    }
  }
  out.push_back(std::move(cur));
  return out;
}

Result<CsvPostParser> CsvPostParser::from_header(std::string_view header) {
  CsvPostParser p;
  p.column_of_.assign(f_count, -1);
  auto cols = split_csv_record(header);
  // A UTF-8 byte-order mark is common in CSV saved by spreadsheet programs.
  if (!cols.empty() && cols[0].starts_with("\xEF\xBB\xBF")) cols[0].erase(0, 3);
  p.columns_ = cols.size();
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (int f = field_index(cols[i]); f >= 0) p.column_of_[f] = int(i);
  if (p.column_of_[f_text] < 0 && p.column_of_[f_context_text] < 0)
    return bad_post("text", "header CSV tanpa kolom text / CSV header has no text column");
  return p;
}

Result<Post> CsvPostParser::parse(std::string_view record) const {
  auto cols = split_csv_record(record);
  std::string values[f_count];
  bool present[f_count] = {};
  for (int f = 0; f < f_count; ++f) {
    int c = column_of_[f];
    if (c >= 0 && std::size_t(c) < cols.size()) values[f] = std::move(cols[c]), present[f] = true;
  }
  return finish(values, present);
}

void append_json_string(std::string_view s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  out += '"';
}

void append_flag_json(const Flag& f, std::string& out) {
  out += "{\"post_id\":";
  append_json_string(f.post_id, out);
  out += ",\"account\":";
  append_json_string(f.account, out);
  out += ",\"employee\":";
  if (f.employee) append_json_string(*f.employee, out);
  else out += "null";
  out += ",\"candidate\":";
  out += f.candidate ? std::to_string(f.candidate) : "null";
  out += ",\"stance\":";
  append_json_string(to_string(f.stance), out);
  out += ",\"conduct\":[";
  for (std::size_t i = 0; i < f.conduct.size(); ++i) {
    if (i) out += ',';
    append_json_string(f.conduct[i], out);
  }
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", f.score);
  out += "],\"score\":";
  out += score;
  out += ",\"spans\":[";
  for (std::size_t i = 0; i < f.spans.size(); ++i) {
    const Span& s = f.spans[i];
    if (i) out += ',';
    out += "{\"field\":";
    append_json_string(to_string(s.field), out);
    out += ",\"start\":" + std::to_string(s.start) + ",\"end\":" + std::to_string(s.end) + ",\"term\":";
    append_json_string(s.term, out);
    out += '}';
  }
  out += "]}\n";
}

Result<AccountDirectory> parse_accounts_csv(std::string_view csv, std::string_view source) {
  AccountDirectory dir;
  std::size_t pos = 0, line = 0;
  int c_platform = -1, c_account = -1, c_nip = -1;
  while (pos < csv.size()) {
    std::size_t nl = csv.find('\n', pos);
    std::string_view rec = csv.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? csv.size() : nl + 1;
    ++line;
    if (rec.empty() || rec == "\r") continue;
    auto cols = split_csv_record(rec);
    auto where = [&](const std::string& what) {
      return fail(ErrorCode::invalid_accounts, {}, "accounts",
                  std::string(source) + ":" + std::to_string(line) + ": " + what);
    };
    if (c_platform < 0) {
      if (!cols.empty() && cols[0].starts_with("\xEF\xBB\xBF")) cols[0].erase(0, 3);
      for (std::size_t i = 0; i < cols.size(); ++i) {
        if (cols[i] == "platform") c_platform = int(i);
        if (cols[i] == "account") c_account = int(i);
        if (cols[i] == "nip") c_nip = int(i);
      }
      if (c_platform < 0 || c_account < 0 || c_nip < 0)
        return where("header harus platform,account,nip / header must name platform,account,nip");
      continue;
    }
    int need = std::max({c_platform, c_account, c_nip});
    if (int(cols.size()) <= need) return where("kolom kurang / missing columns");
    if (cols[c_platform].empty() || cols[c_account].empty())
      return where("platform dan account wajib diisi / platform and account are required");
    dir.add(cols[c_platform], cols[c_account], cols[c_nip]);
  }
  if (c_platform < 0)
    return fail(ErrorCode::invalid_accounts, {}, "accounts",
                std::string(source) + ": berkas kosong / empty file");
  return dir;
}

Result<AccountDirectory> load_accounts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(ErrorCode::file_unreadable, {}, "accounts", path + ": tidak dapat dibaca / cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_accounts_csv(ss.str(), path);
}

}  // namespace netral::screen
