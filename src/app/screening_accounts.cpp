#include "app/screening_accounts.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "core/strings.hpp"
#include "core/identifiers.hpp"
#include "screen/post_io.hpp"

namespace netral::app {
namespace {

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

struct AccountLine {
  std::string platform, handle, nip;
  int line = 0;
};

Result<std::vector<std::pair<AccountLine, Id>>> resolve_accounts(Context& ctx, store::Tx& tx, const Principal& p,
                                                                 const std::vector<AccountLine>& lines) {
  std::vector<std::pair<AccountLine, Id>> out;
  for (const auto& l : lines) {
    auto where = [&](std::string msg) { return l.line ? "line " + std::to_string(l.line) + ": " + msg : msg; };
    if (!platform_ok(l.platform)) return fail(ErrorCode::invalid_field, "error.invalid_platform", "platform", where("platform"));
    if (!handle_ok(l.handle)) return fail(ErrorCode::invalid_field, "error.invalid_handle", "account", where("account"));
    auto nip = validate_staff_number(l.nip, "nip");
    if (!nip) return fail(ErrorCode::invalid_field, "error.invalid_nip", "nip", where("nip"));
    auto e = ctx.store.reference().employee_by_nip(tx, p.user.instansi_id, strip_number(l.nip));
    if (!e) return fail(ErrorCode::unknown_employee, {}, "nip", where("nip " + l.nip));
    out.emplace_back(l, e->id);
  }
  return out;
}

}  // namespace

std::string clean_handle(std::string h) {
  h = ascii_lower(trim(h));
  if (!h.empty() && h.front() == '@') h.erase(0, 1);
  return h;
}

std::vector<store::StaffAccount> ScreeningAccounts::list() {
  auto tx = ctx_.store.begin(false);
  return ctx_.store.screening().list_accounts(*tx);
}

Result<void> ScreeningAccounts::link_account(const Principal& p, const std::string& platform, const std::string& handle,
                                             const std::string& nip) {
  if (!manages_screening(p.user.role)) return fail(ErrorCode::forbidden);
  AccountLine l{ascii_lower(trim(platform)), clean_handle(handle), trim(nip), 0};
  auto tx = ctx_.store.begin(true);
  auto r = resolve_accounts(ctx_, *tx, p, {l});
  if (!r) return std::unexpected(r.error());
  const Timestamp now = ctx_.now();
  store::StaffAccount a{0, l.platform, l.handle, r->front().second, p.actor().who, now, {}, {}, 0};
  Id id = ctx_.store.screening().upsert_account(*tx, a);
  nlohmann::json d = {{"platform", l.platform}, {"account", l.handle}, {"employee", r->front().second}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "screening.account_link", "staff_account:" + std::to_string(id),
        d.dump(), now);
  tx->commit();
  screeners_.forget();
  return {};
}

Result<void> ScreeningAccounts::unlink_account(const Principal& p, Id account_id) {
  if (!manages_screening(p.user.role)) return fail(ErrorCode::forbidden);
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  // An account of another instansi does not exist for this admin.
  auto a = ctx_.store.screening().account_by_id(*tx, account_id);
  if (!a || a->instansi_id != p.user.instansi_id) return fail(ErrorCode::not_found, {}, "account");
  ctx_.store.screening().delete_account(*tx, account_id);
  nlohmann::json d = {{"platform", a->platform}, {"account", a->handle}, {"employee", a->employee_id}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "screening.account_unlink",
        "staff_account:" + std::to_string(account_id), d.dump(), now);
  tx->commit();
  screeners_.forget();
  return {};
}

Result<int> ScreeningAccounts::import_accounts(const Principal& p, const std::string& csv) {
  if (!manages_screening(p.user.role)) return fail(ErrorCode::forbidden);
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
    ctx_.store.screening().upsert_account(*tx, store::StaffAccount{0, l.platform, l.handle, employee, p.actor().who, now, {}, {}, 0});
  nlohmann::json d = {{"accounts", r->size()}, {"sha256", evidence::sha256_hex(csv)}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "screening.account_import", "staff_accounts", d.dump(), now);
  tx->commit();
  screeners_.forget();
  return static_cast<int>(r->size());
}

}  // namespace netral::app
