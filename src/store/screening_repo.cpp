// Screening's tables over SOCI, for SQLite and PostgreSQL alike.
#include "store/screening_repo.hpp"

#include "store/soci_detail.hpp"
#include "store/soci_repos.hpp"

namespace netral::store::detail {
namespace {

constexpr std::string_view kElectionByCode = "SELECT id FROM elections WHERE code = :code";
constexpr std::string_view kInsertElection = R"(
INSERT INTO elections (code, name, region, voting_date, source, imported_by, imported_at)
VALUES (:code, :name, :region, :voting_date, :source, :by, :at) RETURNING id)";
constexpr std::string_view kUpdateElection = R"(
UPDATE elections SET name = :name, region = :region, voting_date = :voting_date, source = :source,
  imported_by = :by, imported_at = :at WHERE id = :id)";
constexpr std::string_view kElectionColumns =
    "SELECT id, code, name, region, voting_date, source, imported_by, imported_at FROM elections ";
constexpr std::string_view kListElections =
    "SELECT id, code, name, region, voting_date, '', imported_by, imported_at FROM elections "
    "ORDER BY imported_at DESC, id DESC";

constexpr std::string_view kCountElectionFlags = "SELECT COUNT(*) FROM screening_flags WHERE election_id = :id";
constexpr std::string_view kDeleteElection = "DELETE FROM elections WHERE id = :id RETURNING id";

constexpr std::string_view kAccountId = "SELECT id FROM staff_accounts WHERE platform = :platform AND handle = :handle";
constexpr std::string_view kInsertAccount = R"(
INSERT INTO staff_accounts (platform, handle, employee_id, created_by, created_at)
VALUES (:platform, :handle, :employee, :by, :at) RETURNING id)";
constexpr std::string_view kRelinkAccount =
    "UPDATE staff_accounts SET employee_id = :employee, created_by = :by, created_at = :at WHERE id = :id";
constexpr std::string_view kListAccounts = R"(
SELECT a.id, a.platform, a.handle, a.employee_id, a.created_by, a.created_at, e.nip, e.name, e.instansi_id
FROM staff_accounts a JOIN employees e ON e.id = a.employee_id )";
constexpr std::string_view kDeleteAccount = "DELETE FROM staff_accounts WHERE id = :id RETURNING id";

constexpr std::string_view kInsertFlag = R"(
INSERT INTO screening_flags (election_id, instansi_id, employee_id, platform, account, post_id, url, post_time, kind,
  text, context_text, candidate, stance, conduct, score_pct, spans, status, created_at, screenshot_sha256,
  screenshot_mime, screenshot_size)
VALUES (:election, :instansi, :employee, :platform, :account, :post_id, :url, :post_time, :kind, :text, :context,
  :candidate, :stance, :conduct, :score, :spans, 'open', :at, NULLIF(:shot_sha, ''), NULLIF(:shot_mime, ''), :shot_size)
ON CONFLICT (election_id, platform, post_id) DO NOTHING RETURNING id)";
constexpr std::string_view kFlagSelect = R"(
SELECT f.id, f.election_id, f.instansi_id, f.employee_id, f.platform, f.account, f.post_id, f.url, f.post_time, f.kind,
  f.text, f.context_text, f.candidate, f.stance, f.conduct, f.score_pct, f.spans, f.status, f.reason, f.reviewer_id,
  f.reviewed_at, f.case_id, f.created_at, COALESCE(e.nip, ''), COALESCE(e.name, ''), el.code,
  COALESCE(u.display_name, ''), COALESCE(c.case_number, ''), f.screenshot_sha256, f.screenshot_mime, f.screenshot_size
FROM screening_flags f JOIN elections el ON el.id = f.election_id
LEFT JOIN employees e ON e.id = f.employee_id LEFT JOIN staff_users u ON u.id = f.reviewer_id
LEFT JOIN cases c ON c.id = f.case_id )";
constexpr std::string_view kReviewFlag = R"(
UPDATE screening_flags SET status = :status, reason = :reason, reviewer_id = :reviewer, reviewed_at = :at,
  case_id = :case_id WHERE id = :id AND status = 'open' RETURNING id)";
constexpr std::string_view kAttachScreenshot = R"(
UPDATE screening_flags SET screenshot_sha256 = :sha, screenshot_mime = :mime, screenshot_size = :size
WHERE id = :id AND status = 'open' AND screenshot_sha256 IS NULL RETURNING id)";

void bind_flag(Stmt& st, FlagRow& f) {
  st.into(f.id).into(f.election_id).into(f.instansi_id).into(f.employee_id).into(f.platform).into(f.account)
      .into(f.post_id).into(f.url).into(f.post_time).into(f.kind, post_kind_from_string, "post kind").into(f.text).into(f.context_text).into(f.candidate)
      .into(f.stance, stance_from_string, "stance").into(f.conduct).into(f.score_pct).into(f.spans).into(f.status, flag_status_from_string, "flag status").into(f.reason)
      .into(f.reviewer_id).into(f.reviewed_at).into(f.case_id).into(f.created_at).into(f.nip).into(f.employee_name)
      .into(f.election_code).into(f.reviewer_name).into(f.case_number).into(f.screenshot_sha256)
      .into(f.screenshot_mime).into(f.screenshot_size);
}

