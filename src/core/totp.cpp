#include "core/totp.hpp"

#include <cstring>

#include "core/strings.hpp"

namespace netral::totp {
namespace {

std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

void sha1_block(std::uint32_t h[5], const std::uint8_t* p) {
  std::uint32_t w[80];
  for (int i = 0; i < 16; ++i)
    w[i] = (std::uint32_t(p[4 * i]) << 24) | (std::uint32_t(p[4 * i + 1]) << 16) | (std::uint32_t(p[4 * i + 2]) << 8) |
           std::uint32_t(p[4 * i + 3]);
  for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int i = 0; i < 80; ++i) {
    std::uint32_t f, k;
    if (i < 20) f = (b & c) | (~b & d), k = 0x5A827999;
    else if (i < 40) f = b ^ c ^ d, k = 0x6ED9EBA1;
    else if (i < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
    else f = b ^ c ^ d, k = 0xCA62C1D6;
    const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = t;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string uri_escape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

Sha1Digest sha1(std::string_view data) {
  std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t n = data.size();
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) sha1_block(h, p + i);
  // Padding: 0x80, zeros, then the bit length big-endian, to a multiple of 64 bytes.
  std::uint8_t tail[128] = {};
  const std::size_t rest = n - i;
  std::memcpy(tail, p + i, rest);
  tail[rest] = 0x80;
  const std::size_t len = rest + 1 + 8 <= 64 ? 64 : 128;
  const std::uint64_t bits = static_cast<std::uint64_t>(n) * 8;
  for (int k = 0; k < 8; ++k) tail[len - 1 - k] = static_cast<std::uint8_t>(bits >> (8 * k));
  sha1_block(h, tail);
  if (len == 128) sha1_block(h, tail + 64);
  Sha1Digest out;
  for (int k = 0; k < 5; ++k)
    for (int b = 0; b < 4; ++b) out[4 * k + b] = static_cast<std::uint8_t>(h[k] >> (24 - 8 * b));
  return out;
}

Sha1Digest hmac_sha1(std::string_view key, std::string_view message) {
  std::string k(key);
  if (k.size() > 64) {
    auto d = sha1(k);
    k.assign(reinterpret_cast<const char*>(d.data()), d.size());
  }
  k.resize(64, '\0');
  std::string inner(64, '\0'), outer(64, '\0');
  for (int i = 0; i < 64; ++i) {
    inner[i] = static_cast<char>(k[i] ^ 0x36);
    outer[i] = static_cast<char>(k[i] ^ 0x5c);
  }
  inner.append(message);
  auto ih = sha1(inner);
  outer.append(reinterpret_cast<const char*>(ih.data()), ih.size());
  return sha1(outer);
}

std::string hotp(std::string_view key, std::uint64_t counter, int digits) {
  char msg[8];
  for (int i = 7; i >= 0; --i, counter >>= 8) msg[i] = static_cast<char>(counter & 0xff);
  auto mac = hmac_sha1(key, std::string_view(msg, 8));
  const int off = mac[19] & 0x0f;
  const std::uint32_t bin = ((mac[off] & 0x7fu) << 24) | (std::uint32_t(mac[off + 1]) << 16) |
                            (std::uint32_t(mac[off + 2]) << 8) | std::uint32_t(mac[off + 3]);
  std::uint64_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(bin % mod);
  return std::string(static_cast<std::size_t>(digits) - std::min<std::size_t>(code.size(), digits), '0') + code;
}

std::string code_at(std::string_view key, std::int64_t unix_time, int digits, int step_seconds) {
  return hotp(key, static_cast<std::uint64_t>(time_step(unix_time, step_seconds)), digits);
}

std::optional<std::int64_t> verify(std::string_view key, std::string_view code, std::int64_t unix_time,
                                   std::int64_t last_step, int window, int digits) {
  std::string c;
  for (char ch : code)
    if (ch != ' ' && ch != '-') c += ch;
  if (c.size() != static_cast<std::size_t>(digits) || c.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const std::int64_t now = time_step(unix_time);
  std::optional<std::int64_t> match;
  // Every candidate is computed, so that timing does not tell which step matched.
  for (std::int64_t s = now - window; s <= now + window; ++s) {
    if (s < 0) continue;
    const std::string want = hotp(key, static_cast<std::uint64_t>(s), digits);
    if (same_secret(want, c) && s > last_step && !match) match = s;
  }
  return match;
}

std::string base32_encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buf = (buf << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buf >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buf << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '-' || ch == '=') continue;
    int v;
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
    else if (ch >= '2' && ch <= '7') v = ch - '2' + 26;
    else return std::nullopt;
    buf = (buf << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buf >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  return "otpauth://totp/" + uri_escape(issuer) + ":" + uri_escape(account) + "?secret=" + std::string(secret_base32) +
         "&issuer=" + uri_escape(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace netral::totp
