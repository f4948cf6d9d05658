// Golden tests of the circular importer on every seed text (tests/golden/circular/seeds.test,
// one case per seed, reviewed by reading the seeds), and the PDF path through pdftotext on a
// PDF made here. NETRAL_UPDATE_GOLDEN=1 rewrites the expected texts; review the diff before
// committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "evidence/pdf_text.hpp"
#include "golden/golden.hpp"
#include "core/strings.hpp"
#include "text/circular.hpp"
#include "text/circular_eval.hpp"
#include "text/region_index.hpp"

using namespace netral::text;
using netral::ascii_lower;
namespace fs = std::filesystem;

namespace {

const Classifier& classifier() {
  static auto c = Classifier::load(fs::path(NETRAL_SOURCE_DIR) / "data/catalog/cues.toml");
  if (!c) throw std::runtime_error(c.error().detail);
  return *c;
}

const RegionIndex& regions() {
  static auto r = RegionIndex::load(fs::path(NETRAL_SOURCE_DIR) / "data/regions");
  if (!r) throw std::runtime_error(r.error().detail);
  return *r;
}

CircularDraft draft(std::string_view text) { return draft_circular(text, &classifier(), &regions()); }

std::vector<fs::path> seeds() {
  std::vector<fs::path> out;
  for (auto& e : fs::directory_iterator(NETRAL_SEEDS_DIR))
    if (e.path().extension() == ".txt") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

const fs::path kGolden = fs::path(NETRAL_SOURCE_DIR) / "tests/golden/circular/seeds.test";

// A seed's draft as its golden case holds it.
std::string draft_of(const fs::path& seed) {
  return netral::test::trim_trailing_newlines(to_json(draft(netral::test::read_file(seed))));
}

CircularDraft draft_of_seed(const std::string& prefix) {
  for (auto& s : seeds())
    if (s.filename().string().starts_with(prefix)) return draft(netral::test::read_file(s));
  throw std::runtime_error("no seed " + prefix);
}

std::vector<std::string> letters(const CircularDraft& d) {
  std::vector<std::string> v;
  for (auto& it : d.items) v.push_back(it.letter);
  return v;
}

}  // namespace

TEST(CircularGolden, EverySeedMatchesItsReviewedDraft) {
  auto all = seeds();
  ASSERT_EQ(all.size(), 5u) << "seeds in " << NETRAL_SEEDS_DIR;
  auto golden = netral::test::read_golden_file(kGolden.string());
  if (std::getenv("NETRAL_UPDATE_GOLDEN")) {
    golden.cases.clear();
    for (auto& seed : all)
      golden.cases.push_back({seed.stem().string(), 0, seed.filename().string(), draft_of(seed)});
    std::ofstream(kGolden, std::ios::binary) << netral::test::format_golden(golden);
    GTEST_SKIP() << "rewrote " << kGolden;
  }
  // One case per seed, in the seeds' order, its input naming the seed file.
  ASSERT_EQ(golden.cases.size(), all.size()) << kGolden;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& c = golden.cases[i];
    SCOPED_TRACE(kGolden.filename().string() + ":" + std::to_string(c.line) + " case " + c.name);
    ASSERT_EQ(c.name, all[i].stem().string());
    ASSERT_EQ(c.input, all[i].filename().string());
    EXPECT_EQ(c.expected, draft_of(all[i]));
  }
}

