// Screening of social-media posts against an election's lexicon: the API an app
// service (the collector push endpoint, the reviewer queue) and the CLI both call.
// Pure: no I/O. A Screener is immutable and shared by threads; each thread screens
// with its own Worker.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"
#include "screen/lexicon.hpp"
#include "screen/literal_db.hpp"
#include "screen/matcher.hpp"
#include "screen/prefilter.hpp"
#include "text/classify.hpp"

namespace netral::screen {

// PostKind and Stance are core's (core/model.hpp): the store keeps them too.
using netral::PostKind;
using netral::post_kind_from_string;
using netral::Stance;

// One item of a staff member's social-media activity, as a collector delivers it.
struct Post {
  std::string platform;      // "facebook", "instagram", "x", "tiktok" ...
  std::string account;       // the staff member's handle on that platform
  std::string post_id;
  std::string url;
  std::string time;          // as delivered (ISO 8601 expected), not interpreted here
  PostKind kind = PostKind::post;
  std::string text;          // what the account wrote (empty for a bare like/follow)
  std::string context_text;  // what was shared, liked, commented on or followed
};

enum class Field : std::uint8_t { text, context_text };
std::string_view to_string(Field f);

struct Span {
  Field field = Field::text;
  std::uint32_t start = 0;  // byte range in the post's original field
  std::uint32_t end = 0;
  std::string term;         // the lexicon term as written in its source file
};

struct Flag {
  std::string post_id;
  std::string account;
  std::optional<std::string> employee;  // NIP (or NI PPPK) of the account's owner, when known
  int candidate = 0;                    // nomor urut; 0 when the post points to a party only
  Stance stance = Stance::for_candidate;
  std::vector<std::string> conduct;     // conduct category ids (docs/domain.md)
  double score = 0;                     // 0..1, higher is stronger evidence
  std::vector<Span> spans;
};

// Staff accounts -> employee. Handles compare without a leading '@' and without case.
class AccountDirectory {
 public:
  void add(std::string_view platform, std::string_view handle, std::string nip);
  const std::string* find(std::string_view platform, std::string_view handle) const;
  std::size_t size() const { return map_.size(); }

 private:
  static std::string key(std::string_view platform, std::string_view handle);
  std::unordered_map<std::string, std::string> map_;
};

class Screener {
 public:
  // Thread-local working memory: Vectorscan scratch and reusable buffers.
  class Worker {
   public:
    Worker(Worker&&) noexcept = default;
    Worker& operator=(Worker&&) noexcept = default;

   private:
    friend class Screener;
    Worker(Matcher::Scratch s, std::optional<Prefilter::Scratch> p) : scratch(std::move(s)), pre(std::move(p)) {}
    Matcher::Scratch scratch;
    std::optional<Prefilter::Scratch> pre;
    std::vector<Hit> hits;
  };

  // `classifier` (the catalogue's conduct classifier, issue 4) labels the conduct of each
  // flagged post; without it, conduct comes from the lexicon's cue categories only.
  // `shortcut` skips, without normalising, the posts that cannot raise a flag (prefilter.hpp);
  // off only to check that it changes nothing. `cache` (may be null) keeps the compiled
  // Vectorscan databases between runs (literal_db.hpp); it is used during create only.
  static Result<std::unique_ptr<Screener>> create(Lexicon lexicon, AccountDirectory accounts = {},
                                                  std::unique_ptr<text::Classifier> classifier = nullptr,
                                                  bool shortcut = true, DatabaseCache* cache = nullptr);

  Worker make_worker() const {
    return Worker(matcher_->make_scratch(),
                  prefilter_ ? std::optional<Prefilter::Scratch>(prefilter_->make_scratch()) : std::nullopt);
  }
  // The flag the post raises, or nothing when it raises nothing. `prefiltered`: the caller
  // has already asked may_flag_json of this post and been told yes.
  std::optional<Flag> screen(const Post& post, Worker& worker, bool prefiltered = false) const;
  // For the posts whose text and context_text are given as JSON string bodies (as written,
  // escapes not decoded: JsonPostView), two per post: pass[i] is false only when post i
  // certainly raises nothing. The feed's hot path asks this of a whole chunk before
  // decoding any post.
  void may_flag_json(std::span<const std::string_view> bodies, Worker& worker, std::vector<char>& pass) const;
  // Convenience for an app service screening a pushed batch: flags in input order.
  std::vector<Flag> screen_batch(std::span<const Post> posts) const;

  const Lexicon& lexicon() const { return lexicon_; }
  const AccountDirectory& accounts() const { return accounts_; }

 private:
  Screener() = default;
  Lexicon lexicon_;
  AccountDirectory accounts_;
  MatcherPtr matcher_;
  PrefilterPtr prefilter_;
  std::unique_ptr<text::Classifier> classifier_;
};

using ScreenerPtr = std::unique_ptr<Screener>;

}  // namespace netral::screen
