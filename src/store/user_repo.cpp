// Staff users and their sessions.
#include "store/soci_detail.hpp"
#include "store/soci_repos.hpp"

namespace netral::store::detail {
namespace {

constexpr std::string_view kInsertUser = R"(
INSERT INTO staff_users (instansi_id, username, display_name, password_hash, role, unit_id, employee_id,
                         liaison_body, disabled, created_at)
VALUES (:instansi, :username, :display_name, :password_hash, :role, :unit, :employee, :body, :disabled, :created)
RETURNING id)";

// created_at is the account's birth and never changes.
constexpr std::string_view kUpdateUser = R"(
UPDATE staff_users SET instansi_id = :instansi, username = :username, display_name = :display_name,
  password_hash = :password_hash, role = :role, unit_id = :unit, employee_id = :employee, liaison_body = :body,
  disabled = :disabled
WHERE id = :id)";

constexpr std::string_view kUserColumns =
    "SELECT id, instansi_id, username, display_name, password_hash, role, unit_id, employee_id, liaison_body, disabled, "
    "created_at FROM staff_users ";
constexpr std::string_view kUserByUsername = "WHERE username = :username";
constexpr std::string_view kUserById = "WHERE id = :id";
constexpr std::string_view kListUsers = "ORDER BY username";
constexpr std::string_view kListUsersOf = "WHERE instansi_id = :instansi ORDER BY username";

constexpr std::string_view kInsertSession = R"(
INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
VALUES (:token_hash, :user_id, :csrf_token, :created, :expires))";

// Expired rows may linger until delete_expired_sessions: the lookup itself ignores them.
constexpr std::string_view kSessionByHash = R"(
SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions
WHERE token_hash = :token_hash AND expires_at > :now)";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = :token_hash";
constexpr std::string_view kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at <= :now";

std::string cat(std::string_view a, std::string_view b) { return std::string(a).append(b); }

struct UserRow {
  StaffUser u;
  std::string role;
  void bind(Stmt& st) {
    st.into(u.id)
        .into(u.instansi_id)
        .into(u.username)
        .into(u.display_name)
        .into(u.password_hash)
        .into(role)
        .into(u.unit_id)
        .into(u.employee_id)
        .into(u.liaison_body)
        .into(u.disabled)
        .into(u.created_at);
  }
  StaffUser get() {
    auto r = role_from_string(role);
    if (!r) throw StoreError("store: unknown role '" + role + "' in the database");
    u.role = *r;
    return u;
  }
};

}  // namespace

Id SociUserRepo::insert_user(Tx& tx, const StaffUser& u) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_user", kInsertUser);
  st.use(u.instansi_id)
      .use(u.username)
      .use(u.display_name)
      .use(u.password_hash)
      .use(to_string(u.role))
      .use(u.unit_id)
      .use(u.employee_id)
      .use(u.liaison_body)
      .use(u.disabled)
      .use(u.created_at)
      .into(id);
  st.run();
  return id;
}

void SociUserRepo::update_user(Tx& tx, const StaffUser& u) {
  Stmt st(soci_tx(tx).sql(), "update_user", kUpdateUser);
  st.use(u.instansi_id)
      .use(u.username)
      .use(u.display_name)
      .use(u.password_hash)
      .use(to_string(u.role))
      .use(u.unit_id)
      .use(u.employee_id)
      .use(u.liaison_body)
      .use(u.disabled)
      .use(u.id);
  st.run();
}

std::optional<StaffUser> SociUserRepo::user_by_username(Tx& tx, const std::string& username) {
  UserRow row;
  Stmt st(soci_tx(tx).sql(), "user_by_username", cat(kUserColumns, kUserByUsername));
  row.bind(st);
  st.use(username);
  if (!st.run()) return std::nullopt;
  return row.get();
}

std::optional<StaffUser> SociUserRepo::user_by_id(Tx& tx, Id id) {
  UserRow row;
  Stmt st(soci_tx(tx).sql(), "user_by_id", cat(kUserColumns, kUserById));
  row.bind(st);
  st.use(id);
  if (!st.run()) return std::nullopt;
  return row.get();
}

std::vector<StaffUser> SociUserRepo::list_users(Tx& tx, std::optional<Id> instansi_id) {
  std::vector<StaffUser> out;
  UserRow row;
  Stmt st(soci_tx(tx).sql(), "list_users", cat(kUserColumns, instansi_id ? kListUsersOf : kListUsers));
  row.bind(st);
  if (instansi_id) st.use(*instansi_id);
  for (bool got = st.run(); got; got = st.next()) out.push_back(row.get());
  return out;
}

