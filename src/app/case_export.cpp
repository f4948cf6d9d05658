#include "app/case_export.hpp"

#include <zip.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/identifiers.hpp"
#include "evidence/blob_store.hpp"

namespace netral::app {
namespace {

using json = nlohmann::json;

std::string safe_name(std::string s) {
  for (auto& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') c = '_';
  return s;
}

// Old exports are only needed while their download runs.
void sweep(const std::filesystem::path& dir) {
  std::error_code ec;
  const auto cutoff = std::filesystem::file_time_type::clock::now() - std::chrono::minutes(30);
  for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    if (it->path().extension() == ".zip" && it->last_write_time(ec) < cutoff) std::filesystem::remove(it->path(), ec);
}

}  // namespace

Result<CaseExport> CaseExportService::export_case(const Principal& p, Id case_id) {
  if (!cases_.can_see(p, case_id)) return fail(ErrorCode::not_found, "error.case_not_found");
  const Timestamp now = ctx_.now();
  Case c;
  Instansi inst;
  std::vector<Report> reports;
  std::vector<Message> messages;
  std::vector<Evidence> evidence;
  std::vector<AuditEntry> trail;
  std::string unit_name;
  {
    auto tx = ctx_.store.begin(false);
    c = *ctx_.store.cases().case_by_id(*tx, case_id);
    inst = ctx_.store.reference().instansi_by_id(*tx, c.instansi_id).value_or(Instansi{});
    if (c.unit_id)
      if (auto u = ctx_.store.reference().unit_by_id(*tx, *c.unit_id)) unit_name = u->name;
    reports = ctx_.store.cases().reports_of_case(*tx, case_id);
    messages = ctx_.store.cases().messages_of_case(*tx, case_id);
    evidence = ctx_.store.cases().evidence_of_case(*tx, case_id);
    trail = ctx_.store.audit().audit_of_object(*tx, "case:" + std::to_string(case_id));
    for (const auto& e : evidence)
      for (auto& a : ctx_.store.audit().audit_of_object(*tx, "evidence:" + std::to_string(e.id))) trail.push_back(a);
    std::sort(trail.begin(), trail.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  }
  const std::string root = safe_name(c.case_number) + "/";
  const std::string exporter = p.user.username + " (" + std::string(to_string(p.user.role)) + ")";

  // The PDF summary, in Indonesian (the language of the proceedings).
  PdfWriter pdf;
  pdf.heading("Berkas Perkara " + c.case_number);
  pdf.field("Instansi", inst.name + " (" + inst.code + ")");
  pdf.field("Status", std::string(to_string(c.status)));
  pdf.field("Terlapor", c.reported_name);
  if (!unit_name.empty()) pdf.field("Unit kerja", unit_name);
  pdf.field("Diterima", format_iso_time(c.created_at));
  pdf.field("Diekspor", format_iso_time(now) + " oleh " + exporter);
  pdf.line("Identitas pelapor tidak disertakan dalam ekspor ini.");
  for (const auto& r : reports) {
    pdf.heading("Laporan #" + std::to_string(r.id) + " (" + std::string(to_string(r.channel)) + ", " + format_iso_time(r.created_at) + ")");
    pdf.field("Terlapor", r.reported.name + (r.reported.nip.empty() ? "" : ", NIP " + r.reported.nip));
    if (!r.reported.unit.empty()) pdf.field("Unit", r.reported.unit);
    if (!r.reported.position.empty()) pdf.field("Jabatan", r.reported.position);
    if (!r.incident_date.empty()) pdf.field("Tanggal kejadian", r.incident_date);
    if (!r.incident_place.empty()) pdf.field("Tempat", r.incident_place);
    if (!r.learned_date.empty()) pdf.field("Diketahui pada", r.learned_date);
    pdf.line(r.description);
    for (const auto& l : r.links) pdf.field("Tautan", l);
  }
  pdf.heading("Bukti (" + std::to_string(evidence.size()) + " berkas)");
  for (const auto& e : evidence)
    pdf.line("#" + std::to_string(e.id) + "  " + e.mime + "  " + std::to_string(e.size) + " byte  SHA-256 " + e.sha256);
  pdf.heading("Pesan");
  for (const auto& m : messages)
    pdf.line(format_iso_time(m.created_at) + "  " + std::string(to_string(m.author)) + (m.author_name.empty() ? "" : " (" + m.author_name + ")") +
             ": " + m.body);
  pdf.heading("Jejak audit (" + std::to_string(trail.size()) + " entri)");
  for (const auto& a : trail)
    pdf.line("#" + std::to_string(a.id) + "  " + format_iso_time(a.at) + "  " + a.actor + "  " + a.action + "  " + a.hash.substr(0, 16));
  pdf.gap();
  pdf.line("Periksa keutuhan berkas: sha256sum -c SHA256SUMS (di dalam folder " + root + ").");
  const std::string pdf_bytes = pdf.finish("Berkas Perkara " + c.case_number, now);

  // Evidence files, each hashed again now: a changed blob shows as a mismatch.
  struct FileEntry {
    std::string path, sha256, mime;
    std::filesystem::path source;
    std::int64_t size = 0;
    Id evidence_id = 0;
    bool matches = true;
  };
  std::vector<FileEntry> files;
  for (const auto& e : evidence) {
    FileEntry f;
    f.source = ctx_.blobs.path_of(e.sha256);
    if (!std::filesystem::exists(f.source)) return fail(ErrorCode::not_found, "error.evidence_missing");
    f.sha256 = evidence::sha256_file(f.source);
    f.matches = f.sha256 == e.sha256;
    f.path = "evidence/" + std::to_string(e.id) + "-" + e.sha256.substr(0, 12) + "." + std::string(evidence::extension_for(e.mime));
    f.mime = e.mime;
    f.size = e.size;
    f.evidence_id = e.id;
    files.push_back(std::move(f));
  }
  json jfiles = json::array();
  jfiles.push_back({{"path", "summary.pdf"}, {"sha256", evidence::sha256_hex(pdf_bytes)}, {"size", pdf_bytes.size()}});
  for (const auto& f : files)
    jfiles.push_back({{"path", f.path},
                      {"sha256", f.sha256},
                      {"size", f.size},
                      {"mime", f.mime},
                      {"evidence_id", f.evidence_id},
                      {"matches_record", f.matches}});
  json jaudit = json::array();
  for (const auto& a : trail)
    jaudit.push_back({{"id", a.id},
                      {"at", format_iso_time(a.at)},
                      {"actor", a.actor},
                      {"action", a.action},
                      {"object", a.object},
                      {"detail", json::parse(a.detail, nullptr, false).is_discarded() ? json(a.detail) : json::parse(a.detail)},
                      {"prev_hash", a.prev_hash},
                      {"hash", a.hash}});
  const json manifest = {{"format", "netral-case-export/1"},
                         {"case_number", c.case_number},
                         {"case_id", c.id},
                         {"instansi", {{"code", inst.code}, {"name", inst.name}}},
                         {"status", std::string(to_string(c.status))},
                         {"exported_at", format_iso_time(now)},
                         {"exported_by", exporter},
                         {"reporter_identity", "not included"},
                         {"files", jfiles},
                         {"audit", jaudit},
                         {"audit_note", "entries of the agency's hash-chained trail; `netral audit verify` checks the whole chain"}};
  const std::string manifest_text = manifest.dump(2) + "\n";
  std::string sums = evidence::sha256_hex(pdf_bytes) + "  summary.pdf\n";
  for (const auto& f : files) sums += f.sha256 + "  " + f.path + "\n";
  sums += evidence::sha256_hex(manifest_text) + "  manifest.json\n";

  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  sweep(dir_);
  CaseExport out;
  out.file_name = "berkas-" + safe_name(c.case_number) + ".zip";
  out.zip = dir_ / ("export-" + Secrets::random_token(12) + ".zip");
  out.manifest_sha256 = evidence::sha256_hex(manifest_text);
  int err = 0;
  zip_t* z = zip_open(out.zip.c_str(), ZIP_CREATE | ZIP_EXCL, &err);
  if (!z) return fail(ErrorCode::storage_failed, {}, {}, "zip_open " + std::to_string(err));
  // Buffers must live until zip_close.
  const std::string readme =
      "Berkas perkara " + c.case_number + " diekspor dari Netral pada " + format_iso_time(now) + ".\n"
      "Periksa keutuhan: cd " + root + " && sha256sum -c SHA256SUMS\n\n"
      "Case file " + c.case_number + " exported from Netral at " + format_iso_time(now) + ".\n"
      "Check integrity: cd " + root + " && sha256sum -c SHA256SUMS\n";
  const std::pair<std::string, const std::string*> texts[] = {
      {"summary.pdf", &pdf_bytes}, {"manifest.json", &manifest_text}, {"SHA256SUMS", &sums}, {"BACA-README.txt", &readme}};
  bool ok = true;
  for (const auto& [name, bytes] : texts) {
    zip_source_t* src = zip_source_buffer(z, bytes->data(), bytes->size(), 0);
    ok = ok && src && zip_file_add(z, (root + name).c_str(), src, ZIP_FL_ENC_UTF_8) >= 0;
  }
  for (const auto& f : files) {
    zip_source_t* src = zip_source_file(z, f.source.c_str(), 0, -1);
    zip_int64_t idx = src ? zip_file_add(z, (root + f.path).c_str(), src, ZIP_FL_ENC_UTF_8) : -1;
    // Photos and videos are compressed already.
    ok = ok && idx >= 0 && zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0) == 0;
  }
  if (!ok || zip_close(z) != 0) {
    zip_discard(z);
    std::filesystem::remove(out.zip, ec);
    return fail(ErrorCode::storage_failed, {}, {}, "zip write failed");
  }
  auto tx = ctx_.store.begin(true);
  audit(ctx_.store, *tx, p.actor(), c.instansi_id, "case.export", "case:" + std::to_string(case_id),
        json{{"files", files.size()}, {"manifest_sha256", out.manifest_sha256}}.dump(), now);
  tx->commit();
  return out;
}

}  // namespace netral::app
