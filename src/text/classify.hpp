// Classification of Indonesian text into canonical conduct categories (docs/classification.md).
//
//   auto c = netral::text::Classifier::load("data/catalog/cues.toml");   // once, at start
//   for (auto& label : c->classify(report_text)) { label.conduct, label.score, label.spans }
//
// classify() is const and thread-safe: one Classifier can serve every request thread.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "text/normalize.hpp"

namespace netral::text {

using Span = std::pair<std::uint32_t, std::uint32_t>;  // half-open byte range of the input

struct Label {
  std::string conduct;      // canonical conduct id
  double score = 0;         // 0..1; labels below the threshold are not returned
  std::vector<Span> spans;  // the words that triggered it, sorted, merged, into the input
};

// One cue occurrence, for explanations and debugging (`netral classify --explain`).
struct CueHit {
  std::string conduct;
  std::string cue;  // the cue as written in the lexicon
  Span span;
  bool negated = false;
};

struct ClassifyOptions {
  double threshold = -1;  // < 0: the lexicon's threshold
};

class Classifier {
 public:
  // Loads a cue lexicon (TOML). Errors name the file, line and field.
  static Result<Classifier> load(const std::filesystem::path& cues_file);
  // Same from text already read; `name` is used in messages.
  static Result<Classifier> parse(std::string_view toml_text, std::string_view name = "cues.toml");

  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;
  ~Classifier();

  // Labels sorted by descending score, then conduct id.
  std::vector<Label> classify(std::string_view text, const ClassifyOptions& options = {}) const;
  // The same for a text the caller has already normalised: `normalized` must be
  // normalize(text) with the default options (screening normalises every post anyway).
  std::vector<Label> classify(std::string_view text, const Normalized& normalized,
                              const ClassifyOptions& options = {}) const;
  // Every cue occurrence, negated ones included.
  std::vector<CueHit> explain(std::string_view text) const;

  double threshold() const;
  // Conduct ids the lexicon has cues for.
  std::vector<std::string> conducts() const;

 private:
  struct Impl;
  explicit Classifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace netral::text
