#include "app/user_admin.hpp"

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "core/totp.hpp"

namespace netral::app {
namespace {

using json = nlohmann::json;

std::string obj(Id user_id) { return "user:" + std::to_string(user_id); }

// Reset codes are typed by people: compare them without case, dashes or spaces.
std::string normalise_code(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

}  // namespace

Result<StaffUser> UserAdminService::managed(store::Tx& tx, const Principal& admin, Id user_id) {
  if (!manages_users(admin.user.role)) return fail(ErrorCode::forbidden);
  auto u = ctx_.store.users().user_by_id(tx, user_id);
  if (!u || u->instansi_id != admin.user.instansi_id) return fail(ErrorCode::not_found, "error.user_not_found");
  if (!may_manage_account(admin.user.role, u->role)) return fail(ErrorCode::forbidden);
  return *u;
}

Result<std::optional<Id>> UserAdminService::check_unit(store::Tx& tx, const Principal& admin, Role role,
                                                       std::optional<Id> unit_id) {
  if (unit_id) {
    auto unit = ctx_.store.reference().unit_by_id(tx, *unit_id);
    if (!unit || unit->instansi_id != admin.user.instansi_id) return fail(ErrorCode::unknown_unit, {}, "unit");
  }
  if (role == Role::unit_head && !unit_id) return fail(ErrorCode::missing_field, "error.unit_head_needs_unit", "unit");
  return unit_id;
}

IssuedCode UserAdminService::new_code(store::Tx& tx, const Actor& actor, Id user_id, Timestamp now) {
  IssuedCode out;
  out.code = Secrets::new_receipt();
  out.expires_at = now + kResetValidSeconds;
  store::PasswordReset r;
  r.code_hash = ctx_.secrets.keyed_hash(normalise_code(out.code));
  r.user_id = user_id;
  r.created_by = actor.who;
  r.created_at = now;
  r.expires_at = out.expires_at;
  ctx_.store.users().insert_password_reset(tx, r);
  return out;
}

Result<std::vector<UserView>> UserAdminService::list(const Principal& admin) {
  if (!manages_users(admin.user.role)) return fail(ErrorCode::forbidden);
  auto tx = ctx_.store.begin(false);
  std::vector<UserView> out;
  auto units = ctx_.store.reference().units_of(*tx, admin.user.instansi_id);
  for (auto& u : ctx_.store.users().list_users(*tx, admin.user.instansi_id)) {
    UserView v{u, "", "", !ctx_.store.users().totp_of(*tx, u.id).sealed.empty()};
    for (const auto& unit : units)
      if (u.unit_id && unit.id == *u.unit_id) v.unit_code = unit.code, v.unit_name = unit.name;
    out.push_back(std::move(v));
  }
  return out;
}

Result<UserView> UserAdminService::get(const Principal& admin, Id user_id) {
  auto tx = ctx_.store.begin(false);
  auto u = managed(*tx, admin, user_id);
  if (!u) return std::unexpected(u.error());
  UserView v{*u, "", "", !ctx_.store.users().totp_of(*tx, u->id).sealed.empty()};
  if (u->unit_id)
    if (auto unit = ctx_.store.reference().unit_by_id(*tx, *u->unit_id)) v.unit_code = unit->code, v.unit_name = unit->name;
  return v;
}

Result<CreatedUser> UserAdminService::create(const Principal& admin, const NewStaff& in) {
  if (!manages_users(admin.user.role)) return fail(ErrorCode::forbidden);
  if (!may_grant_role(admin.user.role, in.role)) return fail(ErrorCode::forbidden);
  if (!valid_username(in.username)) return fail(ErrorCode::invalid_field, "error.invalid_username", "username");
  if (in.display_name.size() > 200) return fail(ErrorCode::invalid_field, "error.field_too_long", "display_name");
  // No one knows this password: the user sets theirs with the reset code. Hashed before
  // the write transaction, which is not held for it.
  std::string unusable_hash = ctx_.secrets.hash_password(Secrets::random_token(32));
  auto tx = ctx_.store.begin(true);
  auto unit = check_unit(*tx, admin, in.role, in.unit_id);
  if (!unit) return std::unexpected(unit.error());
  auto body = liaison_body_for(in.role, in.liaison_body);
  if (!body) return std::unexpected(body.error());
  if (ctx_.store.users().user_by_username(*tx, in.username)) return fail(ErrorCode::username_taken, {}, "username");
  const Timestamp now = ctx_.now();
  StaffUser u;
  u.instansi_id = admin.user.instansi_id;
  u.username = in.username;
  u.display_name = in.display_name.empty() ? in.username : in.display_name;
  u.password_hash = std::move(unusable_hash);
  u.role = in.role;
  u.unit_id = *unit;
  u.liaison_body = *body;
  u.created_at = now;
  CreatedUser out;
  out.id = ctx_.store.users().insert_user(*tx, u);
  out.reset = new_code(*tx, admin.actor(), out.id, now);
  audit(ctx_.store, *tx, admin.actor(), u.instansi_id, "user.create", obj(out.id),
        json{{"username", u.username},
             {"role", std::string(to_string(u.role))},
             {"unit", u.unit_id ? json(*u.unit_id) : json(nullptr)},
             {"liaison_body", u.liaison_body}}
            .dump(),
        now);
  audit(ctx_.store, *tx, admin.actor(), u.instansi_id, "user.reset_issued", obj(out.id),
        json{{"expires_at", out.reset.expires_at}}.dump(), now);
  tx->commit();
  return out;
}

Result<void> UserAdminService::set_disabled(const Principal& admin, Id user_id, bool disabled) {
  auto tx = ctx_.store.begin(true);
  auto u = managed(*tx, admin, user_id);
  if (!u) return std::unexpected(u.error());
  if (disabled && u->id == admin.user.id) return fail(ErrorCode::invalid_field, "error.cannot_disable_self", "user");
  if (u->disabled == disabled) return {};
  u->disabled = disabled;
  ctx_.store.users().update_user(*tx, *u);
  if (disabled) {
    ctx_.store.users().delete_sessions_of(*tx, u->id);
    ctx_.store.users().delete_password_resets_of(*tx, u->id);
  }
  audit(ctx_.store, *tx, admin.actor(), u->instansi_id, disabled ? "user.disable" : "user.enable", obj(u->id),
        json{{"username", u->username}}.dump(), ctx_.now());
  tx->commit();
  return {};
}

Result<void> UserAdminService::assign(const Principal& admin, Id user_id, Role role, std::optional<Id> unit_id,
                                      const std::string& liaison_body) {
  auto tx = ctx_.store.begin(true);
  auto u = managed(*tx, admin, user_id);
  if (!u) return std::unexpected(u.error());
  if (!may_grant_role(admin.user.role, role)) return fail(ErrorCode::forbidden);
  // An admin keeps their own role: removing it could leave the instansi (or, for the
  // superadmin, the deployment's governments) without anyone to manage them.
  if (u->id == admin.user.id && role != u->role) return fail(ErrorCode::invalid_field, "error.cannot_demote_self", "role");
  auto unit = check_unit(*tx, admin, role, unit_id);
  if (!unit) return std::unexpected(unit.error());
  auto body = liaison_body_for(role, liaison_body);
  if (!body) return std::unexpected(body.error());
  if (u->role == role && u->unit_id == *unit && u->liaison_body == *body) return {};
  json detail{{"from",
               {{"role", std::string(to_string(u->role))},
                {"unit", u->unit_id ? json(*u->unit_id) : json(nullptr)},
                {"liaison_body", u->liaison_body}}},
              {"to",
               {{"role", std::string(to_string(role))},
                {"unit", *unit ? json(**unit) : json(nullptr)},
                {"liaison_body", *body}}}};
  u->role = role;
  u->unit_id = *unit;
  u->liaison_body = *body;
  ctx_.store.users().update_user(*tx, *u);
  // New rights take effect at once: sessions carry none, they are looked up per request.
  audit(ctx_.store, *tx, admin.actor(), u->instansi_id, "user.assign", obj(u->id), detail.dump(), ctx_.now());
  tx->commit();
  return {};
}

Result<IssuedCode> UserAdminService::issue_reset(const Principal& admin, Id user_id) {
  auto tx = ctx_.store.begin(true);
  auto u = managed(*tx, admin, user_id);
  if (!u) return std::unexpected(u.error());
  if (u->disabled) return fail(ErrorCode::invalid_field, "error.user_disabled", "user");
  const Timestamp now = ctx_.now();
  auto code = new_code(*tx, admin.actor(), u->id, now);
  audit(ctx_.store, *tx, admin.actor(), u->instansi_id, "user.reset_issued", obj(u->id),
        json{{"expires_at", code.expires_at}}.dump(), now);
  tx->commit();
  return code;
}

Result<void> UserAdminService::clear_totp(const Principal& admin, Id user_id) {
  auto tx = ctx_.store.begin(true);
  auto u = managed(*tx, admin, user_id);
  if (!u) return std::unexpected(u.error());
  ctx_.store.users().set_totp(*tx, u->id, store::TotpState{});
  audit(ctx_.store, *tx, admin.actor(), u->instansi_id, "user.totp_cleared", obj(u->id), "{}", ctx_.now());
  tx->commit();
  return {};
}

Result<std::string> UserAdminService::redeem_reset(const std::string& code, const std::string& password, const Actor& actor) {
  const std::string norm = normalise_code(code);
  if (norm.empty() || norm.size() > 64) return fail(ErrorCode::invalid_reset_code, {}, "code");
  if (password.size() < 10) return fail(ErrorCode::invalid_field, "error.password_too_short", "password");
  if (password.size() > 1024) return fail(ErrorCode::invalid_field, "error.field_too_long", "password");
  const std::string hash = ctx_.secrets.keyed_hash(norm);
  const Timestamp now = ctx_.now();
  // argon2id is slow: hash before taking the write lock.
  const std::string pw_hash = ctx_.secrets.hash_password(password);
  auto tx = ctx_.store.begin(true);
  auto r = ctx_.store.users().password_reset_by_hash(*tx, hash, now);
  if (!r) {
    audit(ctx_.store, *tx, actor, std::nullopt, "user.reset_failed", "user:unknown", "{}", now);
    tx->commit();
    return fail(ErrorCode::invalid_reset_code, {}, "code");
  }
  auto u = ctx_.store.users().user_by_id(*tx, r->user_id);
  if (!u || u->disabled || !ctx_.store.users().use_password_reset(*tx, hash, now))
    return fail(ErrorCode::invalid_reset_code, {}, "code");
  u->password_hash = pw_hash;
  ctx_.store.users().update_user(*tx, *u);
  ctx_.store.users().delete_sessions_of(*tx, u->id);
  audit(ctx_.store, *tx, actor, u->instansi_id, "user.reset_used", obj(u->id), json{{"issued_by", r->created_by}}.dump(), now);
  tx->commit();
  return u->username;
}

TotpEnrolment UserAdminService::begin_totp(const Principal& self) {
  std::string raw = Secrets::random_token(20);  // 160 bits, as RFC 4226 recommends
  return enrolment_for(self, totp::base32_encode(raw).substr(0, 32));
}

TotpEnrolment UserAdminService::enrolment_for(const Principal& self, const std::string& secret_base32) {
  return TotpEnrolment{secret_base32, totp::otpauth_uri("Netral " + self.instansi.code, self.user.username, secret_base32)};
}

Result<void> UserAdminService::confirm_totp(const Principal& self, const std::string& secret_base32, const std::string& code) {
  auto key = totp::base32_decode(secret_base32);
  if (!key || key->size() < 16 || secret_base32.size() > 64) return fail(ErrorCode::invalid_field, {}, "secret");
  const Timestamp now = ctx_.now();
  auto step = totp::verify(*key, code, now, 0);
  if (!step) return fail(ErrorCode::invalid_totp, {}, "code");
  auto tx = ctx_.store.begin(true);
  ctx_.store.users().set_totp(*tx, self.user.id, store::TotpState{ctx_.secrets.seal(secret_base32), *step});
  audit(ctx_.store, *tx, self.actor(), self.user.instansi_id, "user.totp_enrol", obj(self.user.id), "{}", now);
  tx->commit();
  return {};
}

Result<void> UserAdminService::disable_totp(const Principal& self, const std::string& code) {
  auto tx = ctx_.store.begin(true);
  if (!check_login_totp(ctx_, *tx, self.user.id, code)) return fail(ErrorCode::invalid_totp, {}, "code");
  ctx_.store.users().set_totp(*tx, self.user.id, store::TotpState{});
  audit(ctx_.store, *tx, self.actor(), self.user.instansi_id, "user.totp_disable", obj(self.user.id), "{}", ctx_.now());
  tx->commit();
  return {};
}

bool UserAdminService::has_totp(Id user_id) {
  auto tx = ctx_.store.begin(false);
  return !ctx_.store.users().totp_of(*tx, user_id).sealed.empty();
}

std::vector<Unit> UserAdminService::units(const Principal& p) {
  auto tx = ctx_.store.begin(false);
  return ctx_.store.reference().units_of(*tx, p.user.instansi_id);
}

bool check_login_totp(Context& ctx, store::Tx& tx, Id user_id, const std::string& code) {
  auto t = ctx.store.users().totp_of(tx, user_id);
  if (t.sealed.empty()) return true;
  auto secret = ctx.secrets.unseal(t.sealed);
  if (!secret) return false;
  auto key = totp::base32_decode(*secret);
  if (!key) return false;
  auto step = totp::verify(*key, code, ctx.now(), t.last_step);
  if (!step) return false;
  t.last_step = *step;
  ctx.store.users().set_totp(tx, user_id, t);
  return true;
}

}  // namespace netral::app
