// The circular importer (docs/catalog.md, "Importing a circular"): what a draft is made
// of. Lists and prose prohibitions are read by circular_lists.cpp; the letter's number,
// date, signer and region here. The draft is for review: whatever is not found is left
// empty and named in `unread` rather than guessed.
#include "text/circular.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/strings.hpp"
#include "text/circular_lists.hpp"
#include "text/circular_words.hpp"

namespace netral::text {
namespace {

using circular::clean;

int month_of(std::string_view name) {
  static const std::array<const char*, 12> months = {"jan", "feb", "mar", "apr", "mei", "jun",
                                                     "jul", "agu", "sep", "okt", "nov", "des"};
  auto m = ascii_lower(name);
  if (m.starts_with("agt")) return 8;
  if (m.starts_with("may")) return 5;
  if (m.starts_with("aug")) return 8;
  if (m.starts_with("oct")) return 10;
  if (m.starts_with("dec")) return 12;
  for (std::size_t i = 0; i < months.size(); ++i)
    if (m.starts_with(months[i])) return static_cast<int>(i) + 1;
  return 0;
}

std::string iso(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool has_any(std::string_view lower, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return circular::contains(lower, w); });
}

// Whole words only: "sampai" is not in "disampaikan".
bool has_word(std::string_view lower, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return circular::find_word(lower, w) != std::string_view::npos; });
}

// The last place in `s` where any of `words` occurs.
std::size_t last_of(std::string_view s, std::initializer_list<std::string_view> words) {
  std::size_t best = std::string_view::npos;
  for (auto w : words)
    if (auto p = s.rfind(w); p != std::string_view::npos && (best == std::string_view::npos || p > best)) best = p;
  return best;
}

struct Found {
  std::string value;
  std::size_t begin = std::string::npos, end = 0;
};

// The circular's own number: "Nomor: 800.1.10/7/BKPSDMD/2024", "Nomor 8 Tahun 2024",
// "B-123/BKD/2024", "bernomor ...". A number after the name of a law, a regulation or the
// joint decree is theirs, not the circular's.
Found find_number(const std::string& t) {
  static const std::regex num(
      R"((?:\b[Nn][Oo][Mm][Oo][Rr]|\b[Nn]omer|\bNo\.|\b[Bb]ernomor)\s*:?\s*((?:[A-Z]{1,3}-)?\d[0-9A-Za-z.\-]*(?:\s?/\s?[0-9A-Za-z.\-]+)*(?:\s+[Tt]ahun\s+\d{4})?))");
  for (std::sregex_iterator it(t.begin(), t.end(), num), e; it != e; ++it) {
    std::string v = (*it)[1].str();
    while (!v.empty() && (v.back() == '.' || v.back() == ',' || v.back() == '-' || v.back() == ' ')) v.pop_back();
    if (v.find('/') == std::string::npos && ascii_lower(v).find("tahun") == std::string::npos) continue;
    auto pos = static_cast<std::size_t>(it->position(0));
    auto from = pos > 140 ? pos - 140 : 0;
    auto before = " " + ascii_lower(std::string_view(t).substr(from, pos - from));
    auto own = last_of(before, {"edaran", " se ", "(se)", "surat", "instruksi bupati", "instruksi wali", "instruksi gubernur"});
    auto law = last_of(before, {"undang", "uu ", "peraturan", " pp ", "keputusan", "skb", "perbup", "pergub", "perwali",
                                "permen", "inpres", "instruksi presiden", "putusan", "perda"});
    Found f{v, pos, static_cast<std::size_t>(it->position(0) + it->length(0))};
    if (own != std::string_view::npos && (law == std::string_view::npos || law < own)) return f;
  }
  return {};
}

