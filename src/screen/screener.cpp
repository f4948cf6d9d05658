#include "screen/screener.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "text/normalize.hpp"

namespace netral::screen {

std::string_view to_string(Field f) { return f == Field::text ? "text" : "context_text"; }

std::string AccountDirectory::key(std::string_view platform, std::string_view handle) {
  if (!handle.empty() && handle.front() == '@') handle.remove_prefix(1);
  std::string k;
  k.reserve(platform.size() + handle.size() + 1);
  for (char c : platform) k += char(std::tolower(static_cast<unsigned char>(c)));
  k += '\x1f';
  for (char c : handle) k += char(std::tolower(static_cast<unsigned char>(c)));
  return k;
}

void AccountDirectory::add(std::string_view platform, std::string_view handle, std::string nip) {
  map_[key(platform, handle)] = std::move(nip);
}

const std::string* AccountDirectory::find(std::string_view platform, std::string_view handle) const {
  auto it = map_.find(key(platform, handle));
  return it == map_.end() ? nullptr : &it->second;
}

Result<std::unique_ptr<Screener>> Screener::create(Lexicon lexicon, AccountDirectory accounts,
                                                   std::unique_ptr<text::Classifier> classifier, bool shortcut,
                                                   DatabaseCache* cache) {
  auto m = Matcher::compile(lexicon, cache);
  if (!m) return std::unexpected(m.error());
  std::unique_ptr<Screener> s(new Screener());
  if (shortcut) {
    auto p = Prefilter::compile(lexicon, cache);
    if (!p) return std::unexpected(p.error());
    s->prefilter_ = std::move(*p);
  }
  s->lexicon_ = std::move(lexicon);
  s->accounts_ = std::move(accounts);
  s->matcher_ = std::move(*m);
  s->classifier_ = std::move(classifier);
  return s;
}

namespace {

// Distances are in bytes of normalised text: about eight words either side.
constexpr std::uint32_t kContextWindow = 64;
// A negation counts when it ends at most this far before the cue ("tidak terlalu mendukung").
constexpr std::uint32_t kNegationWindow = 14;
constexpr double kFlagThreshold = 0.75;

struct Match {
  Field field;
  std::uint32_t start, end;      // normalised-text coordinates, for proximity
  std::uint32_t in_start, in_end; // input coordinates, for the report
  const Term* term;
  bool live = true;              // false when a longer match covers it
  bool resolved = false;         // for references: counts as pointing to its candidate
};

std::uint32_t distance(const Match& a, const Match& b) {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

bool is_ref(const Term& t) { return t.role == TermRole::candidate || (t.role == TermRole::party); }

struct Tally {
  double ref = 0, for_ = 0, against = 0;
  std::vector<const Match*> evidence;
};

}  // namespace

void Screener::may_flag_json(std::span<const std::string_view> bodies, Worker& w, std::vector<char>& pass) const {
  if (!prefilter_ || !w.pre) {
    pass.assign(bodies.size() / 2, 1);
    return;
  }
  prefilter_->may_flag_json(bodies, 2, *w.pre, pass);
}

std::optional<Flag> Screener::screen(const Post& post, Worker& w, bool prefiltered) const {
  if (!prefiltered && prefilter_ && w.pre && !prefilter_->may_flag(post.text, *w.pre) &&
      !prefilter_->may_flag(post.context_text, *w.pre))
    return std::nullopt;
  std::vector<Match> ms;
  const std::string* fields[2] = {&post.text, &post.context_text};
  text::Normalized norms[2];  // kept for the classifier
  for (int f = 0; f < 2; ++f) {
    const std::string& raw = *fields[f];
    if (raw.empty()) continue;
    norms[f] = text::normalize(raw);
    const text::Normalized& norm = norms[f];
    w.hits.clear();
    matcher_->scan_normalized(norm.text, w.scratch, w.hits);
    for (const Hit& h : w.hits) {
      auto [a, b] = norm.to_input(h.start, h.end);
      ms.push_back(Match{Field(f), h.start, h.end, a, b, &lexicon_.terms[h.term]});
    }
    w.hits.clear();
    matcher_->scan_raw(raw, w.scratch, w.hits);
    for (const Hit& h : w.hits) {
      // Place the emoji among the normalised words for proximity checks.
      auto pos = std::uint32_t(std::lower_bound(norm.origin.begin(), norm.origin.end(), h.start) - norm.origin.begin());
      pos = std::min<std::uint32_t>(pos, std::uint32_t(norm.text.size()));
      ms.push_back(Match{Field(f), pos, pos, h.start, h.end, &lexicon_.terms[h.term]});
    }
  }
  if (ms.empty()) return std::nullopt;

  // A longer match hides the matches inside it ("hak pilih" hides "pilih", "salam dua
  // jari" hides "dua jari"), except that a reference never hides a cue: "coblos 2" is
  // both the pair's number and a call to vote.
  for (auto& a : ms) {
    if (a.term->raw) continue;
    for (const auto& b : ms) {
      if (&a == &b || b.field != a.field || b.term->raw) continue;
      bool covers = b.start <= a.start && b.end >= a.end && (b.end - b.start) > (a.end - a.start);
      if (!covers) continue;
      if (is_ref(*b.term) && a.term->role == TermRole::cue) continue;
      a.live = false;
      break;
    }
  }

  // References: strong ones count as they are; ambiguous ones need an election cue or a
  // strong reference to the same pair nearby.
  for (auto& a : ms) {
    if (!a.live || !is_ref(*a.term)) continue;
    if (!a.term->ambiguous) {
      a.resolved = true;
      continue;
    }
    for (const auto& b : ms) {
      if (&a == &b || !b.live || b.field != a.field || distance(a, b) > kContextWindow) continue;
      bool context_cue = b.term->role == TermRole::cue && b.term->context;
      bool same_pair = is_ref(*b.term) && !b.term->ambiguous && b.term->candidate != 0 &&
                       b.term->candidate == a.term->candidate;
      if (context_cue || same_pair) {
        a.resolved = true;
        break;
      }
    }
  }

  const bool comment = post.kind == PostKind::comment;
  const bool endorse_context = post.kind == PostKind::like || post.kind == PostKind::follow;
  bool approval_in_text = false;
  for (const auto& m : ms)
    if (m.live && m.field == Field::text && m.term->role == TermRole::cue && m.term->cue == CueKind::approval)
      approval_in_text = true;

  std::map<int, Tally> tally;
  const Match* party_ref_without_pair = nullptr;
  for (const auto& m : ms) {
    if (!m.resolved) continue;
    if (m.term->candidate == 0) {  // a party supporting no pair in this election
      party_ref_without_pair = &m;
      continue;
    }
    Tally& t = tally[m.term->candidate];
    t.ref += m.term->ambiguous ? 0.5 : (m.term->role == TermRole::party ? 0.5 : 1.0);
    t.evidence.push_back(&m);
    if (m.term->campaign) t.for_ += 1.0;
    // Following a pair's account is prohibited in itself; a like needs more, since
    // people also like news that names a candidate.
    if (endorse_context && m.field == Field::context_text) t.for_ += post.kind == PostKind::follow ? 1.0 : 0.5;
  }
  auto negated = [&](const Match& m) -> const Match* {
    for (const auto& n : ms)
      if (n.live && n.field == m.field && n.term->role == TermRole::cue && n.term->cue == CueKind::negation &&
          n.end <= m.start && m.start - n.end <= kNegationWindow)
        return &n;
    return nullptr;
  };
  // "bukan Hendra", "asal bukan Hendra", "tolak 02": a reference right after a negation
  // or an against cue is a status against that pair. Only the word just before counts:
  // "bukan timses Hendra" denies the role, not the pair.
  for (const auto& m : ms)
    if (m.resolved && m.term->candidate != 0)
      for (const auto& n : ms)
        if (n.live && n.field == m.field && n.term->role == TermRole::cue &&
            (n.term->cue == CueKind::negation || n.term->cue == CueKind::against) && n.end <= m.start &&
            m.start - n.end <= 1) {
          tally[m.term->candidate].against += 1.0;
          tally[m.term->candidate].evidence.push_back(&n);
          break;
        }

  int best_overall = 0;
  double best_ref = 0;
  for (auto& [c, t] : tally)
    if (t.ref > best_ref) best_ref = t.ref, best_overall = c;

  double neutral = 0;
  std::vector<const Match*> conduct_evidence;
  std::vector<std::string> conducts;
  for (const auto& m : ms) {
    if (!m.live || m.term->role != TermRole::cue) continue;
    const Term& t = *m.term;
    if (t.cue == CueKind::neutral) {
      neutral += 1;
      continue;
    }
    if (t.cue != CueKind::support && t.cue != CueKind::against && t.cue != CueKind::conduct) continue;
    // In a comment, the stance (and conduct) of the post commented on is the commenter's
    // only when the comment agrees with it ("setuju!", "mantap").
    if (comment && m.field == Field::context_text && !approval_in_text) continue;
    if (t.cue == CueKind::conduct) {
      // "bukan timses": a denied conduct is no evidence.
      if (negated(m)) continue;
      conduct_evidence.push_back(&m);
      if (std::find(conducts.begin(), conducts.end(), t.conduct) == conducts.end()) conducts.push_back(t.conduct);
    }
    // The cue goes to the nearest pair named in the same field, else to the pair the
    // post names most.
    int target = 0;
    std::uint32_t best_d = UINT32_MAX;
    for (const auto& r : ms)
      if (r.resolved && r.term->candidate != 0 && r.field == m.field && distance(m, r) < best_d)
        best_d = distance(m, r), target = r.term->candidate;
    if (!target) target = best_overall;
    if (!target) continue;
    Tally& tl = tally[target];
    if (t.cue == CueKind::conduct) {
      // Campaign conduct beside a pair (a banner, the success team) is a status for it.
      tl.for_ += 0.75;
      continue;
    }
    const Match* neg = negated(m);
    bool against = t.cue == CueKind::against;
    if (neg) {
      if (against) continue;  // "jangan tolak": too rare and too vague to score
      against = true;
      tl.evidence.push_back(neg);
    }
    (against ? tl.against : tl.for_) += t.weight;
    tl.evidence.push_back(&m);
  }
  for (const auto& m : ms)
    if (m.resolved && !m.term->conduct.empty() && m.term->candidate != 0 &&
        std::find(conducts.begin(), conducts.end(), m.term->conduct) == conducts.end())
      conducts.push_back(m.term->conduct);

  int chosen = 0;
  double chosen_total = 0;
  for (auto& [c, t] : tally) {
    if (t.ref <= 0) continue;
    double total = t.ref + t.for_ + t.against;
    if (total > chosen_total) chosen_total = total, chosen = c;
  }

  Flag flag;
  double evidence = 0;
  if (chosen) {
    const Tally& t = tally[chosen];
    double stance = t.for_ + t.against - 0.5 * neutral;
    if (stance < kFlagThreshold) return std::nullopt;
    flag.candidate = chosen;
    flag.stance = t.against > t.for_ ? Stance::against_candidate : Stance::for_candidate;
    evidence = t.ref + stance;
    for (const Match* m : t.evidence) flag.spans.push_back(Span{m->field, m->in_start, m->in_end, m->term->text});
  } else if (party_ref_without_pair &&
             std::find(conducts.begin(), conducts.end(), "party_membership") != conducts.end()) {
    // Party membership needs no candidate: "kader partai X" is prohibited on its own.
    flag.candidate = 0;
    evidence = 1.0;
    const Match* m = party_ref_without_pair;
    flag.spans.push_back(Span{m->field, m->in_start, m->in_end, m->term->text});
  } else {
    return std::nullopt;
  }
  for (const Match* m : conduct_evidence) flag.spans.push_back(Span{m->field, m->in_start, m->in_end, m->term->text});
  evidence += 0.25 * double(conducts.size());

  std::sort(flag.spans.begin(), flag.spans.end(), [](const Span& a, const Span& b) {
    return std::tie(a.field, a.start, a.end, a.term) < std::tie(b.field, b.start, b.end, b.term);
  });
  flag.spans.erase(std::unique(flag.spans.begin(), flag.spans.end(),
                               [](const Span& a, const Span& b) {
                                 return a.field == b.field && a.start == b.start && a.end == b.end && a.term == b.term;
                               }),
                   flag.spans.end());
  // Every flagged post is a social-media act (posting, sharing, liking, commenting,
  // following); other categories come from the cues the post carries.
  flag.conduct.push_back("social_media");
  if (classifier_) {
    // Only flagged posts (a few per cent) pay for classification. The context counts
    // where the act adopts it (share, like, follow), as for stance.
    auto add_labels = [&](const std::string& t, const text::Normalized& n) {
      if (t.empty()) return;
      for (const auto& label : classifier_->classify(t, n))
        if (std::find(conducts.begin(), conducts.end(), label.conduct) == conducts.end())
          conducts.push_back(label.conduct);
    };
    add_labels(post.text, norms[0]);
    if (post.kind != PostKind::comment && post.kind != PostKind::post) add_labels(post.context_text, norms[1]);
  }
  std::sort(conducts.begin(), conducts.end());
  for (auto& c : conducts)
    if (c != "social_media") flag.conduct.push_back(c);
  flag.score = std::round((1.0 - std::exp(-evidence / 2.5)) * 100.0) / 100.0;
  flag.post_id = post.post_id;
  flag.account = post.account;
  if (const std::string* nip = accounts_.find(post.platform, post.account)) flag.employee = *nip;
  return flag;
}

std::vector<Flag> Screener::screen_batch(std::span<const Post> posts) const {
  std::vector<Flag> out;
  Worker w = make_worker();
  for (const Post& p : posts)
    if (auto f = screen(p, w)) out.push_back(std::move(*f));
  return out;
}

}  // namespace netral::screen
