// The argon2 cost of new password hashes is a parameter of Secrets; verification reads the
// cost from the hash, so hashes made at any cost verify whatever the current one is.
#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "app/secrets.hpp"

namespace netral::app {
namespace {

struct KeyDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("netral_password_cost_" + std::to_string(::getpid()));
  ~KeyDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

TEST(PasswordCost, DefaultIsInteractiveAndMinimumIsLibsodiums) {
  EXPECT_EQ(PasswordCost::interactive().ops, crypto_pwhash_OPSLIMIT_INTERACTIVE);
  EXPECT_EQ(PasswordCost::interactive().mem, crypto_pwhash_MEMLIMIT_INTERACTIVE);
  EXPECT_EQ(PasswordCost::minimum().ops, crypto_pwhash_OPSLIMIT_MIN);
  EXPECT_EQ(PasswordCost::minimum().mem, crypto_pwhash_MEMLIMIT_MIN);
}

// Two cheap costs that differ stand for production and tests: an interactive hash costs
// 64 MiB and a noticeable time, which these tests exist to avoid.
TEST(PasswordCost, HashesAtEitherCostVerifyEitherWay) {
  KeyDir dir;
  const auto min = PasswordCost::minimum();
  const PasswordCost higher{min.ops + 2, min.mem * 4};
  const Secrets one(dir.path, higher);
  const Secrets other(dir.path, min);
  const std::string strong = one.hash_password("kata-sandi-uji-123");
  const std::string weak = other.hash_password("kata-sandi-uji-123");
  // libsodium's string records the cost: "$argon2id$v=19$m=<KiB>,t=<ops>,...".
  auto cost_of = [](const PasswordCost& c) {
    return "m=" + std::to_string(c.mem / 1024) + ",t=" + std::to_string(c.ops) + ",";
  };
  EXPECT_NE(strong.find(cost_of(higher)), std::string::npos) << strong;
  EXPECT_NE(weak.find(cost_of(min)), std::string::npos) << weak;
  for (const auto& h : {strong, weak}) {
    EXPECT_TRUE(Secrets::verify_password(h, "kata-sandi-uji-123")) << h;
    EXPECT_FALSE(Secrets::verify_password(h, "kata-sandi-uji-124")) << h;
  }
}

TEST(PasswordCost, BelowLibsodiumsMinimumIsRefused) {
  KeyDir dir;
  const auto min = PasswordCost::minimum();
  EXPECT_THROW(Secrets(dir.path, PasswordCost{min.ops - 1, min.mem}), std::invalid_argument);
  EXPECT_THROW(Secrets(dir.path, PasswordCost{min.ops, min.mem - 1}), std::invalid_argument);
}

}  // namespace
}  // namespace netral::app