// The circular's date: after "tertanggal"/"tanggal", or right after its number ("Nomor X
// pada 14 Agustus 2024"). An article's dateline and the voting day are not it.
std::string find_date(const std::string& t, const Found& number, std::string& place) {
  static const std::regex enacted(R"(Ditetapkan\s+di\s+([A-Z][A-Za-z ]+?)\s*\n\s*pada\s+tanggal\s+)");
  std::smatch pm;
  if (std::regex_search(t, pm, enacted)) place = pm[1];
  static const std::regex named(
      R"((\d{1,2})\s+(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember|Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Ags|Sep|Sept|Okt|Nov|Des)\.?\s+(\d{4}))",
      std::regex::icase);
  static const std::regex numeric(R"(\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b)");
  struct Cand {
    std::string iso;
    int score;
    std::size_t pos;
  };
  std::vector<Cand> cands;
  auto consider = [&](std::size_t pos, std::string value) {
    if (value.empty()) return;
    auto from = pos > 60 ? pos - 60 : 0;
    auto before = ascii_lower(std::string_view(t).substr(from, pos - from));
    auto near = std::string_view(before).substr(before.size() > 18 ? before.size() - 18 : 0);
    int score = 0;
    if (near.find("tanggal") != std::string_view::npos || near.find("tgl") != std::string_view::npos) score = 3;
    if (before.find("ditetapkan") != std::string::npos) score = 5;  // the letter's own "Ditetapkan di ... pada tanggal"
    if (number.begin != std::string::npos && pos >= number.end && pos - number.end <= 16) score = std::max(score, 3);
    if (has_word(before, {"pemungutan", "pencoblosan", "berlangsung", "dilaksanakan", "diselenggarakan", "digelar", "masa kampanye", "sejak",
                          "hingga", "sampai"}))
      score = 0;
    // "Nomor 1447.1/... tanggal 22 September 2022": the date of another document.
    if (auto n = before.rfind("nomor"); n != std::string::npos && (number.begin == std::string::npos || from + n != number.begin))
      if (!(number.begin != std::string::npos && from + n < number.begin)) score = 0;
    if (score > 0) cands.push_back({std::move(value), score, pos});
  };
  for (std::sregex_iterator it(t.begin(), t.end(), named), e; it != e; ++it)
    consider(static_cast<std::size_t>(it->position(0)),
             iso(std::stoi((*it)[3].str()), month_of((*it)[2].str()), std::stoi((*it)[1].str())));
  for (std::sregex_iterator it(t.begin(), t.end(), numeric), e; it != e; ++it)
    consider(static_cast<std::size_t>(it->position(0)),
             iso(std::stoi((*it)[3].str()), std::stoi((*it)[2].str()), std::stoi((*it)[1].str())));
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
    return a.score != b.score ? a.score > b.score : a.pos < b.pos;
  });
  return cands.empty() ? std::string() : cands.front().iso;
}

