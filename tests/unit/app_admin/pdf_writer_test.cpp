// The PDF writer shared by the case export and the screening evidence.
#include <gtest/gtest.h>

#include <string>

#include "app/pdf_writer.hpp"
#include "app/flag_cases.hpp"
#include "evidence/pdf_text.hpp"

namespace netral::app {
namespace {

// pdftotext gives each verbatim line back exactly: the evidence JSON is recoverable, and
// with it the hash the audit entry records.
TEST(PdfWriter, VerbatimLinesReadBackExactly) {
  std::string json = R"({"account":"andi.k","context_text":"","kind":"post","platform":"facebook","post_id":"m5",)";
  for (int i = 0; i < 40; ++i) json += R"("w)" + std::to_string(i) + R"(":"Ayo dukung (pasangan) nomor 2 \u00e9 \\ x",)";
  json += R"("z":0})";
  const std::string pdf = post_evidence_pdf("Netral: bukti / evidence", json, 1732500000);
  ASSERT_TRUE(pdf.starts_with("%PDF-1.4"));
  auto text = evidence::pdf_bytes_to_text(pdf);
  ASSERT_TRUE(text) << "pdftotext (poppler-utils) is needed";
  EXPECT_NE(text->find("Netral: bukti / evidence"), std::string::npos);
  // Every 90-column slice appears as a line of its own (pdftotext trims the spaces at a
  // line's ends; the PDF holds them).
  for (std::size_t i = 0; i < json.size(); i += 90) {
    std::string slice = json.substr(i, 90);
    slice.erase(0, slice.find_first_not_of(' '));
    slice.erase(slice.find_last_not_of(' ') + 1);
    EXPECT_NE(text->find(slice), std::string::npos) << "line " << i / 90 << ": " << slice;
  }
  EXPECT_NE(text->find("1/"), std::string::npos) << "page numbers";
}

}  // namespace
}  // namespace netral::app