// WHERE clause and its parameters for a filter.
std::string where_of(const FlagFilter& f) {
  std::string w = " WHERE 1 = 1";
  if (f.status) w += " AND f.status = :status";
  if (f.instansi_id) w += " AND (f.instansi_id = :instansi OR f.instansi_id IS NULL)";
  return w;
}
void use_filter(Stmt& st, const FlagFilter& f) {
  if (f.status) st.use(*f.status);
  if (f.instansi_id) st.use(*f.instansi_id);
}

void bind(Stmt& st, StaffAccount& a) {
  st.into(a.id).into(a.platform).into(a.handle).into(a.employee_id).into(a.created_by).into(a.created_at).into(a.nip)
      .into(a.employee_name).into(a.instansi_id);
}
void bind(Stmt& st, ElectionRow& e) {
  st.into(e.id).into(e.code).into(e.name).into(e.region).into(e.voting_date).into(e.source).into(e.imported_by)
      .into(e.imported_at);
}
std::optional<ElectionRow> one(Tx& tx, const std::string& sql, const std::string& code) {
  ElectionRow e;
  Stmt st(soci_tx(tx).sql(), "election_by_code_full", sql);
  st.use(code);
  bind(st, e);
  if (!st.run()) return std::nullopt;
  return e;
}
}  // namespace

Id SociScreeningRepo::upsert_election(Tx& tx, const ElectionRow& e) {
  auto& sql = soci_tx(tx).sql();
  Id id = 0;
  Stmt find(sql, "election_by_code", kElectionByCode);
  if (find.use(e.code).into(id).run()) {
    Stmt up(sql, "update_election", kUpdateElection);
    up.use(e.name).use(e.region).use(e.voting_date).use(e.source).use(e.imported_by).use(e.imported_at).use(id).run();
    return id;
  }
  Stmt ins(sql, "insert_election", kInsertElection);
  ins.use(e.code).use(e.name).use(e.region).use(e.voting_date).use(e.source).use(e.imported_by).use(e.imported_at)
      .into(id).run();
  return id;
}
std::optional<ElectionRow> SociScreeningRepo::election_by_code(Tx& tx, const std::string& code) {
  return one(tx, std::string(kElectionColumns) + "WHERE code = :code", code);
}
std::optional<ElectionRow> SociScreeningRepo::election_by_id(Tx& tx, Id id) {
  ElectionRow e;
  Stmt st(soci_tx(tx).sql(), "election_by_id", std::string(kElectionColumns) + "WHERE id = :id");
  st.use(id);
  bind(st, e);
  if (!st.run()) return std::nullopt;
  return e;
}
std::vector<ElectionRow> SociScreeningRepo::list_elections(Tx& tx) {
  std::vector<ElectionRow> out;
  ElectionRow e;
  Stmt st(soci_tx(tx).sql(), "list_elections", kListElections);
  bind(st, e);
  for (bool ok = st.run(); ok; ok = st.next()) out.push_back(e);
  return out;
}
long long SociScreeningRepo::count_election_flags(Tx& tx, Id election_id) {
  long long n = 0;
  Stmt st(soci_tx(tx).sql(), "count_election_flags", kCountElectionFlags);
  st.use(election_id).into(n).run();
  return n;
}
bool SociScreeningRepo::delete_election(Tx& tx, Id id) {
  Id gone = 0;
  Stmt st(soci_tx(tx).sql(), "delete_election", kDeleteElection);
  st.use(id).into(gone);
  return st.run();
}

Id SociScreeningRepo::upsert_account(Tx& tx, const StaffAccount& a) {
  auto& sql = soci_tx(tx).sql();
  Id id = 0;
  Stmt find(sql, "account_id", kAccountId);
  if (find.use(a.platform).use(a.handle).into(id).run()) {
    Stmt up(sql, "relink_account", kRelinkAccount);
    up.use(a.employee_id).use(a.created_by).use(a.created_at).use(id).run();
    return id;
  }
  Stmt ins(sql, "insert_account", kInsertAccount);
  ins.use(a.platform).use(a.handle).use(a.employee_id).use(a.created_by).use(a.created_at).into(id).run();
  return id;
}
std::vector<StaffAccount> SociScreeningRepo::list_accounts(Tx& tx) {
  std::vector<StaffAccount> out;
  StaffAccount a;
  Stmt st(soci_tx(tx).sql(), "list_accounts", std::string(kListAccounts) + "ORDER BY a.platform, a.handle");
  bind(st, a);
  for (bool ok = st.run(); ok; ok = st.next()) out.push_back(a);
  return out;
}
std::optional<StaffAccount> SociScreeningRepo::account_by_id(Tx& tx, Id id) {
  StaffAccount a;
  Stmt st(soci_tx(tx).sql(), "account_by_id", std::string(kListAccounts) + "WHERE a.id = :id");
  st.use(id);
  bind(st, a);
  if (!st.run()) return std::nullopt;
  return a;
}
bool SociScreeningRepo::delete_account(Tx& tx, Id id) {
  Id gone = 0;
  Stmt st(soci_tx(tx).sql(), "delete_account", kDeleteAccount);
  st.use(id).into(gone);
  return st.run();
}

