#include "screen/lexicon.hpp"

#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "core/strings.hpp"
#include "text/normalize.hpp"

namespace netral::screen {

std::string_view to_string(CueKind k) {
  switch (k) {
    case CueKind::support: return "support";
    case CueKind::against: return "against";
    case CueKind::approval: return "approval";
    case CueKind::negation: return "negation";
    case CueKind::election: return "election";
    case CueKind::neutral: return "neutral";
    case CueKind::conduct: return "conduct";
  }
  return "support";
}

namespace {

const std::set<std::string_view> kConducts{
    "social_media",     "photo_symbol",       "campaign_participation", "party_attributes", "mobilising",
    "state_facilities", "partisan_decision",  "partisan_activity",      "support_letter_ktp", "party_membership",
    "campaign_team",    "banner_props",       "approaching_party",      "election_official_bias"};

std::unexpected<Error> at(std::string_view source, const toml::source_region& where, std::string field,
                          std::string_view problem) {
  std::ostringstream d;
  d << source << ':' << where.begin.line << ": " << field << ": " << problem;
  return fail(ErrorCode::invalid_lexicon_file, {}, std::move(field), d.str());
}

Result<std::string> read_all(const std::string& path, const char* field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::file_unreadable, {}, field, path + ": tidak dapat dibaca / cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<toml::table> parse_toml(std::string_view text, std::string_view source) {
  try {
    return toml::parse(text, std::string(source));
  } catch (const toml::parse_error& e) {
    return at(source, e.source(), "", std::string("TOML tidak valid / invalid TOML: ") + std::string(e.description()));
  }
}

Result<std::vector<std::string>> strings(std::string_view source, const toml::table& t, std::string_view key,
                                         const std::string& field, bool required) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) return at(source, t.source(), field, "wajib diisi / required");
    return out;
  }
  const toml::array* a = n->as_array();
  if (!a) return at(source, n->source(), field, "harus daftar teks / must be an array of strings");
  for (std::size_t i = 0; i < a->size(); ++i) {
    auto s = a->get(i)->value<std::string>();
    if (!s || s->empty())
      return at(source, a->get(i)->source(), field + "[" + std::to_string(i) + "]", "harus teks / must be a string");
    out.push_back(*s);
  }
  return out;
}

bool has_alnum(std::string_view s) {
  for (unsigned char c : s)
    if (std::isalnum(c)) return true;
  return false;
}

const char* const kNumberWords[] = {"nol",   "satu",  "dua",      "tiga",    "empat",   "lima",
                                    "enam",  "tujuh", "delapan",  "sembilan", "sepuluh"};

}  // namespace

