// `netral audit verify`: walks the hash-chained audit trail and reports every edited,
// removed or reordered entry (docs/administration.md). Exit status 0 when the chain holds,
// 1 when it is broken, 2 when the deployment cannot be opened.
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/identifiers.hpp"

namespace netral::cli {
namespace {

struct AuditVerifyOptions {
  DeploymentOptions deployment;
  bool json = false;
  std::size_t max_problems = 1000;
};

int audit_verify(const AuditVerifyOptions& o) {
  Deployment d;
  try {
    d = open_deployment(o.deployment, 1);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "netral: %s\n", e.what());
    return 2;
  }
  auto r = app::verify_audit(*d.store, o.max_problems);
  if (o.json) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : r.problems)
      problems.push_back({{"id", p.id},
                          {"fault", std::string(app::to_string(p.fault))},
                          {"detail", p.detail},
                          {"at", format_iso_time(p.entry.at)},
                          {"actor", p.entry.actor},
                          {"action", p.entry.action},
                          {"object", p.entry.object}});
    std::printf("%s\n", nlohmann::json{{"ok", r.ok},
                                       {"entries", r.entries},
                                       {"head_hash", r.head_hash},
                                       {"problem_count", r.problem_count},
                                       {"problems", problems}}
                            .dump()
                            .c_str());
    return r.ok ? 0 : 1;
  }
  if (r.ok) {
    std::printf("OK: audit trail intact, %lld entries", r.entries);
    if (!r.head_hash.empty()) std::printf(", head %s", r.head_hash.c_str());
    std::printf("\n");
    return 0;
  }
  for (const auto& p : r.problems)
    std::printf("BROKEN entry %lld: %s: %s [%s %s %s %s]\n", static_cast<long long>(p.id),
                std::string(app::to_string(p.fault)).c_str(), p.detail.c_str(), format_iso_time(p.entry.at).c_str(),
                p.entry.actor.c_str(), p.entry.action.c_str(), p.entry.object.c_str());
  if (r.problem_count > static_cast<long long>(r.problems.size()))
    std::printf("... and %lld more\n", r.problem_count - static_cast<long long>(r.problems.size()));
  std::printf("FAILED: audit trail broken: %lld problem(s) in %lld entries\n", r.problem_count, r.entries);
  return 1;
}

}  // namespace

void register_audit(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "Check the audit trail");
  audit->require_subcommand(1);
  auto o = std::make_shared<AuditVerifyOptions>();  // owned by the callbacks, hence by the CLI::App
  auto* verify = audit->add_subcommand(
      "verify", "Check every entry and link of the hash-chained audit trail; exit 1 and list each broken entry");
  add_deployment_options(verify, o->deployment);
  verify->add_flag("--json", o->json, "Print the result as one JSON object");
  verify->add_option("--max-problems", o->max_problems, "List at most this many broken entries (default 1000)");
  verify->callback([o] { std::exit(audit_verify(*o)); });
}

}  // namespace netral::cli
