#include "app/election_admin.hpp"

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "app/audit.hpp"

namespace netral::app {
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

store::ElectionRow ElectionAdmin::written(store::ElectionRow row) {
  screeners_.forget();
  // Compiled now, in the admin's request, so that the first batch against it screens at
  // once (and the databases are on disk for the next start).
  (void)screeners_.screener_for(row);
  row.source.clear();
  return row;
}

Result<store::ElectionRow> ElectionAdmin::import_election(const Principal& p, const std::string& toml_text,
                                                          const std::string& file_name) {
  if (!manages_screening(p.user.role)) return fail(ErrorCode::forbidden);
  if (toml_text.size() > kMaxElectionBytes) return fail(ErrorCode::invalid_election, {}, "election", "too large");
  auto el = screen::parse_election(toml_text, file_name.empty() ? "election.toml" : file_name);
  if (!el) return fail(ErrorCode::invalid_election, {}, "election", el.error().detail);
  if (!manages_election(p.user.role, p.instansi.code, el->region))
    return fail(ErrorCode::foreign_election, {}, "election.region", el->region);
  const Timestamp now = ctx_.now();
  store::ElectionRow row = election_row(*el, toml_text, p, now);
  auto tx = ctx_.store.begin(true);
  // An election of another government under the same id is not replaced.
  if (auto existing = ctx_.store.screening().election_by_code(*tx, row.code);
      existing && !manages_election(p.user.role, p.instansi.code, existing->region))
    return fail(ErrorCode::foreign_election, {}, "election", existing->region);
  row.id = ctx_.store.screening().upsert_election(*tx, row);
  nlohmann::json d = {{"code", row.code}, {"candidates", el->candidates.size()},
                      {"sha256", evidence::sha256_hex(toml_text)}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "election.import", "election:" + std::to_string(row.id), d.dump(),
        now);
  tx->commit();
  return written(std::move(row));
}

Result<ElectionDetail> ElectionAdmin::election(const Principal& p, const std::string& code) {
  if (!manages_screening(p.user.role)) return fail(ErrorCode::forbidden);
  ElectionDetail d;
  {
    auto tx = ctx_.store.begin(false);
    auto row = ctx_.store.screening().election_by_code(*tx, code);
    // Another government's election is not shown: it is not found, as far as this admin goes.
    if (!row || !election_concerns(row->region, p.instansi.code)) return fail(ErrorCode::not_found, {}, "election");
    d.row = std::move(*row);
    d.flags = ctx_.store.screening().count_election_flags(*tx, d.row.id);
  }
  auto el = screen::parse_election(d.row.source, d.row.code + ".toml");
  if (el) d.election = std::move(*el);
  else d.problem = el.error();
  d.version = evidence::sha256_hex(d.row.source);
  return d;
}

Result<store::ElectionRow> ElectionAdmin::save_election(const Principal& p, const std::string& code,
                                                        screen::Election edited, const std::string& based_on) {
  if (!manages_screening(p.user.role)) return fail(ErrorCode::forbidden);
  edited.id = code;
  // The form's election checked as a file: the same parser, so the same rules as an import.
  std::string text = screen::to_toml(edited);
  if (text.size() > kMaxElectionBytes) return fail(ErrorCode::invalid_election, {}, "election", "too large");
  const std::string source = code + ".toml";
  auto el = screen::parse_election(text, source);
  if (!el) return fail(ErrorCode::invalid_election, {}, el.error().field, without_location(el.error().detail, source));
  if (!manages_election(p.user.role, p.instansi.code, el->region))
    return fail(ErrorCode::foreign_election, {}, "election.region", el->region);
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  auto current = ctx_.store.screening().election_by_code(*tx, code);
  if (!current || !election_concerns(current->region, p.instansi.code)) return fail(ErrorCode::not_found, {}, "election");
  if (!manages_election(p.user.role, p.instansi.code, current->region))
    return fail(ErrorCode::foreign_election, {}, "election", current->region);
  const std::string previous = evidence::sha256_hex(current->source);
  if (previous != based_on) return fail(ErrorCode::election_changed, {}, "election");
  store::ElectionRow row = election_row(*el, std::move(text), p, now);
  // An edit is not an import: the election keeps its place in the list, so a batch without
  // an election code still goes to the newest import. The audit entry records the edit.
  row.imported_by = current->imported_by;
  row.imported_at = current->imported_at;
  row.id = ctx_.store.screening().upsert_election(*tx, row);
  nlohmann::json d = {{"code", row.code}, {"candidates", el->candidates.size()},
                      {"sha256", evidence::sha256_hex(row.source)}, {"previous_sha256", previous}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "election.edit", "election:" + std::to_string(row.id), d.dump(),
        now);
  tx->commit();
  return written(std::move(row));
}

Result<void> ElectionAdmin::remove_election(const Principal& p, const std::string& code) {
  if (!manages_screening(p.user.role)) return fail(ErrorCode::forbidden);
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  auto row = ctx_.store.screening().election_by_code(*tx, code);
  if (!row || !election_concerns(row->region, p.instansi.code)) return fail(ErrorCode::not_found, {}, "election");
  if (!manages_election(p.user.role, p.instansi.code, row->region))
    return fail(ErrorCode::foreign_election, {}, "election", row->region);
  // Flags are evidence (a case may have been opened from one) and point to their election.
  if (long long n = ctx_.store.screening().count_election_flags(*tx, row->id); n > 0)
    return fail(ErrorCode::election_in_use, {}, "election", std::to_string(n));
  ctx_.store.screening().delete_election(*tx, row->id);
  nlohmann::json d = {{"code", row->code}, {"name", row->name}, {"sha256", evidence::sha256_hex(row->source)}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "election.remove", "election:" + std::to_string(row->id), d.dump(),
        now);
  tx->commit();
  screeners_.forget();
  return {};
}

std::vector<store::ElectionRow> ElectionAdmin::list(const Principal& p) {
  auto tx = ctx_.store.begin(false);
  auto all = ctx_.store.screening().list_elections(*tx);
  std::erase_if(all, [&](const store::ElectionRow& e) { return !election_concerns(e.region, p.instansi.code); });
  return all;
}

}  // namespace netral::app
