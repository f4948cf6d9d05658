#include "text/normalize.hpp"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <algorithm>
#include <filesystem>

#include "golden/golden.hpp"
#include "text/slang.hpp"

namespace fs = std::filesystem;
using netral::text::normalize;

namespace {

std::vector<std::string> golden_files(const char* dir) {
  std::vector<std::string> files;
  for (auto& e : fs::directory_iterator(fs::path(NETRAL_SOURCE_DIR) / "tests/golden" / dir))
    if (e.path().extension() == ".test") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

bool is_boundary(std::string_view s, std::size_t i) {
  return i == 0 || i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

bool valid_utf8(std::string_view s) {
  utf8proc_int32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) return false;
    i += static_cast<std::size_t>(n);
  }
  return true;
}

// Checks the origin invariants of one normalisation, for every possible token span.
void check_origin(std::string_view input) {
  auto n = normalize(input);
  ASSERT_EQ(n.origin.size(), n.text.size() + 1);
  ASSERT_EQ(n.origin_end.size(), n.text.size());
  EXPECT_EQ(n.origin.back(), input.size());
  EXPECT_TRUE(std::is_sorted(n.origin.begin(), n.origin.end())) << input;
  // Spans between word boundaries (what matchers report) map onto whole code points.
  std::vector<std::uint32_t> bounds{0};
  for (std::uint32_t i = 0; i < n.text.size(); ++i)
    if (n.text[i] == ' ') bounds.insert(bounds.end(), {i, i + 1});
  bounds.push_back(static_cast<std::uint32_t>(n.text.size()));
  for (std::size_t a = 0; a < bounds.size(); ++a)
    for (std::size_t b = a; b < bounds.size(); ++b) {
      if (bounds[b] < bounds[a]) continue;
      auto [s, e] = n.to_input(bounds[a], bounds[b]);
      ASSERT_LE(s, e);
      ASSERT_LE(e, input.size());
      EXPECT_TRUE(is_boundary(input, s)) << input << " @" << s;
      EXPECT_TRUE(is_boundary(input, e)) << input << " @" << e;
      EXPECT_TRUE(valid_utf8(input.substr(s, e - s)));
    }
}

}  // namespace

TEST(Normalize, GoldenFiles) {
  auto files = golden_files("normalize");
  ASSERT_FALSE(files.empty());
  std::size_t total = 0;
  for (auto& f : files) {
    for (auto& c : netral::test::read_golden(f)) {
      ++total;
      EXPECT_EQ(normalize(c.input).text, c.expected) << f << ": " << c.name;
      check_origin(c.input);
    }
  }
  EXPECT_GE(total, 10u);
}

TEST(Normalize, SpansMapToExactSourceWords) {
  std::string in = "Sy lihat   ASN ikut KAMPANYEEE!!! di medsos.";
  auto n = normalize(in);
  auto at = [&](std::string_view w) {
    auto p = n.text.find(w);
    EXPECT_NE(p, std::string::npos) << w;
    auto [s, e] = n.to_input(static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + w.size()));
    return in.substr(s, e - s);
  };
  EXPECT_EQ(at("saya"), "Sy");
  EXPECT_EQ(at("ikut kampanye"), "ikut KAMPANYEEE");
  EXPECT_EQ(at("kampanye"), "KAMPANYEEE");
  EXPECT_EQ(at("media sosial"), "medsos");
  EXPECT_EQ(at("sosial"), "medsos");  // inside an expansion: the whole source token
  EXPECT_EQ(at("asn"), "ASN");
}

TEST(Normalize, MultiByteSpans) {
  std::string in = "Foto 𝐏𝐫𝐚𝐛𝐨𝐰𝐨 café";
  auto n = normalize(in);
  EXPECT_EQ(n.text, "foto prabowo cafe");
  auto [s, e] = n.to_input(5, 12);
  EXPECT_EQ(in.substr(s, e - s), "𝐏𝐫𝐚𝐛𝐨𝐰𝐨");
  auto [s2, e2] = n.to_input(13, 17);
  EXPECT_EQ(in.substr(s2, e2 - s2), "café");
}

TEST(Normalize, InvalidUtf8IsASeparatorNotACrash) {
  std::string in = "ikut\xff\xfekampanye \xe2\x82";
  auto n = normalize(in);
  EXPECT_EQ(n.text, "ikut kampanye");
  EXPECT_EQ(n.origin.back(), in.size());
}

TEST(Normalize, OptionsTurnStepsOff) {
  netral::text::NormalizeOptions o;
  o.expand_slang = false;
  o.undo_leetspeak = false;
  EXPECT_EQ(normalize("yg pr4bowo", o).text, "yg pr4bowo");
}

TEST(Normalize, OriginInvariantsOnSeeds) {
  for (auto& e : fs::directory_iterator(NETRAL_SEEDS_DIR)) {
    auto text = netral::test::read_file(e.path().string());
    auto n = normalize(text);
    ASSERT_EQ(n.origin.size(), n.text.size() + 1);
    for (std::uint32_t i = 0; i < n.text.size(); ++i) {
      ASSERT_TRUE(is_boundary(text, n.origin[i])) << e.path();
      ASSERT_TRUE(is_boundary(text, n.origin_end[i])) << e.path();
    }
    EXPECT_TRUE(valid_utf8(n.text));
  }
}

