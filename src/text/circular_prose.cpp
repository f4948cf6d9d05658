// Prohibitions written as prose (docs/catalog.md, "Importing a circular"): a sentence that
// says what is prohibited, split into acts. Rules written on the development corpus only.
#include <algorithm>
#include <array>
#include <optional>

#include "core/strings.hpp"
#include "text/circular_lists.hpp"
#include "text/circular_words.hpp"

namespace netral::text::circular {
namespace {

struct Sentence {
  std::size_t begin, end;
};

// Sentences of a paragraph: a full stop (or ! ?) followed by a space and a capital letter
// or a quote; "Pj." "Dr." "No." do not end one.
std::vector<Sentence> sentences(const std::string& p) {
  static const std::array<std::string_view, 16> abbrev = {"pj", "pjs", "plt", "dr", "drs", "ir", "h", "hj", "no", "kab",
                                                          "prov", "st", "s", "m", "sdr", "bpk"};
  std::vector<Sentence> out;
  std::size_t b = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c != '.' && c != '!' && c != '?') continue;
    if (i + 2 >= p.size() || p[i + 1] != ' ') continue;
    char n = p[i + 2];
    bool capital = is_upper(n) || n == '"' || p.substr(i + 2).starts_with("\xE2\x80\x9C");
    if (!capital) continue;
    std::size_t w = i;
    while (w > b && is_alpha(p[w - 1])) --w;
    auto word = ascii_lower(std::string_view(p).substr(w, i - w));
    if (std::find(abbrev.begin(), abbrev.end(), word) != abbrev.end()) continue;
    out.push_back({b, i + 1});
    b = i + 2;
  }
  if (b < p.size()) out.push_back({b, p.size()});
  return out;
}

// The end of what the circular says: a closing quote and the reporter's attribution
// ("...,” ujar Kepala BKPSDM") are not part of the list.
std::size_t quote_end(std::string_view s) {
  auto a = s.find("\xE2\x80\x9D");
  auto b = s.find('"');
  return std::min(a, b);
}

struct Trigger {
  std::size_t end;      // where the listed acts start
  bool strong = false;  // "dilarang", "tidak boleh": an act must follow
};

// Where a sentence starts listing prohibited acts. `context` says whether this or the
// previous sentence speaks of prohibitions (for "antara lain", "misalnya").
std::optional<Trigger> find_trigger(std::string_view s, bool context) {
  auto l = ascii_lower(s);
  std::size_t best = std::string::npos, end = 0;
  auto take = [&](std::size_t p, std::size_t len) {
    if (p != std::string::npos && p < best) {
      best = p;
      end = p + len;
    }
  };
  for (std::string_view t : {"dilarang keras", "dilarang", "tidak boleh", "tidak diperbolehkan", "tidak dibenarkan",
                             "tidak diizinkan", "tidak diperkenankan", "tidak dibolehkan", "larangan bagi", "larangan yakni", "larangan yaitu", "larangan berupa",
                             "larangan antara lain", "larangan adalah"}) {
    auto p = find_word(l, t);
    if (p == std::string::npos) continue;
    // "melanggar larangan tersebut", "dilarang tersebut": a reference back, not a list.
    auto after = l.substr(p + t.size());
    auto w = words_of(after, 1);
    if (!w.empty() && (w[0] == "tersebut" || w[0] == "ini" || w[0] == "itu")) continue;
    take(p, t.size());
  }
  bool strong = best != std::string::npos;
  if (strong || context)
    for (std::string_view t : {"antara lain", "di antaranya adalah", "diantaranya adalah", "di antaranya", "diantaranya",
                               "contohnya adalah", "contohnya", "misalnya", "yakni", "yaitu"}) {
      auto p = find_word(l, t);
      if (p == std::string::npos) continue;
      if (strong && p < end) continue;  // inside "larangan yakni", or before "dilarang"
      if (strong && p > best) {
        best = p;
        end = p + t.size();
        continue;
      }
      take(p, t.size());
    }
  // "melarang (seluruh) ASN (di lingkungan ...) untuk ikut kampanye": the acts start at the
  // first act after the object.
  if (auto p = find_word(l, "melarang"); p != std::string::npos && p < best) {
    std::size_t q = p + 8;
    for (int n = 0; n < 10 && q < l.size(); ++n) {
      while (q < l.size() && !is_alpha(l[q])) ++q;
      std::size_t e = q;
      while (e < l.size() && (is_alpha(l[e]) || l[e] == '-')) ++e;
      auto w = words_of(l.substr(e), 1);
      if (q < e && opens_act(l.substr(q, e - q), w.empty() ? "" : w[0])) {
        best = p;
        end = q;
        break;
      }
      q = e;
    }
  }
  if (best == std::string::npos) return std::nullopt;
  // After "dilarang" or a bare "antara lain" an act must follow; "larangan yakni dukungan
  // kepada ..." may name the act by a noun.
  bool verb_needed = !l.substr(best).starts_with("larangan");
  // "larangan bagi seluruh ASN untuk ...": the acts start after "untuk".
  if (l.substr(best).starts_with("larangan bagi")) {
    auto u = find_word(l, "untuk", end);
    if (u == std::string::npos) return std::nullopt;
    end = u + 5;
  }
  return Trigger{end, verb_needed};
}

