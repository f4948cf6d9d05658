// SHA-1 (FIPS 180-2 examples), HMAC-SHA1 (RFC 2202), HOTP (RFC 4226 appendix D),
// TOTP (RFC 6238 appendix B, SHA-1 rows), base32 (RFC 4648 section 10).
#include "core/totp.hpp"

#include <gtest/gtest.h>

namespace netral::totp {
namespace {

std::string hex(const Sha1Digest& d) {
  static constexpr char k[] = "0123456789abcdef";
  std::string s;
  for (auto b : d) s += {k[b >> 4], k[b & 15]};
  return s;
}

TEST(Sha1, Fips180Vectors) {
  EXPECT_EQ(hex(sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex(sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(hex(sha1(std::string(1000000, 'a'))), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  // Lengths around the padding boundary (55, 56, 63, 64 bytes), against known digests.
  EXPECT_EQ(hex(sha1(std::string(55, 'a'))), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
  EXPECT_EQ(hex(sha1(std::string(56, 'a'))), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
  EXPECT_EQ(hex(sha1(std::string(64, 'a'))), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
}

TEST(HmacSha1, Rfc2202Vectors) {
  EXPECT_EQ(hex(hmac_sha1(std::string(20, '\x0b'), "Hi There")), "b617318655057264e28bc0b6fb378c8ef146be00");
  EXPECT_EQ(hex(hmac_sha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  EXPECT_EQ(hex(hmac_sha1(std::string(20, '\xaa'), std::string(50, '\xdd'))), "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
  // A key longer than the block is hashed first.
  EXPECT_EQ(hex(hmac_sha1(std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

const std::string kSeed = "12345678901234567890";  // RFC 4226 / 6238 SHA-1 seed

TEST(Hotp, Rfc4226AppendixD) {
  const char* want[] = {"755224", "287082", "359152", "969429", "338314",
                        "254676", "287922", "162583", "399871", "520489"};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(hotp(kSeed, i), want[i]) << i;
}

TEST(Totp, Rfc6238AppendixB) {
  struct Row {
    std::int64_t t;
    const char* code;
  };
  const Row rows[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
                      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& r : rows) EXPECT_EQ(code_at(kSeed, r.t, 8), r.code) << r.t;
  EXPECT_EQ(time_step(1111111109), 0x23523EC);
}

TEST(Totp, VerifyAcceptsNeighbourStepsOnceAndRejectsTheRest) {
  const std::int64_t t = 1234567890;
  const auto now = code_at(kSeed, t), before = code_at(kSeed, t - 30), after = code_at(kSeed, t + 30);
  EXPECT_EQ(verify(kSeed, now, t, 0), time_step(t));
  EXPECT_EQ(verify(kSeed, before, t, 0), time_step(t) - 1);
  EXPECT_EQ(verify(kSeed, after, t, 0), time_step(t) + 1);
  EXPECT_FALSE(verify(kSeed, code_at(kSeed, t - 90), t, 0));
  EXPECT_FALSE(verify(kSeed, code_at(kSeed, t + 90), t, 0));
  // Replay: the step already used, or an earlier one, is refused.
  EXPECT_FALSE(verify(kSeed, now, t, time_step(t)));
  EXPECT_FALSE(verify(kSeed, before, t, time_step(t)));
  // Formatting: spaces allowed; wrong length or letters refused.
  EXPECT_EQ(verify(kSeed, now.substr(0, 3) + " " + now.substr(3), t, 0), time_step(t));
  EXPECT_FALSE(verify(kSeed, now.substr(0, 5), t, 0));
  EXPECT_FALSE(verify(kSeed, "12a456", t, 0));
  EXPECT_FALSE(verify(kSeed, "", t, 0));
  EXPECT_FALSE(verify("another key 1234567", now, t, 0));
}

TEST(Base32, Rfc4648Vectors) {
  EXPECT_EQ(base32_encode(""), "");
  EXPECT_EQ(base32_encode("f"), "MY");
  EXPECT_EQ(base32_encode("fo"), "MZXQ");
  EXPECT_EQ(base32_encode("foo"), "MZXW6");
  EXPECT_EQ(base32_encode("foob"), "MZXW6YQ");
  EXPECT_EQ(base32_encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(base32_decode("mzxw 6ytb oi"), "foobar");
  EXPECT_EQ(base32_encode(kSeed), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), kSeed);
  EXPECT_FALSE(base32_decode("MZ1W"));
  EXPECT_FALSE(base32_decode("MZ!W"));
}

TEST(Totp, OtpauthUriEscapes) {
  EXPECT_EQ(otpauth_uri("Netral 19.03", "budi@x", "ABC"),
            "otpauth://totp/Netral%2019.03:budi%40x?secret=ABC&issuer=Netral%2019.03&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace netral::totp
