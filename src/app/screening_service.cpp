#include "app/screening_service.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "app/audit.hpp"
#include "app/pdf_writer.hpp"
#include "app/report_service.hpp"
#include "core/identifiers.hpp"
#include "core/receipt.hpp"
#include "core/strings.hpp"
#include "screen/election.hpp"
#include "screen/post_io.hpp"
#include "text/classify.hpp"

namespace netral::app {
namespace {

std::string clean_handle(std::string h) {
  h = ascii_lower(trim(h));
  if (!h.empty() && h.front() == '@') h.erase(0, 1);
  return h;
}
bool handle_ok(const std::string& h) {
  if (h.empty() || h.size() > 100) return false;
  return std::all_of(h.begin(), h.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}
bool platform_ok(const std::string& p) {
  if (p.empty() || p.size() > 30) return false;
  return std::all_of(p.begin(), p.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

bool is_role(const Principal& p, std::initializer_list<Role> roles) {
  return std::find(roles.begin(), roles.end(), p.user.role) != roles.end();
}
std::unexpected<Error> forbidden() { return fail(ErrorCode::forbidden, "error.forbidden"); }

std::string spans_json(const screen::Flag& f) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& s : f.spans)
    a.push_back({{"field", std::string(screen::to_string(s.field))}, {"start", s.start}, {"end", s.end}, {"term", s.term}});
  return a.dump();
}

}  // namespace

std::optional<double> precision_of(const store::FlagCounts& c) {
  const long long reviewed = c.confirmed + c.dismissed;
  if (reviewed == 0) return std::nullopt;
  return static_cast<double>(c.confirmed) / static_cast<double>(reviewed);
}

bool is_screenshot_type(std::string_view mime) {
  return mime == "image/png" || mime == "image/jpeg" || mime == "image/webp";
}

Result<std::string> check_screenshot(std::string_view bytes) {
  if (bytes.empty()) return fail(ErrorCode::invalid_screenshot, "error.invalid_screenshot", "screenshot", "empty");
  if (bytes.size() > kMaxScreenshotBytes)
    return fail(ErrorCode::screenshot_too_large, "error.screenshot_too_large", "screenshot", std::to_string(bytes.size()) + " bytes");
  std::string mime = evidence::sniff_mime_buffer(bytes);
  if (!is_screenshot_type(mime))
    return fail(ErrorCode::unsupported_screenshot_type, "error.unsupported_screenshot_type", "screenshot", mime);
  return mime;
}

Result<std::string> check_screenshot_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size == 0) return fail(ErrorCode::invalid_screenshot, "error.invalid_screenshot", "screenshot", "empty");
  if (size > kMaxScreenshotBytes)
    return fail(ErrorCode::screenshot_too_large, "error.screenshot_too_large", "screenshot", std::to_string(size) + " bytes");
  std::string mime = evidence::sniff_mime(file);
  if (!is_screenshot_type(mime))
    return fail(ErrorCode::unsupported_screenshot_type, "error.unsupported_screenshot_type", "screenshot", mime);
  return mime;
}

Result<std::string> decode_screenshot(std::string_view b64) {
  // Refused before decoding: four characters carry three bytes.
  if (b64.size() / 4 * 3 > kMaxScreenshotBytes + 3)
    return fail(ErrorCode::screenshot_too_large, "error.screenshot_too_large", "screenshot", std::to_string(b64.size()) + " base64 characters");
  if (b64.empty()) return fail(ErrorCode::invalid_screenshot, "error.invalid_screenshot", "screenshot", "empty");
  std::string bytes(b64.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  // Standard alphabet with padding; nothing ignored, and the whole text must be consumed.
  if (b64.size() % 4 != 0 ||
      sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), b64.data(), b64.size(), nullptr,
                        &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != b64.data() + b64.size())
    return fail(ErrorCode::invalid_screenshot, "error.invalid_screenshot", "screenshot", "not base64");
  bytes.resize(len);
  auto mime = check_screenshot(bytes);
  if (!mime) return std::unexpected(mime.error());
  return bytes;
}

