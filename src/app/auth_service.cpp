#include "app/auth_service.hpp"

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "app/user_admin.hpp"
#include "core/identifiers.hpp"

namespace netral::app {

AuthService::AuthService(Context& ctx)
    : ctx_(ctx),
      failures_(ctx.config.limits.login_failures, std::chrono::minutes(15)),
      dummy_hash_(ctx.secrets.hash_password(Secrets::random_token(16))) {}

Result<LoggedIn> AuthService::login(const std::string& username, const std::string& password, const std::string& ip,
                                    const std::string& totp_code) {
  const std::string key = username + "|" + ip;
  if (failures_.blocked(key)) return fail(ErrorCode::rate_limited, "error.login_rate_limited");
  std::optional<StaffUser> user;
  {
    auto tx = ctx_.store.begin(false);
    user = ctx_.store.users().user_by_username(*tx, username);
  }
  const bool ok = Secrets::verify_password(user ? user->password_hash : dummy_hash_, password) && user && !user->disabled;
  const Timestamp now = ctx_.now();
  if (!ok) {
    failures_.record(key);
    auto tx = ctx_.store.begin(true);
    audit(ctx_.store, *tx, Actor{"anonymous", ip}, user ? std::optional(user->instansi_id) : std::nullopt,
          "login.failed", "user:" + (user ? std::to_string(user->id) : std::string("unknown")),
          nlohmann::json{{"username", username.substr(0, 64)}}.dump(), now);
    tx->commit();
    return fail(ErrorCode::invalid_credentials);
  }
  {
    // Second factor (issue 3): a right password alone does not open a session.
    auto tx = ctx_.store.begin(true);
    if (!check_login_totp(ctx_, *tx, user->id, totp_code)) {
      if (totp_code.empty()) return fail(ErrorCode::totp_required, {}, "totp");
      failures_.record(key);
      audit(ctx_.store, *tx, Actor{"anonymous", ip}, user->instansi_id, "login.failed", "user:" + std::to_string(user->id),
            nlohmann::json{{"username", username.substr(0, 64)}, {"factor", "totp"}}.dump(), now);
      tx->commit();
      return fail(ErrorCode::invalid_totp, {}, "totp");
    }
    tx->commit();
  }
  failures_.reset(key);
  LoggedIn out;
  out.token = Secrets::random_token(32);
  Session s;
  s.token_hash = ctx_.secrets.keyed_hash(out.token);
  s.user_id = user->id;
  s.csrf_token = Secrets::random_token(24);
  s.created_at = now;
  s.expires_at = now + static_cast<Timestamp>(ctx_.config.limits.session_hours) * 3600;
  auto tx = ctx_.store.begin(true);
  ctx_.store.users().delete_expired_sessions(*tx, now);
  ctx_.store.users().insert_session(*tx, s);
  auto inst = ctx_.store.reference().instansi_by_id(*tx, user->instansi_id);
  audit(ctx_.store, *tx, Actor{"user:" + std::to_string(user->id), ip}, user->instansi_id, "login", "user:" + std::to_string(user->id), "{}", now);
  tx->commit();
  out.principal = Principal{*user, inst.value_or(Instansi{}), s.csrf_token, s.token_hash, ip};
  return out;
}

std::optional<Principal> AuthService::authenticate(const std::string& token, const std::string& ip) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = ctx_.secrets.keyed_hash(token);
  auto tx = ctx_.store.begin(false);
  auto s = ctx_.store.users().session_by_hash(*tx, hash, ctx_.now());
  if (!s) return std::nullopt;
  auto u = ctx_.store.users().user_by_id(*tx, s->user_id);
  if (!u || u->disabled) return std::nullopt;
  auto inst = ctx_.store.reference().instansi_by_id(*tx, u->instansi_id);
  if (!inst) return std::nullopt;
  return Principal{*u, *inst, s->csrf_token, hash, ip};
}

void AuthService::logout(const Principal& p) {
  auto tx = ctx_.store.begin(true);
  ctx_.store.users().delete_session(*tx, p.token_hash);
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "logout", "user:" + std::to_string(p.user.id), "{}", ctx_.now());
  tx->commit();
}

Result<Id> AuthService::create_user(const NewUser& in, const Actor& actor) {
  if (!valid_username(in.username)) return fail(ErrorCode::invalid_field, "error.invalid_username", "username");
  if (in.password.size() < 10) return fail(ErrorCode::invalid_field, "error.password_too_short", "password");
  auto code = normalize_region_code(in.instansi_code);
  if (!code) return std::unexpected(code.error());
  std::string hash = ctx_.secrets.hash_password(in.password);  // before the write transaction
  auto tx = ctx_.store.begin(true);
  auto inst = ctx_.store.reference().instansi_by_code(*tx, *code);
  if (!inst) return fail(ErrorCode::unknown_instansi, {}, "instansi");
  StaffUser u;
  u.instansi_id = inst->id;
  u.username = in.username;
  u.display_name = in.display_name.empty() ? in.username : in.display_name;
  u.password_hash = std::move(hash);
  u.role = in.role;
  auto body = liaison_body_for(in.role, in.liaison_body);
  if (!body) return std::unexpected(body.error());
  u.liaison_body = *body;
  u.created_at = ctx_.now();
  if (!in.unit_code.empty()) {
    for (const auto& unit : ctx_.store.reference().units_of(*tx, inst->id))
      if (unit.code == in.unit_code) u.unit_id = unit.id;
    if (!u.unit_id) return fail(ErrorCode::unknown_unit, {}, "unit");
  }
  if (ctx_.store.users().user_by_username(*tx, u.username)) return fail(ErrorCode::username_taken, {}, "username");
  u.id = ctx_.store.users().insert_user(*tx, u);
  audit(ctx_.store, *tx, actor, inst->id, "user.create", "user:" + std::to_string(u.id),
        nlohmann::json{{"username", u.username}, {"role", std::string(to_string(u.role))}, {"liaison_body", u.liaison_body}}
            .dump(),
        u.created_at);
  tx->commit();
  return u.id;
}

Result<void> AuthService::set_password(const std::string& username, const std::string& password, const Actor& actor) {
  if (password.size() < 10) return fail(ErrorCode::invalid_field, "error.password_too_short", "password");
  // The slow hash first: the write transaction (SQLite's one writer) is not held for it.
  std::string hash = ctx_.secrets.hash_password(password);
  auto tx = ctx_.store.begin(true);
  auto u = ctx_.store.users().user_by_username(*tx, username);
  if (!u) return fail(ErrorCode::not_found, {}, "username");
  u->password_hash = std::move(hash);
  ctx_.store.users().update_user(*tx, *u);
  audit(ctx_.store, *tx, actor, u->instansi_id, "user.password", "user:" + std::to_string(u->id), "{}", ctx_.now());
  tx->commit();
  return {};
}

}  // namespace netral::app
