#include "screen/post_io.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace netral::screen {

namespace {

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

  bool string(std::string& out) {
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
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
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

  // Any other value: kept as its literal text (numbers), or skipped (objects, arrays).
  bool other(std::string& out) {
    out.clear();
    ws();
    std::size_t start = i_;
    int depth = 0;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '"') {
        std::string tmp;
        if (!string(tmp)) return false;
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
    if (lit != "null" && lit.front() != '{' && lit.front() != '[') out = std::string(lit);
    return true;
  }

 private:
  // The first '"' or '\\' at or after `i` (or the end): eight bytes per step, since post
  // texts are long runs of plain bytes.
  std::size_t special(std::size_t i) const {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    constexpr std::uint64_t kQuote = kOnes * '"', kSlash = kOnes * '\\';
    const char* p = s_.data();
    const std::size_t n = s_.size();
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      const std::uint64_t q = w ^ kQuote, b = w ^ kSlash;
      const std::uint64_t hit = ((q - kOnes) & ~q & kHigh) | ((b - kOnes) & ~b & kHigh);
      if (hit) break;  // the exact byte is found below
    }
    while (i < n && p[i] != '"' && p[i] != '\\') ++i;
    return i;
  }

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
  static void utf8(unsigned cp, std::string& out) {
    if (cp < 0x80) out += char(cp);
    else if (cp < 0x800) out += char(0xC0 | (cp >> 6)), out += char(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
      out += char(0xE0 | (cp >> 12)), out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
    else
      out += char(0xF0 | (cp >> 18)), out += char(0x80 | ((cp >> 12) & 0x3F)),
          out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
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
  return fail("invalid_post", "screen.post_invalid", std::move(field), std::move(detail));
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

Result<void> parse_post_json(std::string_view line, Post& p) {
  // The feed's hot path: every field parses straight into `p`, whose strings keep their
  // capacity from one record to the next, so a steady stream allocates nothing here.
  thread_local std::string key, kind, ignored;
  std::string* slot[f_count] = {&p.platform, &p.account, &p.post_id, &p.url,
                                &p.time,     &kind,      &p.text,    &p.context_text};
  for (auto* s : slot) s->clear();
  bool present[f_count] = {};
  JsonCursor c(line);
  if (!c.eat('{')) return bad_post("", "bukan objek JSON / not a JSON object");
  if (!c.eat('}')) {
    for (;;) {
      if (!c.string(key)) return bad_post("", "kunci JSON rusak / malformed JSON key");
      if (!c.eat(':')) return bad_post(key, "':' hilang / missing ':'");
      const int f = field_index(key);
      std::string& value = f >= 0 ? *slot[f] : ignored;
      bool ok = c.peek() == '"' ? c.string(value) : c.other(value);
      if (!ok) return bad_post(key, "nilai JSON rusak / malformed JSON value");
      if (f >= 0) present[f] = true;
      if (c.eat(',')) continue;
      if (c.eat('}')) break;
      return bad_post(key, "',' atau '}' hilang / expected ',' or '}'");
    }
  }
  if (!c.at_end()) return bad_post("", "sisa teks setelah objek / trailing characters");
  p.kind = PostKind::post;
  if (present[f_kind] && !kind.empty()) {
    auto k = post_kind_from_string(kind);
    if (!k) return bad_post("kind", "kind harus post|share|comment|like|follow / unknown kind: " + kind);
    p.kind = *k;
  }
  // Texts beyond 4 GiB would overflow span offsets; no real post comes near.
  if (p.text.size() > 0xFFFFFFF0u || p.context_text.size() > 0xFFFFFFF0u) return bad_post("text", "too long");
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
      return fail("invalid_accounts", "screen.accounts_invalid", "accounts",
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
    return fail("invalid_accounts", "screen.accounts_invalid", "accounts",
                std::string(source) + ": berkas kosong / empty file");
  return dir;
}

Result<AccountDirectory> load_accounts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail("file_unreadable", "screen.file_unreadable", "accounts", path + ": tidak dapat dibaca / cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_accounts_csv(ss.str(), path);
}

}  // namespace netral::screen
