// Loaders, parsers and the streaming runner of src/screen.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <optional>
#include <sstream>

#include "screen/election.hpp"
#include "screen/lexicon.hpp"
#include "screen/post_io.hpp"
#include "screen/screener.hpp"
#include "screen/stream.hpp"
#include "text/normalize.hpp"

using namespace netral::screen;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = NETRAL_SOURCE_DIR;

const char* kMiniElection = R"(
[election]
id = "mini"
name = "Mini"
region = "19"
voting_date = 2024-11-27

[[candidate]]
number = 1
names = ["Hendra Wijaya Saputra"]
hashtags = ["#HeraMenang"]

[[candidate]]
number = 2
names = ["Bambang Sutrisno Hadi"]
)";

// The lexicon of an election file's text with the shipped party list and cues.
Lexicon lexicon_of(const char* election) {
  auto el = parse_election(election, "test.toml");
  auto cues = load_cues((kRoot / "data/screen/cues.toml").string());
  auto parties = load_parties((kRoot / "data/screen/parties.toml").string());
  EXPECT_TRUE(el && cues && parties);
  if (!el || !cues || !parties) return {};
  return compile_lexicon(*el, *parties, *cues);
}

ScreenerPtr mini_screener(AccountDirectory accounts = {}) {
  auto s = Screener::create(lexicon_of(kMiniElection), std::move(accounts));
  EXPECT_TRUE(s);
  return std::move(*s);
}

}  // namespace

TEST(Election, SampleLoads) {
  auto el = load_election((kRoot / "data/elections/pilbup-sungai-kenanga-2024.toml").string());
  ASSERT_TRUE(el) << el.error().detail;
  EXPECT_EQ(el->id, "pilbup-sungai-kenanga-2024");
  EXPECT_EQ(el->voting_date, "2024-11-27");
  ASSERT_EQ(el->candidates.size(), 3u);
  EXPECT_EQ(el->candidate(2)->names[0], "Bambang Sutrisno Hadi");
}

TEST(Election, ErrorsNameFileLineAndField) {
  auto bad = parse_election("[election]\nid = \"x\"\nname = \"X\"\nregion = \"19\"\nvoting_date = \"27 Nov\"\n", "e.toml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "election.voting_date");
  EXPECT_NE(bad.error().detail.find("e.toml:5"), std::string::npos) << bad.error().detail;

  std::string typo = std::string(kMiniElection) + "hastags = [\"#x\"]\n";
  auto t = parse_election(typo, "t.toml");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().field, "candidate[1].hastags");

  auto dup = parse_election(std::string(kMiniElection) + "\n[[candidate]]\nnumber = 2\nnames = [\"X\"]\n", "d.toml");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().field, "candidate[2].number");

  auto syntax = parse_election("[election\n", "s.toml");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().detail.find("s.toml:1"), std::string::npos);

  auto tag = parse_election(std::string(kMiniElection) + "hashtags = [\"NoHash\"]\n", "h.toml");
  ASSERT_FALSE(tag);
  EXPECT_EQ(tag.error().field, "candidate[1].hashtags[0]");
}

TEST(Lexicon, CueAndPartyErrors) {
  auto c = parse_cues("[[cue]]\nkind = \"conduct\"\nconduct = \"dancing\"\nterms = [\"x\"]\n", "c.toml");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "cue[0].conduct");
  auto k = parse_cues("[[cue]]\nkind = \"maybe\"\nterms = [\"x\"]\n", "c.toml");
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().field, "cue[0].kind");
  auto p = parse_parties("[[party]]\nname = \"Partai\"\n", "p.toml");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().field, "party[0].short");
}

TEST(Lexicon, SplitsCamelCase) {
  EXPECT_EQ(split_camel_case("#HeraMenang"), "Hera Menang");
  EXPECT_EQ(split_camel_case("#HERA2024"), "HERA 2024");
  EXPECT_EQ(split_camel_case("#ASNNetral"), "ASN Netral");
  EXPECT_EQ(split_camel_case("#hera_menang"), "hera menang");
}

