// Cue-lexicon classifier. How it decides (docs/classification.md, "Classification"):
//   - the text is normalised (normalize.hpp), split into tokens, and each token that is not
//     a hashtag, handle or capitalised name gets its Snowball Indonesian stem;
//   - a cue word matches a token by surface form or by stem; a phrase cue matches its words
//     in order with at most `phrase_gap` other tokens between, inside one clause; a "near"
//     cue matches all its words within `window` tokens of the first, inside one clause;
//   - a cue preceded in its clause (within `negation_window` tokens) by a negator ("tidak")
//     is negated, unless the negator is part of a prohibition or appeal ("tidak boleh",
//     "agar tidak"): those still describe the conduct;
//   - the score of a conduct is 1 - prod(1 - weight) over its distinct non-negated cues.
#include "text/classify.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <toml++/toml.h>
#include <unordered_map>
#include <unordered_set>

#include "text/normalize.hpp"

namespace netral::text {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// libstemmer keeps per-call state inside the stemmer: one per thread keeps classify() const
// and thread-safe without a lock.
std::string stem_uncached(std::string_view word) {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> st(sb_stemmer_new("indonesian", nullptr));
  if (!st) return std::string(word);
  auto* out = sb_stemmer_stem(st.get(), reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!out) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(st.get())));
}

// Hash maps keyed by std::string that are looked up with string_views (no copy).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// Word frequencies are steep: a small per-thread memo answers most words without the
// stemmer. Bounded: emptied when full (only between texts, by forget_stems_if_full, so
// that the views a text's tokens hold stay valid), so memory stays flat on any input.
StringMap<std::string>& stem_memo() {
  thread_local StringMap<std::string> memo;
  return memo;
}
void forget_stems_if_full() {
  constexpr std::size_t kMaxEntries = 1 << 15;
  if (stem_memo().size() >= kMaxEntries) stem_memo().clear();
}
std::string_view stem(std::string_view word) {
  auto& memo = stem_memo();
  if (auto it = memo.find(word); it != memo.end()) return it->second;
  return memo.emplace(std::string(word), stem_uncached(word)).first->second;
}

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

struct Cue {
  int conduct = 0;
  std::string text;  // as written in the lexicon
  std::vector<std::string> words;
  double weight = 0;
  bool near = false;
  int window = 0;
};

struct Token {
  std::uint32_t begin = 0, end = 0;  // in the normalised text
  std::string_view surface;          // of the normalised text
  std::string_view stem;             // of the stem memo; empty: not stemmed (names, hashtags)
  int clause = 0;
};

}  // namespace

struct Classifier::Impl {
  std::vector<std::string> conducts;
  std::vector<Cue> cues;
  // word (surface or stem) -> (cue, word position)
  StringMap<std::vector<std::pair<int, int>>> index;
  StringSet negators, prohibition_before, prohibition_after;
  double threshold = 0.5;
  int phrase_gap = 1;
  int negation_window = 3;

  void add_index(std::string_view key, int cue, int pos) {
    auto it = index.find(key);
    if (it == index.end()) it = index.emplace(std::string(key), std::vector<std::pair<int, int>>{}).first;
    auto& v = it->second;
    if (std::find(v.begin(), v.end(), std::pair{cue, pos}) == v.end()) v.emplace_back(cue, pos);
  }

