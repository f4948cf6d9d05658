#include "core/identifiers.hpp"

#include <gtest/gtest.h>

#include "core/receipt.hpp"

using namespace netral;

TEST(Nip, ValidPns) {
  auto r = validate_nip("198503122010011002");
  ASSERT_TRUE(r) << r.error().code;
  EXPECT_EQ(r->birth, (Date{1985, 3, 12}));
  EXPECT_EQ(r->appointment_year, 2010);
  EXPECT_EQ(r->appointment_month, 1);
  EXPECT_EQ(r->sex, 1);
}

TEST(Nip, IgnoresSpacesPeopleType) { EXPECT_TRUE(validate_nip("19850312 201001 1 002")); }

TEST(Nip, RejectsBadNumbersWithAReason) {
  EXPECT_EQ(validate_nip("12345").error().message_key, "error.invalid_nip_length");
  EXPECT_EQ(validate_nip("19850312201001100X").error().message_key, "error.invalid_nip_length");
  EXPECT_EQ(validate_nip("198513122010011002").error().message_key, "error.invalid_nip_birth");
  EXPECT_EQ(validate_nip("198502302010011002").error().message_key, "error.invalid_nip_birth");
  EXPECT_EQ(validate_nip("198503122010131002").error().message_key, "error.invalid_nip_appointment");
  EXPECT_EQ(validate_nip("198503121990011002").error().message_key, "error.invalid_nip_appointment");
  EXPECT_EQ(validate_nip("198503122010013002").error().message_key, "error.invalid_nip_sex");
  EXPECT_EQ(validate_nip("").error().code, ErrorCode::invalid_nip);
}

TEST(Nip, PppkChecksOnlyLengthAndBirth) {
  EXPECT_TRUE(validate_ni_pppk("199001012023211001"));
  EXPECT_FALSE(validate_ni_pppk("199013012023211001"));
  EXPECT_TRUE(validate_staff_number("199001012023211001"));  // not a valid PNS NIP (month 21), valid PPPK
}

TEST(Nik, ValidMaleAndFemale) {
  auto m = validate_nik("1903011203850001", 2026);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->birth, (Date{1985, 3, 12}));
  EXPECT_EQ(m->sex, 1);
  EXPECT_EQ(m->province, "19");
  auto f = validate_nik("1903015203010002", 2026);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->birth, (Date{2001, 3, 12}));
  EXPECT_EQ(f->sex, 2);
}

TEST(Nik, Rejects) {
  EXPECT_EQ(validate_nik("123", 2026).error().code, ErrorCode::invalid_nik);
  EXPECT_EQ(validate_nik("1903013203850001", 2026).error().message_key, "error.invalid_nik_birth");
  EXPECT_EQ(validate_nik("0903011203850001", 2026).error().message_key, "error.invalid_nik_region");
  EXPECT_EQ(validate_nik("1903011203850000", 2026).error().message_key, "error.invalid_nik_serial");
}

TEST(RegionCode, Normalises) {
  EXPECT_EQ(*normalize_region_code("19.03"), "19.03");
  EXPECT_EQ(*normalize_region_code("1903"), "19.03");
  EXPECT_EQ(*normalize_region_code("19"), "19");
  EXPECT_FALSE(normalize_region_code("19.0"));
  EXPECT_FALSE(normalize_region_code("ab"));
}

TEST(Date, ParseAndRoundTrip) {
  EXPECT_EQ(*parse_iso_date("2024-11-27"), (Date{2024, 11, 27}));
  EXPECT_FALSE(parse_iso_date("2024-02-30"));
  EXPECT_FALSE(parse_iso_date("27-11-2024"));
  EXPECT_EQ(civil_from_days(days_from_civil({2024, 2, 29})), (Date{2024, 2, 29}));
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
}

TEST(Receipt, FormatsAndCanonicalises) {
  std::array<std::uint8_t, kReceiptRandomBytes> zero{}, ones{};
  ones.fill(0xff);
  EXPECT_EQ(format_receipt(zero), "0000-0000-0000-0000-0000");
  EXPECT_EQ(format_receipt(ones), "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ");
  EXPECT_EQ(*canonical_receipt("zzzz zzzz-ZZZZ-zzzz-ZZZZ"), "ZZZZZZZZZZZZZZZZZZZZ");
  EXPECT_EQ(*canonical_receipt("OOOO-IIII-LLLL-0000-1111"), "00001111111100001111");
  EXPECT_FALSE(canonical_receipt("UUUU-0000-0000-0000-0000"));  // U is not in the alphabet
  EXPECT_FALSE(canonical_receipt("0000-0000"));
}

TEST(CaseNumber, Format) { EXPECT_EQ(format_case_number("19.03", 2024, 42), "19.03-2024-00042"); }

TEST(IsoTime, FormatsUtc) {
  EXPECT_EQ(netral::format_iso_time(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(netral::format_iso_time(1732672800), "2024-11-27T02:00:00Z");
  EXPECT_EQ(netral::format_iso_time(1773900000), "2026-03-19T06:00:00Z");
  EXPECT_EQ(netral::format_iso_time(-1), "1969-12-31T23:59:59Z");
}
