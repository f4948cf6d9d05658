// How marked lists are read (prose is circular_prose.cpp, words circular_words.cpp). The rules were written on the development
// part of data/eval/circulars (split by publisher before any rule existed) and on the
// seed texts; the held-out part measures them (docs/catalog.md, "How well it reads").
#include "text/circular_lists.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "core/strings.hpp"
#include "text/circular_words.hpp"

namespace netral::text::circular {
namespace {

// ---- preparing the lines -------------------------------------------------------------

// Lines a news page puts between the paragraphs: they are dropped, and "Baca juga:" on a
// line of its own takes the linked headline on the next line with it.
bool furniture(std::string_view line, bool& drop_next) {
  auto l = ascii_lower(line);
  drop_next = false;
  if (starts_with_ci(l, "baca juga") || starts_with_ci(l, "baca :") || starts_with_ci(l, "simak juga") ||
      starts_with_ci(l, "lihat juga") || starts_with_ci(l, "artikel terkait") || starts_with_ci(l, "berita terkait")) {
    auto rest = l.substr(l.find_first_of(":") == std::string::npos ? l.size() : l.find(':') + 1);
    drop_next = rest.find_first_not_of(" \t") == std::string::npos;
    return true;
  }
  static const std::array<std::string_view, 14> exact = {
      "advertisements", "advertisement", "listen to this article", "tinggalkan balasan", "search",
      "close this search box.", "scroll to continue with content", "iklan", "share", "bagikan",
      "artikel terkait", "berita terkait", "skip to content", "reporter"};
  for (auto e : exact)
    if (l == e) return true;
  for (std::string_view p : {"editor :", "editor:", "penulis :", "penulis:", "pewarta:", "pewarta :", "sumber :", "sumber:",
                             "reporter :", "reporter:", "foto :", "foto:"})
    if (starts_with_ci(l, p)) return true;
  return false;
}

enum class Style { num, letter, roman, ordinal, bullet, line };

struct Marker {
  Style style = Style::bullet;
  int value = 0;    // 1-based position the marker names; 0 for bullets
  std::string raw;  // as written
  std::size_t rest = 0;  // where the item text starts
  bool upper = false;
};

constexpr std::array<std::string_view, 11> kOrdinals = {"pertama", "kedua",    "ketiga",     "keempat",
                                                        "kelima",  "keenam",   "ketujuh",    "kedelapan",
                                                        "kesembilan", "kesepuluh", "kesatu"};

int roman_value(std::string_view s) {
  static const std::array<std::string_view, 10> romans = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};
  auto l = ascii_lower(s);
  for (std::size_t i = 0; i < romans.size(); ++i)
    if (l == romans[i]) return static_cast<int>(i) + 1;
  return 0;
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

// A marker at `i` of `s`: "1." "1)" "(1)" "a." "a)" "(a)" "A." "iv." "Pertama," or a bullet.
std::optional<Marker> marker_at(std::string_view s, std::size_t i, bool allow_bullet) {
  Marker m;
  std::size_t start = i;
  if (allow_bullet) {
    for (std::string_view b : {"-", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2", "\xE2\x97\x8F", "\xE2\x96\xAA", "\xC2\xB7", "*",
                               "\xE2\x9E\xA2", "\xE2\x9C\x93", "\xE2\x9C\x94", "\xE2\x86\x92", "\xE2\x96\xBA", "\xE2\x97\x86",
                               "\xE2\x97\x8B", "\xE2\x96\xA0", "\xE2\x88\x9A", "\xEF\x82\xB7", "o "}) {
      if (s.substr(i).starts_with(b)) {
        std::size_t after = skip_spaces(s, i + b.size());
        if (after < s.size() && s[after] == '-') return std::nullopt;  // "--" is a rule, not a bullet
        if (auto inner = marker_at(s, after, false)) return inner;      // "- b. ..."
        if (after >= s.size()) return std::nullopt;
        m.style = Style::bullet;
        m.raw = "-";
        m.rest = after;
        return m;
      }
    }
  }
  bool paren = i < s.size() && s[i] == '(';
  std::size_t j = paren ? i + 1 : i;
  std::size_t k = j;
  while (k < s.size() && is_alpha(s[k]) && k - j < 4) ++k;
  if (k == j)
    while (k < s.size() && is_digit(s[k]) && k - j < 2) ++k;
  if (k > j && k < s.size()) {
    std::string_view tok = s.substr(j, k - j);
    char close = s[k];
    bool closes = paren ? close == ')' : (close == '.' || close == ')');
    std::size_t after = k + 1;
    // "1.Memasang": scraped pages lose the space after a number.
    bool spaced = after >= s.size() || is_space(s[after]) || (is_digit(tok[0]) && !paren && is_upper(s[after]));
    if (closes && spaced && !(after < s.size() && is_digit(s[after]))) {
      m.raw = std::string(tok);
      m.rest = skip_spaces(s, after);
      if (is_digit(tok[0])) {
        m.style = Style::num;
        m.value = std::stoi(std::string(tok));
        if (m.value == 0) return std::nullopt;
        return m;
      }
      if (tok.size() == 1) {
        m.style = Style::letter;
        m.upper = is_upper(tok[0]);
        m.value = std::tolower(static_cast<unsigned char>(tok[0])) - 'a' + 1;
        return m;
      }
      if (int r = roman_value(tok)) {
        m.style = Style::roman;
        m.upper = is_upper(tok[0]);
        m.value = r;
        return m;
      }
    }
  }
  // "Pertama, ..." "Dan keempat, ..."
  std::size_t w = i;
  if (starts_with_ci(s.substr(w), "dan ")) w = skip_spaces(s, w + 4);
  for (std::size_t n = 0; n < kOrdinals.size(); ++n) {
    auto o = kOrdinals[n];
    if (!starts_with_ci(s.substr(w), o)) continue;
    std::size_t after = w + o.size();
    if (after < s.size() && is_alpha(s[after])) continue;
    if (after >= s.size() || (s[after] != ',' && s[after] != ':')) continue;
    m.style = Style::ordinal;
    m.value = n == 10 ? 1 : static_cast<int>(n) + 1;
    m.raw = std::string(s.substr(w, o.size()));
    m.rest = skip_spaces(s, after + 1);
    (void)start;
    return m;
  }
  return std::nullopt;
}

// "... dengan cara: a. ikut kampanye; b. menjadi ...; c. ..." and "1. ...; 2. ..." on one
// line: split before every marker of one sequence that starts at its first value.
std::vector<std::string> split_inline(const std::string& line) {
  struct Cand {
    std::size_t pos;
    Marker m;
  };
  std::vector<Cand> cands;
  for (std::size_t i = 1; i + 2 < line.size(); ++i) {
    // After "; " (or ";" glued to the marker, "...ASN;c. sebagai") and the like.
    char prev;
    if (line[i - 1] == ';') {
      prev = ';';
    } else {
      if (!is_space(line[i - 1])) continue;
      std::size_t b = i - 1;
      while (b > 0 && is_space(line[b - 1])) --b;
      if (b == 0) continue;
      prev = line[b - 1];
    }
    if (prev != ';' && prev != ':' && prev != '.' && prev != ',') continue;
    auto m = marker_at(line, i, false);
    if (!m || m->style == Style::bullet) continue;
    if (m->style == Style::ordinal && prev == ',') continue;
    cands.push_back({i, *m});
  }
  // The longest run of one style counting up from 1 (or continuing a marker at the start).
  auto head = marker_at(line, 0, true);
  std::vector<std::size_t> cuts;
  for (std::size_t s = 0; s < cands.size(); ++s) {
    int expect = cands[s].m.value;
    bool first = expect == 1 || (head && head->style == cands[s].m.style && head->value + 1 == expect);
    if (!first) continue;
    std::vector<std::size_t> run{cands[s].pos};
    for (std::size_t t = s + 1; t < cands.size(); ++t)
      if (cands[t].m.style == cands[s].m.style && cands[t].m.value == expect + 1) {
        run.push_back(cands[t].pos);
        ++expect;
      }
    bool enough = run.size() >= 2 || (head && head->style == cands[s].m.style) || (cands[s].pos >= 2 && line[cands[s].pos - 2] == ':');
    if (enough && run.size() > cuts.size()) cuts = run;
  }
  if (cuts.empty()) {
    // "ASN dilarang: - memasang ... - menghadiri ...": dash bullets run together after a colon.
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::vector<std::size_t> dashes;
      for (auto p = line.find(" - ", colon); p != std::string::npos; p = line.find(" - ", p + 3)) dashes.push_back(p + 1);
      if (dashes.size() >= 2) {
        std::vector<std::string> out{clean(line.substr(0, dashes[0]))};
        for (std::size_t k = 0; k < dashes.size(); ++k) {
          auto end = k + 1 < dashes.size() ? dashes[k + 1] : line.size();
          out.push_back(clean(line.substr(dashes[k], end - dashes[k])));
        }
        return out;
      }
    }
    return {line};
  }
  std::vector<std::string> out;
  std::size_t from = 0;
  for (auto c : cuts) {
    auto part = clean(std::string_view(line).substr(from, c - from));
    if (!part.empty()) out.push_back(part);
    from = c;
  }
  out.push_back(clean(std::string_view(line).substr(from)));
  return out;
}

// ---- reading marked lists -------------------------------------------------------------

struct Node {
  Item item;
  std::vector<List> children;
  std::string child_intro;  // text between this item and its sub-list
};

struct Open {
  Style style = Style::bullet;
  bool upper = false;
  int last = 0;
  std::string intro;
  std::vector<Node> nodes;
  std::size_t last_line = 0;
};

bool continues(const Open& o, const Marker& m) {
  if (o.style == Style::bullet || o.style == Style::line) return m.style == o.style;
  int expect = o.last + 1;
  if (o.style == Style::letter) {
    // "i", "v", "x" are letters in a lettered list; a wrong letter near the right one is a
    // typo ("d." twice, "G." for "g."), read in place.
    if (m.style == Style::roman && m.raw.size() == 1) {
      int v = std::tolower(static_cast<unsigned char>(m.raw[0])) - 'a' + 1;
      return v == expect || std::abs(v - expect) <= 1;
    }
    return m.style == Style::letter && m.value != 1 && std::abs(m.value - expect) <= 2;
  }
  if (o.style == Style::roman) {
    if (m.style == Style::letter && m.raw.size() == 1) {
      int r = roman_value(m.raw);
      return r == expect;
    }
    return m.style == Style::roman && m.value == expect;
  }
  return m.style == o.style && (m.value == expect || m.value == expect + 1);
}

bool umbrella_cue(std::string_view text) {
  auto l = ascii_lower(text);
  while (!l.empty() && is_space(l.back())) l.pop_back();
  if (!l.empty() && l.back() == ':') return true;
  for (std::string_view c : {"dengan cara", "antara lain", "sebagai berikut", "meliputi", "yaitu", "yakni", "berupa",
                             "diantaranya", "di antaranya", "bentuk dukungan"})
    if (contains(l, c)) return true;
  return false;
}

// Political content: what separates a list of prohibited acts from a list of duties or of
// legal bases when no introduction says which it is.
bool political(std::string_view text) {
  auto l = ascii_lower(text);
  for (std::string_view w : {"kampanye", "calon", "partai", "paslon", "dukungan", "atribut", "spanduk", "baliho",
                             "foto", "media sosial", "keberpihakan", "berpihak", "deklarasi", "ktp", "pemenangan",
                             "timses", "tim sukses", "parpol", "simbol"})
    if (contains(l, w)) return true;
  return false;
}

bool legal_basis(std::string_view text) {
  auto w = words_of(text, 2);
  if (w.empty()) return false;
  for (std::string_view s : {"undang-undang", "uu", "peraturan", "keputusan", "surat", "instruksi", "pp", "permenpan",
                             "perpres", "se", "skb"})
    if (w[0] == s) return true;
  return false;
}

bool says_prohibited(std::string_view text) {
  auto l = ascii_lower(text);
  for (std::string_view w : {"dilarang", "larangan", "tidak boleh", "tidak diperbolehkan", "tidak dibenarkan", "melarang",
                             "tidak diizinkan"})
    if (contains(l, w)) return true;
  return false;
}

ListKind classify(const List& l) {
  auto intro = ascii_lower(l.intro);
  std::size_t n = l.items.size(), legal = 0, prohibited = 0, politic = 0, acts = 0;
  for (auto& it : l.items) {
    legal += legal_basis(it.text);
    prohibited += says_prohibited(it.text);
    politic += political(it.text);
    auto w = words_of(it.text, 2);
    acts += !w.empty() && opens_act(w[0], w.size() > 1 ? w[1] : "");
  }
  if (legal * 2 >= n) return ListKind::other;
  if (says_prohibited(intro) || contains(intro, "dengan cara") || contains(intro, "pelanggaran")) return ListKind::prohibitions;
  if (prohibited * 2 >= n) return ListKind::prohibitions;
  for (std::string_view w : {"wajib", "kewajiban", "diminta", "agar", "instruksi", "menginstruksikan", "memerintahkan",
                             "mewajibkan", "diharapkan", "tugas"})
    if (contains(intro, w)) return ListKind::duties;
  for (std::string_view w : {"dasar", "berdasarkan", "mengacu", "mengingat", "memperhatikan", "menimbang", "merujuk", "pedoman"})
    if (contains(intro, w)) return ListKind::other;
  if (acts * 2 > n && politic * 2 >= n) return ListKind::prohibitions;
  return ListKind::other;
}

// The items of a finished list. An umbrella item whose forms follow as a sub-list
// ("dilarang ... sebagai berikut:", "Agar Kepala Perangkat Daerah ...:") becomes a list of
// its own, introduced by the umbrella: a letter's numbered points mix prohibitions, duties
// and the reporting channel, and each point's sub-list is what that point says it is.
std::vector<List> flatten(Open& o) {
  std::vector<List> out(1);
  out[0].intro = o.intro;
  for (auto& n : o.nodes) {
    bool umbrella = !n.children.empty() && (umbrella_cue(n.item.text) || umbrella_cue(n.child_intro));
    std::vector<std::size_t> used;
    for (std::size_t k = n.item.line; k <= n.item.last_line; ++k) used.push_back(k);
    for (auto& c : n.children) used.insert(used.end(), c.lines.begin(), c.lines.end());
    if (!umbrella) {
      out[0].items.push_back(n.item);
      out[0].lines.insert(out[0].lines.end(), used.begin(), used.end());
      for (auto& c : n.children)
        for (auto& it : c.items) out[0].items.push_back(it);
      continue;
    }
    List sub;
    sub.intro = n.child_intro.empty() ? n.item.text : n.item.text + " " + n.child_intro;
    sub.heading = n.item.text;
    sub.heading_line = n.item.line;
    sub.lines = used;
    for (auto& c : n.children)
      for (auto& it : c.items) sub.items.push_back(it);
    out.push_back(std::move(sub));
  }
  return out;
}

// A line that announces a list on the lines after it.
bool introduces(std::string_view line) {
  auto l = ascii_lower(line);
  while (!l.empty() && is_space(l.back())) l.pop_back();
  if (l.empty()) return false;
  if (l.back() == ':') return true;
  if (l.back() == '.') return false;
  for (std::string_view c : {"antara lain", "sebagai berikut", "berikut ini", "yaitu", "yakni", "di antaranya", "diantaranya",
                             "meliputi", "adalah"})
    if (l.ends_with(c)) return true;
  return false;
}

bool terminal(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  if (s.empty()) return true;
  char c = s.back();
  return c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\x9D");
}

bool ends_as_list_item(std::string_view s) {
  auto l = ascii_lower(s);
  while (!l.empty() && is_space(l.back())) l.pop_back();
  for (std::string_view t : {";", "; dan", "; atau", ", dan", ", atau", ":", ";dan"})
    if (l.size() >= t.size() && l.substr(l.size() - t.size()) == t) return true;
  return false;
}

}  // namespace

