// `netral init`: create the data directory, keys and database schema; optionally demo data.
#include <cstdio>

#include "app/demo.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace netral::cli {
namespace {

struct InitOptions {
  DeploymentOptions deployment;
  bool demo = false;
};

int init(const InitOptions& o) {
  auto d = open_deployment(o.deployment);
  std::printf("netral: data directory %s ready, schema version %d\n", d.data_dir.c_str(), d.store->schema_version());
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
  cmd->callback([o] { std::exit(init(*o)); });
}

}  // namespace netral::cli
