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

constexpr double kPageW = 595.28, kPageH = 841.89, kMargin = 56;
constexpr double kBody = 10, kHead = 13;

// Approximate Helvetica advance widths (em) by character class, enough to wrap lines.
double char_width(unsigned char c) {
  if (std::string_view("iljtf.,:;'!|I ()[]").find(static_cast<char>(c)) != std::string_view::npos) return 0.29;
  if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '@') return 0.85;
  if (c >= 'A' && c <= 'Z') return 0.68;
  if (c >= '0' && c <= '9') return 0.556;
  return 0.53;
}

double width(std::string_view winansi, double size) {
  double w = 0;
  for (unsigned char c : winansi) w += char_width(c);
  return w * size;
}

std::string pdf_string(std::string_view winansi) {
  std::string out = "(";
  for (unsigned char c : winansi) {
    if (c == '(' || c == ')' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c < 32) out += ' ';
    else out += static_cast<char>(c);
  }
  return out + ")";
}

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

PdfWriter::PdfWriter() { new_page(); }

void PdfWriter::new_page() {
  pages_.emplace_back();
  y_ = kPageH - kMargin;
}

void PdfWriter::text_line(const std::string& winansi, bool bold, double size) {
  const double leading = size * 1.35;
  if (y_ - leading < kMargin) new_page();
  y_ -= leading;
  char pos[64];
  std::snprintf(pos, sizeof pos, "%.2f %.2f Td ", kMargin, y_);
  pages_.back() += std::string("BT /") + (bold ? "F2 " : "F1 ") + std::to_string(static_cast<int>(size)) + " Tf " + pos +
                   pdf_string(winansi) + " Tj ET\n";
}

std::string PdfWriter::to_winansi(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp;
    int len;
    if (c < 0x80) cp = c, len = 1;
    else if ((c >> 5) == 6) cp = c & 0x1f, len = 2;
    else if ((c >> 4) == 14) cp = c & 0x0f, len = 3;
    else if ((c >> 3) == 30) cp = c & 0x07, len = 4;
    else {
      out += '?';
      ++i;
      continue;
    }
    if (i + len > s.size()) {
      out += '?';
      break;
    }
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += len;
    if (cp == '\t') out += ' ';
    else if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out += static_cast<char>(cp);
    else {
      static const std::pair<std::uint32_t, unsigned char> kMap[] = {
          {0x20ac, 0x80}, {0x201a, 0x82}, {0x201e, 0x84}, {0x2026, 0x85}, {0x2020, 0x86}, {0x2021, 0x87},
          {0x2030, 0x89}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201c, 0x93}, {0x201d, 0x94}, {0x2022, 0x95},
          {0x2013, 0x96}, {0x2014, 0x97}, {0x2122, 0x99}, {0x0160, 0x8a}, {0x0161, 0x9a}, {0x0152, 0x8c},
          {0x0153, 0x9c}, {0x017d, 0x8e}, {0x017e, 0x9e}, {0x0178, 0x9f}, {0x2192, '>'},
      };
      char m = '?';
      for (auto [u, w] : kMap)
        if (u == cp) m = static_cast<char>(w);
      out += m;
    }
  }
  return out;
}

void PdfWriter::heading(std::string_view utf8) {
  gap();
  text_line(to_winansi(utf8), true, kHead);
}

void PdfWriter::line(std::string_view utf8) {
  const double max = kPageW - 2 * kMargin;
  std::string text = to_winansi(utf8);
  // Hard line breaks first, then words to the width.
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string para = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    std::string cur;
    std::size_t p = 0;
    while (p < para.size()) {
      std::size_t sp = para.find(' ', p);
      std::string word = para.substr(p, sp == std::string::npos ? std::string::npos : sp - p);
      p = sp == std::string::npos ? para.size() : sp + 1;
      std::string candidate = cur.empty() ? word : cur + " " + word;
      if (width(candidate, kBody) <= max) {
        cur = candidate;
        continue;
      }
      if (!cur.empty()) text_line(cur, false, kBody);
      // A word wider than the line is cut.
      while (width(word, kBody) > max) {
        std::size_t n = word.size();
        while (n > 1 && width(word.substr(0, n), kBody) > max) --n;
        text_line(word.substr(0, n), false, kBody);
        word.erase(0, n);
      }
      cur = word;
    }
    text_line(cur, false, kBody);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

void PdfWriter::field(std::string_view label, std::string_view value) {
  line(std::string(label) + ": " + std::string(value));
}

void PdfWriter::gap() { y_ -= kBody * 0.6; }

std::string PdfWriter::finish(std::string_view title, Timestamp created) {
  std::vector<std::string> objs;  // object n is objs[n-1]
  objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objs.push_back("");  // pages, filled below
  objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  std::tm tm{};
  std::time_t tt = static_cast<std::time_t>(created);
  gmtime_r(&tt, &tm);
  char date[32];
  std::strftime(date, sizeof date, "D:%Y%m%d%H%M%SZ", &tm);
  objs.push_back("<< /Title " + pdf_string(to_winansi(title)) + " /Producer (Netral) /CreationDate (" + date + ") >>");
  std::string kids;
  const int total = static_cast<int>(pages_.size());
  for (int i = 0; i < total; ++i) {
    // Page number at the foot of each page.
    char foot[96];
    std::snprintf(foot, sizeof foot, "BT /F1 8 Tf %.2f %.2f Td (%d / %d) Tj ET\n", kPageW - kMargin - 30, kMargin / 2, i + 1, total);
    const std::string content = pages_[i] + foot;
    objs.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
    const int content_id = static_cast<int>(objs.size());
    char media[64];
    std::snprintf(media, sizeof media, "[0 0 %.2f %.2f]", kPageW, kPageH);
    objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox " + std::string(media) +
                   " /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " + std::to_string(content_id) + " 0 R >>");
    kids += std::to_string(objs.size()) + " 0 R ";
  }
  objs[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(total) + " >>";
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (auto off : offsets) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R /Info 5 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

Result<CaseExport> CaseExportService::export_case(const Principal& p, Id case_id) {
  if (!cases_.can_see(p, case_id)) return fail("not_found", "error.case_not_found");
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
    if (!std::filesystem::exists(f.source)) return fail("not_found", "error.evidence_missing");
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
  if (!z) return fail("storage_failed", "error.storage_failed", {}, "zip_open " + std::to_string(err));
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
    return fail("storage_failed", "error.storage_failed", {}, "zip write failed");
  }
  auto tx = ctx_.store.begin(true);
  audit(ctx_.store, *tx, p.actor(), c.instansi_id, "case.export", "case:" + std::to_string(case_id),
        json{{"files", files.size()}, {"manifest_sha256", out.manifest_sha256}}.dump(), now);
  tx->commit();
  return out;
}

}  // namespace netral::app
