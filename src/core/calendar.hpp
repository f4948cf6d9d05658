// Working-day arithmetic for the legal clocks (docs/workflow.md, "Clocks"). A calendar is
// the weekend plus dated non-working days (national holidays and cuti bersama) loaded
// from data/calendar/*.toml by app/clock_loader. Pure; dates are days since 1970-01-01.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/identifiers.hpp"
#include "core/model.hpp"

namespace netral {

struct Holiday {
  long day = 0;          // days since 1970-01-01
  std::string name;
  bool collective_leave = false;  // cuti bersama rather than a national holiday
  bool uncertain = false;         // date not confirmed by the decree (see the data file)
};

class WorkCalendar {
 public:
  WorkCalendar() = default;
  void add(Holiday h) { holidays_[h.day] = std::move(h); }
  // Years the calendar has data for; working days outside them count weekends only.
  void cover_year(int year) { years_.push_back(year); }
  bool covers(int year) const;

  static bool is_weekend(long day);  // Saturday or Sunday
  const Holiday* holiday(long day) const;
  bool is_working_day(long day) const { return !is_weekend(day) && !holiday(day); }

  // The day `n` working days after `start` (start itself not counted). n == 0 gives `start`.
  long add_working_days(long start, int n) const;
  // Working days in (from, to]: how many working days have passed from `from` to `to`.
  int working_days_between(long from, long to) const;

 private:
  std::map<long, Holiday> holidays_;
  std::vector<int> years_;
};

// A deadline rule (data/clocks.toml): `days` calendar or working days after the day its
// start event happened; stopped by any of its stop events.
struct ClockRule {
  std::string id;            // "verification"
  int days = 0;
  bool working_days = false;
  std::string start_event;   // a workflow event name ("received", "accept", ...)
  std::vector<std::string> stop_events;
  std::string escalate_to;   // role that is told when the clock runs out ("admin", "ppk_office")
  bool uncertain = false;    // the source is not a primary text (domain.md)
  std::string source;
};

// The due day of a rule started on `start_day`. Calendar days: start + days (a weekend or
// holiday counts like any day). Working days: the `days`-th working day after start.
long due_day(const ClockRule& rule, long start_day, const WorkCalendar& cal);

// Local (WIB, UTC+7) day of a timestamp: deadlines count in the offices' time zone.
long local_day(Timestamp t, int utc_offset_hours = 7);
// The last second of a local day: a deadline on day D runs out when D ends.
Timestamp end_of_local_day(long day, int utc_offset_hours = 7);

}  // namespace netral