bool last_word_is_verb(std::string_view s) {
  auto e = s.size();
  while (e > 0 && !is_alpha(s[e - 1])) --e;
  auto b = e;
  while (b > 0 && is_alpha(s[b - 1])) --b;
  auto w = ascii_lower(s.substr(b, e - b));
  return opens_act(w, "");
}

// Acts of one enumeration: a separator starts a new act when what follows opens one; a
// bare verb before it ("mengunggah, menanggapi, atau menyebarluaskan gambar") shares the
// next act's object and stays with it.
std::vector<std::string> split_acts(std::string_view seg) {
  struct Piece {
    std::string sep;
    std::string text;
  };
  std::vector<Piece> pieces;
  std::string cur_sep;
  std::size_t i = 0, start = 0;
  auto lower = ascii_lower(seg);
  auto push = [&](std::size_t end, std::string sep_next, std::size_t resume) {
    pieces.push_back({cur_sep, std::string(seg.substr(start, end - start))});
    cur_sep = std::move(sep_next);
    start = resume;
  };
  while (i < seg.size()) {
    if (seg[i] == ',' || seg[i] == ';') {
      push(i, std::string(1, seg[i]), i + 1);
      ++i;
      continue;
    }
    if (seg[i] == ' ') {
      bool matched = false;
      for (std::string_view w : {"dan/atau", "ataupun", "serta", "dan", "atau", "maupun", "hingga"}) {
        if (lower.compare(i + 1, w.size(), w) == 0 && (i + 1 + w.size() >= seg.size() || seg[i + 1 + w.size()] == ' ')) {
          push(i, std::string(w), i + 1 + w.size());
          i += 1 + w.size();
          matched = true;
          break;
        }
      }
      if (matched) continue;
    }
    ++i;
  }
  push(seg.size(), "", seg.size());

  std::vector<std::string> acts;
  std::string cur;
  for (auto& p : pieces) {
    auto body = strip_lead(p.text);
    auto w = words_of(body, 2);
    bool opens = !w.empty() && opens_act(w[0], w.size() > 1 ? w[1] : "");
    if (cur.empty()) {
      cur = std::string(body);
      continue;
    }
    bool word_sep = p.sep != "," && p.sep != ";";
    bool split = opens && word_count(cur) > 1;
    if (split && word_sep && last_word_is_verb(cur)) split = false;  // "menguntungkan atau merugikan"
    if (split && lower.find(" yang ") != std::string::npos && word_sep && last_word_is_verb(cur)) split = false;
    if (split) {
      acts.push_back(trim_item(clean(cur)));
      cur = std::string(body);
    } else {
      cur += (p.sep == "," || p.sep == ";" ? p.sep + " " : " " + p.sep + " ") + std::string(p.text.substr(p.text.find_first_not_of(' ') == std::string::npos ? 0 : p.text.find_first_not_of(' ')));
    }
  }
  if (!cur.empty()) acts.push_back(trim_item(cur));
  for (auto& a : acts) a = clean(a);  // a dropped empty piece leaves a double space
  acts.erase(std::remove_if(acts.begin(), acts.end(), [](const std::string& a) { return a.empty(); }), acts.end());
  return acts;
}

