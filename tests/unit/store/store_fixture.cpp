#include "store_fixture.hpp"

#include <postgresql/libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

namespace netral::store::testing {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  return std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

}  // namespace

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgresql";
}

std::string pg_exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot connect to " << url << ": " << PQerrorMessage(conn);
    PQfinish(conn);
    return "";
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // DROP ... CASCADE chatter
  PGresult* res = PQexec(conn, sql.c_str());
  const auto status = PQresultStatus(res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) ADD_FAILURE() << sql << ": " << PQerrorMessage(conn);
  std::string first;
  if (status == PGRES_TUPLES_OK && PQntuples(res) > 0 && PQnfields(res) > 0) first = PQgetvalue(res, 0, 0);
  PQclear(res);
  PQfinish(conn);
  return first;
}

void StoreTest::SetUp() {
  if (backend() == Backend::sqlite) {
    temp_dir_ = (std::filesystem::temp_directory_path() / ("netral_store_test_" + unique_suffix())).string();
    // A missing parent directory is part of what open_store must handle.
    url_ = "sqlite:" + temp_dir_ + "/var/netral.db";
  } else {
    pg_admin_url_ = env("NETRAL_TEST_PG_URL");
    if (pg_admin_url_.empty()) {
      if (env("NETRAL_REQUIRE_PG") == "1") FAIL() << "NETRAL_REQUIRE_PG=1 but NETRAL_TEST_PG_URL is not set";
      GTEST_SKIP() << "NETRAL_TEST_PG_URL not set (scripts/pg-cluster.sh start DIR prints one)";
    }
    pg_schema_ = "netral_test_" + unique_suffix();
    pg_exec(pg_admin_url_, "DROP SCHEMA IF EXISTS " + pg_schema_ + " CASCADE");
    pg_exec(pg_admin_url_, "CREATE SCHEMA " + pg_schema_);
    ASSERT_FALSE(HasFailure());
    const char sep = pg_admin_url_.find('?') == std::string::npos ? '?' : '&';
    // application_name lets a test find (and kill) exactly this store's connections.
    url_ = pg_admin_url_ + sep + "options=-csearch_path%3D" + pg_schema_ + "&application_name=" + pg_schema_;
  }
  auto opened = open_store(url_, 4);
  ASSERT_TRUE(opened.has_value()) << opened.error().detail;
  store_ = std::move(*opened);
  ASSERT_EQ(store_->backend(), backend());
}

void StoreTest::TearDown() {
  store_.reset();
  if (!temp_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }
  if (!pg_schema_.empty()) pg_exec(pg_admin_url_, "DROP SCHEMA IF EXISTS " + pg_schema_ + " CASCADE");
}

int StoreTest::drop_server_connections() {
  if (backend() != Backend::postgresql) return 0;
  const std::string n = pg_exec(
      pg_admin_url_, "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '" +
                         pg_schema_ + "'");
  return n.empty() ? 0 : std::stoi(n);
}

StorePtr StoreTest::open_again(int pool_size) {
  auto opened = open_store(url_, pool_size);
  if (!opened) {
    ADD_FAILURE() << opened.error().detail;
    return nullptr;
  }
  return std::move(*opened);
}

void TwoInstansiTest::set_up_two_instansi(int min_version, Timestamp created_at) {
  StoreTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  ASSERT_GE(store().migrate(), min_version);
  auto tx = store().begin(true);
  inst_ = store().reference().upsert_instansi(*tx, Instansi{0, "19.03", "Kabupaten", {}});
  other_ = store().reference().upsert_instansi(*tx, Instansi{0, "19", "Provinsi", {}});
  StaffUser u;
  u.instansi_id = inst_;
  u.username = "verif";
  u.display_name = "Verifikator Satu";
  u.password_hash = "x";
  u.created_at = created_at;
  user_ = store().users().insert_user(*tx, u);
  tx->commit();
}

}  // namespace netral::store::testing
