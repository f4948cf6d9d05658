#include "core/identifiers.hpp"

#include <cctype>
#include <cstdio>

namespace netral {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

bool is_valid_date(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = kDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
  return d <= max;
}

Result<Date> parse_iso_date(std::string_view s, std::string field) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) ||
      !all_digits(s.substr(8, 2)))
    return fail(ErrorCode::invalid_date, {}, std::move(field), std::string(s.substr(0, 32)));
  Date d{num(s.substr(0, 4)), num(s.substr(5, 2)), num(s.substr(8, 2))};
  if (!is_valid_date(d.year, d.month, d.day))
    return fail(ErrorCode::invalid_date, {}, std::move(field), std::string(s));
  return d;
}

std::string format_iso_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string format_iso_time(long long unix_seconds) {
  long long days = unix_seconds / 86400, secs = unix_seconds % 86400;
  if (secs < 0) secs += 86400, --days;
  const Date d = civil_from_days(static_cast<long>(days));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02lld:%02lld:%02lldZ", d.year, d.month, d.day, secs / 3600,
                secs / 60 % 60, secs % 60);
  return buf;
}

// Howard Hinnant's days_from_civil.
long days_from_civil(const Date& dt) {
  int y = dt.year - (dt.month <= 2);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(dt.month + (dt.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(dt.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::string strip_number(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '.' && c != '-' && c != '\t') out.push_back(c);
  return out;
}

Result<NipInfo> validate_nip(std::string_view raw, std::string field) {
  const std::string n = strip_number(raw);
  if (n.size() != 18 || !all_digits(n))
    return fail(ErrorCode::invalid_nip, "error.invalid_nip_length", std::move(field));
  NipInfo info;
  info.birth = {num(n.substr(0, 4)), num(n.substr(4, 2)), num(n.substr(6, 2))};
  if (!is_valid_date(info.birth.year, info.birth.month, info.birth.day))
    return fail(ErrorCode::invalid_nip, "error.invalid_nip_birth", std::move(field));
  info.appointment_year = num(n.substr(8, 4));
  info.appointment_month = num(n.substr(12, 2));
  if (info.appointment_month < 1 || info.appointment_month > 12 || info.appointment_year < info.birth.year + 14 ||
      info.appointment_year > 2200)
    return fail(ErrorCode::invalid_nip, "error.invalid_nip_appointment", std::move(field));
  info.sex = n[14] - '0';
  if (info.sex != 1 && info.sex != 2) return fail(ErrorCode::invalid_nip, "error.invalid_nip_sex", std::move(field));
  return info;
}

Result<NipInfo> validate_ni_pppk(std::string_view raw, std::string field) {
  const std::string n = strip_number(raw);
  if (n.size() != 18 || !all_digits(n))
    return fail(ErrorCode::invalid_nip, "error.invalid_nip_length", std::move(field));
  NipInfo info;
  info.birth = {num(n.substr(0, 4)), num(n.substr(4, 2)), num(n.substr(6, 2))};
  if (!is_valid_date(info.birth.year, info.birth.month, info.birth.day))
    return fail(ErrorCode::invalid_nip, "error.invalid_nip_birth", std::move(field));
  info.appointment_year = num(n.substr(8, 4));
  if (info.appointment_year < info.birth.year + 14 || info.appointment_year > 2200)
    return fail(ErrorCode::invalid_nip, "error.invalid_nip_appointment", std::move(field));
  return info;
}

Result<NipInfo> validate_staff_number(std::string_view n, std::string field) {
  auto nip = validate_nip(n, field);
  if (nip) return nip;
  auto pppk = validate_ni_pppk(n, field);
  if (pppk) return pppk;
  return nip;  // the PNS error explains the most common case
}

Result<NikInfo> validate_nik(std::string_view raw, int today_year, std::string field) {
  const std::string n = strip_number(raw);
  if (n.size() != 16 || !all_digits(n)) return fail(ErrorCode::invalid_nik, {}, std::move(field));
  NikInfo info;
  info.province = n.substr(0, 2);
  info.regency = n.substr(2, 2);
  info.district = n.substr(4, 2);
  const int prov = num(info.province);
  if (prov < 11 || prov > 99) return fail(ErrorCode::invalid_nik, "error.invalid_nik_region", std::move(field));
  int dd = num(n.substr(6, 2));
  info.sex = 1;
  if (dd > 40) {
    dd -= 40;
    info.sex = 2;
  }
  const int mm = num(n.substr(8, 2));
  const int yy = num(n.substr(10, 2));
  const int century = (2000 + yy > today_year) ? 1900 : 2000;
  info.birth = {century + yy, mm, dd};
  if (!is_valid_date(info.birth.year, mm, dd)) return fail(ErrorCode::invalid_nik, "error.invalid_nik_birth", std::move(field));
  if (n.substr(12, 4) == "0000") return fail(ErrorCode::invalid_nik, "error.invalid_nik_serial", std::move(field));
  return info;
}

Result<std::string> normalize_region_code(std::string_view code) {
  std::string digits;
  for (char c : code) {
    if (c == '.' || c == ' ') continue;
    if (c < '0' || c > '9') return fail(ErrorCode::invalid_region_code, {}, "instansi");
    digits.push_back(c);
  }
  if (digits.size() != 2 && digits.size() != 4 && digits.size() != 6 && digits.size() != 10)
    return fail(ErrorCode::invalid_region_code, {}, "instansi");
  std::string out = digits.substr(0, 2);
  if (digits.size() >= 4) out += "." + digits.substr(2, 2);
  if (digits.size() >= 6) out += "." + digits.substr(4, 2);
  if (digits.size() == 10) out += "." + digits.substr(6, 4);
  return out;
}

}  // namespace netral