void SociUserRepo::insert_session(Tx& tx, const Session& s) {
  Stmt st(soci_tx(tx).sql(), "insert_session", kInsertSession);
  st.use(s.token_hash).use(s.user_id).use(s.csrf_token).use(s.created_at).use(s.expires_at);
  st.run();
}

std::optional<Session> SociUserRepo::session_by_hash(Tx& tx, const std::string& token_hash, Timestamp now) {
  Session s;
  Stmt st(soci_tx(tx).sql(), "session_by_hash", kSessionByHash);
  st.into(s.token_hash).into(s.user_id).into(s.csrf_token).into(s.created_at).into(s.expires_at);
  st.use(token_hash).use(now);
  if (!st.run()) return std::nullopt;
  return s;
}

void SociUserRepo::delete_session(Tx& tx, const std::string& token_hash) {
  Stmt st(soci_tx(tx).sql(), "delete_session", kDeleteSession);
  st.use(token_hash);
  st.run();
}

void SociUserRepo::delete_expired_sessions(Tx& tx, Timestamp now) {
  Stmt st(soci_tx(tx).sql(), "delete_expired_sessions", kDeleteExpiredSessions);
  st.use(now);
  st.run();
}

// --- staff administration (issue 3) ---

namespace {

constexpr std::string_view kDeleteSessionsOf = "DELETE FROM sessions WHERE user_id = :user";
constexpr std::string_view kRetireResetsOf = "DELETE FROM password_resets WHERE user_id = :user AND used_at IS NULL";
constexpr std::string_view kInsertReset = R"(
INSERT INTO password_resets (code_hash, user_id, created_by, created_at, expires_at)
VALUES (:code_hash, :user, :created_by, :created, :expires))";
constexpr std::string_view kResetByHash = R"(
SELECT code_hash, user_id, created_by, created_at, expires_at FROM password_resets
WHERE code_hash = :code_hash AND used_at IS NULL AND expires_at > :now)";
// RETURNING tells whether this transaction is the one that used the code.
constexpr std::string_view kUseReset = R"(
UPDATE password_resets SET used_at = :now WHERE code_hash = :code_hash AND used_at IS NULL RETURNING user_id)";
constexpr std::string_view kTotpOf = "SELECT totp_sealed, totp_last_step FROM staff_users WHERE id = :id";
constexpr std::string_view kSetTotp = "UPDATE staff_users SET totp_sealed = :sealed, totp_last_step = :step WHERE id = :id";

}  // namespace

void SociUserRepo::delete_sessions_of(Tx& tx, Id user_id) {
  Stmt st(soci_tx(tx).sql(), "delete_sessions_of", kDeleteSessionsOf);
  st.use(user_id);
  st.run();
}

void SociUserRepo::insert_password_reset(Tx& tx, const PasswordReset& r) {
  delete_password_resets_of(tx, r.user_id);
  Stmt st(soci_tx(tx).sql(), "insert_password_reset", kInsertReset);
  st.use(r.code_hash).use(r.user_id).use(r.created_by).use(r.created_at).use(r.expires_at);
  st.run();
}

std::optional<PasswordReset> SociUserRepo::password_reset_by_hash(Tx& tx, const std::string& code_hash, Timestamp now) {
  PasswordReset r;
  Stmt st(soci_tx(tx).sql(), "password_reset_by_hash", kResetByHash);
  st.into(r.code_hash).into(r.user_id).into(r.created_by).into(r.created_at).into(r.expires_at);
  st.use(code_hash).use(now);
  if (!st.run()) return std::nullopt;
  return r;
}

bool SociUserRepo::use_password_reset(Tx& tx, const std::string& code_hash, Timestamp now) {
  Id user = 0;
  Stmt st(soci_tx(tx).sql(), "use_password_reset", kUseReset);
  st.use(now).use(code_hash).into(user);
  return st.run();
}

void SociUserRepo::delete_password_resets_of(Tx& tx, Id user_id) {
  Stmt st(soci_tx(tx).sql(), "retire_password_resets", kRetireResetsOf);
  st.use(user_id);
  st.run();
}

TotpState SociUserRepo::totp_of(Tx& tx, Id user_id) {
  TotpState t;
  Stmt st(soci_tx(tx).sql(), "totp_of", kTotpOf);
  st.into(t.sealed).into(t.last_step).use(user_id);
  st.run();
  return t;
}

void SociUserRepo::set_totp(Tx& tx, Id user_id, const TotpState& t) {
  Stmt st(soci_tx(tx).sql(), "set_totp", kSetTotp);
  st.use(t.sealed).use(t.last_step).use(user_id);
  st.run();
}

}  // namespace netral::store::detail
