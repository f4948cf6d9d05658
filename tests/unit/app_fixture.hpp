// The fixture of every app-layer test body, once per backend like the store fixture it
// extends: a migrated store, a file blob store and keys in a fresh temporary directory, and
// an app::Context on them. New passwords are hashed at libsodium's lowest argon2 cost
// (app::PasswordCost::minimum()): the admin tests make users and log in by the dozen, and
// verification reads the cost from each hash, so nothing else differs from production.
#pragma once
#include <filesystem>
#include <memory>

#include "app/context.hpp"
#include "store_fixture.hpp"

namespace netral::app::testing {

class AppTest : public store::testing::StoreTest {
 protected:
  void SetUp() override;
  // Removes the data directory; services a subclass holds that use the store should be
  // reset by its own TearDown before calling this one.
  void TearDown() override;

  // From now on ctx_->now() answers now_, starting at `t`; tests move now_ themselves.
  // Without it the context keeps the real clock.
  void freeze_clock(Timestamp t);

  std::filesystem::path dir_;  // the data directory: keys/, evidence/, and files a test writes
  evidence::BlobStorePtr blobs_;
  std::unique_ptr<Secrets> secrets_;
  std::unique_ptr<Context> ctx_;
  Timestamp now_ = 0;
};

}  // namespace netral::app::testing
