#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace {

namespace fs = std::filesystem;
using netral::app::Config;
using netral::app::load_config;

const std::string kToken(40, 'k');
const std::string kEnvToken(32, 'e');

// A netral.toml in a fresh directory, and NETRAL_COLLECTOR_TOKEN as the test sets it (the
// variable is put back as it was afterwards).
class ConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* v = std::getenv("NETRAL_COLLECTOR_TOKEN")) saved_ = v;
    ::unsetenv("NETRAL_COLLECTOR_TOKEN");
    dir_ = fs::temp_directory_path() / ("netral-config-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (saved_) ::setenv("NETRAL_COLLECTOR_TOKEN", saved_->c_str(), 1);
    else ::unsetenv("NETRAL_COLLECTOR_TOKEN");
    fs::remove_all(dir_);
  }
  fs::path write(const std::string& text) {
    auto p = dir_ / "netral.toml";
    std::ofstream(p) << text;
    return p;
  }
  fs::path dir_;
  std::optional<std::string> saved_;
};

TEST_F(ConfigFile, CollectorTokenFromTheFile) {
  auto c = load_config(write("[screening]\ncollector_token = \"" + kToken + "\"\n"));
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->screening.collector_token, kToken);
}

TEST_F(ConfigFile, NoTokenByDefault) {
  auto c = load_config(write("[http]\nlisten = \"127.0.0.1:0\"\n"));
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->screening.collector_token, "");
}

TEST_F(ConfigFile, AShortTokenInTheFileIsAnErrorWithItsLine) {
  auto c = load_config(write("# comment\n[screening]\ncollector_token = \"short\"\n"));
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, netral::ErrorCode::config_invalid);
  EXPECT_NE(c.error().detail.find("netral.toml:3"), std::string::npos) << c.error().detail;
  EXPECT_NE(c.error().detail.find("collector_token"), std::string::npos) << c.error().detail;
}

TEST_F(ConfigFile, AnEmptyTokenInTheFileIsNone) {
  auto c = load_config(write("[screening]\ncollector_token = \"\"\n"));
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->screening.collector_token, "");
}

TEST_F(ConfigFile, UnknownScreeningKeyIsAnError) {
  auto c = load_config(write("[screening]\ncollector_tokn = \"" + kToken + "\"\n"));
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().detail.find("unknown key [screening] collector_tokn"), std::string::npos) << c.error().detail;
}

TEST_F(ConfigFile, TheEnvironmentOverridesTheFile) {
  ::setenv("NETRAL_COLLECTOR_TOKEN", kEnvToken.c_str(), 1);
  auto c = load_config(write("[screening]\ncollector_token = \"" + kToken + "\"\n"));
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->screening.collector_token, kEnvToken);
}

// As before the token was configuration: a variable too short to be a secret gives no token
// (bearer pushes are refused) rather than a weak one.
TEST_F(ConfigFile, AShortEnvironmentTokenLeavesNone) {
  ::setenv("NETRAL_COLLECTOR_TOKEN", "short", 1);
  auto c = load_config(write("[screening]\ncollector_token = \"" + kToken + "\"\n"));
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->screening.collector_token, "");
}

TEST_F(ConfigFile, TheEnvironmentAppliesWithoutAFile) {
  Config c;
  netral::app::apply_environment(c);
  EXPECT_EQ(c.screening.collector_token, "");
  ::setenv("NETRAL_COLLECTOR_TOKEN", kEnvToken.c_str(), 1);
  netral::app::apply_environment(c);
  EXPECT_EQ(c.screening.collector_token, kEnvToken);
}

}  // namespace
