// Every subcommand of the `netral` binary registers itself on the CLI11 app here.
// main.cpp calls each register_* function once; each command lives in its own file.
#pragma once
#include <CLI/CLI.hpp>

namespace netral::cli {

void register_serve(CLI::App& app);     // serve_cmd.cpp
void register_init(CLI::App& app);      // init_cmd.cpp
void register_user(CLI::App& app);      // user_cmd.cpp
void register_classify(CLI::App& app);  // classify_cmd.cpp  (issue 4)
void register_catalog(CLI::App& app);   // catalog_cmd.cpp   (issue 4)
void register_screen(CLI::App& app);    // screen_cmd.cpp    (issue 5)
void register_workflow(CLI::App& app);  // workflow_cmd.cpp  (issue 3)
void register_audit(CLI::App& app);     // audit_cmd.cpp     (issue 3)
void register_import(CLI::App& app);    // import_cmd.cpp    (issue 3)
void register_instansi(CLI::App& app);  // instansi_cmd.cpp  (issue 12)

}  // namespace netral::cli
