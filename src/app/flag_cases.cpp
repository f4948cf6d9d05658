#include "app/flag_cases.hpp"

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/pdf_writer.hpp"
#include "core/identifiers.hpp"

namespace netral::app {

// The post as collected (canonical JSON, ASCII) in a PDF, verbatim in 90 columns: the
// lines joined give back the exact text whose SHA-256 the audit entry records.
std::string post_evidence_pdf(const std::string& title, const std::string& canonical_json, Timestamp now) {
  PdfWriter w;
  w.heading(title);
  w.gap();
  w.verbatim(canonical_json, 90);
  return w.finish(title, now);
}

namespace {

// A name for staff to read, never used to serve: the post's platform and id, with anything
// but letters, digits, '.', '_' and '-' replaced (a collector chooses the id).
std::string name_part(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 80)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    out += ok ? c : '_';
  }
  return out.empty() ? "_" : out;
}

// A report's description may hold this much (ReportService's validation).
constexpr std::size_t kMaxDescriptionBytes = 20000;

// At most `max` bytes of `s`, cut on a UTF-8 character boundary.
std::string utf8_prefix(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

}  // namespace

Result<std::string> FlagCases::open_case(const Principal& p, Id flag_id,
                                         const std::optional<NewFile>& reviewer_screenshot) {
  if (!reviews_flags(p.user.role)) return fail(ErrorCode::forbidden);
  auto f = queue_.flag(p, flag_id);
  if (!f) return std::unexpected(f.error());
  if (f->status != FlagStatus::open) return fail(ErrorCode::already_reviewed, {}, "flag");
  // The reviewer's screenshot is checked before anything is stored.
  if (reviewer_screenshot)
    if (auto ok = check_screenshot_file(reviewer_screenshot->temp); !ok) return std::unexpected(ok.error());

  // The evidence: the post as collected, canonical JSON (sorted keys, ASCII), in a PDF.
  nlohmann::json post = {{"platform", f->platform}, {"account", f->account},     {"post_id", f->post_id},
                         {"url", f->url},           {"time", f->post_time},      {"kind", f->kind},
                         {"text", f->text},         {"context_text", f->context_text},
                         {"election", f->election_code}, {"candidate", f->candidate}, {"stance", f->stance},
                         {"conduct", f->conduct},   {"score", f->score_pct / 100.0},
                         {"spans", nlohmann::json::parse(f->spans, nullptr, false)}};
  // The collector's screenshot, named by its hash in the document too.
  const bool collector_shot = f->has_screenshot() && ctx_.blobs.exists(f->screenshot_sha256);
  if (collector_shot)
    post["screenshot"] = {{"sha256", f->screenshot_sha256}, {"mime", f->screenshot_mime},
                          {"size", f->screenshot_size.value_or(0)}};
  const std::string canonical = post.dump(-1, ' ', true);
  auto blob = ctx_.blobs.put(post_evidence_pdf("Netral: bukti postingan media sosial / social-media post evidence", canonical, ctx_.now()));
  if (!blob) return std::unexpected(blob.error());
  std::optional<evidence::StoredBlob> reviewer_blob;
  if (reviewer_screenshot) {
    auto b = ctx_.blobs.ingest(reviewer_screenshot->temp);
    if (!b) return std::unexpected(b.error());
    reviewer_blob = *b;
  }

  // The case is opened like every other intake (ReportService::submit: case number,
  // roster link, timeline, clocks, duplicate check, audit); its evidence and the flag's
  // review are added in the same transaction.
  const Id instansi_id = f->instansi_id.value_or(p.user.instansi_id);
  std::optional<Instansi> inst;
  std::optional<Employee> emp;
  {
    auto tx = ctx_.store.begin(false);
    inst = ctx_.store.reference().instansi_by_id(*tx, instansi_id);
    if (f->employee_id) emp = ctx_.store.reference().employee_by_id(*tx, *f->employee_id);
  }
  if (!inst) return fail(ErrorCode::not_found);
  const Date today = civil_from_days(static_cast<long>(ctx_.now() / 86400));
  NewReport in;
  in.instansi = inst->code;
  in.channel = Channel::agency_finding;
  in.reported.name = emp ? emp->name : f->platform + ":" + f->account;
  in.reported.nip = emp ? emp->nip : "";
  in.description = utf8_prefix("Temuan penyaringan media sosial (" + f->platform + " @" + f->account + ", " + f->post_time +
                                   ", pasangan calon nomor " + std::to_string(f->candidate) + ", sikap " + std::string(to_string(f->stance)) +
                                   "):\n\n" + f->text +
                                   (f->context_text.empty() ? "" : "\n\n[konteks / context] " + f->context_text),
                               kMaxDescriptionBytes);
  // The post's link when it is one a report may carry (the post PDF keeps it anyway).
  if ((f->url.starts_with("https://") || f->url.starts_with("http://")) && f->url.size() <= 2000 &&
      f->url.find_first_of(" \t\r\n\"<>") == std::string::npos)
    in.links.push_back(f->url);
  // The post's day is the incident (unless a collector's clock puts it in the future); the
  // agency learned of it today (the reporting window).
  if (f->post_time.size() >= 10)
    if (auto d = parse_iso_date(f->post_time.substr(0, 10)); d && days_from_civil(*d) <= days_from_civil(today))
      in.incident_date = f->post_time.substr(0, 10);
  in.learned_date = format_iso_date(today);

  auto done = reports_.submit(in, {}, p.actor(), [&](store::Tx& tx, const Case& c, const Report& r, Timestamp now) -> Result<void> {
    const std::string post_name = name_part(f->platform) + "-" + name_part(f->post_id);
    auto add_evidence = [&](const std::string& sha, long long size, const std::string& mime, std::string name) {
      Evidence ev;
      ev.case_id = c.id;
      ev.report_id = r.id;
      ev.sha256 = sha;
      ev.size = static_cast<std::int64_t>(size);
      ev.mime = mime;
      ev.original_name = std::move(name);
      ev.created_at = now;
      ctx_.store.cases().insert_evidence(tx, ev);
    };
    add_evidence(blob->sha256, static_cast<long long>(blob->size), blob->mime, "postingan-" + post_name + ".pdf");
    nlohmann::json shots = nlohmann::json::array();
    if (collector_shot) {
      add_evidence(f->screenshot_sha256, f->screenshot_size.value_or(0), f->screenshot_mime,
                   "tangkapan-layar-" + post_name + "." + std::string(evidence::extension_for(f->screenshot_mime)));
      shots.push_back({{"source", "collector"}, {"sha256", f->screenshot_sha256}, {"mime", f->screenshot_mime},
                       {"size", f->screenshot_size.value_or(0)}});
    }
    // The reviewer's, unless it is the very same image.
    if (reviewer_blob && !(collector_shot && reviewer_blob->sha256 == f->screenshot_sha256))
      add_evidence(reviewer_blob->sha256, static_cast<long long>(reviewer_blob->size), reviewer_blob->mime,
                   "tangkapan-layar-peninjau-" + post_name + "." + std::string(evidence::extension_for(reviewer_blob->mime)));
    if (reviewer_blob)
      shots.push_back({{"source", "reviewer"}, {"sha256", reviewer_blob->sha256}, {"mime", reviewer_blob->mime},
                       {"size", reviewer_blob->size}});
    if (!ctx_.store.screening().review_flag(tx, flag_id, FlagStatus::confirmed, "", p.user.id, now, c.id))
      return fail(ErrorCode::already_reviewed, {}, "flag");
    nlohmann::json d = {{"case_number", c.case_number}, {"sha256", blob->sha256},
                        {"post_sha256", evidence::sha256_hex(canonical)}, {"post_id", f->post_id}};
    if (!shots.empty()) d["screenshots"] = shots;
    // A screenshot the flag names but the blob store no longer holds: said, not hidden.
    if (f->has_screenshot() && !collector_shot) d["screenshot_missing"] = f->screenshot_sha256;
    audit(ctx_.store, tx, p.actor(), c.instansi_id, "screening.open_case", "screening_flag:" + std::to_string(flag_id),
          d.dump(), now);
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return done->case_number;
}

Result<FlagCases::Screenshot> FlagCases::screenshot(const Principal& p, Id flag_id) {
  auto f = queue_.flag(p, flag_id);
  if (!f) return std::unexpected(f.error());
  if (!f->has_screenshot()) return fail(ErrorCode::not_found, {}, "screenshot");
  Screenshot out{ctx_.blobs.path_of(f->screenshot_sha256), f->screenshot_mime, f->screenshot_sha256,
                 f->screenshot_size.value_or(0)};
  std::error_code ec;
  if (!std::filesystem::exists(out.path, ec)) return fail(ErrorCode::not_found, "error.evidence_missing", "screenshot");
  return out;
}

}  // namespace netral::app