// The office that signed or issued the circular, as written: "Pj Bupati Tangerang",
// "Penjabat (Pj) Gubernur Banten", "Sekretaris Daerah Purbalingga". The office in a
// sentence about the circular wins; then one that names its region; then the first.
std::string find_signer(const std::string& t, const std::vector<std::string>& ls, const RegionIndex* regions,
                        const std::string& issuer) {
  // On the letter itself: the office lines before "(ttd)", the name after it.
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
  static const std::regex office(
      R"(((?:(?:Penjabat\s+[Ss]ementara\s+\(Pjs\)|Penjabat\s+\(Pj\)|Pelaksana\s+[Tt]ugas\s+\(Plt\)|Penjabat|Pjs\.?|Pj\.?|PJ\.?|Plt\.?)\s+)?(?:Bupati|BUPATI|Gubernur|GUBERNUR|Wali\s?[Kk]ota|WALIKOTA|WALI KOTA|Sekretaris\s+Daerah|Sekda))\b)");
  struct Cand {
    std::string text;
    int score;
    std::size_t pos;
  };
  std::vector<Cand> cands;
  for (std::sregex_iterator it(t.begin(), t.end(), office), e; it != e; ++it) {
    auto pos = static_cast<std::size_t>(it->position(0));
    auto from = pos > 14 ? pos - 14 : 0;
    auto before = ascii_lower(std::string_view(t).substr(from, pos - from));
    if (has_word(before, {"calon", "wakil", "bakal", "cabup", "kepada", "pemilihan", "pilkada", "kantor", "rumah"})) continue;
    std::string text = (*it)[1].str();
    auto lower_office = ascii_lower(text);
    char kind = lower_office.find("bupati") != std::string::npos     ? 'k'
                : lower_office.find("gubernur") != std::string::npos ? 'p'
                : lower_office.find("kota") != std::string::npos     ? 'c'
                                                                     : 0;
    // An acting official ("Pj", "Pjs", "Plt") names the office more precisely.
    bool acting = lower_office.starts_with("p");
    std::size_t end = static_cast<std::size_t>(it->position(0) + it->length(0));
    int score = 0;
    // The region after the office: "Kabupaten Tangerang", "Tangerang", "Kukar".
    std::string_view rest = std::string_view(t).substr(end, 80);
    std::size_t lead = 0;
    while (lead < rest.size() && rest[lead] == ' ') ++lead;
    if (rest.substr(lead).starts_with("Kabupaten ")) lead += 10, kind = 'k';
    if (rest.substr(lead).starts_with("Kota ")) lead += 5, kind = 'c';
    if (rest.substr(lead).starts_with("Provinsi ")) lead += 9, kind = 'p';
    std::size_t used = 0;
    if (regions && regions->resolve(rest.substr(lead), kind, used, issuer)) {
      std::size_t k = lead;
      for (std::size_t w = 0; w < used; ++w) {
        while (k < rest.size() && rest[k] == ' ') ++k;
        while (k < rest.size() && (std::isalpha(static_cast<unsigned char>(rest[k])) || rest[k] == '-')) ++k;
      }
      text += std::string(rest.substr(0, k));
      score += 1;
    }
    auto sb = t.rfind('.', pos);
    sb = sb == std::string::npos ? 0 : sb;
    auto se = t.find('.', end);
    auto sentence = ascii_lower(std::string_view(t).substr(sb, (se == std::string::npos ? t.size() : se) - sb));
    if (has_any(sentence, {"edaran", " se ", "ditandatangani", "menerbitkan", "mengeluarkan", "menandatangani"})) score += 2;
    auto near = ascii_lower(std::string_view(t).substr(pos > 40 ? pos - 40 : 0, pos > 40 ? 40 : pos));
    if (near.find("ditandatangani") != std::string::npos || near.find("oleh") != std::string::npos) score += 2;
    cands.push_back({clean(text), score * 2 + (acting ? 1 : 0), pos});
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
    return a.score != b.score ? a.score > b.score : a.pos < b.pos;
  });
  return cands.empty() ? std::string() : cands.front().text;
}

// Without the region list: the government named on the letterhead.
std::string region_from_letterhead(const std::string& t) {
  std::smatch m;
  static const std::regex gov(
      R"((?:Pemerintah|PEMERINTAH)\s+(Provinsi|Kabupaten|Kota|PROVINSI|KABUPATEN|KOTA)\s+(?:\([^)]*\)\s+)?([A-Z][A-Za-z]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)[A-Z][A-Za-z]*){0,3}))");
  if (!std::regex_search(t, m, gov)) return {};
  std::string kind = ascii_lower(m[1].str());
  kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
  return kind + " " + clean(m[2].str());
}

