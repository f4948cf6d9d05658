// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) for staff two-factor login.
// Pure: SHA-1 and HMAC-SHA1 are implemented here (libsodium has no SHA-1), tested against
// the FIPS 180 and RFC 2202 vectors, and TOTP against RFC 6238 appendix B.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netral::totp {

using Sha1Digest = std::array<std::uint8_t, 20>;

Sha1Digest sha1(std::string_view data);
Sha1Digest hmac_sha1(std::string_view key, std::string_view message);

// RFC 4226: the `digits`-digit code of `counter` (dynamic truncation), zero-padded.
std::string hotp(std::string_view key, std::uint64_t counter, int digits = 6);

// RFC 6238 with HMAC-SHA1: the time step of `unix_time` (T0 = 0) and its code.
constexpr int kStepSeconds = 30;
inline std::int64_t time_step(std::int64_t unix_time, int step_seconds = kStepSeconds) {
  return unix_time >= 0 ? unix_time / step_seconds : 0;
}
std::string code_at(std::string_view key, std::int64_t unix_time, int digits = 6, int step_seconds = kStepSeconds);

// Checks `code` against the steps around `unix_time` (±`window`, for clock drift), never
// accepting a step at or below `last_step` (a code is used once). Returns the matching step.
std::optional<std::int64_t> verify(std::string_view key, std::string_view code, std::int64_t unix_time,
                                   std::int64_t last_step, int window = 1, int digits = 6);

// RFC 4648 base32 (A-Z2-7), unpadded on output; decoding ignores spaces, case and padding.
std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);

// The otpauth:// URI authenticator apps read (Key Uri Format), issuer and account escaped.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

}  // namespace netral::totp
