// `netral user`: manage staff users from the command line.
#include <cstdio>
#include <iostream>

#include "app/auth_service.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/messages.hpp"

namespace netral::cli {
namespace {

struct UserAddOptions {
  DeploymentOptions deployment;
  std::string username, role = "verifier", instansi, unit, display_name, liaison_body;
  bool password_stdin = false;
};

// The password from one line of standard input, or a generated one (printed by the caller).
std::string new_password(bool from_stdin) {
  if (!from_stdin) return app::Secrets::random_token(12);
  std::string password;
  std::getline(std::cin, password);
  while (!password.empty() && (password.back() == '\r' || password.back() == '\n')) password.pop_back();
  return password;
}

int user_add(const UserAddOptions& o) {
  auto role = role_from_string(o.role);
  if (!role) {
    std::fprintf(stderr, "netral: unknown role '%s'; one of: superadmin admin verifier examiner unit_head ppk_office liaison analyst\n", o.role.c_str());
    return 2;
  }
  const std::string password = new_password(o.password_stdin);
  auto d = open_deployment(o.deployment);
  app::AuthService auth(*d.ctx);
  auto id = auth.create_user({o.username, o.display_name, password, o.instansi, o.unit, *role, o.liaison_body},
                              app::Actor{"cli", ""});
  if (!id) {
    std::fprintf(stderr, "netral: %s\n", std::string(tr(Lang::en, id.error().key())).c_str());
    return 1;
  }
  std::printf("netral: user %s created (id %lld, role %s)\n", o.username.c_str(), static_cast<long long>(*id), o.role.c_str());
  if (!o.password_stdin) std::printf("password: %s\n", password.c_str());
  return 0;
}

struct PasswdOptions {
  DeploymentOptions deployment;
  std::string username;
  bool password_stdin = false;
};

int user_passwd(const PasswdOptions& o) {
  const std::string password = new_password(o.password_stdin);
  auto d = open_deployment(o.deployment);
  app::AuthService auth(*d.ctx);
  auto r = auth.set_password(o.username, password, app::Actor{"cli", ""});
  if (!r) {
    std::fprintf(stderr, "netral: %s\n", std::string(tr(Lang::en, r.error().key())).c_str());
    return 1;
  }
  std::printf("netral: password of %s changed\n", o.username.c_str());
  if (!o.password_stdin) std::printf("password: %s\n", password.c_str());
  return 0;
}

}  // namespace

void register_user(CLI::App& app) {
  auto* cmd = app.add_subcommand("user", "Manage staff users");
  cmd->require_subcommand(1);
  auto o = std::make_shared<UserAddOptions>();  // owned by the callbacks, hence by the CLI::App
  auto* add = cmd->add_subcommand("add", "Create a staff user");
  add->add_option("username", o->username, "Login name (lower-case letters, digits, . _ -)")->required();
  add->add_option("--role", o->role, "superadmin (also manages the deployment's governments), admin, verifier, examiner, unit_head, ppk_office, liaison or analyst")->capture_default_str();
  add->add_option("--instansi", o->instansi, "Region code of the user's government, e.g. 19.03")->required();
  add->add_option("--unit", o->unit, "Unit code (for unit heads)");
  add->add_option("--liaison-body", o->liaison_body,
                  "For liaisons: bawaslu or bkn, the body whose forwarded cases they follow (default: both)");
  add->add_option("--display-name", o->display_name, "Name shown in the UI");
  add->add_flag("--password-stdin", o->password_stdin, "Read the password from standard input (else one is generated and printed)");
  add_deployment_options(add, o->deployment);
  add->callback([o] { std::exit(user_add(*o)); });

  auto p = std::make_shared<PasswdOptions>();  // owned by the callbacks, hence by the CLI::App
  auto* pw = cmd->add_subcommand("passwd", "Set a new password for a staff user (ends nothing else)");
  pw->add_option("username", p->username, "Login name")->required();
  pw->add_flag("--password-stdin", p->password_stdin, "Read the password from standard input (else one is generated and printed)");
  add_deployment_options(pw, p->deployment);
  pw->callback([p] { std::exit(user_passwd(*p)); });
}

}  // namespace netral::cli
