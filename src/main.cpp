// netral: one binary, many subcommands. Wiring only; each command lives in src/cli/.
#include <cstdio>
#include <exception>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "Netral: supervising the political neutrality of civil servants (ASN) in Indonesian elections.\n"
      "Run `netral <command> --help` for the options of a command."};
  app.set_version_flag("--version", "netral 0.1.0");
  app.require_subcommand(1);
  netral::cli::register_serve(app);
  netral::cli::register_init(app);
  netral::cli::register_user(app);
  netral::cli::register_classify(app);
  netral::cli::register_catalog(app);
  netral::cli::register_screen(app);
  netral::cli::register_workflow(app);
  netral::cli::register_audit(app);
  netral::cli::register_import(app);
  netral::cli::register_instansi(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "netral: %s\n", e.what());
    return 1;
  }
  return 0;
}