std::vector<std::string> prepare_lines(std::string_view text) {
  std::string t;
  t.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text.substr(i).starts_with("\xC2\xA0")) {  // no-break space
      t.push_back(' ');
      ++i;
      continue;
    }
    t.push_back(text[i]);
  }
  std::vector<std::string> out;
  bool drop_next = false;
  std::size_t i = 0;
  while (i <= t.size()) {
    auto j = t.find('\n', i);
    if (j == std::string::npos) j = t.size();
    std::string raw = t.substr(i, j - i);
    i = j + 1;
    // A Markdown bullet "* item" stays a bullet once emphasis stars are gone.
    auto lead = raw.find_first_not_of(" \t");
    if (lead != std::string::npos && raw[lead] == '*' && lead + 1 < raw.size() && raw[lead + 1] == ' ') raw[lead] = '-';
    std::string line = clean(raw);
    // "BACA JUGA:headline" glued inside a paragraph line ends that line.
    auto lower = ascii_lower(line);
    if (auto p = lower.find("baca juga"); p != std::string::npos && p > 0) line = clean(line.substr(0, p));
    bool next = false;
    if (line.empty()) {
      out.emplace_back();
      continue;
    }
    if (drop_next) {
      drop_next = false;
      out.emplace_back();
      continue;
    }
    if (furniture(line, next)) {
      drop_next = next;
      out.emplace_back();
      continue;
    }
    // A table flattened to text ("1 | Memasang spanduk | Hukuman disiplin"): the row is
    // an item when one of its cells states an act.
    if (std::count(line.begin(), line.end(), '|') >= 1) {
      std::string act;
      std::size_t b = 0;
      for (;;) {
        auto e = line.find('|', b);
        auto cell = std::string(strip_lead(clean(std::string_view(line).substr(b, e == std::string::npos ? std::string::npos : e - b))));
        auto w = words_of(cell, 2);
        if (!w.empty() && opens_act(w[0], w.size() > 1 ? w[1] : "") && cell.size() > act.size()) act = cell;
        if (e == std::string::npos) break;
        b = e + 1;
      }
      if (!act.empty()) {
        out.push_back("- " + act);
        continue;
      }
    }
    auto parts = split_inline(line);
    for (std::size_t k = 0; k < parts.size(); ++k) out.push_back(parts[k]);
  }
  return out;
}

