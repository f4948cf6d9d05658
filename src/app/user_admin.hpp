// Staff user administration (issue 3): admins list, create, disable and enable the users of
// their own instansi, change role and unit, and issue one-time password reset codes; any
// user may enrol TOTP for their own account. Every change is audited.
//
// Isolation: an admin never sees or touches a user of another instansi; such a user is
// "not_found", as if it did not exist.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "core/result.hpp"

namespace netral::app {

// A staff user as the admin pages show it (never the password hash or TOTP secret).
struct UserView {
  StaffUser user;
  std::string unit_code, unit_name;
  bool totp = false;
};

struct IssuedCode {
  std::string code;  // shown once; only its keyed hash is stored
  Timestamp expires_at = 0;
};

struct CreatedUser {
  Id id = 0;
  IssuedCode reset;  // the new user chooses a password with it at /staff/reset
};

struct TotpEnrolment {
  std::string secret_base32;
  std::string uri;  // otpauth://totp/...
};

class UserAdminService {
 public:
  static constexpr Timestamp kResetValidSeconds = 24 * 3600;

  explicit UserAdminService(Context& ctx) : ctx_(ctx) {}

  // Errors of every admin call: "forbidden" (not an admin), "not_found" (no such user in
  // the admin's instansi).
  Result<std::vector<UserView>> list(const Principal& admin);
  Result<UserView> get(const Principal& admin, Id user_id);

  struct NewStaff {
    std::string username, display_name;
    Role role = Role::verifier;
    std::optional<Id> unit_id;
    std::string liaison_body{};  // liaisons: "bawaslu", "bkn", or "" for both
  };
  // Creates the user without a usable password and issues a reset code. Errors also:
  // "invalid_field" (username), "unknown_unit", "username_taken".
  Result<CreatedUser> create(const Principal& admin, const NewStaff& in);
  // Disabling ends the user's sessions; an admin cannot disable themself ("invalid_field").
  Result<void> set_disabled(const Principal& admin, Id user_id, bool disabled);
  // Role, unit (unit heads need a unit) and, for liaisons, the body they answer for. An
  // admin cannot take their own admin role away.
  Result<void> assign(const Principal& admin, Id user_id, Role role, std::optional<Id> unit_id,
                      const std::string& liaison_body = {});
  // A new one-time code valid kResetValidSeconds; earlier unused codes stop working.
  Result<IssuedCode> issue_reset(const Principal& admin, Id user_id);
  // Removes a user's TOTP (a lost phone); they log in with the password alone again.
  Result<void> clear_totp(const Principal& admin, Id user_id);

  // Public: sets a new password with a code. Ends the user's sessions. Errors:
  // "invalid_reset_code" (unknown, used or expired), "invalid_field" (password rules).
  Result<std::string> redeem_reset(const std::string& code, const std::string& password, const Actor& actor);

  // TOTP for the logged-in user. begin_totp makes a secret (not active yet, returned for
  // the enrolment page); confirm_totp activates it once a code from the app matches.
  TotpEnrolment begin_totp(const Principal& self);
  TotpEnrolment enrolment_for(const Principal& self, const std::string& secret_base32);
  Result<void> confirm_totp(const Principal& self, const std::string& secret_base32, const std::string& code);
  Result<void> disable_totp(const Principal& self, const std::string& code);
  bool has_totp(Id user_id);
  // The units of the admin's instansi, for the role and unit forms.
  std::vector<Unit> units(const Principal& p);

 private:
  Result<StaffUser> managed(store::Tx& tx, const Principal& admin, Id user_id);
  Result<std::optional<Id>> check_unit(store::Tx& tx, const Principal& admin, Role role, std::optional<Id> unit_id);
  IssuedCode new_code(store::Tx& tx, const Actor& actor, Id user_id, Timestamp now);
  Context& ctx_;
};

// Checks the TOTP code of `user_id` at login; true when the user has no TOTP. Records the
// accepted step so that a code works once. Used by AuthService::login.
bool check_login_totp(Context& ctx, store::Tx& tx, Id user_id, const std::string& code);

}  // namespace netral::app