Result<std::vector<Party>> parse_parties(std::string_view text, std::string_view source) {
  auto root = parse_toml(text, source);
  if (!root) return std::unexpected(root.error());
  std::vector<Party> out;
  const toml::array* arr = root->get("party") ? root->get("party")->as_array() : nullptr;
  if (!arr) return at(source, root->source(), "party", "minimal satu [[party]] / at least one [[party]] is required");
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string prefix = "party[" + std::to_string(i) + "].";
    const toml::table* t = arr->get(i)->as_table();
    if (!t) return at(source, arr->get(i)->source(), prefix, "harus tabel / must be a table");
    Party p;
    auto sn = t->get("short") ? t->get("short")->value<std::string>() : std::nullopt;
    if (!sn || sn->empty()) return at(source, t->source(), prefix + "short", "wajib diisi / required");
    p.short_name = *sn;
    p.name = t->get("name") ? t->get("name")->value_or(std::string{}) : std::string{};
    auto aliases = strings(source, *t, "aliases", prefix + "aliases", false);
    if (!aliases) return std::unexpected(aliases.error());
    p.aliases = std::move(*aliases);
    if (const toml::node* n = t->get("number")) {
      auto v = n->value<std::int64_t>();
      if (!v || *v < 0) return at(source, n->source(), prefix + "number", "harus bilangan / must be an integer");
      p.number = int(*v);
    }
    if (const toml::node* n = t->get("ambiguous")) {
      auto v = n->value<bool>();
      if (!v) return at(source, n->source(), prefix + "ambiguous", "harus true/false / must be a boolean");
      p.ambiguous = *v;
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<Party>> load_parties(const std::string& path) {
  auto text = read_all(path, "parties");
  if (!text) return std::unexpected(text.error());
  return parse_parties(*text, path);
}

Result<std::vector<CueGroup>> parse_cues(std::string_view text, std::string_view source) {
  auto root = parse_toml(text, source);
  if (!root) return std::unexpected(root.error());
  std::vector<CueGroup> out;
  const toml::array* arr = root->get("cue") ? root->get("cue")->as_array() : nullptr;
  if (!arr) return at(source, root->source(), "cue", "minimal satu [[cue]] / at least one [[cue]] is required");
  static const std::pair<std::string_view, CueKind> kinds[] = {
      {"support", CueKind::support}, {"against", CueKind::against},   {"approval", CueKind::approval},
      {"negation", CueKind::negation}, {"election", CueKind::election}, {"neutral", CueKind::neutral},
      {"conduct", CueKind::conduct}};
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string prefix = "cue[" + std::to_string(i) + "].";
    const toml::table* t = arr->get(i)->as_table();
    if (!t) return at(source, arr->get(i)->source(), prefix, "harus tabel / must be a table");
    CueGroup g;
    const toml::node* kn = t->get("kind");
    auto k = kn ? kn->value<std::string>() : std::nullopt;
    if (!k) return at(source, t->source(), prefix + "kind", "wajib diisi / required");
    bool found = false;
    for (auto& [name, kind] : kinds)
      if (name == *k) g.kind = kind, found = true;
    if (!found) return at(source, kn->source(), prefix + "kind", "jenis tidak dikenal / unknown kind: " + *k);
    if (g.kind == CueKind::conduct) {
      const toml::node* cn = t->get("conduct");
      auto c = cn ? cn->value<std::string>() : std::nullopt;
      if (!c) return at(source, t->source(), prefix + "conduct", "wajib untuk kind = \"conduct\" / required for conduct cues");
      if (!kConducts.contains(*c))
        return at(source, cn->source(), prefix + "conduct", "kategori tidak dikenal / unknown conduct category: " + *c);
      g.conduct = *c;
    }
    if (const toml::node* n = t->get("weight")) {
      auto w = n->value<double>();
      if (!w || *w <= 0 || *w > 10) return at(source, n->source(), prefix + "weight", "harus angka 0-10 / must be a number in (0, 10]");
      g.weight = float(*w);
    }
    if (const toml::node* n = t->get("context")) {
      auto v = n->value<bool>();
      if (!v) return at(source, n->source(), prefix + "context", "harus true/false / must be a boolean");
      g.context = *v;
    }
    auto terms = strings(source, *t, "terms", prefix + "terms", true);
    if (!terms) return std::unexpected(terms.error());
    g.terms = std::move(*terms);
    out.push_back(std::move(g));
  }
  return out;
}

Result<std::vector<CueGroup>> load_cues(const std::string& path) {
  auto text = read_all(path, "cues");
  if (!text) return std::unexpected(text.error());
  return parse_cues(*text, path);
}

std::string split_camel_case(std::string_view tag) {
  std::string out;
  for (std::size_t i = 0; i < tag.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(tag[i]);
    if (c == '#' || c == '_' || c == '-') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (i > 0 && !out.empty() && out.back() != ' ') {
      unsigned char p = static_cast<unsigned char>(tag[i - 1]);
      bool lower_to_upper = std::isupper(c) && (std::islower(p) || std::isdigit(p));
      bool upper_run_end = std::isupper(c) && std::isupper(p) && i + 1 < tag.size() &&
                           std::islower(static_cast<unsigned char>(tag[i + 1]));
      bool alpha_digit = (std::isdigit(c) != 0) != (std::isdigit(p) != 0) && std::isalnum(p);
      if (lower_to_upper || upper_run_end || alpha_digit) out += ' ';
    }
    out += char(c);
  }
  return trim(out, " ");
}

Lexicon compile_lexicon(const Election& election, const std::vector<Party>& parties,
                        const std::vector<CueGroup>& cues) {
  Lexicon lex;
  lex.election_id = election.id;
  std::set<std::tuple<std::string, int, int, int>> seen;  // pattern, role, cue, candidate

  auto add = [&](std::string_view text, Term t) {
    t.text = std::string(text);
    t.raw = !has_alnum(text);
    if (t.raw) {
      // The normaliser may drop symbols; an emoji is matched on the input bytes as is.
      // Variation selectors (U+FE0F) are left out so that both ✌ and ✌️ match.
      std::string p(text);
      for (std::size_t pos; (pos = p.find("\xEF\xB8\x8F")) != std::string::npos;) p.erase(pos, 3);
      t.pattern = p;
    } else {
      t.pattern = trim(text::normalize(text).text, " ");
    }
    if (t.pattern.empty()) return;
    if (!seen.insert({t.pattern, int(t.role), int(t.cue), t.candidate}).second) return;
    lex.terms.push_back(std::move(t));
  };

  for (const auto& c : election.candidates) {
    lex.candidate_numbers.push_back(c.number);
    Term base;
    base.role = TermRole::candidate;
    base.candidate = c.number;
    auto put = [&](const std::vector<std::string>& list, const char* src, bool ambiguous, bool campaign) {
      for (const auto& s : list) {
        Term t = base;
        t.source = src;
        t.ambiguous = ambiguous;
        t.campaign = campaign;
        add(s, t);
      }
    };
    put(c.names, "name", false, false);
    put(c.nicknames, "nickname", false, false);
    put(c.misspellings, "misspelling", false, false);
    put(c.common_names, "common_name", true, false);
    put(c.slogans, "slogan", false, true);
    put(c.accounts, "account", false, false);
    for (const auto& a : c.accounts) {  // the handle written without '@'
      Term t = base;
      t.source = "account";
      add(a.substr(1), t);
    }
    for (const auto& h : c.hashtags) {
      Term t = base;
      t.source = "hashtag";
      t.campaign = true;
      add(h, t);
      add(h.substr(1), t);  // "heramenang" without '#': the normaliser keeps '#' in a hashtag token
      add(split_camel_case(h), t);
    }
    for (const auto& s : c.symbols) {
      Term t = base;
      t.source = "symbol";
      t.campaign = true;
      t.conduct = "photo_symbol";
      t.ambiguous = !has_alnum(s);  // a bare emoji is everyday punctuation for many people
      add(s, t);
    }
    // The pair's number, in the ways people write it.
    const std::string n = std::to_string(c.number);
    const std::string nn = c.number < 10 ? "0" + n : n;
    const std::string word = c.number <= 10 ? kNumberWords[c.number] : n;
    Term num = base;
    num.source = "number";
    for (const std::string& form : {n, nn}) {
      for (const char* pre : {"nomor urut ", "no urut ", "nomer urut ", "paslon ", "paslon nomor ", "paslon no ",
                              "pasangan nomor ", "coblos ", "coblos nomor ", "coblos no ", "pilih nomor ",
                              "nomor urut nomor "})
        add(std::string(pre) + form, num);
    }
    Term sym = num;
    sym.source = "symbol";
    sym.campaign = true;
    sym.conduct = "photo_symbol";
    add("salam " + word + " jari", sym);
    add("salam " + n + " jari", sym);
    Term amb = num;
    amb.ambiguous = true;
    add(nn, amb);
    add("nomor " + n, amb);
    add("no " + n, amb);
    add("nomor " + nn, amb);
    Term ambsym = sym;
    ambsym.ambiguous = true;
    add(word + " jari", ambsym);
    add(n + " jari", ambsym);
    // Keycap digit emoji (1️⃣) keep their digit through NFKC at best; matched raw.
    add(n + "\xEF\xB8\x8F\xE2\x83\xA3", ambsym);
    if (c.number == 1) add("\xE2\x98\x9D", ambsym);  // ☝ index pointing up
    if (c.number == 2) add("\xE2\x9C\x8C", ambsym);  // ✌ victory hand
  }

  for (const auto& p : parties) {
    Term t;
    t.role = TermRole::party;
    t.source = "party";
    t.ambiguous = p.ambiguous;
    t.conduct = "";
    for (const auto& c : election.candidates)
      for (const auto& cp : c.parties)
        if (text::normalize(cp).text == text::normalize(p.short_name).text) t.candidate = c.number;
    add(p.short_name, t);
    Term full = t;
    full.ambiguous = false;  // "Partai Demokrat" is never an everyday phrase
    if (!p.name.empty() && p.name != p.short_name) add(p.name, full);
    for (const auto& a : p.aliases) add(a, full);
  }

  for (const auto& g : cues) {
    Term t;
    t.role = TermRole::cue;
    t.cue = g.kind;
    t.weight = g.weight;
    t.context = g.context || g.kind == CueKind::election;
    t.conduct = g.conduct;
    t.source = "cue";
    for (const auto& s : g.terms) add(s, t);
  }
  return lex;
}

}  // namespace netral::screen
