// Staff use cases on cases (the inbox is the workflow's: app/workflow_service.hpp): a case
// with its reports, messages and evidence,
// replies to the reporter, evidence downloads. Every read of identity or evidence is audited.
#pragma once
#include <filesystem>
#include <optional>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "store/store.hpp"

namespace netral::app {

struct ReportDetail {
  Report report;
  std::optional<ReporterIdentity> reporter;  // only for roles allowed to see it
};

struct CaseDetail {
  Case c;
  std::vector<ReportDetail> reports;
  std::vector<Message> messages;
  std::vector<Evidence> evidence;
  std::string unit_name;
};

struct EvidenceFile {
  Evidence meta;
  std::filesystem::path path;
};

class CaseService {
 public:
  explicit CaseService(Context& ctx) : ctx_(ctx) {}
  // Errors: "not_found" (also for cases the user may not see: existence is not disclosed).
  Result<CaseDetail> get(const Principal& p, Id case_id);
  Result<Id> reply(const Principal& p, Id case_id, const std::string& body);
  Result<EvidenceFile> evidence(const Principal& p, Id evidence_id);
  // Whether `p` may see the case, by the same rules as get(), without an audit entry
  // (for callers that audit their own use, e.g. the case file export).
  bool can_see(const Principal& p, Id case_id);

 private:
  Context& ctx_;
};

}  // namespace netral::app
