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
};

}  // namespace netral::app
