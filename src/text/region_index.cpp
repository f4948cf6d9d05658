#include "text/region_index.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "core/strings.hpp"

namespace netral::text {
namespace {

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (is_alpha(c) || std::isdigit(static_cast<unsigned char>(c))) {
      cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// "kukar" = "ku" + "kar" of Kutai Kartanegara; "sulsel" of Sulawesi Selatan; "ppu" of
// Penajam Paser Utara (initials only when the text writes it in capitals).
bool abbreviates(std::string_view token, const std::vector<std::string>& words, std::size_t w, bool initials) {
  if (w == words.size()) return token.empty();
  if (token.empty()) return false;
  const std::string& word = words[w];
  std::size_t min_len = initials ? 1 : 2;
  std::size_t max_len = initials ? 1 : std::min(word.size(), token.size());
  for (std::size_t n = max_len; n >= min_len && n > 0; --n) {
    if (word.compare(0, n, token.substr(0, n)) != 0) continue;
    if (abbreviates(token.substr(n), words, w + 1, initials)) return true;
  }
  return false;
}

struct Cue {
  std::string_view text;
  char kind;   // 'p', 'k', 'c', or 0: any
  int weight;  // a government's own name beats an office or a bare "Kota"
};

// Longest first, so that "Pemerintah Kabupaten" wins over "Kabupaten".
constexpr std::array<Cue, 24> kCues{{
    {"pemerintah kabupaten", 'k', 3}, {"pemerintah kota", 'c', 3}, {"pemerintah provinsi", 'p', 3},
    {"pemkab", 'k', 3},               {"pemkot", 'c', 3},          {"pemprov", 'p', 3},
    {"bupati", 'k', 2},               {"wali kota", 'c', 2},       {"walikota", 'c', 2},
    {"wako", 'c', 2},                 {"walkot", 'c', 2},          {"gubernur", 'p', 2},
    {"sekretaris daerah kabupaten", 'k', 2}, {"sekretaris daerah kota", 'c', 2}, {"sekretaris daerah provinsi", 'p', 2},
    {"sekretaris daerah", 0, 1},      {"sekda", 0, 1},             {"kabupaten", 'k', 1},
    {"kab.", 'k', 1},                 {"kota", 'c', 1},            {"provinsi", 'p', 1},
    {"prov.", 'p', 1},                {"pemda", 0, 2},             {"bkpsdm", 0, 1},
}};

}  // namespace

RegionIndex::RegionIndex(std::vector<RegionEntry> entries) {
  for (auto& e : entries) {
    Entry x;
    x.e = e;
    std::string_view n = e.name;
    if (e.code.find('.') == std::string::npos) {
      x.kind = 'p';
    } else if (n.starts_with("Kota ")) {
      x.kind = 'c';
      n.remove_prefix(5);
    } else {
      x.kind = 'k';
      if (n.starts_with("Kabupaten ")) n.remove_prefix(10);
    }
    x.words = split_words(n);
    entries_.push_back(x);
    // "Daerah Khusus Ibukota Jakarta" is "DKI Jakarta" or "Jakarta"; "Daerah Istimewa
    // Yogyakarta" is "DIY" or "Yogyakarta".
    for (auto [title, short_title] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"Daerah Khusus Ibukota ", "dki"}, {"DKI ", "dki"}, {"Daerah Istimewa ", "diy"}})
      if (n.starts_with(title)) {
        Entry alias = x;
        alias.words = split_words(n.substr(title.size()));
        entries_.push_back(alias);
        alias.words.insert(alias.words.begin(), std::string(short_title));
        entries_.push_back(alias);
      }
  }
}

Result<RegionIndex> RegionIndex::load(const std::filesystem::path& regions_dir) {
  std::vector<RegionEntry> entries;
  for (const char* file : {"provinces.csv", "regencies.csv"}) {
    std::ifstream in(regions_dir / file);
    if (!in) return fail(ErrorCode::file_unreadable, {}, {}, (regions_dir / file).string());
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      auto a = line.find(',');
      auto b = line.rfind(',');
      if (a == std::string::npos) return fail(ErrorCode::invalid_file, {}, {}, std::string(file) + ": " + line);
      entries.push_back({line.substr(0, a), line.substr(b + 1)});
    }
  }
  return RegionIndex(std::move(entries));
}