  std::vector<Token> tokens(std::string_view input, const Normalized& n) const {
    forget_stems_if_full();
    std::vector<Token> out;
    out.reserve(static_cast<std::size_t>(std::count(n.text.begin(), n.text.end(), ' ')) + 1);
    int clause = 0;
    std::uint32_t prev_end = 0;
    std::uint32_t i = 0;
    const auto size = static_cast<std::uint32_t>(n.text.size());
    while (i < size) {
      auto j = i;
      while (j < size && n.text[j] != ' ') ++j;
      Token t;
      t.begin = i;
      t.end = j;
      t.surface = std::string_view(n.text).substr(i, j - i);
      auto [ib, ie] = n.to_input(i, j);
      std::string_view gap = input.substr(prev_end, ib > prev_end ? ib - prev_end : 0);
      if (!out.empty() && gap.find_first_of(".!?;\n") != std::string_view::npos) ++clause;
      t.clause = clause;
      bool sentence_start = out.empty() || gap.find_first_of(".!?\n") != std::string_view::npos;
      bool capitalised = ib < input.size() && input[ib] >= 'A' && input[ib] <= 'Z';
      bool tagged = t.surface[0] == '#' || t.surface[0] == '@';
      // Names are capitalised mid-sentence: stemming them would invent words ("Megawati").
      bool name = capitalised && !sentence_start && !(ie - ib > 1 && input[ib + 1] >= 'A' && input[ib + 1] <= 'Z');
      if (!tagged && !name) t.stem = stem(t.surface);
      out.push_back(std::move(t));
      prev_end = ie;
      i = j + 1;
    }
    return out;
  }

  bool negated(const std::vector<Token>& ts, std::size_t start) const {
    for (std::size_t back = 1; back <= static_cast<std::size_t>(negation_window) && back <= start; ++back) {
      std::size_t k = start - back;
      if (ts[k].clause != ts[start].clause) break;
      if (!negators.count(ts[k].surface)) continue;
      // "agar tidak", "agar ASN tidak": the appeal word may sit one token further back.
      bool prohibition = k + 1 < ts.size() && prohibition_after.count(ts[k + 1].surface);
      for (std::size_t b = 1; b <= 2 && b <= k && !prohibition; ++b)
        prohibition = ts[k - b].clause == ts[k].clause && prohibition_before.count(ts[k - b].surface);
      return !prohibition;
    }
    return false;
  }

  std::vector<CueHit> hits(std::string_view input, const Normalized& n, std::vector<int>* cue_of_hit) const {
    auto ts = tokens(input, n);
    // Per token: the (cue, position) pairs its surface can fill, and those its stem adds.
    // Views of the index: nothing is copied per token.
    using Entries = std::vector<std::pair<int, int>>;
    static const Entries kNone;
    std::vector<std::pair<const Entries*, const Entries*>> matches(ts.size(), {&kNone, &kNone});
    for (std::size_t i = 0; i < ts.size(); ++i) {
      if (auto f = index.find(ts[i].surface); f != index.end()) matches[i].first = &f->second;
      if (!ts[i].stem.empty() && ts[i].stem != ts[i].surface)
        if (auto f = index.find(ts[i].stem); f != index.end()) matches[i].second = &f->second;
    }
    auto has = [](const Entries& v, std::pair<int, int> e) { return std::find(v.begin(), v.end(), e) != v.end(); };
    auto fills = [&](std::size_t i, int cue, int pos) {
      return has(*matches[i].first, {cue, pos}) || has(*matches[i].second, {cue, pos});
    };
    std::vector<CueHit> out;
    Entries token;  // the token's pairs: its surface's, then those only its stem gives
    for (std::size_t i = 0; i < ts.size(); ++i) {
      token.assign(matches[i].first->begin(), matches[i].first->end());
      for (auto m : *matches[i].second)
        if (!has(*matches[i].first, m)) token.push_back(m);
      for (auto [c, pos] : token) {
        if (pos != 0) continue;
        const Cue& cue = cues[static_cast<std::size_t>(c)];
        std::vector<std::size_t> used{i};
        bool ok = true;
        if (!cue.near) {
          std::size_t j = i;
          for (std::size_t p = 1; p < cue.words.size() && ok; ++p) {
            ok = false;
            for (std::size_t k = j + 1; k < ts.size() && k <= j + 1 + static_cast<std::size_t>(phrase_gap); ++k) {
              if (ts[k].clause != ts[i].clause) break;
              if (fills(k, c, static_cast<int>(p))) {
                j = k;
                used.push_back(k);
                ok = true;
                break;
              }
            }
          }
        } else {
          std::size_t lo = i >= static_cast<std::size_t>(cue.window) ? i - static_cast<std::size_t>(cue.window) : 0;
          std::size_t hi = std::min(ts.size() - 1, i + static_cast<std::size_t>(cue.window));
          for (std::size_t p = 1; p < cue.words.size() && ok; ++p) {
            ok = false;
            for (std::size_t k = lo; k <= hi; ++k) {
              if (k == i || ts[k].clause != ts[i].clause) continue;
              if (fills(k, c, static_cast<int>(p))) {
                used.push_back(k);
                ok = true;
                break;
              }
            }
          }
        }
        if (!ok) continue;
        std::sort(used.begin(), used.end());
        CueHit h;
        h.conduct = conducts[static_cast<std::size_t>(cue.conduct)];
        h.cue = cue.text;
        h.negated = negated(ts, used.front());
        if (cue.near) {
          // Each word of a near cue is its own span: the words between did not trigger it.
          for (auto k : used) {
            CueHit part = h;
            auto [b, e] = n.to_input(ts[k].begin, ts[k].end);
            part.span = {b, e};
            out.push_back(part);
            if (cue_of_hit) cue_of_hit->push_back(c);
          }
        } else {
          auto [b, e] = n.to_input(ts[used.front()].begin, ts[used.back()].end);
          h.span = {b, e};
          out.push_back(h);
          if (cue_of_hit) cue_of_hit->push_back(c);
        }
      }
    }
    return out;
  }
};

