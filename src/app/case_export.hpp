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
#include "app/pdf_writer.hpp"
#include "core/result.hpp"

namespace netral::app {

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