std::string reviewed_flag_json(const store::FlagRow& f) {
  nlohmann::json spans = nlohmann::json::parse(f.spans, nullptr, false);
  if (!spans.is_array()) spans = nlohmann::json::array();
  nlohmann::json terms = nlohmann::json::array();
  std::unordered_set<std::string> seen;
  for (const auto& sp : spans)
    if (sp.is_object() && sp.contains("term") && sp["term"].is_string() && seen.insert(sp["term"].get<std::string>()).second)
      terms.push_back(sp["term"]);
  nlohmann::json conduct = nlohmann::json::array();
  for (std::size_t pos = 0; pos < f.conduct.size();) {
    auto comma = f.conduct.find(',', pos);
    if (comma == std::string::npos) comma = f.conduct.size();
    if (comma > pos) conduct.push_back(f.conduct.substr(pos, comma - pos));
    pos = comma + 1;
  }
  nlohmann::json j = {
      {"id", f.id},
      {"election", f.election_code},
      {"platform", f.platform},
      {"account", f.account},
      {"linked", f.employee_id.has_value()},
      {"post_id", f.post_id},
      {"url", f.url},
      {"time", f.post_time},
      {"kind", f.kind},
      {"text", f.text},
      {"context_text", f.context_text},
      {"candidate", f.candidate},
      {"stance", f.stance},
      {"conduct", conduct},
      {"score", f.score_pct / 100.0},
      {"spans", spans},
      {"terms", terms},
      {"label", std::string(to_string(f.status))},
      {"reason", f.reason},
      {"flagged_at", format_iso_time(f.created_at)},
      {"reviewed_at", f.reviewed_at ? nlohmann::json(format_iso_time(*f.reviewed_at)) : nlohmann::json(nullptr)},
      {"case_number", f.case_number.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.case_number)},
      {"screenshot_sha256", f.has_screenshot() ? nlohmann::json(f.screenshot_sha256) : nlohmann::json(nullptr)},
  };
  // Invalid UTF-8 (a collector's bytes) is replaced, never a failed export.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The post as collected (canonical JSON, ASCII) in a PDF, verbatim in 90 columns: the
// lines joined give back the exact text whose SHA-256 the audit entry records.
std::string post_evidence_pdf(const std::string& title, const std::string& canonical_json, Timestamp now) {
  PdfWriter w;
  w.heading(title);
  w.gap();
  w.verbatim(canonical_json, 90);
  return w.finish(title, now);
}

Result<std::unique_ptr<ScreeningService>> ScreeningService::create(Context& ctx, const std::filesystem::path& data_dir) {
  auto parties = screen::load_parties((data_dir / "screen/parties.toml").string());
  if (!parties) return fail(ErrorCode::screening_data_invalid, "error.screening_data_invalid", "parties", parties.error().detail);
  auto cues = screen::load_cues((data_dir / "screen/cues.toml").string());
  if (!cues) return fail(ErrorCode::screening_data_invalid, "error.screening_data_invalid", "cues", cues.error().detail);
  std::filesystem::path catalog_cues = data_dir / "catalog/cues.toml";
  std::error_code ec;
  if (!std::filesystem::exists(catalog_cues, ec)) catalog_cues.clear();
  return std::make_unique<ScreeningService>(ctx, std::move(*parties), std::move(*cues), catalog_cues);
}

ScreeningService::ScreeningService(Context& ctx, std::vector<screen::Party> parties, std::vector<screen::CueGroup> cues,
                                   std::filesystem::path catalog_cues)
    : ctx_(ctx), parties_(std::move(parties)), cues_(std::move(cues)), catalog_cues_(std::move(catalog_cues)) {}

