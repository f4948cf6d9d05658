// Staff authentication: argon2id passwords, database sessions, CSRF tokens, login limits.
#pragma once
#include <optional>
#include <string>

#include "app/audit.hpp"
#include "app/context.hpp"
#include "app/rate_limiter.hpp"
#include "core/model.hpp"
#include "core/result.hpp"

namespace netral::app {

// A logged-in staff user, as every staff use case receives it.
struct Principal {
  StaffUser user;
  Instansi instansi;
  std::string csrf_token;
  std::string token_hash;
  Actor actor() const { return Actor{"user:" + std::to_string(user.id), ip}; }
  std::string ip;
};

struct LoggedIn {
  std::string token;  // goes into the cookie; only its keyed hash is stored
  Principal principal;
};

class AuthService {
 public:
  explicit AuthService(Context& ctx);
  // Errors: "invalid_credentials" (unknown user, wrong password, disabled: one answer),
  // "rate_limited" after too many failures for this username and IP; for a user with TOTP
  // (app/user_admin.hpp) "totp_required" when `totp_code` is empty, "invalid_totp" when wrong.
  Result<LoggedIn> login(const std::string& username, const std::string& password, const std::string& ip,
                         const std::string& totp_code = {});
  // The principal of a session token, if it is valid and not expired.
  std::optional<Principal> authenticate(const std::string& token, const std::string& ip);
  void logout(const Principal& p);

  struct NewUser {
    std::string username, display_name, password, instansi_code, unit_code;
    Role role = Role::verifier;
    std::string liaison_body{};  // liaisons: "bawaslu", "bkn", or "" for both
  };
  // Creates a staff user. Errors: "invalid_field" (username/password rules), "unknown_instansi",
  // "unknown_unit", "username_taken".
  Result<Id> create_user(const NewUser& u, const Actor& actor);
  // Sets a new password (netral user passwd); sessions already open keep going, as the
  // command's help says. Errors: "not_found", "invalid_field".
  Result<void> set_password(const std::string& username, const std::string& password, const Actor& actor);

 private:
  Context& ctx_;
  RateLimiter failures_;
  std::string dummy_hash_;  // verified against for unknown users, so timing does not tell
};

}  // namespace netral::app
