#include "text/classify.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "golden/golden.hpp"

using netral::text::Classifier;
using netral::text::Label;
namespace fs = std::filesystem;

namespace {
const Classifier& shipped() {
  static auto c = Classifier::load(fs::path(NETRAL_SOURCE_DIR) / "data/catalog/cues.toml");
  if (!c) ADD_FAILURE() << c.error().detail;
  return *c;
}

std::string render(std::string_view text, const std::vector<Label>& labels) {
  std::string s;
  for (auto& l : labels) {
    s += l.conduct + ":";
    for (auto& [b, e] : l.spans) s += " [" + std::string(text.substr(b, e - b)) + "]";
    s += "\n";
  }
  return netral::test::trim_trailing_newlines(s);
}
}  // namespace

// tests/golden/classify/*.test: input text, then one line per label "conduct: [span] ...".
TEST(Classify, GoldenFiles) {
  std::size_t n = 0;
  for (auto& e : fs::directory_iterator(fs::path(NETRAL_SOURCE_DIR) / "tests/golden/classify")) {
    if (e.path().extension() != ".test") continue;
    for (auto& c : netral::test::read_golden(e.path().string())) {
      ++n;
      auto labels = shipped().classify(c.input);
      std::sort(labels.begin(), labels.end(), [](auto& a, auto& b) { return a.conduct < b.conduct; });
      EXPECT_EQ(render(c.input, labels), c.expected) << e.path() << ": " << c.name;
    }
  }
  EXPECT_GE(n, 8u);
}

TEST(Classify, ScoresAreInRangeAndSpansInsideInput) {
  std::string text = "ASN ikut kampanye, memasang baliho dan memposting foto bersama paslon di medsos!!!";
  auto labels = shipped().classify(text);
  ASSERT_FALSE(labels.empty());
  for (auto& l : labels) {
    EXPECT_GT(l.score, 0.0);
    EXPECT_LE(l.score, 1.0);
    EXPECT_GE(l.score, shipped().threshold());
    for (auto& [b, e] : l.spans) {
      EXPECT_LT(b, e);
      EXPECT_LE(e, text.size());
    }
  }
  EXPECT_TRUE(std::is_sorted(labels.begin(), labels.end(), [](auto& a, auto& b) { return a.score > b.score; }));
}

TEST(Classify, NegationSuppressesButProhibitionDoesNot) {
  auto has = [](const std::vector<Label>& ls, std::string_view c) {
    return std::any_of(ls.begin(), ls.end(), [&](auto& l) { return l.conduct == c; });
  };
  EXPECT_TRUE(has(shipped().classify("Pak camat ikut kampanye kemarin"), "campaign_participation"));
  EXPECT_FALSE(has(shipped().classify("Pak camat tidak ikut kampanye kemarin"), "campaign_participation"));
  EXPECT_FALSE(has(shipped().classify("dia gak ikut kampanye"), "campaign_participation"));
  EXPECT_TRUE(has(shipped().classify("ASN tidak boleh ikut kampanye"), "campaign_participation"));
  EXPECT_TRUE(has(shipped().classify("ASN diminta untuk tidak ikut kampanye"), "campaign_participation"));
  // Negation stays inside its clause.
  EXPECT_TRUE(has(shipped().classify("Saya tidak tahu. Ikut kampanye dia."), "campaign_participation"));
  auto hits = shipped().explain("Pak camat tidak ikut kampanye");
  ASSERT_FALSE(hits.empty());
  EXPECT_TRUE(hits.front().negated);
}

TEST(Classify, StemmingCatchesAffixesButNotHashtags) {
  auto ls = shipped().classify("Oknum guru mengunggah video dukungan di akun TikTok");
  EXPECT_TRUE(std::any_of(ls.begin(), ls.end(), [](auto& l) { return l.conduct == "social_media"; }));
  EXPECT_TRUE(shipped().classify("#spanduk #baliho").empty());
}

TEST(Classify, ThreadSafeConstClassify) {
  std::string text = "Kades mengerahkan perangkat desa ikut kampanye paslon dengan mobil dinas";
  auto expected = shipped().classify(text);
  std::vector<std::thread> threads;
  std::vector<bool> same(4, false);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      bool ok = true;
      for (int i = 0; i < 200; ++i) {
        auto got = shipped().classify(text);
        ok = ok && got.size() == expected.size() && got[0].spans == expected[0].spans;
      }
      same[static_cast<std::size_t>(t)] = ok;
    });
  for (auto& th : threads) th.join();
  for (bool s : same) EXPECT_TRUE(s);
}

TEST(Classify, LexiconErrorsNameFileAndLine) {
  auto r = Classifier::parse("threshold = 0.5\n[[conduct]]\nid = \"x\"\nstrong = [1]\n", "bad.toml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("bad.toml:4: x.strong"), std::string::npos) << r.error().detail;
  r = Classifier::parse("threshold = 2\n[[conduct]]\nid = \"x\"\n", "bad.toml");
  ASSERT_FALSE(r);
  r = Classifier::parse("threshold = \n", "bad.toml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("bad.toml:1"), std::string::npos);
}