std::vector<List> marked_lists(const std::vector<std::string>& lines) {
  std::vector<List> out;
  std::vector<Open> stack;
  std::string pending;  // the last plain line: the intro of a list starting next
  std::size_t gap = 0;

  auto finish_top = [&] {
    Open o = std::move(stack.back());
    stack.pop_back();
    auto ls = flatten(o);
    if (!stack.empty() && !stack.back().nodes.empty()) {
      // A sub-list's own umbrellas stay inside it: its parent decides what it is.
      List merged;
      for (auto& l : ls) {
        merged.items.insert(merged.items.end(), l.items.begin(), l.items.end());
        merged.lines.insert(merged.lines.end(), l.lines.begin(), l.lines.end());
      }
      stack.back().nodes.back().children.push_back(std::move(merged));
    } else {
      for (auto& l : ls)
        if (!l.items.empty()) out.push_back(std::move(l));
    }
  };
  auto finish_all = [&] {
    while (!stack.empty()) finish_top();
  };

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty()) continue;
    auto m = marker_at(line, 0, true);
    if (m) {
      // Which open list does it continue? The innermost one it fits.
      std::optional<std::size_t> depth;
      for (std::size_t d = stack.size(); d-- > 0;)
        if (continues(stack[d], *m)) {
          depth = d;
          break;
        }
      if (depth) {
        while (stack.size() > *depth + 1) finish_top();
      } else {
        bool starts = m->value == 1 || m->style == Style::bullet ||
                      (stack.empty() && (m->style == Style::num || m->style == Style::ordinal) &&
                       says_prohibited(std::string_view(line).substr(m->rest)));
        // "i." opening a list is roman one, not the ninth letter.
        if (m->style == Style::letter && m->value == 9) starts = true;
        if (!starts) {
          // A stray marker: plain text.
          m.reset();
        } else {
          // A sub-list follows its item at once, or after a line that introduces it
          // ("Larangan bentuk dukungan itu antara lain:").
          bool nested = !stack.empty() && stack.back().style != m->style && !stack.back().nodes.empty() &&
                        (gap == 0 || (gap <= 2 && umbrella_cue(pending)));
          if (!nested) finish_all();
          Open o;
          o.style = m->style == Style::letter && m->value == 9 ? Style::roman : m->style;
          o.upper = m->upper;
          o.last = m->style == Style::letter && m->value == 9 ? 0 : m->value - 1;
          o.intro = pending;
          if (nested) stack.back().nodes.back().child_intro = pending;
          stack.push_back(std::move(o));
          if (stack.back().style == Style::roman && m->style == Style::letter) m->value = 1;
        }
      }
      if (m) {
        Open& top = stack.back();
        Node n;
        n.item.marker = m->raw;
        n.item.text = line.substr(m->rest);
        n.item.line = n.item.last_line = i;
        top.nodes.push_back(std::move(n));
        top.last = top.style == Style::bullet || top.style == Style::line ? 0 : (m->style == Style::letter && top.style == Style::roman ? top.last + 1 : m->value);
        top.last_line = i;
        pending.clear();
        gap = 0;
        continue;
      }
    }
    // A plain line.
    if (!stack.empty() && gap == 0) {
      Open& top = stack.back();
      std::string& last = top.nodes.back().item.text;
      auto w = words_of(line, 2);
      bool act = !w.empty() && opens_act(w[0], w.size() > 1 ? w[1] : "") && is_upper(line[0]);
      // An item broken across lines: the next line goes on in lowercase, or the item
      // stopped on a comma or a conjunction. A capital after an unfinished item is a new
      // paragraph (a related-link headline ends without a full stop).
      bool dangling = !last.empty() && (last.back() == ',' || ascii_lower(last).ends_with(" dan") || ascii_lower(last).ends_with(" atau") ||
                                        ascii_lower(last).ends_with(" yang") || ascii_lower(last).ends_with(" dengan"));
      if (!terminal(last) && (is_lower(line[0]) || dangling) && !(ends_as_list_item(last) && act)) {
        last += " " + line;  // an item broken across lines
        top.nodes.back().item.last_line = i;
        continue;
      }
      if (ends_as_list_item(last) && act) {
        // Unmarked items after a marked one ("Kedua, ...;" then lines ending in ";").
        Node n;
        n.item.text = line;
        n.item.line = n.item.last_line = i;
        top.nodes.push_back(std::move(n));
        top.last_line = i;
        continue;
      }
    }
    // An introduction ("... sebagai berikut:", "Larangan bagi ASN antara lain") followed by
    // unmarked lines that each open an act.
    if (introduces(line) && i + 1 < lines.size()) {
      std::size_t k = i + 1;
      while (k < lines.size() && lines[k].empty()) ++k;
      if (k < lines.size() && !marker_at(lines[k], 0, true)) {
        auto w = words_of(lines[k], 2);
        if (!w.empty() && opens_act(w[0], w.size() > 1 ? w[1] : "") && lines[k].size() < 400) {
          finish_all();
          Open o;
          o.style = Style::line;
          o.intro = line;
          stack.push_back(std::move(o));
          for (; k < lines.size(); ++k) {
            if (lines[k].empty()) continue;
            auto wk = words_of(lines[k], 2);
            if (marker_at(lines[k], 0, true) || wk.empty() || !opens_act(wk[0], wk.size() > 1 ? wk[1] : "") ||
                lines[k].size() >= 400)
              break;
            Node n;
            n.item.text = lines[k];
            n.item.line = n.item.last_line = k;
            stack.back().nodes.push_back(std::move(n));
          }
          finish_all();
          pending.clear();
          gap = 0;
          i = k - 1;
          continue;
        }
      }
    }
    ++gap;
    pending = line;  // what introduces a list is the line right before it
    // News text between the items of one list (a caption, an advert) is passed over; a
    // longer run of text closes the lists.
    if (gap > 3) finish_all();
  }
  finish_all();
  for (auto& l : out) {
    for (auto& it : l.items) it.text = trim_item(it.text);
    l.items.erase(std::remove_if(l.items.begin(), l.items.end(), [](const Item& it) { return it.text.empty(); }), l.items.end());
    l.kind = classify(l);
  }
  // A lone item is a list only when it says what is prohibited: "1." alone on a page cut
  // short, not a stray "a." in a byline.
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](const List& l) {
                             return l.items.size() < 2 && !(l.kind == ListKind::prohibitions && says_prohibited(l.items[0].text));
                           }),
            out.end());
  return out;
}

}  // namespace netral::text::circular