std::optional<Id> SociScreeningRepo::insert_flag(Tx& tx, const FlagRow& f) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_flag", kInsertFlag);
  st.use(f.election_id).use(f.instansi_id).use(f.employee_id).use(f.platform).use(f.account).use(f.post_id)
      .use(f.url).use(f.post_time).use(f.kind).use(f.text).use(f.context_text).use(f.candidate).use(f.stance)
      .use(f.conduct).use(f.score_pct).use(f.spans).use(f.created_at).use(f.screenshot_sha256)
      .use(f.screenshot_mime).use(f.has_screenshot() ? f.screenshot_size : std::nullopt).into(id);
  if (!st.run()) return std::nullopt;
  return id;
}
std::optional<FlagRow> SociScreeningRepo::flag_by_id(Tx& tx, Id id) {
  FlagRow f;
  Stmt st(soci_tx(tx).sql(), "flag_by_id", std::string(kFlagSelect) + "WHERE f.id = :id");
  st.use(id);
  bind_flag(st, f);
  if (!st.run()) return std::nullopt;
  return f;
}
std::optional<FlagRow> SociScreeningRepo::flag_by_post(Tx& tx, Id election_id, const std::string& platform,
                                                       const std::string& post_id) {
  FlagRow f;
  Stmt st(soci_tx(tx).sql(), "flag_by_post",
          std::string(kFlagSelect) + "WHERE f.election_id = :election AND f.platform = :platform AND f.post_id = :post_id");
  st.use(election_id).use(platform).use(post_id);
  bind_flag(st, f);
  if (!st.run()) return std::nullopt;
  return f;
}
bool SociScreeningRepo::attach_screenshot(Tx& tx, Id flag_id, const std::string& sha256, const std::string& mime,
                                          long long size) {
  Id moved = 0;
  Stmt st(soci_tx(tx).sql(), "attach_screenshot", kAttachScreenshot);
  st.use(sha256).use(mime).use(size).use(flag_id).into(moved);
  return st.run();
}
PageOf<FlagRow> SociScreeningRepo::list_flags(Tx& tx, const FlagFilter& f, const Page& p) {
  PageOf<FlagRow> out;
  auto& sql = soci_tx(tx).sql();
  {
    Stmt c(sql, "count_flags_filtered", "SELECT COUNT(*) FROM screening_flags f" + where_of(f));
    use_filter(c, f);
    c.into(out.total).run();
  }
  FlagRow row;
  Stmt st(sql, "list_flags",
          std::string(kFlagSelect) + where_of(f) + " ORDER BY f.id DESC LIMIT :limit OFFSET :offset");
  use_filter(st, f);
  st.use(p.limit).use(p.offset);
  bind_flag(st, row);
  for (bool ok = st.run(); ok; ok = st.next()) out.items.push_back(row);
  return out;
}
bool SociScreeningRepo::review_flag(Tx& tx, Id id, FlagStatus status, const std::string& reason, Id reviewer,
                                    Timestamp at, std::optional<Id> case_id) {
  // Whether this call moved it: only an open flag is updated, and RETURNING says so.
  Id moved = 0;
  Stmt st(soci_tx(tx).sql(), "review_flag", kReviewFlag);
  st.use(status).use(reason).use(reviewer).use(at).use(case_id).use(id).into(moved);
  return st.run();
}
FlagCounts SociScreeningRepo::count_flags(Tx& tx, std::optional<Id> instansi_id) {
  FlagCounts c;
  FlagFilter f;
  f.instansi_id = instansi_id;
  FlagStatus status = FlagStatus::open;
  long long n = 0;
  Stmt st(soci_tx(tx).sql(), "count_flags",
          "SELECT f.status, COUNT(*) FROM screening_flags f" + where_of(f) + " GROUP BY f.status");
  use_filter(st, f);
  st.into(status, flag_status_from_string, "flag status").into(n);
  for (bool ok = st.run(); ok; ok = st.next()) {
    switch (status) {
      case FlagStatus::open: c.open = n; break;
      case FlagStatus::dismissed: c.dismissed = n; break;
      case FlagStatus::confirmed: c.confirmed = n; break;
    }
  }
  return c;
}
std::vector<FlagRow> SociScreeningRepo::list_reviewed(Tx& tx, std::optional<Id> instansi_id, Id after_id, int limit) {
  std::vector<FlagRow> out;
  FlagFilter f;
  f.instansi_id = instansi_id;
  FlagRow row;
  Stmt st(soci_tx(tx).sql(), "list_reviewed",
          std::string(kFlagSelect) + where_of(f) +
              " AND f.status IN ('dismissed', 'confirmed') AND f.id > :after ORDER BY f.id LIMIT :limit");
  use_filter(st, f);
  st.use(after_id).use(limit);
  bind_flag(st, row);
  for (bool ok = st.run(); ok; ok = st.next()) out.push_back(row);
  return out;
}

}  // namespace netral::store::detail
