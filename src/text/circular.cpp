// Heuristics of the circular importer, all of them tested on the seed texts
// (tests/golden/circular). The draft is for review: whatever is not found is left empty
// and named in `unread` rather than guessed.
#include "text/circular.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/strings.hpp"

namespace netral::text {
namespace {

// Markdown emphasis and escapes are layout, not text; runs of whitespace become one space.
std::string clean(std::string_view s) {
  std::string r;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '*') continue;
    if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) continue;
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!r.empty() && r.back() != ' ') r.push_back(' ');
      continue;
    }
    r.push_back(c);
  }
  while (!r.empty() && r.back() == ' ') r.pop_back();
  return r;
}

std::vector<std::string_view> lines_of(std::string_view t) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= t.size()) {
    auto j = t.find('\n', i);
    if (j == std::string_view::npos) j = t.size();
    out.push_back(t.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string iso_date(const std::string& day, const std::string& month, const std::string& year) {
  static const std::array<const char*, 12> months = {"januari", "februari", "maret",     "april",   "mei",      "juni",
                                                     "juli",    "agustus",  "september", "oktober", "november", "desember"};
  auto m = ascii_lower(month);
  for (std::size_t i = 0; i < months.size(); ++i)
    if (m == months[i]) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%s-%02zu-%02d", year.c_str(), i + 1, std::stoi(day));
      return buf;
    }
  return {};
}

const std::string kDate = R"((\d{1,2})\s+(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)\s+(\d{4}))";

std::string find_number(const std::string& t) {
  std::smatch m;
  // "Surat edaran nomor X" in reports; "NOMOR: X" on the letter itself. Other numbers
  // (laws, the 2022 joint decree) are not the circular's own.
  static const std::regex in_report(R"(surat\s+edaran\s+(?:nomor|no\.)\s*:?\s*([0-9][0-9A-Za-z.\-]*(?:/[0-9A-Za-z.\-]+)+))",
                                    std::regex::icase);
  static const std::regex on_letter(R"((?:^|\n)\s*NOMOR\s*:\s*([0-9][0-9A-Za-z.\-]*(?:/[0-9A-Za-z.\-]+)+))");
  if (std::regex_search(t, m, on_letter)) return m[1];
  if (std::regex_search(t, m, in_report)) return m[1];
  return {};
}

std::string find_date(const std::string& t, std::string& place) {
  std::smatch m;
  static const std::regex enacted(R"(Ditetapkan\s+di\s+([A-Z][A-Za-z ]+?)\s*\n\s*pada\s+tanggal\s+)" + kDate);
  static const std::regex dated(R"(tertanggal\s+)" + kDate, std::regex::icase);
  if (std::regex_search(t, m, enacted)) {
    place = m[1];
    return iso_date(m[2], m[3], m[4]);
  }
  if (std::regex_search(t, m, dated)) return iso_date(m[1], m[2], m[3]);
  return {};
}

std::string find_signer(const std::string& t) {
  std::smatch m;
  static const std::regex by(R"(ditanda\s?tangani\s+oleh\s+(.+?)(?:,|\.|\s+dan\s|\n))", std::regex::icase);
  if (std::regex_search(t, m, by)) return clean(m[1].str());
  // On the letter: the office lines after "pada tanggal ...", then "(ttd)", then the name.
  auto ls = lines_of(t);
  for (std::size_t i = 0; i < ls.size(); ++i) {
    if (ascii_lower(ls[i]).find("(ttd)") == std::string::npos) continue;
    std::string name, office;
    for (std::size_t j = i + 1; j < ls.size() && name.empty(); ++j) name = clean(ls[j]);
    for (std::size_t j = i; j-- > 0;) {
      auto l = clean(ls[j]);
      if (l.empty() && office.empty()) continue;
      if (l.empty() || ascii_lower(l).find("pada tanggal") != std::string::npos) break;
      office = l + (office.empty() ? "" : " " + office);
    }
    while (!office.empty() && office.back() == ',') office.pop_back();
    if (!name.empty()) return office.empty() ? name : name + ", " + office;
  }
  // A news report or press release that names no signer: the official it says issued or
  // announced the letter ("Pjs Bupati Basel Dr. Elfin Elyas menyampaikan, ... mengeluarkan
  // surat edaran"), office and name as written, for the reviewer to confirm.
  static const std::regex official(
      R"(((?:(?:Pjs|Pj|Plt)\.?\s+)?(?:Bupati|Gubernur|Wali\s?[Kk]ota|Sekda|Sekretaris Daerah)(?:\s+(?:Kabupaten|Kota|Provinsi))?\s+[A-Z][A-Za-z]+)\s+((?:(?:Dr|Drs|Ir|H)\.\s*)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}(?:,?\s+(?:SE|SH|S\.H\.|M\.Si|MM|S\.Sos)\b)?)\s+(?:[Dd]alam\s+siaran\s+persnya\s+)?(?:menyampaikan|mengatakan|mengeluarkan|menerbitkan)\b)");
  if (std::regex_search(t, m, official)) return clean(m[2].str()) + ", " + clean(m[1].str());
  return {};
}

std::string find_title(const std::string& t) {
  auto ls = lines_of(t);
  for (std::size_t i = 0; i < ls.size(); ++i) {
    if (clean(ls[i]) != "TENTANG") continue;
    for (std::size_t j = i + 1; j < ls.size(); ++j)
      if (auto l = clean(ls[j]); !l.empty()) return l;
  }
  std::smatch m;
  static const std::regex about(R"(surat\s+edaran\s+(?:tentang|mengenai|terkait)\s+([^.\n]+))", std::regex::icase);
  if (std::regex_search(t, m, about)) return clean(m[1].str());
  return {};
}

std::string find_region(const std::string& t) {
  std::smatch m;
  static const std::regex gov(
      R"((?:Pemerintah|PEMERINTAH)\s+(Provinsi|Kabupaten|Kota|PROVINSI|KABUPATEN|KOTA)\s+(?:\([^)]*\)\s+)?([A-Z][A-Za-z]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)[A-Z][A-Za-z]*){0,3}))");
  if (!std::regex_search(t, m, gov)) return {};
  std::string kind = ascii_lower(m[1].str());
  kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
  return kind + " " + clean(m[2].str());
}

std::vector<std::string> find_covers(const std::string& t) {
  std::vector<std::string> out;
  static const std::regex asn(R"(\bASN\b|Aparatur Sipil Negara)");
  static const std::regex pns(R"(\bPNS\b|Pegawai Negeri Sipil)");
  static const std::regex pppk(R"(\bPPPK\b|\bP3K\b)");
  static const std::regex non(R"(non[ -]?ASN|Pegawai Kontrak|honorer|PPNPN|\bTHL\b)", std::regex::icase);
  bool a = std::regex_search(t, asn);
  if (a || std::regex_search(t, pns)) out.push_back("pns");
  if (a || std::regex_search(t, pppk)) out.push_back("pppk");
  if (std::regex_search(t, non)) out.push_back("non_asn");
  return out;
}

struct Marker {
  std::size_t pos;    // where the letter is
  std::size_t start;  // where the item text starts
  char letter;
};

// "a. ", "- b. ", "...;c. ", "...penduduk.   g. ": a letter and a dot, at the start of a
// line or right after the end of the previous item.
std::vector<Marker> markers(const std::string& t) {
  std::vector<Marker> out;
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (!std::isalpha(static_cast<unsigned char>(t[i])) || t[i + 1] != '.' || (t[i + 2] != ' ' && t[i + 2] != '\t'))
      continue;
    std::size_t k = i;
    while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t' || t[k - 1] == '-' || t[k - 1] == '*')) --k;
    // Only after a line break or the end of the previous item: "Dr." and "Pj." are not items.
    if (k > 0 && t[k - 1] != '\n' && t[k - 1] != ';' && t[k - 1] != '.') continue;
    std::size_t s = i + 2;
    while (s < t.size() && (t[s] == ' ' || t[s] == '\t')) ++s;
    out.push_back({i, s, t[i]});
  }
  return out;
}

