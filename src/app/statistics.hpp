// Figures for one instansi: cases per workflow state (where they wait: verification, the
// examiners, the PPK, execution) and the conduct categories the staff confirmed, which
// are what statistics count (the reporter's ticks and the classifier's suggestions never
// are).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "core/result.hpp"

namespace netral::app {

struct Statistics {
  long long total = 0;                                    // every case of the instansi but merged duplicates
  long long merged = 0;                                   // duplicates merged into another case (not in total)
  std::vector<std::pair<CaseStatus, long long>> by_status;  // workflow order, zeros included
  long long confirmed_cases = 0;                          // cases whose conduct staff confirmed
  std::vector<std::pair<std::string, long long>> by_conduct;  // conduct id -> confirmed cases, by id
};

// For the roles that see every case of their instansi (admin, verifier, examiner, PPK
// office); others get "forbidden": a unit head's or liaison's partial view would mislead.
Result<Statistics> statistics(Context& ctx, const Principal& p);

}  // namespace netral::app