TEST(Lexicon, PartiesPointToTheirPair) {
  auto el = load_election((kRoot / "data/elections/pilbup-sungai-kenanga-2024.toml").string());
  auto cues = load_cues((kRoot / "data/screen/cues.toml").string());
  auto parties = load_parties((kRoot / "data/screen/parties.toml").string());
  ASSERT_TRUE(el && cues && parties);
  auto lex = compile_lexicon(*el, *parties, *cues);
  int golkar = -1, psi = -1;
  for (const auto& t : lex.terms) {
    if (t.role == TermRole::party && t.text == "Golkar") golkar = t.candidate;
    if (t.role == TermRole::party && t.text == "PSI") psi = t.candidate;
  }
  EXPECT_EQ(golkar, 1);
  EXPECT_EQ(psi, 0);
}

TEST(PostIo, ParsesJsonWithEscapesAndExtraKeys) {
  auto p = parse_post_json(
      R"({"platform":"x","account":"a","post_id":42,"kind":"share","text":"Line\n\"q\" \u00e9 \ud83d\ude00","extra":{"a":[1,2]},"context_text":null})");
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->post_id, "42");
  EXPECT_EQ(p->kind, PostKind::share);
  EXPECT_EQ(p->text, "Line\n\"q\" \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(p->context_text, "");
}

TEST(PostIo, RejectsMalformedJson) {
  EXPECT_FALSE(parse_post_json("{\"text\":\"unterminated}"));
  EXPECT_FALSE(parse_post_json("[1,2]"));
  EXPECT_FALSE(parse_post_json("{\"text\":\"a\"} trailing"));
  EXPECT_FALSE(parse_post_json("{\"kind\":\"retweet\",\"text\":\"a\"}"));
  EXPECT_FALSE(parse_post_json("{\"text\":\"bad \\x escape\"}"));
}

TEST(PostIo, ParsesCsvWithQuotes) {
  auto parser = CsvPostParser::from_header("\xEF\xBB\xBFpost_id,account,platform,text");
  ASSERT_TRUE(parser);
  auto p = parser->parse("7,a.b,facebook,\"Dukung, \"\"HERA\"\"\nbaris dua\"");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->post_id, "7");
  EXPECT_EQ(p->text, "Dukung, \"HERA\"\nbaris dua");
  EXPECT_FALSE(CsvPostParser::from_header("a,b,c"));
}

TEST(PostIo, FlagJsonEscapesAndUsesNull) {
  Flag f;
  f.post_id = "p\"1";
  f.account = "a";
  f.candidate = 0;
  f.conduct = {"social_media"};
  f.score = 0.5;
  std::string out;
  append_flag_json(f, out);
  EXPECT_EQ(out,
            "{\"post_id\":\"p\\\"1\",\"account\":\"a\",\"employee\":null,\"candidate\":null,\"stance\":\"for\","
            "\"conduct\":[\"social_media\"],\"score\":0.50,\"spans\":[]}\n");
}

TEST(PostIo, AccountsCsv) {
  auto d = parse_accounts_csv("platform,account,nip\nfacebook,@Andi.K,198503122010011003\n", "acc.csv");
  ASSERT_TRUE(d);
  ASSERT_NE(d->find("Facebook", "andi.k"), nullptr);
  EXPECT_EQ(*d->find("facebook", "@ANDI.K"), "198503122010011003");
  EXPECT_EQ(d->find("instagram", "andi.k"), nullptr);
  auto bad = parse_accounts_csv("platform,handle\n", "acc.csv");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("acc.csv:1"), std::string::npos);
}

TEST(Screener, BatchApiKeepsOrderAndMapsEmployees) {
  AccountDirectory acc;
  acc.add("facebook", "andi", "198503122010011003");
  auto s = mini_screener(std::move(acc));
  std::vector<Post> posts(3);
  posts[0] = {"facebook", "andi", "1", "", "", PostKind::post, "dukung Hendra Wijaya Saputra", ""};
  posts[1] = {"facebook", "andi", "2", "", "", PostKind::post, "makan siang", ""};
  posts[2] = {"x", "andi", "3", "", "", PostKind::post, "tolak Bambang Sutrisno Hadi", ""};
  auto flags = s->screen_batch(posts);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].post_id, "1");
  EXPECT_EQ(flags[0].employee, "198503122010011003");
  EXPECT_EQ(flags[1].candidate, 2);
  EXPECT_EQ(flags[1].stance, Stance::against_candidate);
  EXPECT_FALSE(flags[1].employee);  // same handle, other platform
}