namespace {

constexpr std::size_t kMaxElectionBytes = 2u << 20;

store::ElectionRow election_row(const screen::Election& el, std::string source, const Principal& p, Timestamp now) {
  store::ElectionRow row;
  row.code = el.id;
  row.name = el.name;
  row.region = el.region;
  row.voting_date = el.voting_date;
  row.source = std::move(source);
  row.imported_by = p.actor().who;
  row.imported_at = now;
  return row;
}

// A parser detail without its "file:line: " prefix: for a file written from the form the
// line means nothing to the admin, the field does.
std::string without_location(const std::string& detail, const std::string& source) {
  if (!detail.starts_with(source + ":")) return detail;
  auto pos = detail.find(": ", source.size() + 1);
  return pos == std::string::npos ? detail : detail.substr(pos + 2);
}

}  // namespace

store::ElectionRow ScreeningService::written(store::ElectionRow row) {
  forget_screener();
  // Compiled now, in the admin's request, so that the first batch against it screens at
  // once (and the databases are on disk for the next start).
  (void)screener_for(row);
  row.source.clear();
  return row;
}

void ScreeningService::forget_screener() {
  std::lock_guard lock(mu_);
  cache_.reset();
  cache_key_.clear();
}

Result<store::ElectionRow> ScreeningService::import_election(const Principal& p, const std::string& toml_text,
                                                             const std::string& file_name) {
  if (!is_role(p, {Role::admin})) return forbidden();
  if (toml_text.size() > kMaxElectionBytes) return fail(ErrorCode::invalid_election, "error.invalid_election", "election", "too large");
  auto el = screen::parse_election(toml_text, file_name.empty() ? "election.toml" : file_name);
  if (!el) return fail(ErrorCode::invalid_election, "error.invalid_election", "election", el.error().detail);
  const Timestamp now = ctx_.now();
  store::ElectionRow row = election_row(*el, toml_text, p, now);
  auto tx = ctx_.store.begin(true);
  row.id = repo().upsert_election(*tx, row);
  nlohmann::json d = {{"code", row.code}, {"candidates", el->candidates.size()},
                      {"sha256", evidence::sha256_hex(toml_text)}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "election.import", "election:" + std::to_string(row.id), d.dump(),
        now);
  tx->commit();
  return written(std::move(row));
}

Result<ElectionDetail> ScreeningService::election(const Principal& p, const std::string& code) {
  if (!is_role(p, {Role::admin})) return forbidden();
  ElectionDetail d;
  {
    auto tx = ctx_.store.begin(false);
    auto row = repo().election_by_code(*tx, code);
    if (!row) return fail(ErrorCode::not_found, "error.not_found", "election");
    d.row = std::move(*row);
    d.flags = repo().count_election_flags(*tx, d.row.id);
  }
  auto el = screen::parse_election(d.row.source, d.row.code + ".toml");
  if (el) d.election = std::move(*el);
  else d.problem = el.error();
  d.version = evidence::sha256_hex(d.row.source);
  return d;
}

Result<store::ElectionRow> ScreeningService::save_election(const Principal& p, const std::string& code,
                                                           screen::Election edited, const std::string& based_on) {
  if (!is_role(p, {Role::admin})) return forbidden();
  edited.id = code;
  // The form's election checked as a file: the same parser, so the same rules as an import.
  std::string text = screen::to_toml(edited);
  if (text.size() > kMaxElectionBytes) return fail(ErrorCode::invalid_election, "error.invalid_election", "election", "too large");
  const std::string source = code + ".toml";
  auto el = screen::parse_election(text, source);
  if (!el) return fail(ErrorCode::invalid_election, "error.invalid_election", el.error().field, without_location(el.error().detail, source));
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  auto current = repo().election_by_code(*tx, code);
  if (!current) return fail(ErrorCode::not_found, "error.not_found", "election");
  const std::string previous = evidence::sha256_hex(current->source);
  if (previous != based_on) return fail(ErrorCode::election_changed, "error.election_changed", "election");
  store::ElectionRow row = election_row(*el, std::move(text), p, now);
  // An edit is not an import: the election keeps its place in the list, so a batch without
  // an election code still goes to the newest import. The audit entry records the edit.
  row.imported_by = current->imported_by;
  row.imported_at = current->imported_at;
  row.id = repo().upsert_election(*tx, row);
  nlohmann::json d = {{"code", row.code}, {"candidates", el->candidates.size()},
                      {"sha256", evidence::sha256_hex(row.source)}, {"previous_sha256", previous}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "election.edit", "election:" + std::to_string(row.id), d.dump(),
        now);
  tx->commit();
  return written(std::move(row));
}