struct List {
  std::vector<CircularItem> items;
  std::size_t begin = 0, end = 0;  // text range of the list
  std::string intro;               // the line before the first item
};

std::vector<List> lettered_lists(const std::string& t) {
  auto ms = markers(t);
  std::vector<List> lists;
  List cur;
  char expected = 0;
  auto item_end = [&](std::size_t idx) {
    std::size_t nl = t.find('\n', ms[idx].start);
    std::size_t next = idx + 1 < ms.size() ? ms[idx + 1].pos : t.size();
    return std::min(nl == std::string::npos ? t.size() : nl, next);
  };
  auto close = [&] {
    if (!cur.items.empty()) lists.push_back(std::move(cur));
    cur = List{};
    expected = 0;
  };
  for (std::size_t i = 0; i < ms.size(); ++i) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(ms[i].letter)));
    bool starts = l == 'a';
    // A wrong letter in the right place is a typo ("d." twice, "G."): accept it when it is
    // near the expected one and still inside the same block of text.
    auto gap = expected ? t.substr(cur.end, ms[i].pos - cur.end) : std::string();
    bool adjacent = gap.find_first_not_of(" \t\n-*;.") == std::string::npos;
    bool continues = expected && !starts && adjacent &&
                     (l == expected || (std::abs(l - expected) <= 2 && gap.find("\n\n") == std::string::npos));
    if (starts) {
      close();
      auto line_start = t.rfind('\n', ms[i].pos);
      line_start = line_start == std::string::npos ? 0 : line_start;
      auto prev = line_start > 0 ? t.rfind('\n', line_start - 1) : std::string::npos;
      while (prev != std::string::npos && line_start > 0 && t.substr(prev + 1, line_start - prev - 1).find_first_not_of(" \t") == std::string::npos) {
        line_start = prev;
        prev = line_start > 0 ? t.rfind('\n', line_start - 1) : std::string::npos;
      }
      cur.intro = t.substr(prev == std::string::npos ? 0 : prev + 1, line_start - (prev == std::string::npos ? 0 : prev + 1));
      // An inline list ("dengan cara: a. ...") has its intro on the same line.
      cur.intro += t.substr(line_start, ms[i].pos - line_start);
      cur.begin = ms[i].pos;
      expected = 'a';
    } else if (!continues) {
      close();
      continue;
    }
    CircularItem it;
    it.letter = std::string(1, expected);
    if (ms[i].letter != expected) it.source_letter = std::string(1, ms[i].letter);
    auto e = item_end(i);
    it.text = clean(std::string_view(t).substr(ms[i].start, e - ms[i].start));
    cur.items.push_back(std::move(it));
    cur.end = e;
    ++expected;
  }
  close();
  return lists;
}