TEST(Screener, SpansPointAtTheOriginalBytes) {
  auto s = mini_screener();
  auto w = s->make_worker();
  Post p;
  p.text = "Ayo    DUKUNG   H3ndra  Wijaya Saputra!!";
  auto f = s->screen(p, w);
  ASSERT_TRUE(f);
  bool found = false;
  for (const auto& sp : f->spans)
    if (sp.term == "Hendra Wijaya Saputra") {
      EXPECT_EQ(p.text.substr(sp.start, sp.end - sp.start), "H3ndra  Wijaya Saputra");
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST(Stream, ThreadsKeepInputOrderAndSkipBadLines) {
  auto s = mini_screener();
  std::string input;
  for (int i = 0; i < 3000; ++i) {
    if (i % 7 == 0) input += "{\"post_id\":\"" + std::to_string(i) + "\",\"text\":\"dukung #HeraMenang\"}\n";
    else if (i == 1000) input += "not json\n";
    else input += "{\"post_id\":\"" + std::to_string(i) + "\",\"text\":\"cuaca cerah hari ini\"}\n";
  }
  std::string one, many;
  for (unsigned threads : {1u, 4u}) {
    std::istringstream in(input);
    std::ostringstream out;
    StreamOptions opt;
    opt.threads = threads;
    opt.chunk_bytes = 4096;  // many chunks, so ordering across workers is exercised
    std::vector<std::string> warnings;
    opt.warn = [&](std::string_view w) { warnings.emplace_back(w); };
    auto st = screen_stream(in, out, *s, opt);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->posts, 2999u);
    EXPECT_EQ(st->invalid, 1u);
    EXPECT_EQ(st->flagged, 429u);
    EXPECT_EQ(st->bytes, input.size());
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("1001"), std::string::npos) << warnings[0];
    (threads == 1 ? one : many) = out.str();
  }
  EXPECT_EQ(one, many);
  EXPECT_EQ(one.substr(0, 15), "{\"post_id\":\"0\",");
}

TEST(Stream, CsvRecordsSpanLines) {
  auto s = mini_screener();
  std::istringstream in("post_id,text\n1,\"baris satu\ndukung #HeraMenang\"\n2,biasa saja\n");
  std::ostringstream out;
  StreamOptions opt;
  opt.format = InputFormat::csv;
  auto st = screen_stream(in, out, *s, opt);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->posts, 2u);
  EXPECT_EQ(st->flagged, 1u);
  EXPECT_NE(out.str().find("\"post_id\":\"1\""), std::string::npos);
}

// Warnings name the input line of the bad record, counted across chunks, threads and
// records that span lines.
TEST(Stream, WarningLinesCountAcrossChunksAndMultiLineRecords) {
  auto s = mini_screener();
  std::string input = "post_id,kind,text\n";  // line 1
  std::uint64_t line = 2, bad_line = 0;
  // Well over the 64 KiB a chunk read takes at least, so the bad record is in a later chunk.
  for (int i = 0; i < 8000; ++i) {
    if (i == 7000) {
      bad_line = line;
      input += std::to_string(i) + ",repost,biasa\n";
      line += 1;
    } else if (i % 3 == 0) {
      input += std::to_string(i) + ",post,\"baris satu\nbaris dua\nbaris tiga\"\n";
      line += 3;
    } else {
      input += std::to_string(i) + ",post,biasa saja\n";
      line += 1;
    }
  }
  for (unsigned threads : {1u, 3u}) {
    std::istringstream in(input);
    std::ostringstream out;
    StreamOptions opt;
    opt.format = InputFormat::csv;
    opt.threads = threads;
    opt.chunk_bytes = 64;
    std::vector<std::string> warnings;
    opt.warn = [&](std::string_view w) { warnings.emplace_back(w); };
    auto st = screen_stream(in, out, *s, opt);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->posts, 7999u);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].substr(0, warnings[0].find(':')), "baris / line " + std::to_string(bad_line))
        << warnings[0] << " threads=" << threads;
  }
}

