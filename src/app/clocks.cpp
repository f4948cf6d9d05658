#include "app/clocks.hpp"

#include <algorithm>
#include <set>
#include <toml++/toml.h>

#include "core/identifiers.hpp"

namespace netral::app {
namespace {

namespace fs = std::filesystem;

std::string at(const fs::path& file, const toml::node& n) {
  return file.string() + ":" + std::to_string(n.source().begin.line);
}

Result<void> unknown_keys(const toml::table& t, const std::set<std::string>& known, const fs::path& file) {
  for (const auto& [k, v] : t)
    if (!known.count(std::string(k.str())))
      return fail(ErrorCode::clocks_invalid, {}, {}, at(file, v) + ": unknown key " + std::string(k.str()));
  return {};
}

Result<void> load_calendar_file(const fs::path& file, WorkCalendar& cal) {
  toml::table t;
  try {
    t = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return fail(ErrorCode::clocks_invalid, {}, {},
                file.string() + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  if (auto r = unknown_keys(t, {"year", "day"}, file); !r) return r;
  auto year = t["year"].value<std::int64_t>();
  if (!year || *year < 2000 || *year > 2100)
    return fail(ErrorCode::clocks_invalid, {}, {}, file.string() + ": year missing or out of range");
  cal.cover_year(static_cast<int>(*year));
  if (auto* days = t["day"].as_array()) {
    for (auto& n : *days) {
      auto* d = n.as_table();
      if (!d) return fail(ErrorCode::clocks_invalid, {}, {}, at(file, n) + ": [[day]] must be a table");
      if (auto r = unknown_keys(*d, {"date", "name", "cuti_bersama", "uncertain"}, file); !r) return r;
      auto date = (*d)["date"].value<std::string>();
      auto parsed = date ? parse_iso_date(*date) : Result<Date>(fail(ErrorCode::invalid_date));
      if (!parsed) return fail(ErrorCode::clocks_invalid, {}, {}, at(file, n) + ": bad or missing date");
      if (parsed->year != *year)
        return fail(ErrorCode::clocks_invalid, {}, {}, at(file, n) + ": " + *date + " is not in " + std::to_string(*year));
      Holiday h;
      h.day = days_from_civil(*parsed);
      h.name = (*d)["name"].value_or(std::string());
      h.collective_leave = (*d)["cuti_bersama"].value_or(false);
      h.uncertain = (*d)["uncertain"].value_or(false);
      if (cal.holiday(h.day))
        return fail(ErrorCode::clocks_invalid, {}, {}, at(file, n) + ": " + *date + " listed twice");
      cal.add(std::move(h));
    }
  }
  return {};
}

}  // namespace

const ClockRule* ClockSet::find(std::string_view id) const {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<const ClockRule*> ClockSet::started_by(std::string_view event) const {
  std::vector<const ClockRule*> out;
  for (const auto& r : rules)
    if (r.start_event == event && r.id != "reporting_window") out.push_back(&r);
  return out;
}

std::vector<const ClockRule*> ClockSet::stopped_by(std::string_view event) const {
  std::vector<const ClockRule*> out;
  for (const auto& r : rules)
    if (std::find(r.stop_events.begin(), r.stop_events.end(), event) != r.stop_events.end()) out.push_back(&r);
  return out;
}

Timestamp ClockSet::due_at(const ClockRule& rule, Timestamp t) const {
  return end_of_local_day(due_day(rule, local_day(t, utc_offset_hours), calendar), utc_offset_hours);
}

Result<ClockSet> load_clocks(const fs::path& data_dir) {
  ClockSet out;
  const fs::path file = data_dir / "clocks.toml";
  toml::table t;
  try {
    t = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return fail(ErrorCode::clocks_invalid, {}, {},
                file.string() + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  if (auto r = unknown_keys(t, {"utc_offset_hours", "clock"}, file); !r) return std::unexpected(r.error());
  out.utc_offset_hours = static_cast<int>(t["utc_offset_hours"].value_or<std::int64_t>(7));
  if (out.utc_offset_hours < -12 || out.utc_offset_hours > 14)
    return fail(ErrorCode::clocks_invalid, {}, {}, file.string() + ": utc_offset_hours out of range");
  auto* clocks = t["clock"].as_array();
  if (!clocks || clocks->empty())
    return fail(ErrorCode::clocks_invalid, {}, {}, file.string() + ": no [[clock]]");
  for (auto& n : *clocks) {
    auto* c = n.as_table();
    if (!c) return fail(ErrorCode::clocks_invalid, {}, {}, at(file, n) + ": [[clock]] must be a table");
    if (auto r = unknown_keys(*c, {"id", "days", "working_days", "start", "stop", "escalate_to", "source", "uncertain"}, file); !r)
      return std::unexpected(r.error());
    ClockRule rule;
    rule.id = (*c)["id"].value_or(std::string());
    auto days = (*c)["days"].value<std::int64_t>();
    rule.start_event = (*c)["start"].value_or(std::string());
    if (rule.id.empty() || !days || *days < 0 || *days > 365 || rule.start_event.empty())
      return fail(ErrorCode::clocks_invalid, {}, {}, at(file, n) + ": id, days (0-365) and start are required");
    if (out.find(rule.id)) return fail(ErrorCode::clocks_invalid, {}, {}, at(file, n) + ": duplicate id " + rule.id);
    rule.days = static_cast<int>(*days);
    rule.working_days = (*c)["working_days"].value_or(false);
    if (auto* stops = (*c)["stop"].as_array())
      for (auto& s : *stops)
        if (auto v = s.value<std::string>()) rule.stop_events.push_back(*v);
    if (rule.stop_events.empty())
      return fail(ErrorCode::clocks_invalid, {}, {}, at(file, n) + ": stop must list at least one event");
    rule.escalate_to = (*c)["escalate_to"].value_or(std::string("admin"));
    if (!role_from_string(rule.escalate_to))
      return fail(ErrorCode::clocks_invalid, {}, {}, at(file, n) + ": unknown role " + rule.escalate_to);
    rule.source = (*c)["source"].value_or(std::string());
    rule.uncertain = (*c)["uncertain"].value_or(false);
    out.rules.push_back(std::move(rule));
  }
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto& e : fs::directory_iterator(data_dir / "calendar", ec))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files)
    if (auto r = load_calendar_file(f, out.calendar); !r) return std::unexpected(r.error());
  return out;
}

}  // namespace netral::app
