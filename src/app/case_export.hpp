// Case file export (issue 3): a ZIP holding a PDF summary of the case, its evidence files,
// a manifest (case number, export time, exporter, every file's SHA-256, the case's audit
// entries) and a SHA256SUMS file, so that Bawaslu, BKN or a court can check with
// `sha256sum -c SHA256SUMS` that nothing changed (docs/administration.md). Reporter
// identity is never exported. Each export is audited.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "app/auth_service.hpp"
#include "app/case_service.hpp"
#include "app/context.hpp"
#include "core/result.hpp"

namespace netral::app {

// A minimal PDF 1.4 writer: A4 text pages in Helvetica (WinAnsi encoding), wrapped lines,
// headings in Helvetica-Bold. No images, no third-party code.
class PdfWriter {
 public:
  PdfWriter();
  void heading(std::string_view utf8);
  void line(std::string_view utf8);                           // wrapped to the page width
  void field(std::string_view label, std::string_view value);  // "label: value", wrapped
  void gap();
  // The whole document, with its cross-reference table.
  std::string finish(std::string_view title, Timestamp created);

  // UTF-8 to Windows-1252 (what WinAnsiEncoding shows); unmappable characters become '?'.
  static std::string to_winansi(std::string_view utf8);

 private:
  void text_line(const std::string& winansi, bool bold, double size);
  void new_page();
  std::vector<std::string> pages_;  // content streams
  double y_ = 0;
};

struct CaseExport {
  std::filesystem::path zip;  // a temporary file; removed by a later export after 30 minutes
  std::string file_name;      // "berkas-19.03-2026-00001.zip"
  std::string manifest_sha256;
};

class CaseExportService {
 public:
  // Exports are written beside the evidence (same filesystem), under its temp directory.
  CaseExportService(Context& ctx, CaseService& cases)
      : ctx_(ctx), cases_(cases), dir_(ctx.blobs.temp_dir() / "exports") {}
  // Errors: "not_found" (no such case or not visible to this user), "storage_failed".
  Result<CaseExport> export_case(const Principal& p, Id case_id);

 private:
  Context& ctx_;
  CaseService& cases_;
  std::filesystem::path dir_;
};

}  // namespace netral::app
