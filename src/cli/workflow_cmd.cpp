// `netral workflow`: escalation of overdue cases and set-up of cases stored without the
// workflow (docs/workflow.md). `netral serve` runs both by itself every few minutes; this
// command runs them once, e.g. from cron, or in tests with --now.
#include <cstdio>

#include "app/notifier.hpp"
#include "app/report_service.hpp"
#include "app/workflow_service.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/identifiers.hpp"
#include "text/data_dir.hpp"

namespace netral::cli {
namespace {

struct WorkflowOptions {
  DeploymentOptions deployment;
  std::string now;  // "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (UTC): pretend it is then
  bool no_mail = false;
};

Timestamp parse_now(const std::string& s) {
  auto d = parse_iso_date(s.substr(0, 10));
  if (!d) throw std::runtime_error("--now must be YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)");
  Timestamp t = static_cast<Timestamp>(days_from_civil(*d)) * 86400;
  if (s.size() >= 16 && s[10] == 'T') t += std::stoi(s.substr(11, 2)) * 3600 + std::stoi(s.substr(14, 2)) * 60;
  return t;
}

int run(const WorkflowOptions& o, bool escalate) {
  auto d = open_deployment(o.deployment, 2);
  if (!o.now.empty()) {
    const Timestamp t = parse_now(o.now);
    d.ctx->now = [t] { return t; };
  }
  app::ReportService reports(*d.ctx);
  auto wf = app::WorkflowService::create(*d.ctx, reports, text::find_data_dir("netral"));
  if (!wf) throw std::runtime_error("workflow: " + wf.error().detail);
  int set_up = 0;
  for (int n; (n = (*wf)->set_up_missing(1000)) > 0;) set_up += n;
  if (!escalate) {
    std::printf("set up %d cases\n", set_up);
    return 0;
  }
  auto mailer = o.no_mail ? nullptr : app::make_smtp_mailer(d.config.smtp);
  auto r = (*wf)->escalate(mailer.get());
  std::printf("escalated %d deadlines: %d notifications, %d e-mails sent, %d failed\n", r.deadlines, r.notifications,
              r.mails, r.mail_failures);
  return r.mail_failures > 0 ? 3 : 0;
}

}  // namespace

void register_workflow(CLI::App& app) {
  auto o = std::make_shared<WorkflowOptions>();  // owned by the callbacks, hence by the CLI::App
  auto* cmd = app.add_subcommand("workflow", "Case workflow maintenance: escalate overdue cases, set up imported cases");
  cmd->require_subcommand(1);
  auto* esc = cmd->add_subcommand("escalate", "Notify (in the app and by e-mail) the next level about overdue cases, once");
  add_deployment_options(esc, o->deployment);
  esc->add_option("--now", o->now, "Pretend the time is this (UTC), YYYY-MM-DD or YYYY-MM-DDTHH:MM");
  esc->add_flag("--no-mail", o->no_mail, "Only in-app notifications");
  esc->callback([o] { std::exit(run(*o, true)); });
  auto* setup = cmd->add_subcommand("setup", "Start the clocks of cases stored without the workflow (bulk imports)");
  add_deployment_options(setup, o->deployment);
  setup->callback([o] { std::exit(run(*o, false)); });
}

}  // namespace netral::cli
