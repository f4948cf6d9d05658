// How well the circular importer reads real texts (docs/catalog.md, "How well it reads"):
// a corpus of texts with hand-checked drafts (data/eval/circulars/{dev,heldout}/NAME.txt
// and NAME.expected.json), compared item by item. Pure apart from reading the corpus.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "text/circular.hpp"

namespace netral::text {

// Two item texts are the same item when their word sets overlap this much (F1 of the
// lowercase word sets): a draft may keep or drop "Dilarang", a trailing clause, a typo.
inline constexpr double kItemMatch = 0.7;

double word_overlap(std::string_view a, std::string_view b);

struct Counts {
  int files = 0;
  int expected = 0, predicted = 0, matched = 0;           // items
  int c_tp = 0, c_fp = 0, c_fn = 0;                        // conduct ids, every item counted
  int m_tp = 0, m_fp = 0, m_fn = 0;                        // conduct ids of matched items only
  int number_ok = 0, date_ok = 0, region_ok = 0, signer_ok = 0;
  int empty_expected = 0, empty_ok = 0;                    // texts without prohibitions
  double item_precision() const;
  double item_recall() const;
  double item_f1() const;
  double conduct_f1() const;  // end to end: a missed item's conduct ids are missed too
  double matched_conduct_f1() const;
};

struct FileResult {
  std::string split, name;
  Counts counts;
  std::vector<std::string> misses;  // "missed: ...", "extra: ...", "number: want X got Y"
};

struct Evaluation {
  Counts dev, heldout;
  std::vector<FileResult> files;
};

// Reads every split directory of `corpus` ("dev", "heldout"). Errors: file_unreadable,
// invalid_file (an expected draft that is not the documented JSON).
Result<Evaluation> evaluate_circulars(const std::filesystem::path& corpus, const Classifier* classifier,
                                      const RegionIndex* regions);

// The evaluation as the table docs/catalog.md quotes; with `explain`, every miss of a
// development file (never of a held-out one).
std::string format_evaluation(const Evaluation& e, bool explain);

}  // namespace netral::text