const RegionEntry* RegionIndex::resolve(std::string_view text, char kind, std::size_t& used, std::string_view prefer) const {
  // Capitalised words as written ("Aceh Tenggara", "Basel", "PPU"), at most four.
  std::vector<std::string> raw;
  std::size_t i = 0;
  while (i < text.size() && raw.size() < 4) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || !is_upper(text[i])) break;
    std::size_t j = i;
    while (j < text.size() && (is_alpha(text[j]) || text[j] == '-')) ++j;
    raw.emplace_back(text.substr(i, j - i));
    i = j;
  }
  if (raw.empty()) return nullptr;
  std::vector<std::string> lower;
  for (auto& r : raw) lower.push_back(ascii_lower(r));
  auto fits = [&](const Entry& e) { return kind == 0 || e.kind == kind; };
  // The longest run of words naming a government exactly.
  for (std::size_t n = lower.size(); n > 0; --n) {
    const Entry* found = nullptr;
    int count = 0;
    for (auto& e : entries_) {
      if (!fits(e) || e.words.size() != n) continue;
      if (std::equal(e.words.begin(), e.words.end(), lower.begin())) {
        if (!found || found->e.code != e.e.code) ++count;
        if (!found || e.e.code == prefer) found = &e;
      }
    }
    if (found && count > 1 && found->e.code == prefer) count = 1;
    // "Tangerang" with no kind is both the regency and the city: not resolved.
    if (found && count == 1) {
      used = n;
      return &found->e;
    }
    if (count > 1) return nullptr;
  }
  // An abbreviation: one word standing for several.
  const std::string& tok = lower[0];
  if (tok.size() < 3) return nullptr;
  bool caps = std::all_of(raw[0].begin(), raw[0].end(), [](char c) { return is_upper(c); });
  const Entry* found = nullptr;
  bool ambiguous = false;
  for (auto& e : entries_) {
    if (!fits(e) || e.words.size() < 2) continue;
    if (abbreviates(tok, e.words, 0, false) || (caps && abbreviates(tok, e.words, 0, true))) {
      if (e.e.code == prefer) {
        used = 1;
        return &e.e;
      }
      if (found && found->e.code != e.e.code) ambiguous = true;
      found = &e;
    }
  }
  if (ambiguous) return nullptr;
  if (found) used = 1;
  return found ? &found->e : nullptr;
}

std::optional<RegionMention> RegionIndex::issuer(std::string_view text) const {
  std::string lower = ascii_lower(text);
  struct Score {
    int total = 0;
    std::size_t first = std::string::npos;
    std::string as_written;
    const RegionEntry* e = nullptr;
  };
  std::map<std::string, Score> scores;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (i > 0 && is_alpha(lower[i - 1])) continue;
    for (const auto& cue : kCues) {
      if (lower.compare(i, cue.text.size(), cue.text) != 0) continue;
      std::size_t after = i + cue.text.size();
      if (after < lower.size() && is_alpha(lower[after])) continue;
      // "calon bupati", "wakil bupati": a candidate's office, not the government.
      auto before = lower.substr(i >= 12 ? i - 12 : 0, i >= 12 ? 12 : i);
      if (before.find("calon") != std::string::npos || before.find("wakil") != std::string::npos) break;
      std::size_t p = after;
      while (p < text.size() && text[p] == ' ') ++p;
      // "Pemerintah Kabupaten (Pemkab) Boyolali", "Kabupaten Gumas"
      if (p < text.size() && text[p] == '(') {
        auto close = text.find(')', p);
        if (close != std::string_view::npos && close - p < 20) p = close + 1;
      }
      std::size_t used = 0;
      const RegionEntry* e = resolve(text.substr(p, 80), cue.kind, used);
      if (!e) break;
      // A sentence about the circular weighs more than one about a rally.
      auto sb = lower.rfind('.', i);
      sb = sb == std::string::npos ? 0 : sb;
      auto se = lower.find('.', after);
      auto sentence = std::string_view(lower).substr(sb, (se == std::string::npos ? lower.size() : se) - sb);
      int w = cue.weight + (sentence.find("edaran") != std::string::npos ? 2 : 0);
      auto& s = scores[e->code];
      s.total += w;
      s.e = e;
      if (s.first == std::string::npos) {
        s.first = i;
        std::size_t end = p;
        for (std::size_t k = 0; k < used; ++k) {
          while (end < text.size() && text[end] == ' ') ++end;
          while (end < text.size() && (is_alpha(text[end]) || text[end] == '-')) ++end;
        }
        s.as_written = std::string(text.substr(i, end - i));
      }
      break;
    }
  }
  const Score* best = nullptr;
  for (auto& [code, s] : scores)
    if (!best || s.total > best->total || (s.total == best->total && s.first < best->first)) best = &s;
  if (!best) return std::nullopt;
  return RegionMention{best->e->code, best->e->name, best->as_written};
}

}  // namespace netral::text