Result<void> ScreeningService::remove_election(const Principal& p, const std::string& code) {
  if (!is_role(p, {Role::admin})) return forbidden();
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  auto row = repo().election_by_code(*tx, code);
  if (!row) return fail(ErrorCode::not_found, "error.not_found", "election");
  // Flags are evidence (a case may have been opened from one) and point to their election.
  if (long long n = repo().count_election_flags(*tx, row->id); n > 0)
    return fail(ErrorCode::election_in_use, "error.election_in_use", "election", std::to_string(n));
  repo().delete_election(*tx, row->id);
  nlohmann::json d = {{"code", row->code}, {"name", row->name}, {"sha256", evidence::sha256_hex(row->source)}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "election.remove", "election:" + std::to_string(row->id), d.dump(),
        now);
  tx->commit();
  forget_screener();
  return {};
}

std::vector<store::ElectionRow> ScreeningService::elections() {
  auto tx = ctx_.store.begin(false);
  return repo().list_elections(*tx);
}

std::vector<store::StaffAccount> ScreeningService::accounts() {
  auto tx = ctx_.store.begin(false);
  return repo().list_accounts(*tx);
}

namespace {
struct AccountLine {
  std::string platform, handle, nip;
  int line = 0;
};
}  // namespace

static Result<std::vector<std::pair<AccountLine, Id>>> resolve_accounts(Context& ctx, store::Tx& tx, const Principal& p,
                                                                      const std::vector<AccountLine>& lines) {
  std::vector<std::pair<AccountLine, Id>> out;
  for (const auto& l : lines) {
    auto where = [&](std::string msg) { return l.line ? "line " + std::to_string(l.line) + ": " + msg : msg; };
    if (!platform_ok(l.platform)) return fail(ErrorCode::invalid_field, "error.invalid_platform", "platform", where("platform"));
    if (!handle_ok(l.handle)) return fail(ErrorCode::invalid_field, "error.invalid_handle", "account", where("account"));
    auto nip = validate_staff_number(l.nip, "nip");
    if (!nip) return fail(ErrorCode::invalid_field, "error.invalid_nip", "nip", where("nip"));
    auto e = ctx.store.reference().employee_by_nip(tx, p.user.instansi_id, strip_number(l.nip));
    if (!e) return fail(ErrorCode::unknown_employee, "error.unknown_employee", "nip", where("nip " + l.nip));
    out.emplace_back(l, e->id);
  }
  return out;
}

Result<void> ScreeningService::link_account(const Principal& p, const std::string& platform, const std::string& handle,
                                            const std::string& nip) {
  if (!is_role(p, {Role::admin})) return forbidden();
  AccountLine l{ascii_lower(trim(platform)), clean_handle(handle), trim(nip), 0};
  auto tx = ctx_.store.begin(true);
  auto r = resolve_accounts(ctx_, *tx, p, {l});
  if (!r) return std::unexpected(r.error());
  const Timestamp now = ctx_.now();
  store::StaffAccount a{0, l.platform, l.handle, r->front().second, p.actor().who, now, {}, {}, 0};
  Id id = repo().upsert_account(*tx, a);
  nlohmann::json d = {{"platform", l.platform}, {"account", l.handle}, {"employee", r->front().second}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "screening.account_link", "staff_account:" + std::to_string(id),
        d.dump(), now);
  tx->commit();
  forget_screener();
  return {};
}