TEST(Prefilter, SkeletonFoldsWhatTheNormaliserFolds) {
  std::string a, b;
  ASSERT_TRUE(Prefilter::skeleton("Pr4b0wooo!! MENANG", a));
  ASSERT_TRUE(Prefilter::skeleton("prabowo menang", b));
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, " prabowo menang ");
  EXPECT_FALSE(Prefilter::skeleton("caf\xc3\xa9", a)) << "non-ASCII is never decided on the skeleton";
  EXPECT_FALSE(Prefilter::skeleton("dukung2 hendra", a)) << "reduplication rewrites words";
  EXPECT_TRUE(Prefilter::skeleton("paslon 02", a));
  EXPECT_EQ(a, " paslon o2 ");
  ASSERT_TRUE(Prefilter::skeleton("#Hera_Menang, Jum'at", a));
  EXPECT_EQ(a, " hera menang jumat ");
}

TEST(Prefilter, SkipsOnlyPostsThatCannotFlag) {
  auto pre = Prefilter::compile(lexicon_of(kMiniElection));
  ASSERT_TRUE(pre);
  ASSERT_TRUE(*pre) << "the sample lexicon admits a shortcut";
  auto s = (*pre)->make_scratch();
  EXPECT_FALSE((*pre)->may_flag("Selamat pagi bapak ibu, jangan lupa apel pagi", s));
  EXPECT_TRUE((*pre)->may_flag("ayo dukung H3NDRA-wijaya saputra!!", s));
  EXPECT_TRUE((*pre)->may_flag("#heramenang", s));
  EXPECT_TRUE((*pre)->may_flag("Hendra Wijaya Saputr\xc3\xa4", s)) << "non-ASCII goes the full way";
  // An ambiguous reference counts only beside an election cue: either alone cannot flag.
  EXPECT_FALSE((*pre)->may_flag("Jangan lupa datang ke TPS tanggal 27 ya", s)) << "election cue, no reference";
  EXPECT_FALSE((*pre)->may_flag("Rapat di ruang 02 jam 9", s)) << "ambiguous reference, no election cue";
  EXPECT_TRUE((*pre)->may_flag("Di TPS nanti pilih yang 02 ya", s)) << "both";
  EXPECT_TRUE((*pre)->may_flag("pilkada, dua jari!", s));
  // Every leet digit, read as the normaliser reads it: "8am8ang" is "bambang".
  EXPECT_TRUE((*pre)->may_flag("dukung 8am8ang sutrisno hadi", s));
  EXPECT_TRUE((*pre)->may_flag("dukung Bam8an6 5u7r1sno hadi", s));
}

TEST(Prefilter, SkeletonReadsDigitsLikeTheNormaliser) {
  std::string sk;
  for (char d = '0'; d <= '9'; ++d) {
    if (d == '2') continue;  // reduplication, not a letter
    const std::string word = std::string("ka") + d + "u";
    std::string of_normalised;
    ASSERT_TRUE(Prefilter::skeleton(word, sk)) << word;
    ASSERT_TRUE(Prefilter::skeleton(netral::text::normalize(word).text, of_normalised)) << word;
    EXPECT_EQ(sk, of_normalised) << word;
  }
}

namespace {

// Counts what the screener asks of its cache; `corrupt` hands out garbage instead.
struct MemoryCache : DatabaseCache {
  std::map<std::string, std::string, std::less<>> entries;
  int loads = 0, hits = 0, stores = 0;
  bool corrupt = false;
  std::optional<std::string> load(std::string_view key) override {
    ++loads;
    auto it = entries.find(key);
    if (it == entries.end()) return std::nullopt;
    ++hits;
    return corrupt ? std::string(it->second.size(), 'x') : it->second;
  }
  void store(std::string_view key, std::string_view bytes) override {
    ++stores;
    entries[std::string(key)] = std::string(bytes);
  }
};

ScreenerPtr cached_screener(DatabaseCache& cache, const char* election = kMiniElection) {
  auto s = Screener::create(lexicon_of(election), {}, nullptr, true, &cache);
  EXPECT_TRUE(s) << s.error().detail;
  return std::move(*s);
}

std::string flags_of(const Screener& s, std::string_view text) {
  auto w = s.make_worker();
  Post p;
  p.text = std::string(text);
  auto f = s.screen(p, w);
  std::string out;
  if (f) append_flag_json(*f, out);
  return out;
}

}  // namespace