Classifier::Classifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;
Classifier::~Classifier() = default;

double Classifier::threshold() const { return impl_->threshold; }
std::vector<std::string> Classifier::conducts() const { return impl_->conducts; }

Result<Classifier> Classifier::load(const std::filesystem::path& cues_file) {
  std::ifstream f(cues_file, std::ios::binary);
  if (!f) return fail(ErrorCode::cues_unreadable, {}, {}, cues_file.string() + ": cannot read");
  std::ostringstream s;
  s << f.rdbuf();
  return parse(s.str(), cues_file.string());
}

Result<Classifier> Classifier::parse(std::string_view toml_text, std::string_view name) {
  auto where = [&](const toml::node* n, const std::string& field) {
    std::string s(name);
    if (n) s += ":" + std::to_string(n->source().begin.line);
    return s + ": " + field + ": ";
  };
  toml::table t;
  try {
    t = toml::parse(toml_text, name);
  } catch (const toml::parse_error& e) {
    return fail(ErrorCode::cues_invalid, {}, {},
                std::string(name) + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  auto impl = std::make_unique<Impl>();
  impl->threshold = t["threshold"].value_or(0.5);
  impl->phrase_gap = t["phrase_gap"].value_or(1);
  impl->negation_window = t["negation_window"].value_or(3);
  if (impl->threshold <= 0 || impl->threshold > 1)
    return fail(ErrorCode::cues_invalid, {}, "threshold", where(t.get("threshold"), "threshold") + "must be in (0, 1]");
  auto words = [&](std::string_view key, StringSet& into) {
    if (auto* a = t.get_as<toml::array>(key))
      for (auto& e : *a)
        if (auto s = e.value<std::string>()) into.insert(normalize(*s).text);
  };
  words("negators", impl->negators);
  words("prohibition_before", impl->prohibition_before);
  words("prohibition_after", impl->prohibition_after);
  double strong = t["strong_weight"].value_or(0.6);
  double weak = t["weak_weight"].value_or(0.25);

  auto* conducts = t.get_as<toml::array>("conduct");
  if (!conducts) return fail(ErrorCode::cues_invalid, {}, "conduct", std::string(name) + ": no [[conduct]] tables");
  for (auto& node : *conducts) {
    auto* ct = node.as_table();
    if (!ct) continue;
    auto id = (*ct)["id"].value<std::string>();
    if (!id || id->empty()) return fail(ErrorCode::cues_invalid, {}, "conduct.id", where(ct, "conduct.id") + "missing");
    int ci = static_cast<int>(impl->conducts.size());
    impl->conducts.push_back(*id);
    auto add_cue = [&](const toml::node& n, std::string text, double weight, bool near, int window) -> Result<void> {
      Cue c;
      c.conduct = ci;
      c.text = text;
      c.words = split(normalize(text).text);
      c.weight = weight;
      c.near = near;
      c.window = window;
      if (c.words.empty()) return fail(ErrorCode::cues_invalid, {}, "cue", where(&n, *id) + "empty cue");
      if (weight <= 0 || weight > 1)
        return fail(ErrorCode::cues_invalid, {}, "weight", where(&n, *id) + "weight must be in (0, 1]");
      int cue_index = static_cast<int>(impl->cues.size());
      for (std::size_t p = 0; p < c.words.size(); ++p) {
        impl->add_index(c.words[p], cue_index, static_cast<int>(p));
        impl->add_index(stem(c.words[p]), cue_index, static_cast<int>(p));
      }
      impl->cues.push_back(std::move(c));
      return {};
    };
    for (auto [key, weight] : {std::pair{"strong", strong}, std::pair{"weak", weak}}) {
      if (auto* a = ct->get_as<toml::array>(key)) {
        for (auto& e : *a) {
          auto s = e.value<std::string>();
          if (!s) return fail(ErrorCode::cues_invalid, {}, key, where(&e, *id + "." + key) + "must be strings");
          if (auto r = add_cue(e, *s, weight, false, 0); !r) return std::unexpected(r.error());
        }
      }
    }
    if (auto* a = ct->get_as<toml::array>("near")) {
      for (auto& e : *a) {
        auto* nt = e.as_table();
        auto all = nt ? nt->get_as<toml::array>("all") : nullptr;
        if (!all) return fail(ErrorCode::cues_invalid, {}, "near", where(&e, *id + ".near") + "needs all = [...]");
        std::string text;
        for (auto& w : *all) text += (text.empty() ? "" : " ") + w.value_or(std::string());
        int window = (*nt)["window"].value_or(6);
        double weight = (*nt)["weight"].value_or(strong);
        if (auto r = add_cue(e, text, weight, true, window); !r) return std::unexpected(r.error());
      }
    }
  }
  return Classifier(std::move(impl));
}

std::vector<CueHit> Classifier::explain(std::string_view text) const {
  return impl_->hits(text, normalize(text), nullptr);
}

std::vector<Label> Classifier::classify(std::string_view text, const ClassifyOptions& options) const {
  return classify(text, normalize(text), options);
}

std::vector<Label> Classifier::classify(std::string_view text, const Normalized& normalized,
                                        const ClassifyOptions& options) const {
  std::vector<int> cue_of_hit;
  auto hits = impl_->hits(text, normalized, &cue_of_hit);
  const double threshold = options.threshold >= 0 ? options.threshold : impl_->threshold;
  std::map<std::string, std::set<int>> cues_by_conduct;
  std::map<std::string, std::vector<Span>> spans;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (hits[i].negated) continue;
    cues_by_conduct[hits[i].conduct].insert(cue_of_hit[i]);
    spans[hits[i].conduct].push_back(hits[i].span);
  }
  std::vector<Label> out;
  for (auto& [conduct, cues] : cues_by_conduct) {
    double keep = 1;
    for (int c : cues) keep *= 1 - impl_->cues[static_cast<std::size_t>(c)].weight;
    double score = std::round((1 - keep) * 1000) / 1000;
    if (score < threshold) continue;
    auto& sp = spans[conduct];
    std::sort(sp.begin(), sp.end());
    std::vector<Span> merged;
    for (auto& s : sp) {
      if (!merged.empty() && s.first <= merged.back().second)
        merged.back().second = std::max(merged.back().second, s.second);
      else
        merged.push_back(s);
    }
    out.push_back({conduct, score, std::move(merged)});
  }
  std::sort(out.begin(), out.end(), [](const Label& a, const Label& b) {
    return a.score != b.score ? a.score > b.score : a.conduct < b.conduct;
  });
  return out;
}

}  // namespace netral::text