Result<void> ScreeningService::unlink_account(const Principal& p, Id account_id) {
  if (!is_role(p, {Role::admin})) return forbidden();
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  // An account of another instansi does not exist for this admin.
  auto a = repo().account_by_id(*tx, account_id);
  if (!a || a->instansi_id != p.user.instansi_id) return fail(ErrorCode::not_found, "error.not_found", "account");
  repo().delete_account(*tx, account_id);
  nlohmann::json d = {{"platform", a->platform}, {"account", a->handle}, {"employee", a->employee_id}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "screening.account_unlink",
        "staff_account:" + std::to_string(account_id), d.dump(), now);
  tx->commit();
  forget_screener();
  return {};
}

Result<int> ScreeningService::import_accounts(const Principal& p, const std::string& csv) {
  if (!is_role(p, {Role::admin})) return forbidden();
  if (csv.size() > 4 * 1024 * 1024) return fail(ErrorCode::invalid_field, "error.field_too_long", "accounts");
  std::vector<AccountLine> lines;
  int n = 0;
  std::size_t pos = 0;
  while (pos < csv.size()) {
    auto end = csv.find('\n', pos);
    std::string line = csv.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? csv.size() : end + 1;
    ++n;
    if (trim(line).empty()) continue;
    auto cols = screen::split_csv_record(trim(line));
    if (n == 1 && !cols.empty() && ascii_lower(trim(cols[0])) == "platform") continue;  // header
    if (cols.size() != 3)
      return fail(ErrorCode::invalid_field, "error.invalid_accounts_csv", "accounts", "line " + std::to_string(n) + ": 3 columns");
    lines.push_back({ascii_lower(trim(cols[0])), clean_handle(cols[1]), trim(cols[2]), n});
  }
  if (lines.empty()) return fail(ErrorCode::missing_field, "error.invalid_accounts_csv", "accounts", "empty");
  auto tx = ctx_.store.begin(true);
  auto r = resolve_accounts(ctx_, *tx, p, lines);
  if (!r) return std::unexpected(r.error());
  const Timestamp now = ctx_.now();
  for (const auto& [l, employee] : *r)
    repo().upsert_account(*tx, store::StaffAccount{0, l.platform, l.handle, employee, p.actor().who, now, {}, {}, 0});
  nlohmann::json d = {{"accounts", r->size()}, {"sha256", evidence::sha256_hex(csv)}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "screening.account_import", "staff_accounts", d.dump(), now);
  tx->commit();
  forget_screener();
  return static_cast<int>(r->size());
}

Result<std::shared_ptr<const screen::Screener>> ScreeningService::screener_for(const store::ElectionRow& e) {
  std::vector<store::StaffAccount> accounts;
  {
    auto tx = ctx_.store.begin(false);
    accounts = repo().list_accounts(*tx);
  }
  // Rebuilt when the election or the accounts change: compiling takes a good fraction of a
  // second, a batch only milliseconds. The file's hash, not its import time, names the
  // election: an edit within the same second as the import must not keep the old lexicon,
  // and another instance's edit must reach this one's cache.
  std::string key = e.code + "|" + evidence::sha256_hex(e.source) + "|" + std::to_string(accounts.size());
  for (const auto& a : accounts) {
    key += '|';
    key += std::to_string(a.id);
    key += ':';
    key += std::to_string(a.employee_id);
  }
  std::lock_guard lock(mu_);
  if (cache_ && cache_key_ == key) return cache_;
  auto el = screen::parse_election(e.source, e.code + ".toml");
  if (!el) return fail(ErrorCode::invalid_election, "error.invalid_election", "election", el.error().detail);
  screen::AccountDirectory dir;
  for (const auto& a : accounts) dir.add(a.platform, a.handle, a.nip);
  std::unique_ptr<text::Classifier> classifier;
  if (!catalog_cues_.empty()) {
    auto c = text::Classifier::load(catalog_cues_);
    if (c) classifier = std::make_unique<text::Classifier>(std::move(*c));
  }
  auto s = screen::Screener::create(screen::compile_lexicon(*el, parties_, cues_), std::move(dir), std::move(classifier),
                                    true, db_cache_ ? &*db_cache_ : nullptr);
  if (!s) return std::unexpected(s.error());
  cache_ = std::shared_ptr<const screen::Screener>(std::move(*s));
  cache_key_ = key;
  return cache_;
}