// The compiled databases come from the cache on the second run and screen the same; a
// changed lexicon misses; bytes Vectorscan refuses are compiled again.
TEST(DatabaseCache, SecondRunLoadsAndScreensTheSame) {
  MemoryCache cache;
  auto first = cached_screener(cache);
  EXPECT_EQ(cache.hits, 0);
  EXPECT_GE(cache.stores, 2);  // the matcher's database and the prefilter's
  const int stored = cache.stores;
  auto second = cached_screener(cache);
  EXPECT_EQ(cache.hits, stored) << "every database loaded";
  EXPECT_EQ(cache.stores, stored) << "nothing compiled again";
  for (std::string_view t : {"Ayo dukung #HeraMenang!", "pilih pak Bambang Sutrisno Hadi", "cuaca cerah", "H3ndra Wijaya Saputra pemimpin kita"}) {
    EXPECT_EQ(flags_of(*first, t), flags_of(*second, t)) << t;
  }
  EXPECT_FALSE(flags_of(*second, "Ayo dukung #HeraMenang!").empty());

  std::string changed = std::string(kMiniElection) + "\n[[candidate]]\nnumber = 3\nnames = [\"Siti Rahmawati Lubis\"]\n";
  auto third = cached_screener(cache, changed.c_str());
  EXPECT_GT(cache.stores, stored) << "another lexicon, another database";
  EXPECT_FALSE(flags_of(*third, "coblos Siti Rahmawati Lubis").empty());

  MemoryCache bad;
  cached_screener(bad);
  bad.corrupt = true;
  const int before = bad.stores;
  auto recompiled = cached_screener(bad);
  EXPECT_GT(bad.stores, before) << "garbage is compiled again";
  EXPECT_EQ(flags_of(*recompiled, "Ayo dukung #HeraMenang!"), flags_of(*first, "Ayo dukung #HeraMenang!"));
}

TEST(PostIo, EscapedKeysKindAndDuplicateKeys) {
  auto p = parse_post_json(R"({"te\u0078t":"halo","kind":"sh\u0061re","post_id":"1","post_id":"2"})");
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->text, "halo");
  EXPECT_EQ(p->kind, PostKind::share);
  EXPECT_EQ(p->post_id, "2") << "the last of a repeated key wins";
  auto bad = parse_post_json(R"({"kind":"re\u0070ost","text":"a"})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("repost"), std::string::npos) << bad.error().detail;
  EXPECT_FALSE(parse_post_json(R"({"text" "a"})")) << "missing ':'";
  EXPECT_FALSE(parse_post_json(R"({"text":"a",})"));
  EXPECT_FALSE(parse_post_json(R"({"text":"a"}})"));
}

// The compact shape collectors write is read by a fast loop; every other spelling of the
// same object by the general reader. Both must give the same post.
TEST(PostIo, CompactAndSpacedSpellingsReadTheSame) {
  std::mt19937 rng(7);
  const std::string_view alphabet[] = {"a", "B", " ", "2", "'", "\\\"", "\\\\", "\\n", "\\u00e9", "\\/", ",", ":", "{", "}", "é", "x"};
  for (int round = 0; round < 2000; ++round) {
    std::string fields[3];
    for (auto& f : fields) {
      const int len = int(rng() % 12);
      for (int i = 0; i < len; ++i) f += alphabet[rng() % std::size(alphabet)];
    }
    const std::string compact = "{\"post_id\":\"" + fields[0] + "\",\"text\":\"" + fields[1] +
                                "\",\"context_text\":\"" + fields[2] + "\",\"kind\":\"comment\"}";
    const std::string spaced = "{ \"post_id\" : \"" + fields[0] + "\",\n\"text\":\"" + fields[1] +
                               "\" , \"context_text\": \"" + fields[2] + "\", \"kind\":\"comment\" } ";
    auto a = parse_post_json(compact);
    auto b = parse_post_json(spaced);
    ASSERT_TRUE(a) << compact << ": " << a.error().detail;
    ASSERT_TRUE(b) << spaced << ": " << b.error().detail;
    EXPECT_EQ(a->post_id, b->post_id);
    EXPECT_EQ(a->text, b->text);
    EXPECT_EQ(a->context_text, b->context_text);
    EXPECT_EQ(a->kind, PostKind::comment);
    EXPECT_EQ(b->kind, PostKind::comment);
    JsonPostView v;
    ASSERT_TRUE(v.parse(compact));
    EXPECT_EQ(v.text_json(), fields[1]) << "the body as written";
  }
}