// The intro as a reviewer reads it: whitespace folded, bullet marks ("- ", "* ") of the
// first item's line dropped.
std::string intro_text(const std::string& intro) {
  auto s = clean(intro);
  while (!s.empty() && (s.back() == '-' || s.back() == ' ')) s.pop_back();
  return s;
}

bool prohibition_intro(const std::string& intro) {
  auto l = ascii_lower(intro);
  return l.find("dilarang") != std::string::npos || l.find("tidak boleh") != std::string::npos ||
         l.find("larangan") != std::string::npos || l.find("dengan cara") != std::string::npos;
}

bool duty_text(const std::string& s) {
  auto l = ascii_lower(s);
  return l.find("kepala perangkat daerah") != std::string::npos &&
         (l.find("agar") != std::string::npos || l.find("wajib") != std::string::npos);
}

bool starts_with_act(const std::string& s) {
  auto l = ascii_lower(s);
  static const std::array<const char*, 9> verbs = {"ikut ", "menjadi ", "sebagai ", "membuat ", "mengadakan ",
                                                   "memberikan ", "mengunggah", "memasang ", "menghadiri "};
  for (auto v : verbs)
    if (l.rfind(v, 0) == 0) return true;
  return false;
}

// No lettered list (a press release): the prohibitions run on after "dengan cara" as
// clauses separated by commas, semicolons and line breaks; a clause opening with an act
// verb starts an item, any other clause continues the current one.
std::vector<CircularItem> inline_items(const std::string& t) {
  std::vector<CircularItem> out;
  auto l = ascii_lower(t);
  auto p = l.find("dengan cara");
  if (p == std::string::npos || l.rfind("dilarang", p) == std::string::npos) return out;
  p += 11;
  auto stop = l.find("kepala perangkat daerah", p);
  if (stop == std::string::npos) stop = t.size();
  stop = t.rfind('\n', stop) == std::string::npos || t.rfind('\n', stop) < p ? stop : t.rfind('\n', stop);
  std::size_t i = p;
  std::size_t item_start = std::string::npos, item_end = 0;
  auto flush = [&] {
    if (item_start == std::string::npos) return;
    auto s = clean(std::string_view(t).substr(item_start, item_end - item_start));
    while (!s.empty() && (s.back() == ',' || s.back() == ' ')) s.pop_back();
    if (!s.empty()) out.push_back({std::string(1, static_cast<char>('a' + out.size())), {}, s, {}});
    item_start = std::string::npos;
  };
  while (i < stop) {
    auto j = t.find_first_of(",;\n", i);
    if (j == std::string::npos || j > stop) j = stop;
    std::size_t s = i;
    while (s < j && (t[s] == ' ' || t[s] == ':' || t[s] == '\t')) ++s;
    std::string clause(t.substr(s, j - s));
    if (ascii_lower(clause).rfind("lalu", 0) == 0) {  // "Lalu, membuat ...": a connective, not text
      i = j + 1;
      continue;
    }
    if (starts_with_act(clause)) {
      flush();
      item_start = s;
    }
    item_end = j < t.size() && t[j] == ';' ? j + 1 : j;  // a closing ";" belongs to the item
    i = j + 1;
  }
  flush();
  return out;
}

