// Indonesian identifier checks (docs/domain.md, "Identifier formats"). Pure functions.
#pragma once
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace netral {

// Calendar date, validated.
struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
};
bool is_valid_date(int year, int month, int day);
// Parses ISO "YYYY-MM-DD". Error code "invalid_date" with `field` set.
Result<Date> parse_iso_date(std::string_view s, std::string field = {});
std::string format_iso_date(const Date& d);
// Unix seconds as ISO 8601 UTC, "2026-11-23T07:05:00Z".
std::string format_iso_time(long long unix_seconds);
// Days since 1970-01-01 (proleptic Gregorian), and back.
long days_from_civil(const Date& d);
Date civil_from_days(long days);

struct NipInfo {
  Date birth;
  int appointment_year = 0;
  int appointment_month = 0;  // 0 for NI PPPK, whose layout there is uncertain
  int sex = 0;                // 1 male, 2 female; 0 unknown
};

// NIP of a PNS: 18 digits, YYYYMMDD birth, YYYYMM appointment, sex (1/2), 3-digit serial.
// Spaces and dots are ignored. Error code "invalid_nip".
Result<NipInfo> validate_nip(std::string_view nip, std::string field = "nip");
// NI PPPK: 18 digits; only the length and the birth date are checked (layout of 13-14 uncertain).
Result<NipInfo> validate_ni_pppk(std::string_view ni, std::string field = "nip");
// Accepts either a NIP or a NI PPPK (a roster number of unknown kind).
Result<NipInfo> validate_staff_number(std::string_view n, std::string field = "nip");
// Strips spaces and dots people type into long numbers.
std::string strip_number(std::string_view s);

struct NikInfo {
  std::string province, regency, district;
  Date birth;  // year resolved to 19xx/20xx relative to `today_year`
  int sex = 0;
};
// NIK: 16 digits, region 2+2+2, birth DDMMYY with DD+40 for women, 4-digit serial. Error "invalid_nik".
Result<NikInfo> validate_nik(std::string_view nik, int today_year, std::string field = "nik");

// Kemendagri region code: "19" (province), "19.03" (regency/city). Error "invalid_region_code".
Result<std::string> normalize_region_code(std::string_view code);

}  // namespace netral