// The skeleton read from a JSON string body, escapes and all, is the skeleton of the
// decoded string whenever it decides; otherwise the post is screened in full.
TEST(Prefilter, JsonSkeletonIsTheDecodedSkeleton) {
  std::mt19937 rng(11);
  const std::string_view pieces[] = {"a", "b", "N", "z", "2", "0", "1", "4", " ", "  ", "'", ".", "!", "#", "@", "_",
                                     "-", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r", "\\b", "\\f", "\\u0041",
                                     "\\u00e9", "\xc3\xa9", "aa", "Jum'at", "kata2"};
  int decided = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string body;
    const int len = int(rng() % 16);
    for (int i = 0; i < len; ++i) body += pieces[rng() % std::size(pieces)];
    auto post = parse_post_json("{\"text\":\"" + body + "\"}");
    ASSERT_TRUE(post) << body;
    std::string from_json, from_text;
    if (!Prefilter::skeleton_json(body, from_json)) continue;
    ++decided;
    ASSERT_TRUE(Prefilter::skeleton(post->text, from_text)) << body;
    EXPECT_EQ(from_json, from_text) << body;
  }
  EXPECT_GT(decided, 5000) << "most bodies are decided on the raw text";
  std::string sk;
  ASSERT_TRUE(Prefilter::skeleton_json(R"(Pr4b0wo\nMENANG\"!)", sk));
  EXPECT_EQ(sk, " prabowo menang ");
  EXPECT_FALSE(Prefilter::skeleton_json(R"(caf\u00e9)", sk)) << "a \\u escape is not decided here";
}

// The SIMD blocks of the skeleton give what the byte loop gives, on texts long enough to
// fill blocks, with runs across block edges and the rare bytes inside blocks.
TEST(Prefilter, BlocksEqualTheByteLoop) {
  std::mt19937 rng(5);
  const std::string_view pieces[] = {"a", "B", "z", "Z", "0", "1", "3", "9", "2", " ", "   ", ".", "!", "#", "~", "\t",
                                     "'", "aaaa", "oo", "\\n", "\\\"", "\\u00e9", "\xc3\xa9", "Jum'at", "kata2",
                                     "prabowo menang ", "Pr4b0w0 ", "the quick brown fox "};
  int decided = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int len = int(rng() % 40);
    for (int i = 0; i < len; ++i) text += pieces[rng() % std::size(pieces)];
    for (bool json : {false, true}) {
      std::string a, b;
      const bool da = json ? Prefilter::skeleton_json(text, a) : Prefilter::skeleton(text, a);
      const bool db = Prefilter::skeleton_bytewise(text, b, json);
      ASSERT_EQ(da, db) << text;
      if (da) {
        ++decided;
        ASSERT_EQ(a, b) << text;
      }
    }
  }
  EXPECT_GT(decided, 5000);
}

