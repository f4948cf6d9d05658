#include "cli/common.hpp"

#include <sys/stat.h>

#include <stdexcept>

namespace netral::cli {

void add_deployment_options(CLI::App* cmd, DeploymentOptions& o) {
  cmd->add_option("--db", o.db, "Database: a SQLite file path or a postgresql:// URL (default: <data>/netral.db)");
  cmd->add_option("--data", o.data, "Data directory holding evidence files and keys (default: ./var)");
  cmd->add_option("--config", o.config, "Configuration file (TOML, see docs/configuration.md)");
}

Deployment open_deployment(const DeploymentOptions& o, int pool_size) {
  Deployment d;
  if (!o.config.empty()) {
    auto c = app::load_config(o.config);
    if (!c) throw std::runtime_error("configuration: " + c.error().detail);
    d.config = *c;
  } else {
    app::apply_environment(d.config);
  }
  // Command-line options win over the file.
  std::string data = !o.data.empty() ? o.data : (!d.config.data.empty() ? d.config.data : "./var");
  d.data_dir = std::filesystem::absolute(data);
  std::filesystem::create_directories(d.data_dir);
  ::chmod(d.data_dir.c_str(), 0700);
  std::string db = !o.db.empty() ? o.db : (!d.config.db.empty() ? d.config.db : (d.data_dir / "netral.db").string());
  auto s = store::open_store(db, pool_size > 0 ? pool_size : std::max(2, d.config.http.worker_threads));
  if (!s) throw std::runtime_error("database: " + s.error().detail);
  d.store = std::move(*s);
  d.store->migrate();
  d.blobs = evidence::make_file_blob_store(d.data_dir / "evidence");
  d.secrets = std::make_unique<app::Secrets>(d.data_dir);
  d.ctx = std::make_unique<app::Context>(app::Context{*d.store, *d.blobs, *d.secrets, d.config});
  return d;
}

}  // namespace netral::cli
