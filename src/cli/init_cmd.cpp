// `netral init`: create the data directory, keys and database schema; optionally demo data.
#include <cstdio>

#include "app/demo.hpp"
#include "app/regions.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/messages.hpp"
#include "text/data_dir.hpp"

namespace netral::cli {
namespace {

struct InitOptions {
  DeploymentOptions deployment;
  bool demo = false;
  std::string instansi;  // a regional government from the official list
  std::string admin;     // its first admin
};

// A government outside the demo: its instansi from the official list, and its first admin.
int set_up(Deployment& d, const InitOptions& o) {
  app::AuthService auth(*d.ctx);
  auto done = app::set_up_government(*d.ctx, auth, text::find_data_dir("netral") / "regions", o.instansi, o.admin);
  if (!done) {
    const auto& e = done.error();
    std::fprintf(stderr, "netral: %s / %s (%s)\n", std::string(tr(Lang::id, e.key())).c_str(),
                 std::string(tr(Lang::en, e.key())).c_str(), e.detail.empty() ? o.instansi.c_str() : e.detail.c_str());
    return 2;
  }
  std::printf("netral: instansi %s %s ready\n", done->government.code.c_str(), done->government.name.c_str());
  if (!done->admin_password.empty())
    std::printf("admin user: %s (%s)\nadmin password: %s\n(shown once; change it after the first login)\n",
                o.admin.c_str(), std::string(to_string(done->admin_role)).c_str(), done->admin_password.c_str());
  return 0;
}

int init(const InitOptions& o) {
  auto d = open_deployment(o.deployment);
  std::printf("netral: data directory %s ready, schema version %d\n", d.data_dir.c_str(), d.store->schema_version());
  if (!o.instansi.empty()) {
    if (int rc = set_up(d, o); rc != 0) return rc;
  }
  if (!o.demo) return 0;
  app::ReportService reports(*d.ctx);
  app::AuthService auth(*d.ctx);
  auto users = app::load_demo(*d.ctx, auth, reports);
  if (!users) {
    std::fprintf(stderr, "netral: demo data failed: %s %s\n", std::string(to_string(users.error().code)).c_str(), users.error().detail.c_str());
    return 1;
  }
  if (users->users.empty()) {
    std::printf("netral: demo data already loaded (passwords are not shown again; use `netral user passwd`)\n");
    return 0;
  }
  std::printf("netral: demo data loaded: Provinsi Kepulauan Bangka Belitung (19), Kabupaten Bangka Selatan (19.03)\n");
  std::printf("demo users (instansi 19.03):");
  for (const auto& [name, role] : users->users) std::printf(" %s (%s)", name.c_str(), std::string(to_string(role)).c_str());
  std::printf("\nadmin user: admin\nadmin password: %s\n(the same password for every demo user)\n", users->password.c_str());
  return 0;
}

}  // namespace

void register_init(CLI::App& app) {
  auto o = std::make_shared<InitOptions>();  // owned by the callbacks, hence by the CLI::App
  auto* cmd = app.add_subcommand("init", "Create the data directory, keys and database schema (idempotent)");
  add_deployment_options(cmd, o->deployment);
  cmd->add_flag("--demo", o->demo, "Also load demo data: two regional governments, units, staff, one user per role");
  cmd->add_option("--instansi", o->instansi,
                  "Set up a regional government from the official list by its Kemendagri code: a province (36) "
                  "or a regency/city (36.71); its province is added too");
  cmd->add_option("--admin", o->admin, "With --instansi: create its first admin user with this username; the password "
                                       "is printed once")
      ->needs("--instansi");
  cmd->callback([o] { std::exit(init(*o)); });
}

}  // namespace netral::cli
