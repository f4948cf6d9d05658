// Loads the legal clocks (data/clocks.toml) and the working-day calendar
// (data/calendar/id-YYYY.toml), see docs/workflow.md "Clocks".
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/result.hpp"

namespace netral::app {

struct ClockSet {
  std::vector<ClockRule> rules;
  WorkCalendar calendar;
  int utc_offset_hours = 7;
  const ClockRule* find(std::string_view id) const;
  // Rules started / stopped by a workflow event.
  std::vector<const ClockRule*> started_by(std::string_view event) const;
  std::vector<const ClockRule*> stopped_by(std::string_view event) const;
  // The end of the due day of `rule` started at `t`.
  Timestamp due_at(const ClockRule& rule, Timestamp t) const;
};

// Reads <data_dir>/clocks.toml and every <data_dir>/calendar/*.toml. Unknown keys, bad
// dates, negative days and duplicate ids are errors ("clocks_invalid", detail
// "<file>:<line>: <problem>").
Result<ClockSet> load_clocks(const std::filesystem::path& data_dir);

}  // namespace netral::app
