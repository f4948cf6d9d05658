#include "core/calendar.hpp"

#include <algorithm>

namespace netral {

bool WorkCalendar::covers(int year) const { return std::find(years_.begin(), years_.end(), year) != years_.end(); }

bool WorkCalendar::is_weekend(long day) {
  // 1970-01-01 was a Thursday: (day + 4) % 7 gives 0 = Sunday ... 6 = Saturday.
  const long wd = ((day % 7) + 7 + 4) % 7;
  return wd == 0 || wd == 6;
}

const Holiday* WorkCalendar::holiday(long day) const {
  auto it = holidays_.find(day);
  return it == holidays_.end() ? nullptr : &it->second;
}

long WorkCalendar::add_working_days(long start, int n) const {
  long d = start;
  for (int left = n; left > 0;) {
    ++d;
    if (is_working_day(d)) --left;
  }
  return d;
}

int WorkCalendar::working_days_between(long from, long to) const {
  if (to < from) return -working_days_between(to, from);
  int n = 0;
  for (long d = from + 1; d <= to; ++d)
    if (is_working_day(d)) ++n;
  return n;
}

long due_day(const ClockRule& rule, long start_day, const WorkCalendar& cal) {
  if (rule.working_days) return cal.add_working_days(start_day, rule.days);
  return start_day + rule.days;
}

long local_day(Timestamp t, int utc_offset_hours) {
  const Timestamp local = t + static_cast<Timestamp>(utc_offset_hours) * 3600;
  return static_cast<long>(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

Timestamp end_of_local_day(long day, int utc_offset_hours) {
  return static_cast<Timestamp>(day + 1) * 86400 - static_cast<Timestamp>(utc_offset_hours) * 3600 - 1;
}

}  // namespace netral