// A chunk's posts are decided with one scan: each field on its own, as if scanned alone.
// A cue in one field or post must not meet an ambiguous reference in the next.
TEST(Prefilter, BatchDecidesEachFieldAsAlone) {
  auto pf = Prefilter::compile(lexicon_of(kMiniElection));
  ASSERT_TRUE(pf && *pf);
  auto scratch = (*pf)->make_scratch();
  const std::string_view words[] = {"cuaca", "cerah", "coblos", "dukung", "nomor", "2", "02", "dua", "jari",
                                    "Hendra", "Wijaya", "Saputra", "Bambang", "#HeraMenang", "\\n", "\\u00e9",
                                    "!!", "hari", "ini", "pak", "Jum'at"};
  std::mt19937 rng(3);
  int passed = 0, held = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> texts;
    for (int i = 0; i < 2 * int(1 + rng() % 40); ++i) {
      std::string t;
      for (int w = int(rng() % 5); w > 0; --w) t += std::string(words[rng() % std::size(words)]) + " ";
      texts.push_back(t);
    }
    std::vector<std::string_view> bodies(texts.begin(), texts.end());
    std::vector<char> pass;
    (*pf)->may_flag_json(bodies, 2, scratch, pass);
    ASSERT_EQ(pass.size(), texts.size() / 2);
    for (std::size_t p = 0; p < pass.size(); ++p) {
      bool alone = false;
      for (int f = 0; f < 2; ++f) {
        auto post = parse_post_json("{\"text\":\"" + texts[2 * p + f] + "\"}");
        ASSERT_TRUE(post);
        alone = alone || (*pf)->may_flag(post->text, scratch);
      }
      ASSERT_EQ(bool(pass[p]), alone) << "post " << p << ": [" << texts[2 * p] << "] [" << texts[2 * p + 1] << "]";
      (alone ? passed : held)++;
    }
  }
  EXPECT_GT(passed, 500);
  EXPECT_GT(held, 500);
  // The fixed cases: a cue and an ambiguous number meet only in the same field.
  std::vector<std::string_view> bodies = {"ayo coblos", "", "nomor 2", "", "ayo coblos", "nomor 2", "coblos nomor 2", ""};
  std::vector<char> pass;
  (*pf)->may_flag_json(bodies, 2, scratch, pass);
  EXPECT_EQ(pass, (std::vector<char>{0, 0, 0, 1}));
}

// Slang in the prefilter: a literal is also matched as spelled with slang forms of its
// words ("maju aja terus" for the slogan "Maju Saja Terus"), but the slang form alone no
// longer lets every post through; a many-word expansion ("cabup" -> "calon bupati") still
// does, on its own. Each case screens the same with and without the shortcut.
TEST(Prefilter, SlangSpellingsOfLiterals) {
  const char* election = R"(
[election]
id = "slang"
name = "Slang"
region = "19"
voting_date = 2024-11-27

[[candidate]]
number = 1
names = ["Hendra Wijaya Saputra"]
slogans = ["Maju Saja Terus", "Calon Bupati Rakyat"]
)";
  const Lexicon lexicon = lexicon_of(election);
  auto pf = Prefilter::compile(lexicon);
  ASSERT_TRUE(pf && *pf);
  auto scratch = (*pf)->make_scratch();
  EXPECT_TRUE((*pf)->may_flag("pokoknya MAJU AJA terus!!", scratch));
  EXPECT_TRUE((*pf)->may_flag("maju saja terus", scratch));
  EXPECT_FALSE((*pf)->may_flag("makan aja dulu, maju terus", scratch)) << "'aja' alone tells nothing";
  EXPECT_TRUE((*pf)->may_flag("cabup rakyat", scratch)) << "a many-word expansion";
  EXPECT_TRUE((*pf)->may_flag("cabup kita", scratch)) << "decided on the raw form alone";

  auto with = Screener::create(lexicon, {}, nullptr, true);
  auto without = Screener::create(lexicon, {}, nullptr, false);
  ASSERT_TRUE(with && without);
  auto w1 = (*with)->make_worker();
  auto w2 = (*without)->make_worker();
  for (std::string_view t : {"pokoknya MAJU AJA terus!!", "makan aja dulu, maju terus", "cabup rakyat", "ayo maju aja trus",
                             "dukung cabup rakyat kita"}) {
    Post p;
    p.text = std::string(t);
    std::string a, b;
    if (auto f = (*with)->screen(p, w1)) append_flag_json(*f, a);
    if (auto f = (*without)->screen(p, w2)) append_flag_json(*f, b);
    EXPECT_EQ(a, b) << t;
    if (t == "pokoknya MAJU AJA terus!!") {
      EXPECT_FALSE(a.empty()) << "the slogan, spelled with slang, is flagged";
    }
  }
}
