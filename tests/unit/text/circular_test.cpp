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
#include "text/circular.hpp"

using namespace netral::text;
namespace fs = std::filesystem;

namespace {

const Classifier& classifier() {
  static auto c = Classifier::load(fs::path(NETRAL_SOURCE_DIR) / "data/catalog/cues.toml");
  if (!c) throw std::runtime_error(c.error().detail);
  return *c;
}

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
  return netral::test::trim_trailing_newlines(to_json(draft_circular(netral::test::read_file(seed), &classifier())));
}

CircularDraft draft_of_seed(const std::string& prefix) {
  for (auto& s : seeds())
    if (s.filename().string().starts_with(prefix)) return draft_circular(netral::test::read_file(s), &classifier());
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
  EXPECT_EQ(d.signer, "Adel Linggi Ardi SE, Sekda Kabupaten Bima");
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
