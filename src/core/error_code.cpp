#include "core/error_code.hpp"

#include <array>
#include <ostream>

namespace netral {
namespace {

constexpr ErrorCodeInfo kTable[] = {
#define NETRAL_ERROR_ROW(code, status, key) {ErrorCode::code, #code, status, key},
    NETRAL_ERROR_CODES(NETRAL_ERROR_ROW)
#undef NETRAL_ERROR_ROW
};

constexpr bool table_is_sound() {
  for (std::size_t i = 0; i < std::size(kTable); ++i) {
    if (static_cast<std::size_t>(kTable[i].code) != i) return false;
    if (kTable[i].http_status < 400 || kTable[i].http_status > 599) return false;
    if (kTable[i].message_key.empty() || kTable[i].name.empty()) return false;
  }
  return true;
}
static_assert(table_is_sound(), "every error code has its row, in order, with a 4xx/5xx status and a message key");

}  // namespace

std::span<const ErrorCodeInfo> error_codes() { return kTable; }
const ErrorCodeInfo& info(ErrorCode c) { return kTable[static_cast<std::size_t>(c)]; }
std::string_view to_string(ErrorCode c) { return info(c).name; }
int http_status(ErrorCode c) { return info(c).http_status; }
std::string_view default_message_key(ErrorCode c) { return info(c).message_key; }

std::optional<ErrorCode> parse_error_code(std::string_view name) {
  for (const auto& row : kTable)
    if (row.name == name) return row.code;
  return std::nullopt;
}

std::ostream& operator<<(std::ostream& os, ErrorCode c) { return os << to_string(c); }

}  // namespace netral