std::vector<std::string> find_channels(const std::string& t) {
  std::vector<std::string> out;
  auto add = [&](std::string s) {
    while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';' || s.back() == '>')) s.pop_back();
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  static const std::regex url(R"((https?://[^\s<>*)]+|bit\.ly/[^\s<>*)]+))");
  static const std::regex office(R"(kantor\s+((?:[A-Z][A-Za-z]*\s*)+))");
  static const std::regex body(
      R"((Badan Kepegawaian[^,;.]*|Badan Pengawas Pemilu[^,;.]*|Bawaslu [A-Z][^,;.]*|Panitia Pengawas Pemilu[^,;.]*|Panwaslu[^,;.]*))");
  for (auto line : lines_of(t)) {
    std::string s(line);
    if (ascii_lower(s).find("lapor") == std::string::npos) continue;
    for (std::sregex_iterator it(s.begin(), s.end(), url), e; it != e; ++it) add((*it)[1]);
    for (std::sregex_iterator it(s.begin(), s.end(), office), e; it != e; ++it) add("Kantor " + clean((*it)[1].str()));
    for (std::sregex_iterator it(s.begin(), s.end(), body), e; it != e; ++it) {
      auto b = clean((*it)[1].str());
      if (b.rfind("dan ", 0) == 0) b = b.substr(4);
      add(b);
    }
  }
  return out;
}

// A press release lists the duties as unlettered sentences after "... wajib untuk,": each
// sentence opening with a verb ("Mengupayakan ...", "Selanjutnya, mengambil ...") is a
// duty, any other sentence continues the one before (a decree's title broken over lines).
// The run ends at the closing formula ("Demikian ...").
void run_on_duties(const std::vector<std::string_view>& ls, std::size_t from, std::vector<std::string>& duties) {
  static const std::regex quote_tail(R"([,.]?\s*(?:\xE2\x80\x9D|")\s*(?:katanya|ujarnya|pungkasnya|tuturnya|jelasnya|tegasnya)\.?\s*$)");
  static const std::regex verb(R"(^(?:(?:Selanjutnya|Lalu|Kemudian),\s*)?(?:[Mm]e[a-z]+|[Dd]alam melaksanakan)\b)");
  static const std::regex connective(R"(^(?:Selanjutnya|Lalu|Kemudian),\s*)");
  for (std::size_t i = from; i < ls.size(); ++i) {
    std::string s = clean(ls[i]);
    if (s.empty()) continue;
    s = std::regex_replace(s, quote_tail, ".");
    for (const char* q : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\""})
      for (auto p = s.find(q); p != std::string::npos; p = s.find(q)) s.erase(p, std::strlen(q));
    s = clean(s);
    if (s.rfind("Demikian", 0) == 0 || s.find_first_not_of("*-_ ") == std::string::npos) break;
    // Sentences: a full stop followed by a capital letter.
    std::size_t b = 0;
    for (std::size_t k = 0; k <= s.size(); ++k) {
      bool end = k == s.size() || (s[k] == '.' && k + 2 < s.size() && s[k + 1] == ' ' && std::isupper(static_cast<unsigned char>(s[k + 2])));
      if (!end) continue;
      std::string sentence = s.substr(b, k == s.size() ? k - b : k + 1 - b);
      b = k + 2;
      while (!sentence.empty() && sentence.front() == ' ') sentence.erase(0, 1);
      if (sentence.empty()) continue;
      if (std::regex_search(sentence, verb) || duties.empty())
        duties.push_back(std::regex_replace(sentence, connective, ""));
      else
        duties.back() += " " + sentence;
    }
  }
}

}  // namespace