Result<ScreenBatchResult> ScreeningService::screen_posts(const Principal& p, std::optional<std::string> election_code,
                                                         const std::vector<screen::Post>& posts,
                                                         std::span<const std::string> screenshots) {
  if (!is_role(p, {Role::admin, Role::analyst})) return forbidden();
  return screen_posts(p.actor(), std::move(election_code), posts, screenshots);
}

Result<ScreenBatchResult> ScreeningService::screen_posts(const Actor& actor, std::optional<std::string> election_code,
                                                         const std::vector<screen::Post>& posts,
                                                         std::span<const std::string> screenshots) {
  if (!screenshots.empty() && screenshots.size() != posts.size())
    return fail(ErrorCode::invalid_field, "error.invalid_field", "screenshot", "screenshots not aligned with posts");
  std::optional<store::ElectionRow> e;
  {
    auto tx = ctx_.store.begin(false);
    if (election_code) {
      e = repo().election_by_code(*tx, *election_code);
      if (!e) return fail(ErrorCode::unknown_election, "error.unknown_election", "election");
    } else {
      auto all = repo().list_elections(*tx);
      if (all.empty()) return fail(ErrorCode::no_election, "error.no_election", "election");
      e = repo().election_by_id(*tx, all.front().id);
    }
  }
  auto screener = screener_for(*e);
  if (!screener) return std::unexpected(screener.error());
  // Post by post, so that each flag keeps its post's index (its screenshot; two platforms
  // may use the same post id).
  std::vector<std::pair<std::size_t, screen::Flag>> flags;
  {
    auto worker = (*screener)->make_worker();
    for (std::size_t i = 0; i < posts.size(); ++i)
      if (auto f = (*screener)->screen(posts[i], worker)) flags.emplace_back(i, std::move(*f));
  }
  ScreenBatchResult out;
  out.election = e->code;
  out.posts = static_cast<long long>(posts.size());
  out.flags = static_cast<long long>(flags.size());

  // The screenshots of flagged posts go into the blob store before the write transaction
  // (as report uploads do: the transaction does not wait on fsync), and only those a flag
  // will record: a post already flagged keeps the screenshot it has, and a reviewed flag
  // gets none. Posts that raised nothing leave nothing behind.
  std::unordered_map<std::size_t, evidence::StoredBlob> shots;  // post index -> blob
  if (!screenshots.empty()) {
    std::unordered_set<std::string> taken;  // platform \x1f post_id given a screenshot in this batch
    auto tx = ctx_.store.begin(false);
    for (const auto& [i, f] : flags) {
      if (screenshots[i].empty()) continue;
      const std::string platform = ascii_lower(posts[i].platform);
      if (!taken.insert(platform + "\x1f" + posts[i].post_id).second) continue;
      auto stored = repo().flag_by_post(*tx, e->id, platform, posts[i].post_id);
      if (stored && (stored->has_screenshot() || stored->status != FlagStatus::open)) continue;
      if (auto ok = check_screenshot(screenshots[i]); !ok)
        return fail(ok.error().code, ok.error().message_key, "screenshot", "post " + std::to_string(i + 1) + ": " + ok.error().detail);
      auto blob = ctx_.blobs.put(screenshots[i]);
      if (!blob) return std::unexpected(blob.error());
      shots.emplace(i, *blob);
    }
  }

  std::unordered_map<std::string, const store::StaffAccount*> by_key;
  std::vector<store::StaffAccount> accounts;
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  // Removed while this batch was screened: nothing to store it under.
  if (!repo().election_by_id(*tx, e->id)) return fail(ErrorCode::unknown_election, "error.unknown_election", "election");
  accounts = repo().list_accounts(*tx);
  for (const auto& a : accounts) by_key[a.platform + "\x1f" + a.handle] = &a;
  nlohmann::json shot_hashes = nlohmann::json::array();
  for (const auto& [i, f] : flags) {
    const screen::Post& post = posts[i];
    store::FlagRow row;
    row.election_id = e->id;
    auto it = by_key.find(ascii_lower(post.platform) + "\x1f" + clean_handle(post.account));
    if (it != by_key.end()) {
      row.employee_id = it->second->employee_id;
      row.instansi_id = it->second->instansi_id;
    }
    row.platform = ascii_lower(post.platform);
    row.account = post.account;
    row.post_id = post.post_id;
    row.url = post.url;
    row.post_time = post.time;
    row.kind = std::string(screen::to_string(post.kind));
    row.text = post.text;
    row.context_text = post.context_text;
    row.candidate = f.candidate;
    row.stance = std::string(screen::to_string(f.stance));
    row.conduct = join(f.conduct, ",");
    row.score_pct = static_cast<int>(f.score * 100.0 + 0.5);
    row.spans = spans_json(f);
    row.created_at = now;
    const auto shot = shots.find(i);
    if (shot != shots.end()) {
      row.screenshot_sha256 = shot->second.sha256;
      row.screenshot_mime = shot->second.mime;
      row.screenshot_size = static_cast<long long>(shot->second.size);
    }
    if (repo().insert_flag(*tx, row)) {
      ++out.new_flags;
      if (shot != shots.end()) ++out.screenshots, shot_hashes.push_back(shot->second.sha256);
    } else if (shot != shots.end()) {
      // Pushed before without a screenshot: the flag gets this one while it is open.
      auto stored = repo().flag_by_post(*tx, e->id, row.platform, row.post_id);
      if (stored && repo().attach_screenshot(*tx, stored->id, row.screenshot_sha256, row.screenshot_mime,
                                             *row.screenshot_size))
        ++out.screenshots, shot_hashes.push_back(shot->second.sha256);
    }
  }
  nlohmann::json d = {{"election", e->code}, {"posts", out.posts}, {"flags", out.flags}, {"new_flags", out.new_flags}};
  if (out.screenshots > 0) d["screenshots"] = shot_hashes;
  audit(ctx_.store, *tx, actor, std::nullopt, "screening.batch", "election:" + std::to_string(e->id), d.dump(), now);
  tx->commit();
  return out;
}

