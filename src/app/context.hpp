// What every service needs: the store, the evidence blobs, the keys, the settings and a clock.
#pragma once
#include <ctime>
#include <functional>

#include "app/config.hpp"
#include "app/secrets.hpp"
#include "evidence/blob_store.hpp"
#include "store/store.hpp"

namespace netral::app {

struct Context {
  store::Store& store;
  evidence::BlobStore& blobs;
  const Secrets& secrets;
  Config config;
  std::function<Timestamp()> now = [] { return static_cast<Timestamp>(std::time(nullptr)); };
  // Hooks of the case workflow (app/workflow_service registers them), run inside the
  // caller's write transaction; unset when no workflow service is wired (some tools, tests).
  std::function<void(store::Tx&, const Case&, const Report&, Timestamp)> on_intake{};
  std::function<void(store::Tx&, Id case_id, Timestamp)> on_reporter_reply{};
};

}  // namespace netral::app
