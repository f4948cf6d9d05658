// The fixture every store test body runs on, once per backend.
//
// SQLite: a fresh database file in a fresh temporary directory per test.
// PostgreSQL: the server named by NETRAL_TEST_PG_URL (scripts/pg-cluster.sh start prints
// one); each test gets a fresh schema of its own, selected through libpq's `options`
// (search_path), and drops it afterwards. Without NETRAL_TEST_PG_URL the PostgreSQL
// instances are skipped, unless NETRAL_REQUIRE_PG=1 makes that a failure (CI).
#pragma once
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "store/store.hpp"

namespace netral::store {
// Readable parameter values in gtest messages.
inline void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::sqlite ? "sqlite" : "postgresql"); }
}  // namespace netral::store

namespace netral::store::testing {

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Another store on the same database (as a second process would open it).
  StorePtr open_again(int pool_size = 4);

  // PostgreSQL only: the server closes every connection of this test's stores, as a
  // server restart would. Returns how many it closed.
  int drop_server_connections();

  Store& store() { return *store_; }
  Backend backend() const { return GetParam(); }

  std::string url_;
  StorePtr store_;

 private:
  std::string temp_dir_;
  std::string pg_admin_url_;
  std::string pg_schema_;
};

// A migrated store (at least `min_version`) with two instansi, 19.03 (inst_) and its
// province 19 (other_), and one staff user of 19.03 (user_, "verif"), made at `created_at`.
class TwoInstansiTest : public StoreTest {
 protected:
  void set_up_two_instansi(int min_version, Timestamp created_at);
  Id inst_ = 0, other_ = 0, user_ = 0;
};

// "sqlite" / "postgresql", for test names.
std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

// Runs one SQL command on PostgreSQL outside the store (schema set-up); returns the first
// column of the first row, if any. Fails the test on error.
std::string pg_exec(const std::string& url, const std::string& sql);

}  // namespace netral::store::testing
