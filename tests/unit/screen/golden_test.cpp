// Golden tests for screening: tests/golden/screen/*.test hold input posts and the flags they
// must raise, in the golden format of every unit test (docs/testing.md, "Golden files"):
// a case's input is the post as one JSON line, its expected text `none` or a JSON object
// with any of candidate, stance, conduct, employee, terms, min_score. Before the first
// case, directives (docs/screening.md, "Golden tests"):
//   election <path from the source root>      optional; default the sample election
//   account <platform>,<handle>,<nip>         staff account -> employee
// `conduct` and `terms` must all appear in the flag (the classifier may add conduct).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "golden/golden.hpp"
#include "screen/election.hpp"
#include "screen/lexicon.hpp"
#include "screen/post_io.hpp"
#include "screen/screener.hpp"
#include "screen/stream.hpp"

namespace fs = std::filesystem;
using namespace netral::screen;

namespace {

const fs::path kRoot = NETRAL_SOURCE_DIR;
const std::string kDefaultElection = "data/elections/pilbup-sungai-kenanga-2024.toml";

std::unique_ptr<Screener> make_screener(const std::string& election_rel, AccountDirectory accounts,
                                        bool shortcut = true) {
  auto el = load_election((kRoot / election_rel).string());
  auto parties = load_parties((kRoot / "data/screen/parties.toml").string());
  auto cues = load_cues((kRoot / "data/screen/cues.toml").string());
  EXPECT_TRUE(el) << (el ? "" : el.error().detail);
  EXPECT_TRUE(parties) << (parties ? "" : parties.error().detail);
  EXPECT_TRUE(cues) << (cues ? "" : cues.error().detail);
  if (!el || !parties || !cues) return nullptr;
  // The catalogue's conduct classifier (issue 4) labels conduct, as in production.
  auto classifier = netral::text::Classifier::load(kRoot / "data/catalog/cues.toml");
  EXPECT_TRUE(classifier) << (classifier ? "" : classifier.error().detail);
  if (!classifier) return nullptr;
  auto s = Screener::create(compile_lexicon(*el, *parties, *cues), std::move(accounts),
                            std::make_unique<netral::text::Classifier>(std::move(*classifier)), shortcut);
  EXPECT_TRUE(s);
  return s ? std::move(*s) : nullptr;
}

void run_file(const fs::path& file) {
  const auto golden = netral::test::read_golden_file(file.string());
  std::string election = kDefaultElection;
  AccountDirectory accounts;
  for (const auto& d : golden.directives()) {
    auto sp = d.text.find(' ');
    std::string key = d.text.substr(0, sp);
    std::string rest = sp == std::string::npos ? "" : d.text.substr(sp + 1);
    if (key == "election") {
      election = rest;
    } else if (key == "account") {
      auto cols = split_csv_record(rest);
      ASSERT_EQ(cols.size(), 3u) << file << ":" << d.line;
      accounts.add(cols[0], cols[1], cols[2]);
    } else {
      FAIL() << file << ":" << d.line << ": unknown directive " << key;
    }
  }
  const auto& cases = golden.cases;
  // The same cases without the prefilter: the shortcut must never change a result.
  auto full = make_screener(election, accounts, false);
  auto screener = make_screener(election, std::move(accounts));
  ASSERT_TRUE(screener);
  ASSERT_TRUE(full);
  auto worker = screener->make_worker();
  auto full_worker = full->make_worker();
  for (const auto& c : cases) {
    SCOPED_TRACE(file.filename().string() + ":" + std::to_string(c.line) + " case " + c.name);
    ASSERT_FALSE(c.input.empty());
    ASSERT_EQ(c.input.find('\n'), std::string::npos) << "a post is one JSON line";
    ASSERT_FALSE(c.expected.empty());
    auto post = parse_post_json(c.input);
    ASSERT_TRUE(post) << post.error().detail;
    auto flag = screener->screen(*post, worker);
    std::string actual, without_shortcut;
    if (flag) append_flag_json(*flag, actual);
    if (auto f = full->screen(*post, full_worker)) append_flag_json(*f, without_shortcut);
    EXPECT_EQ(actual, without_shortcut) << "the prefilter changed the result";
    // A feed is decided on the raw JSON (JsonPostView, Prefilter::may_flag_json): the same
    // flag as written, and respelled with every non-ASCII character and '/' escaped.
    std::string respelled = nlohmann::json::parse(c.input).dump(-1, ' ', true);
    for (std::size_t at = 0; (at = respelled.find('/', at)) != std::string::npos; at += 2) respelled.insert(at, "\\");
    for (const std::string& line : {c.input, respelled}) {
      std::istringstream feed(line + "\n");
      std::ostringstream flags;
      auto st = screen_stream(feed, flags, *screener, StreamOptions{});
      ASSERT_TRUE(st);
      EXPECT_EQ(flags.str(), actual) << "the feed path differs on " << line;
    }
    if (c.expected == "none") {
      EXPECT_FALSE(flag) << "unexpected flag: " << actual;
      continue;
    }
    if (!flag) {
      ADD_FAILURE() << "expected a flag, got none";
      continue;
    }
    // The output line must be valid JSON with the documented keys.
    auto got = nlohmann::json::parse(actual);
    for (const char* k : {"post_id", "account", "employee", "candidate", "stance", "conduct", "score", "spans"})
      EXPECT_TRUE(got.contains(k)) << k;
    auto want = nlohmann::json::parse(c.expected);
    for (auto& [k, v] : want.items()) {
      if (k == "terms") {
        std::vector<std::string> terms;
        for (auto& s : got["spans"]) terms.push_back(s["term"]);
        for (auto& t : v)
          EXPECT_NE(std::find(terms.begin(), terms.end(), t.get<std::string>()), terms.end())
              << "term " << t << " missing in " << actual;
      } else if (k == "conduct") {
        // At least these categories: the classifier (issue 4) may add more as its
        // catalogue grows, and that is its own tests' business.
        for (auto& c : v)
          EXPECT_NE(std::find(got["conduct"].begin(), got["conduct"].end(), c), got["conduct"].end())
              << "conduct " << c << " missing in " << actual;
        EXPECT_EQ(got["conduct"][0], "social_media") << actual;
      } else if (k == "min_score") {
        EXPECT_GE(got["score"].get<double>(), v.get<double>()) << actual;
      } else {
        EXPECT_EQ(got[k], v) << "key " << k << " in " << actual;
      }
    }
    // Every span lies inside its field and starts and ends on UTF-8 boundaries.
    for (const Span& s : flag->spans) {
      const std::string& f = s.field == Field::text ? post->text : post->context_text;
      ASSERT_LE(s.start, s.end);
      ASSERT_LE(s.end, f.size()) << actual;
      if (s.start < f.size()) {
        EXPECT_NE(static_cast<unsigned char>(f[s.start]) & 0xC0, 0x80) << actual;
      }
      if (s.end < f.size()) {
        EXPECT_NE(static_cast<unsigned char>(f[s.end]) & 0xC0, 0x80) << actual;
      }
    }
  }
}

}  // namespace

TEST(ScreenGolden, AllFiles) {
  const fs::path dir = kRoot / "tests/golden/screen";
  std::vector<fs::path> files;
  for (auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 8u) << "golden files missing under " << dir;
  for (const auto& f : files) {
    SCOPED_TRACE(f.filename().string());
    run_file(f);
  }
}
