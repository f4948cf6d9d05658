// Receipts: the secret a reporter keeps to follow a report. 20 characters of Crockford
// base32 (100 random bits), shown as five groups of four. Pure: randomness is passed in.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netral {

inline constexpr std::size_t kReceiptRandomBytes = 13;  // 104 bits; 100 are used
inline constexpr std::size_t kReceiptChars = 20;

// Encodes 100 bits of `random` as "ABCD-EFGH-JKMN-PQRS-TVWX".
std::string format_receipt(const std::array<std::uint8_t, kReceiptRandomBytes>& random);
// Canonical form of what a person typed: upper case, separators dropped, O->0, I/L->1.
// nullopt when it cannot be a receipt (wrong length or character).
std::optional<std::string> canonical_receipt(std::string_view typed);

// Case number shown to staff: "<region code>-<year>-<serial, 5 digits>", e.g. "19.03-2024-00042".
std::string format_case_number(std::string_view region_code, int year, std::int64_t serial);

}  // namespace netral
