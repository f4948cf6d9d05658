#include "app_fixture.hpp"

#include <unistd.h>

#include <atomic>
#include <string>

namespace netral::app::testing {

void AppTest::SetUp() {
  StoreTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  store().migrate();
  static std::atomic<int> counter{0};
  dir_ = std::filesystem::temp_directory_path() /
         ("netral_app_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::filesystem::create_directories(dir_);
  blobs_ = evidence::make_file_blob_store(dir_ / "evidence");
  secrets_ = std::make_unique<Secrets>(dir_, PasswordCost::minimum());
  ctx_ = std::make_unique<Context>(Context{store(), *blobs_, *secrets_, Config{}});
}

void AppTest::TearDown() {
  StoreTest::TearDown();
  if (dir_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void AppTest::freeze_clock(Timestamp t) {
  now_ = t;
  ctx_->now = [this] { return now_; };
}

}  // namespace netral::app::testing
