// The labelled data of screening (docs/screening.md, "Labelled data"): every reviewed flag
// as one JSON line, for measuring precision and tuning the lexicon outside the application.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "store/screening_repo.hpp"

namespace netral::app {

// One line of the labelled data (reviewed.jsonl): a reviewed flag, without the employee's
// name or NIP and without the reviewer.
std::string reviewed_flag_json(const store::FlagRow& f);

class ScreeningExport {
 public:
  explicit ScreeningExport(Context& ctx) : ctx_(ctx) {}
  // Analyst, verifier or admin (reviews_flags): every reviewed (dismissed or confirmed) flag
  // the user may see, in id order, one line each (reviewed_flag_json) handed to `line`; read
  // from the database in pages. Audited as screening.export_reviewed. Returns the number of
  // lines. Errors: "forbidden".
  Result<long long> export_reviewed(const Principal& p, const std::function<void(std::string_view)>& line);

 private:
  Context& ctx_;
};

}  // namespace netral::app