// Sayings too general to be a catalogue item ("terlibat dalam politik praktis",
// "berpihak"): the circulars' own framing, not an act someone can be reported for.
bool general(std::string_view act) {
  auto l = ascii_lower(act);
  if (word_count(l) <= 1) return true;
  for (std::string_view g : {"politik praktis", "bersikap netral", "harus netral", "tidak netral"})
    if (contains(l, g)) return true;
  auto w = words_of(l, 1);
  // "memberikan dukungan kepada calon ... dengan cara apapun": the heading of the list.
  if (contains(l, "dengan cara apapun") || contains(l, "dengan cara apa pun")) return true;
  return !w.empty() && !opens_act(w[0], "") && word_count(l) < 3;
}

bool opens_act_sentence(std::string_view s) {
  auto body = strip_lead(s);
  if (body.empty()) return false;
  bool lead_cut = body.size() != s.size();
  auto w = words_of(body, 2);
  return !w.empty() && opens_act(w[0], w.size() > 1 ? w[1] : "") && (is_upper(body[0]) || lead_cut);
}

}  // namespace

std::vector<Item> prose_prohibitions(const std::vector<std::string>& lines, const std::vector<bool>& covered) {
  std::vector<Item> out;
  bool run = false;  // the last sentence listed prohibited acts: a following one that opens an act continues them
  bool prev_context = false;  // the last sentence spoke of prohibitions or violations
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& p = lines[i];
    if (p.empty()) continue;
    if (i < covered.size() && covered[i]) {
      run = false;
      continue;
    }
    std::size_t order = 0;
    for (auto [b, e] : sentences(p)) {
      std::string_view s = std::string_view(p).substr(b, e - b);
      auto l = ascii_lower(s);
      bool context = prev_context || contains(l, "larang") || contains(l, "pelanggaran");
      auto t = find_trigger(s, context);
      std::string_view seg;
      auto lead = strip_lead(s);
      if (t) {
        seg = s.substr(t->end);
        if (t->strong) {
          auto w = words_of(strip_lead(seg), 2);
          if (w.empty() || !opens_act(w[0], w.size() > 1 ? w[1] : "")) {
            prev_context = true;
            continue;
          }
        }
      } else if (run && opens_act_sentence(s)) {
        seg = s;
      } else if (run && starts_with_ci(lead, "larangan ")) {
        seg = lead.substr(9);  // "Serta larangan berpihak ...": one more prohibited act
      } else {
        run = false;
        prev_context = contains(l, "larang") || contains(l, "pelanggaran");
        continue;
      }
      if (auto q = quote_end(seg); q != std::string_view::npos) seg = seg.substr(0, q);
      // "memberikan dukungan kepada calon ... dengan cara ...": the forms follow.
      auto sl = ascii_lower(seg);
      if (auto c = find_word(sl, "dengan cara"); c != std::string::npos) {
        auto rest = strip_lead(seg.substr(c + 11));
        auto rw = words_of(rest, 1);
        seg = !rw.empty() && (rw[0] == "apapun" || rw[0] == "apa") ? std::string_view() : rest;
      }
      for (auto& act : split_acts(seg)) {
        if (general(act)) continue;
        out.push_back({"", act, i, i, order++});
      }
      run = true;
      prev_context = true;
    }
  }
  return out;
}

}  // namespace netral::text::circular
