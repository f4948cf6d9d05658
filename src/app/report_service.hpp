// Use cases of the public channel: file a report, follow it with the receipt, answer staff.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/context.hpp"
#include "core/model.hpp"
#include "core/result.hpp"

namespace netral::app {

struct NewReport {
  std::string instansi;  // region code; may be empty when the deployment has one instansi
  ReportedPerson reported;
  std::string description;
  std::string incident_date;
  std::string incident_place;
  std::string learned_date;
  std::vector<std::string> links;
  ReporterIdentity reporter;
  Channel channel = Channel::web;
  // Canonical conduct ids the reporter chose (optional; the web layer checks them against
  // the catalogue, validate_report only their form).
  std::vector<std::string> conduct;
};

// An uploaded file waiting in the blob store's temp directory.
struct NewFile {
  std::filesystem::path temp;
  std::string original_name;
};

struct Submitted {
  std::string receipt;  // shown once, never stored in clear
  std::string case_number;
  Id case_id = 0;
};

struct ReceiptView {
  std::string case_number;
  CaseStatus status = CaseStatus::received;
  std::vector<Message> messages;
  int evidence_count = 0;
  Timestamp created_at = 0;
};

// What else a report's arrival sets off (the case workflow: timeline, clocks, duplicate
// check). Called inside the caller's write transaction, before the audit entry, so that
// the case never exists without it; an observer that throws rolls the report back.
class ReportObserver {
 public:
  virtual ~ReportObserver() = default;
  // A case was opened with its first report (every channel, staff intake included).
  virtual void on_intake(store::Tx& tx, const Case& c, const Report& r, Timestamp now) = 0;
  // The reporter answered through the receipt.
  virtual void on_reporter_reply(store::Tx& tx, Id case_id, Timestamp now) = 0;
};

class ReportService {
 public:
  explicit ReportService(Context& ctx) : ctx_(ctx) {}

  // Observers are registered while the program is wired, before any report arrives (the
  // list is not locked), and must stay alive until removed.
  void add_observer(ReportObserver& o) { observers_.push_back(&o); }
  void remove_observer(ReportObserver& o) { std::erase(observers_, &o); }

  // Validates, stores the evidence, and commits the report with its case and audit entry.
  // Returns only after the commit: an acknowledged report survives a crash. `also` runs in
  // the same transaction, just before the commit (a staff intake records the external
  // reference there, a screening flag its evidence and review), so the case never exists
  // without what it adds; an error from it commits nothing and is returned.
  using Addition = std::function<Result<void>(store::Tx&, const Case&, const Report&, Timestamp)>;
  Result<Submitted> submit(const NewReport& report, const std::vector<NewFile>& files, const Actor& actor,
                           const Addition& also = {});
  // What the reporter may see. Unknown receipts cost the same work as known ones.
  Result<ReceiptView> view(std::string_view receipt);
  // The reporter answers (text and/or files). Returns the message id.
  Result<Id> reply(std::string_view receipt, const std::string& body, const std::vector<NewFile>& files,
                   const Actor& actor);
  std::vector<Instansi> instansi_list();

 private:
  Result<std::vector<evidence::StoredBlob>> ingest(const std::vector<NewFile>& files);
  Context& ctx_;
  std::vector<ReportObserver*> observers_;
};

// Field checks shared by every channel. Error fields use the API's dotted names.
Result<void> validate_report(const NewReport& r, int today_year, long today_days);

}  // namespace netral::app
