// The election file writer (screen/election.hpp, to_toml): what the election page saves
// and what an admin downloads must read back as the same election, and what the parser
// refuses must stay refused.
#include <gtest/gtest.h>

#include <filesystem>

#include "screen/election.hpp"

using namespace netral::screen;

namespace {

const std::filesystem::path kRoot = NETRAL_SOURCE_DIR;

Election tricky() {
  Election e;
  e.id = "pilwalkot-kota_x.2024";
  e.name = "Pemilihan \"Wali Kota\" C:\\Kota — Bangka Belitung 2024";
  e.region = "19.71";
  e.voting_date = "2024-11-27";
  e.campaign_start = "2024-02-29";  // a leap day
  e.campaign_end = "2024-11-23";
  Candidate a;
  a.number = 1;
  a.names = {"Hj. Siti Nurbaya \"Bu Nur\"", "Drs. Andi Ma'ruf"};
  a.nicknames = {"NUR-MA", "Bu Nur \\ Pak Andi"};
  a.common_names = {"Siti", "Andi"};
  a.misspellings = {"Siti Nurbaja", "Ṡiti Nurbaya", "Сити"};  // non-ASCII, Cyrillic look-alikes
  a.parties = {"PDI-P", "Golkar"};
  a.slogans = {"Maju \u00e0 la \"Kota\"\ttab", "line\\n not a newline", "emoji 👆 ☝️", "a # not a comment", "x = 'y'"};
  a.hashtags = {"#NurMaJuara", "#KotaMaju2024"};
  a.accounts = {"@nurma.official"};
  a.symbols = {"salam satu jari", "☝"};
  Candidate b;
  b.number = 12;
  b.names = {"Bambang"};
  b.slogans = {std::string("control \x01 and \x7f bytes\r\nand a form feed \f and \b")};
  e.candidates = {a, b};
  return e;
}

}  // namespace

TEST(ElectionToml, RoundTripKeepsEveryFieldThroughEscapes) {
  const Election e = tricky();
  const std::string text = to_toml(e);
  auto back = parse_election(text, "written.toml");
  ASSERT_TRUE(back) << back.error().detail << "\n" << text;
  EXPECT_EQ(*back, e) << text;
  // Written once more, the file is the same: saving an unchanged form changes nothing.
  EXPECT_EQ(to_toml(*back), text);
  EXPECT_NE(text.find("voting_date = 2024-11-27\n"), std::string::npos) << "dates as TOML dates";
  EXPECT_NE(text.find("\\\"Wali Kota\\\""), std::string::npos) << "quotes escaped";
  EXPECT_NE(text.find("C:\\\\Kota"), std::string::npos) << "backslashes escaped";
  EXPECT_NE(text.find("\\u0001"), std::string::npos) << "control bytes escaped";
  EXPECT_NE(text.find("Ṡiti Nurbaya"), std::string::npos) << "UTF-8 written as it is";
}

TEST(ElectionToml, TheSampleFileRoundTrips) {
  auto el = load_election((kRoot / "data/elections/pilbup-sungai-kenanga-2024.toml").string());
  ASSERT_TRUE(el) << el.error().detail;
  auto back = parse_election(to_toml(*el), "sample.toml");
  ASSERT_TRUE(back) << back.error().detail;
  EXPECT_EQ(*back, *el);
  EXPECT_EQ(back->candidate(3)->common_names[0], "RAYA");
}

TEST(ElectionToml, OptionalFieldsLeftOutReadBackEmpty) {
  Election e;
  e.id = "mini";
  e.name = "Mini";
  e.region = "19";
  e.voting_date = "2024-11-27";
  Candidate c;
  c.number = 99;
  c.names = {"Satu Nama"};
  e.candidates = {c};
  const std::string text = to_toml(e);
  EXPECT_EQ(text.find("campaign_start"), std::string::npos);
  EXPECT_EQ(text.find("nicknames"), std::string::npos);
  auto back = parse_election(text, "mini.toml");
  ASSERT_TRUE(back) << back.error().detail;
  EXPECT_EQ(*back, e);
}

// What the form may hold but the file format refuses is refused by the parser, with the
// parser's own field names: the editor validates exactly as an import does.
TEST(ElectionToml, WhatTheParserRefusesStaysRefused) {
  const Election good = tricky();
  auto refused = [](Election e) {
    auto r = parse_election(to_toml(e), "form.toml");
    return r ? std::string("accepted") : r.error().field;
  };
  Election e = good;
  e.voting_date = "27/11/2024";
  EXPECT_EQ(refused(e), "election.voting_date");
  e = good;
  e.voting_date = "2023-02-29";  // not a leap year
  EXPECT_EQ(refused(e), "election.voting_date");
  e = good;
  e.voting_date.clear();
  EXPECT_EQ(refused(e), "election.voting_date");
  e = good;
  e.campaign_end = "2024-01-01";
  EXPECT_EQ(refused(e), "election.campaign_end");
  e = good;
  e.name.clear();
  EXPECT_EQ(refused(e), "election.name");
  e = good;
  e.id = "has space";
  EXPECT_EQ(refused(e), "election.id");
  e = good;
  e.candidates[1].number = 0;
  EXPECT_EQ(refused(e), "candidate[1].number");
  e = good;
  e.candidates[1].number = 1;
  EXPECT_EQ(refused(e), "candidate[1].number") << "duplicate number";
  e = good;
  e.candidates[0].names.clear();
  EXPECT_EQ(refused(e), "candidate[0].names");
  e = good;
  e.candidates[0].nicknames.push_back("");
  EXPECT_EQ(refused(e), "candidate[0].nicknames[2]");
  e = good;
  e.candidates[0].hashtags.push_back("NoHash");
  EXPECT_EQ(refused(e), "candidate[0].hashtags[2]");
  e = good;
  e.candidates[0].accounts = {"nurma"};
  EXPECT_EQ(refused(e), "candidate[0].accounts[0]");
  e = good;
  e.candidates.clear();
  EXPECT_EQ(refused(e), "candidate");
}

TEST(ElectionToml, IdsAreSafeInUrlsAndFileNames) {
  auto with_id = [](const std::string& id) {
    return "[election]\nid = \"" + id + "\"\nname = \"X\"\nregion = \"19\"\nvoting_date = 2024-11-27\n"
           "[[candidate]]\nnumber = 1\nnames = [\"A\"]\n";
  };
  for (const char* ok : {"pilbup-sungai-kenanga-2024", "x", "Pilkada_19.03.2024", "9"})
    EXPECT_TRUE(parse_election(with_id(ok), "ok.toml")) << ok;
  for (const char* bad : {"-x", ".x", "a/b", "a b", "x.toml", "pemilihan?", "é"}) {
    auto r = parse_election(with_id(bad), "bad.toml");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "election.id");
    EXPECT_NE(r.error().detail.find("bad.toml:2: election.id: "), std::string::npos) << r.error().detail;
  }
  EXPECT_FALSE(parse_election(with_id(std::string(101, 'a')), "long.toml"));
}

TEST(ElectionToml, SyntaxErrorsNameTheLineWithoutAnEmptyField) {
  auto r = parse_election("[election]\nid = \"x\"\nname = \n", "pemilihan.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail.rfind("pemilihan.toml:3: TOML tidak valid / invalid TOML: ", 0), 0u) << r.error().detail;
}
