// Conduct categories attached to reports and cases (issue 4, docs/classification.md):
// - what the reporter ticked on the public form (report_conduct), as said, never changed;
// - what the staff confirmed for a case (case_conduct), the set statistics count.
// Like the other repositories, every call runs on the connection of the Tx it is given.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "store/store.hpp"

namespace netral::store {

struct CaseConduct {
  std::vector<std::string> conduct;  // sorted canonical ids; empty when confirmed as none
  bool confirmed = false;            // false: nobody has confirmed yet
  std::optional<Id> confirmed_by;    // staff user id
  std::string confirmed_by_name;     // display name, filled by the query
  Timestamp confirmed_at = 0;
};

class ConductRepo {
 public:
  virtual ~ConductRepo() = default;
  // Replaces the report's reporter-chosen categories.
  virtual void set_report_conduct(Tx& tx, Id report_id, const std::vector<std::string>& conduct) = 0;
  virtual std::vector<std::string> report_conduct(Tx& tx, Id report_id) = 0;
  // Replaces the case's confirmed set (an empty set is a confirmation of "none").
  virtual void set_case_conduct(Tx& tx, Id case_id, const std::vector<std::string>& conduct, Id user_id,
                                Timestamp now) = 0;
  virtual CaseConduct case_conduct(Tx& tx, Id case_id) = 0;
  // Confirmed cases per conduct id (of one instansi, or all), for statistics.
  virtual std::vector<std::pair<std::string, long long>> confirmed_counts(Tx& tx, std::optional<Id> instansi_id) = 0;
  // How many cases of the instansi have a staff-confirmed set (possibly empty).
  virtual long long confirmed_cases(Tx& tx, Id instansi_id) = 0;
};

}  // namespace netral::store
