// An election written back as a file (screen/election.hpp, to_toml): the form on the
// election page builds an Election, and what is stored, checked and downloaded is the
// file this writes, read again by parse_election.
#include <cstdio>
#include <string>

#include "screen/election.hpp"

namespace netral::screen {
namespace {

// A TOML basic string: quotes, backslashes and control characters escaped, everything
// else (UTF-8 included) as it is.
void put_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", unsigned(c));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void put_key_string(std::string& out, std::string_view key, std::string_view value) {
  out.append(key).append(" = ");
  put_string(out, value);
  out += '\n';
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "YYYY-MM-DD" naming a day of the calendar: written as a TOML date.
bool calendar_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  const int y = std::stoi(std::string(d.substr(0, 4)));
  const int m = std::stoi(std::string(d.substr(5, 2)));
  const int day = std::stoi(std::string(d.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || day < 1) return false;
  return day <= kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

// A date as a TOML date; empty as nothing (the parser then says whether it was required);
// anything else as a string, which the parser refuses with "must be a TOML date".
void put_date(std::string& out, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  if (calendar_date(value)) {
    out.append(key).append(" = ").append(value) += '\n';
    return;
  }
  put_key_string(out, key, value);
}

void put_list(std::string& out, std::string_view key, const std::vector<std::string>& values, bool always) {
  if (values.empty() && !always) return;
  out.append(key).append(" = [");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    put_string(out, values[i]);
  }
  out += "]\n";
}

}  // namespace

std::string to_toml(const Election& e) {
  std::string out = "# Berkas pemilihan / election file (docs/screening.md)\n\n[election]\n";
  put_key_string(out, "id", e.id);
  put_key_string(out, "name", e.name);
  put_key_string(out, "region", e.region);
  put_date(out, "voting_date", e.voting_date);
  put_date(out, "campaign_start", e.campaign_start);
  put_date(out, "campaign_end", e.campaign_end);
  for (const auto& c : e.candidates) {
    out += "\n[[candidate]]\nnumber = " + std::to_string(c.number) + "\n";
    put_list(out, "names", c.names, true);
    put_list(out, "nicknames", c.nicknames, false);
    put_list(out, "common_names", c.common_names, false);
    put_list(out, "misspellings", c.misspellings, false);
    put_list(out, "parties", c.parties, false);
    put_list(out, "slogans", c.slogans, false);
    put_list(out, "hashtags", c.hashtags, false);
    put_list(out, "accounts", c.accounts, false);
    put_list(out, "symbols", c.symbols, false);
  }
  return out;
}

}  // namespace netral::screen