CircularDraft draft_circular(std::string_view text, const Classifier* classifier) {
  std::string t(text);
  t.erase(std::remove(t.begin(), t.end(), '\r'), t.end());
  // No-break spaces are layout; "Baca Juga: ..." lines are a news site's links, not the letter.
  t = std::regex_replace(t, std::regex("\xC2\xA0"), " ");
  t = std::regex_replace(t, std::regex(R"((Baca Juga|BACA JUGA)\s*:[^\n]*)"), "");
  CircularDraft d;
  d.number = find_number(t);
  d.date = find_date(t, d.place);
  d.signer = find_signer(t);
  d.title = find_title(t);
  d.region = find_region(t);
  d.covers = find_covers(t);

  auto lists = lettered_lists(t);
  const List* prohibited = nullptr;
  for (auto& l : lists)
    if (!prohibited && prohibition_intro(l.intro)) prohibited = &l;
  if (prohibited) {
    d.items = prohibited->items;
    // Numbered points right after the list that are themselves acts ("2. Membuat
    // keputusan ...") continue it, as in Batanghari's letter.
    static const std::regex point(R"(^\s*(\d+)\.\s+(.*)$)");
    auto rest = t.substr(prohibited->end);
    for (auto line : lines_of(rest)) {
      std::string s(line);
      if (clean(s).empty()) continue;
      std::smatch m;
      if (!std::regex_match(s, m, point)) {
        if (d.items.size() > prohibited->items.size()) break;
        continue;
      }
      auto body = clean(m[2].str());
      if (!starts_with_act(body) || duty_text(body)) break;
      d.items.push_back({std::string(1, static_cast<char>('a' + d.items.size())), m[1].str(), body, {}});
    }
  } else {
    d.items = inline_items(t);
  }
  auto all_lines = lines_of(t);
  for (std::size_t li = 0; li < all_lines.size(); ++li) {
    std::string s = clean(all_lines[li]);
    if (!duty_text(s)) continue;
    static const std::regex lead(R"(^(?:\d+\.\s*|Poin \w+\s*:\s*))");
    d.duties.push_back(std::regex_replace(s, lead, ""));
    static const std::regex runs_on(R"(wajib\s+untuk\s*[,:])", std::regex::icase);
    if (std::regex_search(s, runs_on)) {
      run_on_duties(all_lines, li + 1, d.duties);
      break;
    }
    // A duty that introduces a lettered list ("antara lain:") is followed by its items.
    for (auto& l : lists)
      if (&l != prohibited && intro_text(l.intro) == s)
        for (auto& it : l.items) d.duties.push_back(it.text);
  }
  d.channels = find_channels(t);

  if (classifier) {
    for (auto& it : d.items) {
      for (auto& l : classifier->classify(it.text)) it.conduct.push_back(l.conduct);
      std::sort(it.conduct.begin(), it.conduct.end());
    }
  }
  auto mark = [&](bool missing, const char* field) {
    if (missing) d.unread.push_back(field);
  };
  mark(d.number.empty(), "number");
  mark(d.date.empty(), "date");
  mark(d.place.empty(), "place");
  mark(d.signer.empty(), "signer");
  mark(d.title.empty(), "title");
  mark(d.region.empty(), "region");
  mark(d.items.empty(), "items");
  mark(d.channels.empty(), "channels");
  mark(d.duties.empty(), "duties");
  for (std::size_t i = 0; i < d.items.size(); ++i)
    if (d.items[i].conduct.empty()) d.unread.push_back("items[" + std::to_string(i) + "].conduct");
  return d;
}

std::string to_json(const CircularDraft& d) {
  nlohmann::ordered_json j;
  j["number"] = d.number;
  j["date"] = d.date;
  j["place"] = d.place;
  j["signer"] = d.signer;
  j["title"] = d.title;
  j["region"] = d.region;
  j["covers"] = d.covers;
  auto items = nlohmann::ordered_json::array();
  for (auto& it : d.items) {
    nlohmann::ordered_json o;
    o["letter"] = it.letter;
    if (!it.source_letter.empty()) o["source_letter"] = it.source_letter;
    o["text"] = it.text;
    o["conduct"] = it.conduct;
    items.push_back(o);
  }
  j["items"] = items;
  j["channels"] = d.channels;
  j["duties"] = d.duties;
  j["unread"] = d.unread;
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace netral::text