// 002 carries OCR-like lettering errors: "d." twice and a capital "G.". The items keep
// their order, are lettered a..g, and remember what was written.
TEST(CircularImport, LetteringErrorsAreNormalised) {
  auto d = draft_of_seed("002_");
  EXPECT_EQ(letters(d), (std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g"}));
  ASSERT_EQ(d.items.size(), 7u);
  EXPECT_EQ(d.items[5].source_letter, "d");
  EXPECT_EQ(d.items[6].source_letter, "G");
  EXPECT_TRUE(d.items[2].text.starts_with("sebagai peserta kampanye dengan mengerahkan"));  // after ";c."
  EXPECT_EQ(d.items[5].conduct, std::vector<std::string>{"support_letter_ktp"});
  EXPECT_EQ(d.items[6].conduct, std::vector<std::string>{"photo_symbol"});
  // The report quotes only the list: no number, date, channel or duty to read.
  for (const char* f : {"number", "date", "channels", "duties"})
    EXPECT_NE(std::find(d.unread.begin(), d.unread.end(), f), d.unread.end()) << f;
}

TEST(CircularImport, FullLetterIsReadWhole) {
  auto d = draft_of_seed("004_");
  EXPECT_EQ(d.number, "800/46/BKPSDMD-II/2024");
  EXPECT_EQ(d.date, "2024-11-13");
  EXPECT_EQ(d.place, "Pangkalpinang");
  EXPECT_EQ(d.signer, "Sugito, Pj. Gubernur Kepulauan Bangka Belitung");
  EXPECT_EQ(d.region, "Provinsi Kepulauan Bangka Belitung");
  EXPECT_EQ(d.items.size(), 8u);
  EXPECT_EQ(d.channels, std::vector<std::string>{"https://lapor.babelprov.go.id/silaporasn"});
  ASSERT_EQ(d.duties.size(), 4u);  // point 3 with its a and b, point 5
  EXPECT_TRUE(d.duties[1].starts_with("Mengimplementasikan"));
  EXPECT_TRUE(d.unread.empty());
}

TEST(CircularImport, PressReleaseRunOnListsAndDuties) {
  auto d = draft_of_seed("001_");
  EXPECT_EQ(d.items.size(), 8u);
  EXPECT_EQ(d.signer, "Sekda Kabupaten Bima");  // the office as written; the name is not the office
  ASSERT_EQ(d.duties.size(), 7u);
  EXPECT_TRUE(d.duties[0].find("Keputusan Bersama") != std::string::npos);  // the decree continues duty 1
  EXPECT_TRUE(d.duties[4].starts_with("mengambil tindakan"));
  // A press release has no number or date of its own: said, not guessed.
  EXPECT_TRUE(d.number.empty());
  EXPECT_TRUE(d.date.empty());
}

TEST(CircularImport, NumberedPointsContinueLetteredList) {
  auto d = draft_of_seed("003_");
  EXPECT_EQ(letters(d), (std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g"}));
  EXPECT_EQ(d.items[4].source_letter, "2");
  EXPECT_EQ(d.signer, "Bupati Batanghari");
}

TEST(CircularImport, EmptyTextReadsNothing) {
  auto d = draft_circular("", &classifier());
  EXPECT_TRUE(d.items.empty());
  for (const char* f : {"number", "date", "place", "signer", "title", "region", "items", "channels", "duties"})
    EXPECT_NE(std::find(d.unread.begin(), d.unread.end(), f), d.unread.end()) << f;
}

// ---- PDF through pdftotext ----------------------------------------------------------

namespace {

// A one-page PDF written by hand: Helvetica (a standard font, no embedding), one text line
// per string, with a correct cross-reference table. Strings must be ASCII without ( ) \.
std::string make_pdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 10 Tf 14 TL 50 800 Td\n";
  for (auto& l : lines) content += "(" + l + ") Tj T*\n";
  content += "ET\n";
  std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offsets) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) +
         "\n%%EOF\n";
  return pdf;
}

bool have_pdftotext() { return std::system("command -v pdftotext >/dev/null 2>&1") == 0; }

}  // namespace

TEST(CircularPdf, ImportsALetterThroughPdftotext) {
  if (!have_pdftotext()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed; scripts/install-deps.sh installs it";
  auto pdf = make_pdf({
      "BUPATI SUNGAI KENANGA",
      "SURAT EDARAN",
      "NOMOR: 800.1/12/BKPSDM/2024",
      "TENTANG",
      "NETRALITAS ASN DAN NON ASN DALAM PEMILIHAN TAHUN 2024",
      "1. Setiap ASN dan non ASN di lingkungan Pemerintah Kabupaten Sungai Kenanga dilarang:",
      "a. ikut kampanye;",
      "b. memasang spanduk atau baliho calon;",
      "c. membuat posting, comment, share, like akun calon di media sosial;",
      "2. Agar Kepala Perangkat Daerah wajib mengawasi bawahannya.",
      "3. Pelanggaran dapat dilaporkan melalui https://lapor.example.go.id/netral",
      "Ditetapkan di Kenanga",
      "pada tanggal 2 Oktober 2024",
      "BUPATI SUNGAI KENANGA,",
      "(ttd)",
      "Rahmat Hidayat",
  });
  ASSERT_TRUE(netral::evidence::looks_like_pdf(pdf));
  auto text = netral::evidence::pdf_bytes_to_text(pdf);
  ASSERT_TRUE(text.has_value());
  ASSERT_NE(text->find("ikut kampanye"), std::string::npos) << *text;
  auto d = draft_circular(*text, &classifier());
  EXPECT_EQ(d.number, "800.1/12/BKPSDM/2024");
  EXPECT_EQ(d.date, "2024-10-02");
  EXPECT_EQ(d.place, "Kenanga");
  EXPECT_EQ(d.signer, "Rahmat Hidayat, BUPATI SUNGAI KENANGA");
  EXPECT_EQ(d.region, "Kabupaten Sungai Kenanga");
  EXPECT_EQ(letters(d), (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(d.items.size(), 3u);
  EXPECT_EQ(d.items[0].conduct, std::vector<std::string>{"campaign_participation"});
  EXPECT_EQ(d.items[1].conduct, std::vector<std::string>{"banner_props"});
  EXPECT_EQ(d.items[2].conduct, std::vector<std::string>{"social_media"});
  EXPECT_EQ(d.channels, std::vector<std::string>{"https://lapor.example.go.id/netral"});
  EXPECT_EQ(d.duties.size(), 1u);
}

TEST(CircularPdf, BrokenPdfIsRefusedNotGuessed) {
  if (!have_pdftotext()) GTEST_SKIP() << "pdftotext not installed";
  EXPECT_FALSE(netral::evidence::pdf_bytes_to_text("%PDF-1.4\nthis is not a pdf\n").has_value());
}

// ---- the forms circulars are really written in (issue 12) -----------------------------
// Small texts written for these tests, one per form; the real texts are in
// data/eval/circulars (golden below for its development part).

namespace {

std::vector<std::string> item_texts(const CircularDraft& d) {
  std::vector<std::string> v;
  for (auto& it : d.items) v.push_back(it.text);
  return v;
}

std::vector<std::string> markers(const CircularDraft& d) {
  std::vector<std::string> v;
  for (auto& it : d.items) v.push_back(it.marker);
  return v;
}

const std::vector<std::string> kThree = {"memasang spanduk calon", "menghadiri deklarasi calon", "menjadi tim sukses"};

}  // namespace

TEST(CircularForms, EveryMarkerStyleIsAList) {
  struct Case {
    const char* name;
    std::string text;
    std::vector<std::string> markers;
  };
  const std::vector<Case> cases = {
      {"1.", "ASN dilarang:\n1. memasang spanduk calon;\n2. menghadiri deklarasi calon;\n3. menjadi tim sukses.\n", {"1", "2", "3"}},
      {"1)", "ASN dilarang:\n1) memasang spanduk calon;\n2) menghadiri deklarasi calon;\n3) menjadi tim sukses.\n", {"1", "2", "3"}},
      {"(1)", "ASN dilarang:\n(1) memasang spanduk calon;\n(2) menghadiri deklarasi calon;\n(3) menjadi tim sukses.\n", {"1", "2", "3"}},
      {"a)", "ASN dilarang:\na) memasang spanduk calon;\nb) menghadiri deklarasi calon;\nc) menjadi tim sukses.\n", {"a", "b", "c"}},
      {"A.", "ASN dilarang:\nA. memasang spanduk calon;\nB. menghadiri deklarasi calon;\nC. menjadi tim sukses.\n", {"A", "B", "C"}},
      {"i.", "ASN dilarang:\ni. memasang spanduk calon;\nii. menghadiri deklarasi calon;\niii. menjadi tim sukses.\n", {"i", "ii", "iii"}},
      {"bullets", "ASN dilarang:\n\xE2\x80\xA2 memasang spanduk calon\n\xE2\x80\xA2 menghadiri deklarasi calon\n- menjadi tim sukses\n", {"-", "-", "-"}},
      {"ordinals", "Pertama, ASN dilarang memasang spanduk calon.\n\nKedua, ASN dilarang menghadiri deklarasi calon.\n\nDan ketiga, ASN dilarang menjadi tim sukses.\n",
       {"Pertama", "Kedua", "ketiga"}},
      {"one line", "Dalam edaran itu ASN dilarang: 1. memasang spanduk calon; 2. menghadiri deklarasi calon; 3. menjadi tim sukses.\n", {"1", "2", "3"}},
      {"no space", "ASN dilarang:\n1.Memasang spanduk calon;\n2.Menghadiri deklarasi calon;\n3.Menjadi tim sukses.\n", {"1", "2", "3"}},
  };
  for (auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto d = draft(c.text);
    EXPECT_EQ(markers(d), c.markers);
    ASSERT_EQ(d.items.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(ascii_lower(d.items[i].text).find(kThree[i].substr(0, 12)) != std::string::npos, true) << d.items[i].text;
  }
}

TEST(CircularForms, ProseListsSplitOnActs) {
  // Separated by ";", by "serta", by "dan tidak": one act each; a noun list stays one act.
  auto d = draft("Bupati Garut menegaskan ASN dilarang memasang spanduk, baliho atau alat peraga calon; melakukan kampanye di media "
                 "sosial serta menjadi anggota partai politik dan tidak menggunakan mobil dinas untuk kampanye.");
  EXPECT_EQ(item_texts(d), (std::vector<std::string>{"memasang spanduk, baliho atau alat peraga calon",
                                                     "melakukan kampanye di media sosial", "menjadi anggota partai politik",
                                                     "menggunakan mobil dinas untuk kampanye"}));
  // Verbs sharing one object are one act.
  d = draft("ASN juga dilarang mengunggah, menanggapi, atau menyebarluaskan foto calon di media sosial.");
  EXPECT_EQ(item_texts(d), (std::vector<std::string>{"mengunggah, menanggapi, atau menyebarluaskan foto calon di media sosial"}));
  // "melarang (object) untuk ...": the acts start after the object.
  d = draft("Pj Wali Kota Tegal melarang seluruh ASN di lingkungan Pemkot Tegal untuk ikut kampanye serta memasang atribut partai.");
  EXPECT_EQ(item_texts(d), (std::vector<std::string>{"ikut kampanye", "memasang atribut partai"}));
  EXPECT_EQ(d.region_code, "33.76");
}

TEST(CircularForms, SeveralListsOnOnePage) {
  auto d = draft(
      "Pj Bupati Tangerang menerbitkan Surat Edaran Nomor 800/45/BKPSDM/2024 tertanggal 13 Mei 2024. ASN dilarang:\n"
      "1. Memasang spanduk bakal calon.\n2. Menghadiri deklarasi bakal calon.\nAdvertisement\n3. Mengunggah foto bersama calon.\n"
      "Baca Juga: Pilkada Tangerang Aman\nTindakan lainnya yang juga dilarang:\n1. Menjadi anggota partai politik.\n"
      "2. Memberikan surat dukungan disertai fotokopi KTP.\nKepala Perangkat Daerah diminta untuk:\n1. Melakukan pengawasan.\n"
      "2. Menyebarkan video netralitas.\n");
  EXPECT_EQ(markers(d), (std::vector<std::string>{"1", "2", "3", "1", "2"}));
  EXPECT_EQ(d.duties, (std::vector<std::string>{"Melakukan pengawasan", "Menyebarkan video netralitas"}));
  EXPECT_EQ(d.number, "800/45/BKPSDM/2024");
  EXPECT_EQ(d.date, "2024-05-13");
  EXPECT_EQ(d.region_code, "36.03");
  EXPECT_EQ(d.signer, "Pj Bupati Tangerang");
}

TEST(CircularForms, ItemsBrokenAcrossLinesAndUnmarkedLines) {
  auto d = draft("Surat edaran Pj Wali Kota Medan melarang ASN, yakni:\n1. Memberikan dukungan kepada calon melalui media sosial berupa\n"
                 "unggahan, komentar dan like;\n2. Memasang spanduk\natau baliho pasangan calon;\n3. Mengikuti kampanye.\n");
  EXPECT_EQ(item_texts(d), (std::vector<std::string>{"Memberikan dukungan kepada calon melalui media sosial berupa unggahan, komentar dan like",
                                                     "Memasang spanduk atau baliho pasangan calon", "Mengikuti kampanye"}));
  d = draft("Adapun larangan bagi ASN di Kota Pagar Alam antara lain\nMemasang spanduk atau baliho calon\n"
            "Menghadiri kampanye pasangan calon\nBerfoto bersama calon dengan simbol jari\nDemikian disampaikan Sekda.\n");
  EXPECT_EQ(d.items.size(), 3u);
  EXPECT_EQ(d.region_code, "16.72");
}

TEST(CircularForms, ListsThatAreNotProhibitions) {
  // Legal bases are a numbered list too.
  auto d = draft("Surat edaran Wali Kota Depok ini berdasarkan:\n1. Undang-Undang Nomor 20 Tahun 2023 tentang ASN;\n"
                 "2. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS;\n3. Keputusan Bersama tahun 2022.\n");
  EXPECT_TRUE(d.items.empty());
  EXPECT_TRUE(d.number.empty()) << "a law's number is not the circular's: " << d.number;
  // A news text about a circular without its prohibitions: no items, and the draft says so.
  d = draft("Pemkab Sleman mengimbau ASN menjaga netralitas selama Pilkada 2024. Sekda mengatakan pengawasan akan diperketat.");
  EXPECT_TRUE(d.items.empty());
  EXPECT_NE(std::find(d.unread.begin(), d.unread.end(), "items"), d.unread.end());
  // Related-link bullets of a news page are not a list of prohibitions.
  d = draft("- Gerindra Keluarkan 25 Rekomendasi untuk Pilkada\n- Satpol PP Lepas Atribut Kampanye\nBaca Juga\nASN diminta netral.");
  EXPECT_TRUE(d.items.empty()) << d.items.size();
}

TEST(CircularForms, DatesAndNumbersAsWritten) {
  EXPECT_EQ(draft("Surat Edaran Nomor 8 Tahun 2024 tertanggal 26 September 2024 tentang netralitas.").number, "8 Tahun 2024");
  EXPECT_EQ(draft("Surat Edaran Nomor 8 Tahun 2024 tertanggal 26 September 2024 tentang netralitas.").date, "2024-09-26");
  EXPECT_EQ(draft("SE Bupati nomor B-123/BKPSDM/2024 tanggal 13-05-2024.").number, "B-123/BKPSDM/2024");
  EXPECT_EQ(draft("SE Bupati nomor B-123/BKPSDM/2024 tanggal 13-05-2024.").date, "2024-05-13");
  // The voting day and the article's dateline are not the circular's date.
  EXPECT_EQ(draft("Selasa, 21 November 2023 | 19:47\nPilkada akan berlangsung pada 27 November 2024. Edaran itu meminta ASN netral.").date, "");
}

TEST(RegionIndex, NamesCuesAndAbbreviations) {
  auto issuer = [](std::string_view t) {
    auto r = regions().issuer(t);
    return r ? r->code : std::string();
  };
  EXPECT_EQ(issuer("Pemerintah Kabupaten Tangerang menerbitkan surat edaran."), "36.03");
  EXPECT_EQ(issuer("Pemkot Tangerang menerbitkan surat edaran."), "36.71");
  EXPECT_EQ(issuer("Pj Bupati Kukar mengingatkan ASN."), "64.02");           // Kutai Kartanegara
  EXPECT_EQ(issuer("Pj Gubernur Sulsel mengeluarkan surat edaran."), "73");  // Sulawesi Selatan
  EXPECT_EQ(issuer("Pemkab Basel dan Pj Bupati Bangka Selatan."), "19.03");
  EXPECT_EQ(issuer("Pemprov DKI Jakarta menerbitkan edaran."), "31");
  EXPECT_EQ(issuer("Calon bupati Tangerang berkampanye."), "");  // a candidate's office, not the government
  EXPECT_EQ(issuer("Tidak ada nama daerah di sini."), "");
  std::size_t used = 0;
  EXPECT_EQ(regions().resolve("Tangerang", 0, used), nullptr);  // the regency or the city: not guessed
  ASSERT_NE(regions().resolve("Tangerang", 'c', used), nullptr);
  EXPECT_EQ(regions().resolve("Tangerang", 'c', used)->code, "36.71");
  EXPECT_GE(regions().size(), 552u);
}

// ---- the development corpus (data/eval/circulars/dev) ---------------------------------

namespace {
const fs::path kCorpus = fs::path(NETRAL_SOURCE_DIR) / "data/eval/circulars";
const fs::path kDevGolden = fs::path(NETRAL_SOURCE_DIR) / "tests/golden/circular/dev.test";
}  // namespace

// Every development text's draft as reviewed (the held-out part has no golden: it is
// measured, never looked at). NETRAL_UPDATE_GOLDEN=1 rewrites it.
TEST(CircularGolden, EveryDevelopmentTextMatchesItsReviewedDraft) {
  std::vector<fs::path> texts;
  for (auto& e : fs::directory_iterator(kCorpus / "dev"))
    if (e.path().extension() == ".txt") texts.push_back(e.path());
  std::sort(texts.begin(), texts.end());
  ASSERT_GE(texts.size(), 20u);
  if (std::getenv("NETRAL_UPDATE_GOLDEN")) {
    netral::test::GoldenFile golden;
    golden.preamble = {
        "# The reviewed draft of every development text of data/eval/circulars (docs/catalog.md, \"How well",
        "# it reads\"), read by tests/unit/text/circular_test.cpp: a case per text, its input the text's path",
        "# under data/eval/circulars, its expected text the draft as JSON (text::to_json). The held-out",
        "# part has no golden file: it is measured, never looked at. NETRAL_UPDATE_GOLDEN=1",
        "# netral_text_tests rewrites this file; review the diff before committing.",
        ""};
    for (auto& t : texts)
      golden.cases.push_back({t.stem().string(), 0, "dev/" + t.filename().string(), draft_of(t)});
    std::ofstream(kDevGolden, std::ios::binary) << netral::test::format_golden(golden);
    GTEST_SKIP() << "rewrote " << kDevGolden;
  }
  auto golden = netral::test::read_golden_file(kDevGolden.string());
  ASSERT_EQ(golden.cases.size(), texts.size()) << kDevGolden;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto& c = golden.cases[i];
    SCOPED_TRACE(kDevGolden.filename().string() + ":" + std::to_string(c.line) + " case " + c.name);
    ASSERT_EQ(c.input, "dev/" + texts[i].filename().string());
    EXPECT_EQ(c.expected, draft_of(texts[i]));
  }
}

// The figures docs/catalog.md quotes, as floors: a change that reads the development
// texts worse fails here. The held-out part is measured by the same run and reported in
// the docs, never asserted on (a floor there would invite tuning to it).
TEST(CircularEvaluation, DevelopmentFiguresHold) {
  auto ev = evaluate_circulars(kCorpus, &classifier(), &regions());
  ASSERT_TRUE(ev.has_value()) << ev.error().detail;
  EXPECT_GE(ev->dev.files, 20);
  EXPECT_GE(ev->heldout.files, 12);
  EXPECT_GE(ev->dev.item_f1(), 0.95);
  EXPECT_GE(ev->dev.conduct_f1(), 0.80);
  EXPECT_EQ(ev->dev.region_ok, ev->dev.files);
  EXPECT_GE(ev->dev.number_ok, ev->dev.files - 1);
}

TEST(CircularEvaluation, ItemsMatchByWordOverlap) {
  EXPECT_DOUBLE_EQ(word_overlap("ikut kampanye", "Ikut kampanye."), 1.0);
  EXPECT_LT(word_overlap("ikut kampanye", "memasang spanduk"), kItemMatch);
  EXPECT_GE(word_overlap("Dilarang memasang spanduk calon", "memasang spanduk calon"), kItemMatch);
  Counts c;
  c.expected = 4;
  c.predicted = 2;
  c.matched = 2;
  EXPECT_DOUBLE_EQ(c.item_precision(), 1.0);
  EXPECT_DOUBLE_EQ(c.item_recall(), 0.5);
  EXPECT_NEAR(c.item_f1(), 2.0 / 3.0, 1e-9);
}
