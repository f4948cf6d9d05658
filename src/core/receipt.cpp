#include "core/receipt.hpp"

#include <cstdio>

namespace netral {
namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32
}

std::string format_receipt(const std::array<std::uint8_t, kReceiptRandomBytes>& random) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t i = 0, produced = 0;
  while (produced < kReceiptChars) {
    if (bits < 5) {
      acc = (acc << 8) | random[i++];
      bits += 8;
    }
    bits -= 5;
    if (produced > 0 && produced % 4 == 0) out.push_back('-');
    out.push_back(kAlphabet[(acc >> bits) & 31]);
    ++produced;
  }
  return out;
}

std::optional<std::string> canonical_receipt(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out.push_back(c);
    if (out.size() > kReceiptChars) return std::nullopt;
  }
  if (out.size() != kReceiptChars) return std::nullopt;
  return out;
}

std::string format_case_number(std::string_view region_code, int year, std::int64_t serial) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*s-%04d-%05lld", static_cast<int>(region_code.size()), region_code.data(), year,
                static_cast<long long>(serial));
  return buf;
}

}  // namespace netral