Result<ScreeningQueue> ScreeningService::queue(const Principal& p, std::optional<std::string> status, store::Page page) {
  if (!reviews_flags(p.user.role)) return forbidden();
  std::optional<FlagStatus> wanted;
  if (status && !(wanted = flag_status_from_string(*status))) return fail(ErrorCode::invalid_field, "error.invalid_field", "status");
  ScreeningQueue q;
  auto tx = ctx_.store.begin(false);
  store::FlagFilter f{wanted, p.user.instansi_id};
  q.page = repo().list_flags(*tx, f, page);
  q.counts = repo().count_flags(*tx, p.user.instansi_id);
  return q;
}

Result<store::FlagRow> ScreeningService::flag(const Principal& p, Id id) {
  if (!reviews_flags(p.user.role)) return forbidden();
  auto tx = ctx_.store.begin(false);
  auto f = repo().flag_by_id(*tx, id);
  if (!f || (f->instansi_id && *f->instansi_id != p.user.instansi_id)) return fail(ErrorCode::not_found, "error.not_found");
  return *f;
}

Result<void> ScreeningService::dismiss(const Principal& p, Id flag_id, const std::string& reason) {
  if (!reviews_flags(p.user.role)) return forbidden();
  const std::string why = trim(reason);
  if (why.empty()) return fail(ErrorCode::missing_field, "error.missing_reason", "reason");
  if (why.size() > 2000) return fail(ErrorCode::invalid_field, "error.field_too_long", "reason");
  auto f = flag(p, flag_id);
  if (!f) return std::unexpected(f.error());
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  if (!repo().review_flag(*tx, flag_id, FlagStatus::dismissed, why, p.user.id, now, std::nullopt))
    return fail(ErrorCode::already_reviewed, "error.already_reviewed", "flag");
  nlohmann::json d = {{"reason", why}, {"post_id", f->post_id}};
  audit(ctx_.store, *tx, p.actor(), f->instansi_id, "screening.dismiss", "screening_flag:" + std::to_string(flag_id),
        d.dump(), now);
  tx->commit();
  return {};
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

Result<std::string> ScreeningService::open_case(const Principal& p, Id flag_id,
                                                const std::optional<NewFile>& reviewer_screenshot) {
  if (!reviews_flags(p.user.role)) return forbidden();
  auto f = flag(p, flag_id);
  if (!f) return std::unexpected(f.error());
  if (f->status != FlagStatus::open) return fail(ErrorCode::already_reviewed, "error.already_reviewed", "flag");
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
  if (!inst) return fail(ErrorCode::not_found, "error.not_found");
  const Date today = civil_from_days(static_cast<long>(ctx_.now() / 86400));
  NewReport in;
  in.instansi = inst->code;
  in.channel = Channel::agency_finding;
  in.reported.name = emp ? emp->name : f->platform + ":" + f->account;
  in.reported.nip = emp ? emp->nip : "";
  in.description = utf8_prefix("Temuan penyaringan media sosial (" + f->platform + " @" + f->account + ", " + f->post_time +
                                   ", pasangan calon nomor " + std::to_string(f->candidate) + ", sikap " + f->stance +
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

  ReportService reports(ctx_);
  auto done = reports.submit(in, {}, p.actor(), [&](store::Tx& tx, const Case& c, const Report& r, Timestamp now) -> Result<void> {
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
    if (!repo().review_flag(tx, flag_id, FlagStatus::confirmed, "", p.user.id, now, c.id))
      return fail(ErrorCode::already_reviewed, "error.already_reviewed", "flag");
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

Result<ScreeningService::Screenshot> ScreeningService::screenshot(const Principal& p, Id flag_id) {
  auto f = flag(p, flag_id);
  if (!f) return std::unexpected(f.error());
  if (!f->has_screenshot()) return fail(ErrorCode::not_found, "error.not_found", "screenshot");
  Screenshot out{ctx_.blobs.path_of(f->screenshot_sha256), f->screenshot_mime, f->screenshot_sha256,
                 f->screenshot_size.value_or(0)};
  std::error_code ec;
  if (!std::filesystem::exists(out.path, ec)) return fail(ErrorCode::not_found, "error.evidence_missing", "screenshot");
  return out;
}

Result<long long> ScreeningService::export_reviewed(const Principal& p,
                                                    const std::function<void(std::string_view)>& line) {
  if (!reviews_flags(p.user.role)) return forbidden();
  long long n = 0;
  {
    // One read transaction (one snapshot on SQLite), pages of 500 by id.
    auto tx = ctx_.store.begin(false);
    Id after = 0;
    for (;;) {
      auto page = repo().list_reviewed(*tx, p.user.instansi_id, after, 500);
      for (const auto& f : page) {
        line(reviewed_flag_json(f) + "\n");
        ++n;
      }
      if (page.size() < 500) break;
      after = page.back().id;
    }
  }
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "screening.export_reviewed", "screening_flags",
        nlohmann::json({{"lines", n}}).dump(), now);
  tx->commit();
  return n;
}

}  // namespace netral::app