std::string find_title(const std::string& t, const std::vector<std::string>& ls) {
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


bool duty_text(const std::string& s) {
  auto l = ascii_lower(s);
  return l.find("kepala perangkat daerah") != std::string::npos &&
         (l.find("agar") != std::string::npos || l.find("wajib") != std::string::npos);
}


std::vector<std::string> find_channels(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  auto add = [&](std::string s) {
    while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';' || s.back() == '>')) s.pop_back();
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  static const std::regex url(R"((https?://[^\s<>*)]+|bit\.ly/[^\s<>*)]+))");
  static const std::regex office(R"(kantor\s+((?:[A-Z][A-Za-z]*\s*)+))");
  static const std::regex body(
      R"((Badan Kepegawaian[^,;.]*|Badan Pengawas Pemilu[^,;.]*|Bawaslu [A-Z][^,;.]*|Panitia Pengawas Pemilu[^,;.]*|Panwaslu[^,;.]*))");
  for (const std::string& s : lines) {
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
// duty, any other sentence continues the one before. The run ends at "Demikian ...".
void run_on_duties(const std::vector<std::string>& ls, std::size_t from, std::vector<std::string>& duties) {
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

std::string letter_of(std::size_t i) {
  std::string s;
  ++i;
  while (i > 0) {
    --i;
    s.insert(s.begin(), static_cast<char>('a' + i % 26));
    i /= 26;
  }
  return s;
}

}  // namespace

CircularDraft draft_circular(std::string_view text, const Classifier* classifier, const RegionIndex* regions) {
  auto lines = circular::prepare_lines(text);
  std::string t = join(lines, "\n");  // the same lines, for what is read across them
  CircularDraft d;
  auto number = find_number(t);
  d.number = number.value;
  d.date = find_date(t, number, d.place);
  if (regions) {
    if (auto r = regions->issuer(t)) {
      d.region = r->code.find('.') == std::string::npos ? "Provinsi " + r->name : r->name;
      d.region_code = r->code;
      d.region_as_written = r->as_written;
    }
  } else {
    d.region = region_from_letterhead(t);
  }
  d.signer = find_signer(t, lines, regions, d.region_code);
  d.title = find_title(t, lines);
  d.covers = find_covers(t);

  auto lists = circular::marked_lists(lines);
  std::vector<bool> covered(lines.size(), false);
  std::vector<circular::Item> found;
  std::vector<std::pair<std::size_t, std::string>> duties;  // by line, to keep the letter's order
  for (auto& l : lists) {
    for (auto k : l.lines)
      if (k < covered.size()) covered[k] = true;
    if (l.kind == circular::ListKind::duties && !l.heading.empty()) duties.emplace_back(l.heading_line, clean(l.heading));
    for (auto& it : l.items) {
      if (l.kind == circular::ListKind::prohibitions) {
        // A letter's other points among its prohibitions: a duty, the reporting rule.
        if (duty_text(it.text)) {
          duties.emplace_back(it.line, it.text);
          continue;
        }
        auto w = ascii_lower(it.text);
        if (w.starts_with("apabila") || w.starts_with("demikian") || w.starts_with("dalam hal") || w.starts_with("jika"))
          continue;
        found.push_back(it);
      }
      if (l.kind == circular::ListKind::duties || (l.kind == circular::ListKind::other && duty_text(it.text)))
        duties.emplace_back(it.line, it.text);
    }
  }
  std::stable_sort(duties.begin(), duties.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& [line, text] : duties) d.duties.push_back(text);
  for (auto& it : circular::prose_prohibitions(lines, covered)) found.push_back(it);
  std::stable_sort(found.begin(), found.end(), [](const circular::Item& a, const circular::Item& b) {
    return a.line != b.line ? a.line < b.line : a.order < b.order;
  });
  for (auto& it : found) {
    bool seen = std::any_of(d.items.begin(), d.items.end(), [&](const CircularItem& x) { return x.text == it.text; });
    if (seen) continue;
    CircularItem ci;
    ci.letter = letter_of(d.items.size());
    ci.marker = it.marker;
    if (!it.marker.empty() && it.marker != ci.letter) ci.source_letter = it.marker;
    ci.text = it.text;
    d.items.push_back(std::move(ci));
  }
  // Duties written as sentences rather than a list ("Kepala Perangkat Daerah agar ...").
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const std::string& s = lines[li];
    if (covered[li] || !duty_text(s)) continue;
    static const std::regex lead(R"(^(?:\d+\.\s*|Poin \w+\s*:\s*))");
    d.duties.push_back(std::regex_replace(s, lead, ""));
    static const std::regex runs_on(R"(wajib\s+untuk\s*[,:])", std::regex::icase);
    if (std::regex_search(s, runs_on)) {
      run_on_duties(lines, li + 1, d.duties);
      break;
    }
  }
  d.channels = find_channels(lines);

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
  if (!d.region_code.empty()) j["region_code"] = d.region_code;
  if (!d.region_as_written.empty()) j["region_as_written"] = d.region_as_written;
  j["covers"] = d.covers;
  auto items = nlohmann::ordered_json::array();
  for (auto& it : d.items) {
    nlohmann::ordered_json o;
    o["letter"] = it.letter;
    if (!it.source_letter.empty()) o["source_letter"] = it.source_letter;
    if (!it.marker.empty()) o["marker"] = it.marker;
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
