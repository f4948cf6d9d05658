// What every subcommand that touches a deployment shares: --db, --data, --config, and
// opening the store, the evidence blobs and the keys from them.
#pragma once
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "app/context.hpp"

namespace netral::cli {

struct DeploymentOptions {
  std::string db;      // SQLite path or postgresql:// URL; default <data>/netral.db
  std::string data;    // data directory; default ./var
  std::string config;  // netral.toml; optional
};

// Adds --db, --data and --config to a subcommand.
void add_deployment_options(CLI::App* cmd, DeploymentOptions& o);

// An opened deployment: configuration, store (migrated), blob store and keys.
struct Deployment {
  app::Config config;
  std::filesystem::path data_dir;
  store::StorePtr store;
  evidence::BlobStorePtr blobs;
  std::unique_ptr<app::Secrets> secrets;
  std::unique_ptr<app::Context> ctx;
};

// Opens (and creates when missing) the data directory and database, applies migrations.
// `pool_size` <= 0: one connection per configured worker thread.
// Throws std::runtime_error with a message for the operator on failure.
Deployment open_deployment(const DeploymentOptions& o, int pool_size = 4);

}  // namespace netral::cli
