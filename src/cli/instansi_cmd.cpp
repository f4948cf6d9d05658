// `netral instansi`: the regional governments a deployment serves, added from the official
// list in data/regions/ (app/regions).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/regions.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/messages.hpp"
#include "text/data_dir.hpp"

namespace netral::cli {
namespace {

std::filesystem::path regions_dir() { return text::find_data_dir("netral") / "regions"; }

// An error in both languages with what it concerns, as `netral init --instansi` prints it.
int refuse(const Error& e, const std::string& what) {
  std::fprintf(stderr, "netral: %s / %s (%s)\n", std::string(tr(Lang::id, e.key())).c_str(),
               std::string(tr(Lang::en, e.key())).c_str(), e.detail.empty() ? what.c_str() : e.detail.c_str());
  return 2;
}

struct AddOptions {
  DeploymentOptions deployment;
  std::string code, name;
};

int add(const AddOptions& o) {
  auto d = open_deployment(o.deployment);
  auto g = app::add_government(*d.ctx, regions_dir(), o.code, o.name, app::Actor{"cli", ""});
  if (!g) return refuse(g.error(), o.code);
  std::printf("netral: instansi %s %s added\n", g->code.c_str(), g->name.c_str());
  return 0;
}

struct ListOptions {
  DeploymentOptions deployment;
  std::string format = "text";
};

int list(const ListOptions& o) {
  auto d = open_deployment(o.deployment);
  auto rows = app::list_governments(*d.ctx, regions_dir());
  if (!rows) return refuse(rows.error(), "data/regions");
  if (o.format == "json") {
    auto out = nlohmann::json::array();
    for (const auto& r : *rows)
      out.push_back({{"code", r.instansi.code},
                     {"name", r.instansi.name},
                     {"official_name", r.official_name},
                     {"province", r.province},
                     {"level", r.level},
                     {"disabled", r.instansi.disabled}});
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  for (const auto& r : *rows)
    std::printf("%-6s %-9s %s%s%s\n", r.instansi.code.c_str(), r.level.c_str(), r.instansi.name.c_str(),
                r.province.empty() || r.level == "province" ? "" : (" (" + r.province + ")").c_str(),
                r.instansi.disabled ? " [disabled]" : "");
  return 0;
}

}  // namespace

void register_instansi(CLI::App& app) {
  auto* cmd = app.add_subcommand("instansi", "Regional governments this deployment serves, from the official list");
  cmd->require_subcommand(1);
  auto a = std::make_shared<AddOptions>();  // owned by the callbacks, hence by the CLI::App
  auto* add_cmd = cmd->add_subcommand("add", "Add a province (36) or regency/city (36.03) by its Kemendagri code; its "
                                             "province is added too");
  add_cmd->add_option("code", a->code, "Kemendagri code, e.g. 36.03")->required();
  add_cmd->add_option("--name", a->name, "Name shown to staff and reporters (default: from the list, "
                                         "\"Pemerintah Kabupaten Tangerang\")");
  add_deployment_options(add_cmd, a->deployment);
  add_cmd->callback([a] { std::exit(add(*a)); });

  auto l = std::make_shared<ListOptions>();  // owned by the callbacks, hence by the CLI::App
  auto* list_cmd = cmd->add_subcommand("list", "List the governments served, by code");
  list_cmd->add_option("--format", l->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  add_deployment_options(list_cmd, l->deployment);
  list_cmd->callback([l] { std::exit(list(*l)); });
}

}  // namespace netral::cli
