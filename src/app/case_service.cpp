#include "app/case_service.hpp"

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "store/workflow_repo.hpp"

namespace netral::app {
Result<CaseDetail> CaseService::get(const Principal& p, Id case_id) {
  CaseDetail d;
  bool identity_shown = false;
  {
    auto tx = ctx_.store.begin(false);
    auto c = ctx_.store.cases().case_by_id(*tx, case_id);
    if (!c || !may_see_case(ctx_.store, *tx, p.user, *c)) return fail(ErrorCode::not_found, "error.case_not_found");
    d.c = *c;
    if (c->unit_id)
      if (auto u = ctx_.store.reference().unit_by_id(*tx, *c->unit_id)) d.unit_name = u->name;
    for (auto& r : ctx_.store.cases().reports_of_case(*tx, case_id)) {
      ReportDetail rd{r, std::nullopt};
      if (!r.reporter_sealed.empty() && role_sees_reporter_identity(p.user.role)) {
        if (auto plain = ctx_.secrets.unseal(r.reporter_sealed)) {
          auto j = nlohmann::json::parse(*plain, nullptr, false);
          if (j.is_object()) {
            rd.reporter = ReporterIdentity{j.value("name", ""), j.value("nik", ""), j.value("phone", ""),
                                           j.value("email", "")};
            identity_shown = true;
          }
        }
      }
      d.reports.push_back(std::move(rd));
    }
    d.messages = ctx_.store.cases().messages_of_case(*tx, case_id);
    d.evidence = ctx_.store.cases().evidence_of_case(*tx, case_id);
  }
  auto tx = ctx_.store.begin(true);
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, identity_shown ? "identity.view" : "case.view",
        "case:" + std::to_string(case_id), "{}", ctx_.now());
  tx->commit();
  return d;
}

Result<Id> CaseService::reply(const Principal& p, Id case_id, const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return fail(ErrorCode::missing_field, "error.missing_message", "body");
  if (body.size() > 20000) return fail(ErrorCode::invalid_field, "error.field_too_long", "body");
  auto tx = ctx_.store.begin(true);
  auto c = ctx_.store.cases().case_by_id(*tx, case_id);
  if (!c || !may_see_case(ctx_.store, *tx, p.user, *c)) return fail(ErrorCode::not_found, "error.case_not_found");
  const Timestamp now = ctx_.now();
  Message m;
  m.case_id = case_id;
  auto reports = ctx_.store.cases().reports_of_case(*tx, case_id);
  if (!reports.empty()) m.report_id = reports.front().id;
  m.author = Author::staff;
  m.staff_user_id = p.user.id;
  m.body = body;
  m.created_at = now;
  m.id = ctx_.store.cases().insert_message(*tx, m);
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "message.staff", "case:" + std::to_string(case_id),
        nlohmann::json{{"message", m.id}}.dump(), now);
  tx->commit();
  return m.id;
}

Result<EvidenceFile> CaseService::evidence(const Principal& p, Id evidence_id) {
  EvidenceFile out;
  {
    auto tx = ctx_.store.begin(false);
    auto e = ctx_.store.cases().evidence_by_id(*tx, evidence_id);
    if (!e) return fail(ErrorCode::not_found, "error.evidence_not_found");
    auto c = ctx_.store.cases().case_by_id(*tx, e->case_id);
    if (!c || !may_see_case(ctx_.store, *tx, p.user, *c)) return fail(ErrorCode::not_found, "error.evidence_not_found");
    out.meta = *e;
  }
  out.path = ctx_.blobs.path_of(out.meta.sha256);
  if (!std::filesystem::exists(out.path)) return fail(ErrorCode::not_found, "error.evidence_missing");
  auto tx = ctx_.store.begin(true);
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "evidence.download", "evidence:" + std::to_string(evidence_id),
        nlohmann::json{{"sha256", out.meta.sha256}, {"case", out.meta.case_id}}.dump(), ctx_.now());
  tx->commit();
  return out;
}

bool CaseService::can_see(const Principal& p, Id case_id) {
  auto tx = ctx_.store.begin(false);
  auto c = ctx_.store.cases().case_by_id(*tx, case_id);
  return c && may_see_case(ctx_.store, *tx, p.user, *c);
}

}  // namespace netral::app