TEST(Normalize, TablesAreSorted) {
  auto t = netral::text::slang_table();
  EXPECT_TRUE(std::is_sorted(t.begin(), t.end(), [](auto& a, auto& b) { return a.from < b.from; }));
  for (auto& e : t) EXPECT_EQ(e.from.find(' '), std::string_view::npos) << e.from;
  auto d = netral::text::legit_double_words();
  EXPECT_TRUE(std::is_sorted(d.begin(), d.end()));
}

// normalize() takes printable ASCII through a byte-level fast path; it must give exactly
// what the general path (every code point through utf8proc) gives: same text, same origins.
namespace {
void expect_same_as_general(std::string_view in, const netral::text::NormalizeOptions& o) {
  auto fast = normalize(in, o);
  auto ref = netral::text::normalize_general(in, o);
  ASSERT_EQ(fast.text, ref.text) << "input: " << in;
  ASSERT_EQ(fast.origin, ref.origin) << "input: " << in;
  ASSERT_EQ(fast.origin_end, ref.origin_end) << "input: " << in;
}

std::vector<netral::text::NormalizeOptions> all_options() {
  std::vector<netral::text::NormalizeOptions> v;
  for (int m = 0; m < 4; ++m) {
    netral::text::NormalizeOptions o;
    o.expand_slang = (m & 1) != 0;
    o.undo_leetspeak = (m & 2) != 0;
    v.push_back(o);
  }
  return v;
}
}  // namespace

TEST(Normalize, FastPathEqualsGeneralOnSeedsAndGoldens) {
  std::size_t n = 0;
  for (auto& o : all_options()) {
    for (auto& e : fs::directory_iterator(NETRAL_SEEDS_DIR)) {
      expect_same_as_general(netral::test::read_file(e.path().string()), o);
      ++n;
    }
    // Every golden input (screening's are post JSON lines: text all the same).
    for (const char* dir : {"normalize", "classify", "screen"})
      for (auto& f : golden_files(dir))
        for (auto& c : netral::test::read_golden_file(f).cases) {
          expect_same_as_general(c.input, o);
          ++n;
        }
  }
  EXPECT_GT(n, 40u);
}

TEST(Normalize, FastPathEqualsGeneralOnRandomText) {
  // Pieces chosen to hit every rule: case, digits and leetspeak, reduplication "2",
  // stretched runs, legit double letters, slang, hashtags and handles with '_' and '.',
  // apostrophes, ASCII controls and DEL, tabs, accents, NBSP, math letters, invalid bytes.
  const std::vector<std::string> pieces = {
      "a", "B", "e", "k", "z", "0", "1", "2", "3", "4", "5", "7", "9", "#", "@", "_", ".", "'", "-", "!", ",",
      " ", "  ", "\t", "\n", "\r\n", "\x01", "\x7f", "\x1f", "yg", "sy", "Medsos", "gak", "dgn", "pr4bowo",
      "anak2", "kampanyeeee", "AAA", "sss", "tt", "Jum'at", "#Pilkada2024", "@bkpsdmd.babel", "_x_",
      "\xc3\xa9", "e\xcc\x81", "\xc2\xa0", "\xf0\x9d\x90\x8f", "\xe2\x80\x8b", "\xff", "\xe2\x82", "\xc3",
      "\xef\xbc\xa1", "\xc4\xb0", "\xe1\xba\x9e", "ﬁ", "2024", "0o0", "l33t", "x2", "abc2"};
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  auto opts = all_options();
  for (int round = 0; round < 20000; ++round) {
    std::string in;
    auto len = 1 + next() % 14;
    for (std::uint64_t k = 0; k < len; ++k) in += pieces[next() % pieces.size()];
    expect_same_as_general(in, opts[static_cast<std::size_t>(round) % opts.size()]);
    if (HasFatalFailure()) return;
  }
}

// The slang lookup (a filter, then a hash) answers as a plain search of the table would:
// every entry, and tokens that are not entries (near misses included).
TEST(Slang, LookupEqualsSearchingTheTable) {
  auto search = [](std::string_view t) -> std::optional<std::string_view> {
    for (const auto& e : netral::text::slang_table())
      if (e.from == t) return e.to;
    return std::nullopt;
  };
  std::vector<std::string> tokens{"", "a", "yang", "saja", "pilkada", "x"};
  for (const auto& e : netral::text::slang_table()) {
    tokens.emplace_back(e.from);
    tokens.push_back(std::string(e.from) + "x");
    tokens.push_back("x" + std::string(e.from));
    tokens.push_back(std::string(e.from.substr(0, e.from.size() - 1)));
  }
  int hits = 0;
  for (const auto& t : tokens) {
    EXPECT_EQ(netral::text::expand_slang(t), search(t)) << t;
    hits += search(t).has_value();
  }
  EXPECT_GE(hits, int(netral::text::slang_table().size()));
}
