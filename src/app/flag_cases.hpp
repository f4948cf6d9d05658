// A reviewer turns a flag into a case in one step (issue 5, docs/screening.md): the case
// is opened like every other intake (app/report_service.hpp), with the post kept as
// evidence (a PDF of its canonical JSON, named by its SHA-256 in the audit entry) beside
// the collector's and the reviewer's screenshots, and the flag marked confirmed, all in one
// transaction. Also the flag's screenshot for the reviewers.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "app/report_service.hpp"
#include "app/screening_service.hpp"

namespace netral::app {

class FlagCases {
 public:
  // `queue` decides which flags a user may see.
  FlagCases(Context& ctx, ReportService& reports, ScreeningService& queue)
      : ctx_(ctx), reports_(reports), queue_(queue) {}

  // Opens a case (channel agency_finding) with the post as evidence (a PDF), the flag's
  // screenshot and `reviewer_screenshot` (an upload, checked by check_screenshot_file, moved
  // into the blob store), all in one transaction; returns the case number. Errors:
  // "forbidden", "not_found", "already_reviewed", and those of check_screenshot_file
  // (checked before anything is stored).
  Result<std::string> open_case(const Principal& p, Id flag_id,
                                const std::optional<NewFile>& reviewer_screenshot = std::nullopt);
  // The flag's screenshot for a user who may see the flag (the queue's rule). Errors:
  // "forbidden", "not_found" (no such flag, not visible, no screenshot, blob missing).
  struct Screenshot {
    std::filesystem::path path;
    std::string mime;
    std::string sha256;
    long long size = 0;
  };
  Result<Screenshot> screenshot(const Principal& p, Id flag_id);

 private:
  Context& ctx_;
  ReportService& reports_;
  ScreeningService& queue_;
};

// The evidence document of a flagged post: a one-or-more-page PDF showing the post's
// metadata and text as canonical ASCII JSON (non-ASCII as \u escapes, so nothing is lost),
// verbatim in 90-column lines (app/pdf_writer.hpp).
std::string post_evidence_pdf(const std::string& title, const std::string& canonical_json, Timestamp now);

}  // namespace netral::app
