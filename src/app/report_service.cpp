#include "app/report_service.hpp"

#include <nlohmann/json.hpp>

#include "core/identifiers.hpp"
#include "core/receipt.hpp"
#include "store/conduct_repo.hpp"

namespace netral::app {
namespace {

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string summary_of(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (s.size() >= 160 && (static_cast<unsigned char>(c) & 0xC0) != 0x80) break;
    s.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
  return s;
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

Result<void> check_length(std::string_view v, std::size_t max, const char* field) {
  if (v.size() > max) return fail(ErrorCode::invalid_field, "error.field_too_long", field);
  return {};
}

}  // namespace

Result<void> validate_report(const NewReport& r, int today_year, long today_days) {
  if (is_blank(r.reported.name) && is_blank(r.reported.nip))
    return fail(ErrorCode::missing_field, "error.missing_reported", "reported.name");
  if (is_blank(r.description)) return fail(ErrorCode::missing_field, "error.missing_description", "description");
  if (auto c = check_length(r.description, 20000, "description"); !c) return c;
  if (auto c = check_length(r.reported.name, 200, "reported.name"); !c) return c;
  if (auto c = check_length(r.reported.unit, 300, "reported.unit"); !c) return c;
  if (auto c = check_length(r.reported.position, 300, "reported.position"); !c) return c;
  if (auto c = check_length(r.incident_place, 500, "incident_place"); !c) return c;
  if (auto c = check_length(r.reporter.name, 200, "reporter.name"); !c) return c;
  if (auto c = check_length(r.reporter.phone, 40, "reporter.phone"); !c) return c;
  if (auto c = check_length(r.reporter.email, 254, "reporter.email"); !c) return c;
  if (r.conduct.size() > 20) return fail(ErrorCode::invalid_field, "error.invalid_conduct", "conduct");
  for (const auto& c : r.conduct)
    if (c.empty() || c.size() > 40 || c.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
      return fail(ErrorCode::invalid_field, "error.invalid_conduct", "conduct");
  if (!is_blank(r.reported.nip))
    if (auto v = validate_staff_number(r.reported.nip, "reported.nip"); !v) return std::unexpected(v.error());
  if (!is_blank(r.reporter.nik))
    if (auto v = validate_nik(r.reporter.nik, today_year, "reporter.nik"); !v) return std::unexpected(v.error());
  if (!r.reporter.email.empty()) {
    auto at = r.reporter.email.find('@');
    if (at == std::string::npos || at == 0 || r.reporter.email.find('.', at) == std::string::npos ||
        r.reporter.email.find_first_of(" \t\r\n<>") != std::string::npos)
      return fail(ErrorCode::invalid_field, "error.invalid_email", "reporter.email");
  }
  if (!r.reporter.phone.empty() && r.reporter.phone.find_first_not_of("+0123456789 -()") != std::string::npos)
    return fail(ErrorCode::invalid_field, "error.invalid_phone", "reporter.phone");
  for (auto [value, field] : {std::pair{&r.incident_date, "incident_date"}, std::pair{&r.learned_date, "learned_date"}}) {
    if (value->empty()) continue;
    auto d = parse_iso_date(*value, field);
    if (!d) return std::unexpected(d.error());
    if (days_from_civil(*d) > today_days + 1) return fail(ErrorCode::invalid_date, "error.date_in_future", field);
  }
  if (r.links.size() > 20) return fail(ErrorCode::invalid_field, "error.too_many_links", "links");
  for (const auto& l : r.links) {
    if (l.size() > 2000 || !(l.starts_with("http://") || l.starts_with("https://")) ||
        l.find_first_of(" \t\r\n\"<>") != std::string::npos)
      return fail(ErrorCode::invalid_field, "error.invalid_link", "links");
  }
  return {};
}

std::vector<Instansi> ReportService::instansi_list() {
  auto tx = ctx_.store.begin(false);
  return ctx_.store.reference().list_instansi(*tx);
}

Result<std::vector<evidence::StoredBlob>> ReportService::ingest(const std::vector<NewFile>& files) {
  std::vector<evidence::StoredBlob> out;
  std::uint64_t total = 0;
  if (files.size() > static_cast<std::size_t>(ctx_.config.evidence.max_files))
    return fail(ErrorCode::too_many_files, {}, "evidence");
  for (const auto& f : files) {
    std::error_code ec;
    total += std::filesystem::file_size(f.temp, ec);
  }
  if (total > ctx_.config.evidence.max_report_bytes) return fail(ErrorCode::report_too_large, {}, "evidence");
  for (const auto& f : files) {
    auto b = ctx_.blobs.ingest(f.temp);
    if (!b) return std::unexpected(b.error());
    out.push_back(*b);
  }
  return out;
}

Result<Submitted> ReportService::submit(const NewReport& in, const std::vector<NewFile>& files, const Actor& actor,
                                        const Addition& also) {
  const Timestamp now = ctx_.now();
  const long today = static_cast<long>(now / 86400);
  const Date today_date = civil_from_days(today);
  if (auto v = validate_report(in, today_date.year, today); !v) return std::unexpected(v.error());

  // Resolve the instansi before touching any file.
  Instansi inst;
  {
    auto tx = ctx_.store.begin(false);
    // A disabled government takes no new public reports; staff intakes still reach it.
    const bool from_public = in.channel == Channel::web || in.channel == Channel::api;
    if (in.instansi.empty()) {
      auto all = ctx_.store.reference().list_instansi(*tx);
      if (from_public) std::erase_if(all, [](const Instansi& i) { return i.disabled; });
      if (all.size() != 1) return fail(ErrorCode::missing_field, "error.missing_instansi", "instansi");
      inst = all.front();
    } else {
      auto code = normalize_region_code(in.instansi);
      if (!code) return std::unexpected(code.error());
      auto found = ctx_.store.reference().instansi_by_code(*tx, *code);
      if (!found) return fail(ErrorCode::unknown_instansi, {}, "instansi");
      if (found->disabled && from_public) return fail(ErrorCode::instansi_disabled, {}, "instansi");
      inst = *found;
    }
  }

  auto blobs = ingest(files);
  if (!blobs) return std::unexpected(blobs.error());

  Submitted out;
  out.receipt = Secrets::new_receipt();
  const std::string receipt_hash = ctx_.secrets.keyed_hash(*canonical_receipt(out.receipt));

  auto tx = ctx_.store.begin(true);
  auto& ref = ctx_.store.reference();
  auto& cases = ctx_.store.cases();

  Case c;
  c.instansi_id = inst.id;
  c.status = CaseStatus::received;
  c.reported_name = !in.reported.name.empty() ? in.reported.name : in.reported.nip;
  c.summary = summary_of(in.description);
  c.created_at = c.updated_at = now;
  // Link to the roster when the NIP is known there; else try the unit by name.
  if (!in.reported.nip.empty()) {
    if (auto e = ref.employee_by_nip(*tx, inst.id, strip_number(in.reported.nip))) {
      c.employee_id = e->id;
      c.unit_id = e->unit_id;
      if (in.reported.name.empty()) c.reported_name = e->name;
    }
  }
  if (!c.unit_id && !in.reported.unit.empty()) {
    const std::string wanted = lower_ascii(in.reported.unit);
    for (const auto& u : ref.units_of(*tx, inst.id)) {
      const std::string name = lower_ascii(u.name);
      if (name == wanted || lower_ascii(u.code) == wanted || (wanted.size() >= 6 && name.find(wanted) != std::string::npos)) {
        c.unit_id = u.id;
        break;
      }
    }
  }
  c.case_number = format_case_number(inst.code, today_date.year, cases.next_case_serial(*tx, inst.id, today_date.year));
  c.id = cases.insert_case(*tx, c);

  Report r;
  r.case_id = c.id;
  r.instansi_id = inst.id;
  r.channel = in.channel;
  r.reported = in.reported;
  r.reported.nip = strip_number(in.reported.nip);
  r.description = in.description;
  r.incident_date = in.incident_date;
  r.incident_place = in.incident_place;
  r.learned_date = in.learned_date;
  r.links = in.links;
  r.anonymous = in.reporter.empty();
  if (!r.anonymous) {
    nlohmann::json id = {{"name", in.reporter.name},
                         {"nik", strip_number(in.reporter.nik)},
                         {"phone", in.reporter.phone},
                         {"email", in.reporter.email}};
    r.reporter_sealed = ctx_.secrets.seal(id.dump());
  }
  r.created_at = now;
  r.id = cases.insert_report(*tx, r, receipt_hash);
  if (!in.conduct.empty()) ctx_.store.conduct().set_report_conduct(*tx, r.id, in.conduct);

  for (std::size_t i = 0; i < blobs->size(); ++i) {
    Evidence e;
    e.case_id = c.id;
    e.report_id = r.id;
    e.sha256 = (*blobs)[i].sha256;
    e.size = static_cast<std::int64_t>((*blobs)[i].size);
    e.mime = (*blobs)[i].mime;
    e.original_name = files[i].original_name.substr(0, 255);
    e.created_at = now;
    cases.insert_evidence(*tx, e);
  }
  // The workflow starts its clocks and flags duplicates in this same transaction.
  for (auto* o : observers_) o->on_intake(*tx, c, r, now);
  nlohmann::json detail = {{"case_number", c.case_number},
                           {"channel", std::string(to_string(in.channel))},
                           {"evidence", blobs->size()},
                           {"anonymous", r.anonymous}};
  for (const auto& b : *blobs) detail["sha256"].push_back(b.sha256);
  if (!in.conduct.empty()) detail["conduct"] = in.conduct;
  audit(ctx_.store, *tx, actor, inst.id, "report.create", "case:" + std::to_string(c.id), detail.dump(), now);
  if (also)
    if (auto added = also(*tx, c, r, now); !added) return std::unexpected(added.error());
  tx->commit();
  out.case_number = c.case_number;
  out.case_id = c.id;
  return out;
}

Result<ReceiptView> ReportService::view(std::string_view receipt) {
  auto canon = canonical_receipt(receipt);
  // Hash even a malformed receipt, and run the same queries, so that timing tells nothing.
  const std::string hash = ctx_.secrets.keyed_hash(canon ? *canon : std::string(receipt));
  auto tx = ctx_.store.begin(false);
  auto report = ctx_.store.cases().report_by_receipt_hash(*tx, hash);
  const Id case_id = report && canon ? report->case_id : -1;
  auto c = ctx_.store.cases().case_by_id(*tx, case_id);
  auto messages = ctx_.store.cases().messages_of_case(*tx, case_id);
  auto ev = ctx_.store.cases().evidence_of_case(*tx, case_id);
  if (!report || !canon || !c) return fail(ErrorCode::not_found, "error.receipt_not_found", "receipt");
  ReceiptView v;
  v.case_number = c->case_number;
  v.status = c->status;
  v.created_at = report->created_at;
  // The reporter sees the conversation of their own report (and system notes), not others'.
  for (auto& m : messages)
    if (!m.report_id || *m.report_id == report->id) v.messages.push_back(std::move(m));
  for (const auto& e : ev)
    if (e.report_id && *e.report_id == report->id) ++v.evidence_count;
  return v;
}

Result<Id> ReportService::reply(std::string_view receipt, const std::string& body, const std::vector<NewFile>& files,
                                const Actor& actor) {
  auto canon = canonical_receipt(receipt);
  if (!canon) return fail(ErrorCode::not_found, "error.receipt_not_found", "receipt");
  if (is_blank(body) && files.empty()) return fail(ErrorCode::missing_field, "error.missing_message", "body");
  if (body.size() > 20000) return fail(ErrorCode::invalid_field, "error.field_too_long", "body");
  const std::string hash = ctx_.secrets.keyed_hash(*canon);
  Report report;
  {
    auto tx = ctx_.store.begin(false);
    auto r = ctx_.store.cases().report_by_receipt_hash(*tx, hash);
    if (!r) return fail(ErrorCode::not_found, "error.receipt_not_found", "receipt");
    report = *r;
  }
  auto blobs = ingest(files);
  if (!blobs) return std::unexpected(blobs.error());
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  Message m;
  m.case_id = report.case_id;
  m.report_id = report.id;
  m.author = Author::reporter;
  m.body = body;
  m.created_at = now;
  m.id = ctx_.store.cases().insert_message(*tx, m);
  for (std::size_t i = 0; i < blobs->size(); ++i) {
    Evidence e;
    e.case_id = report.case_id;
    e.report_id = report.id;
    e.message_id = m.id;
    e.sha256 = (*blobs)[i].sha256;
    e.size = static_cast<std::int64_t>((*blobs)[i].size);
    e.mime = (*blobs)[i].mime;
    e.original_name = files[i].original_name.substr(0, 255);
    e.created_at = now;
    ctx_.store.cases().insert_evidence(*tx, e);
  }
  for (auto* o : observers_) o->on_reporter_reply(*tx, report.case_id, now);
  nlohmann::json detail = {{"message", m.id}, {"evidence", blobs->size()}};
  audit(ctx_.store, *tx, actor, report.instansi_id, "message.reporter", "case:" + std::to_string(report.case_id),
        detail.dump(), now);
  tx->commit();
  return m.id;
}

}  // namespace netral::app
