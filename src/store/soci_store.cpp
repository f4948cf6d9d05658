// The store over SOCI: a connection pool, transactions, migrations, and open_store().
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <filesystem>

#include "store/schema.hpp"
#include "store/soci_detail.hpp"
#include "store/soci_repos.hpp"

namespace netral::store {
namespace detail {
namespace {

// How long begin() waits for a free pooled connection before it reports the store as
// overloaded, rather than blocking a request thread forever.
constexpr int kLeaseTimeoutMs = 30000;

// Serialises migrate() across processes sharing one PostgreSQL database. The key is an
// arbitrary constant of this store; the lock ends with the transaction.
constexpr std::string_view kLockMigrations = "SELECT pg_advisory_xact_lock(7418260001)";

constexpr std::string_view kCreateSchemaMigrations = R"(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at BIGINT NOT NULL
))";
constexpr std::string_view kMaxVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kRecordMigration = "INSERT INTO schema_migrations (version, applied_at) VALUES (:v, :at)";

// Whether schema_migrations exists, without creating it (schema_version() is read-only).
constexpr std::string_view kSqliteHasMigrations =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr std::string_view kPgHasMigrations =
    "SELECT COUNT(*) FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'";

constexpr std::string_view kPing = "SELECT 1";

long long unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class SociStore final : public Store {
 public:
  SociStore(Backend backend, std::size_t pool_size) : backend_(backend), pool_(pool_size) {}

  // Opens every pooled connection and applies the per-connection settings.
  void open(const std::string& connect_string, std::size_t pool_size) {
    for (std::size_t i = 0; i < pool_size; ++i) {
      auto& s = pool_.at(i);
      if (backend_ == Backend::sqlite)
        s.open(*soci::factory_sqlite3(), connect_string);
      else
        s.open(*soci::factory_postgresql(), connect_string);
      configure_session(s, backend_);
    }
  }

  Backend backend() const override { return backend_; }

  TxPtr begin(bool write) override {
    return std::make_unique<SociTx>(pool_, backend_, write, kLeaseTimeoutMs, writer_lock());
  }

  ReferenceRepo& reference() override { return reference_; }
  CaseRepo& cases() override { return cases_; }
  UserRepo& users() override { return users_; }
  AuditRepo& audit() override { return audit_; }
  WorkflowRepo& workflow() override { return workflow_; }
  ScreeningRepo& screening() override { return screening_; }
  ConductRepo& conduct() override { return conduct_; }
  CatalogRepo& catalog() override { return catalog_; }

  // One write transaction for all pending migrations: a failure leaves the schema as it
  // was (both backends have transactional DDL). Two processes migrating at once queue on
  // the write lock (SQLite) or the advisory lock (PostgreSQL); the second finds nothing
  // left to do.
  int migrate() override {
    SociTx tx(pool_, backend_, /*write=*/true, kLeaseTimeoutMs, writer_lock());
    auto& sql = tx.sql();
    if (backend_ == Backend::postgresql) exec(sql, "lock_migrations", kLockMigrations);
    exec(sql, "create_schema_migrations", kCreateSchemaMigrations);
    int version = 0;
    Stmt(sql, "max_version", kMaxVersion).into(version).run();
    for (const auto& m : migrations()) {
      if (m.version <= version) continue;
      for (auto statement : m.statements)
        exec(sql, "migration " + std::to_string(m.version), backend_sql(statement, backend_));
      Stmt(sql, "record_migration", kRecordMigration).use(m.version).use(unix_now()).run();
      version = m.version;
    }
    tx.commit();
    return version;
  }

  // 0 on a database never migrated.
  int schema_version() override {
    SociTx tx(pool_, backend_, /*write=*/false, kLeaseTimeoutMs);
    long long has = 0;
    Stmt(tx.sql(), "has_schema_migrations", backend_ == Backend::sqlite ? kSqliteHasMigrations : kPgHasMigrations)
        .into(has)
        .run();
    int version = 0;
    if (has > 0) Stmt(tx.sql(), "max_version", kMaxVersion).into(version).run();
    tx.commit();
    return version;
  }

  bool ping() override {
    try {
      SociTx tx(pool_, backend_, /*write=*/false, kLeaseTimeoutMs);
      long long one = 0;
      Stmt(tx.sql(), "ping", kPing).into(one).run();
      tx.commit();
      return one == 1;
    } catch (const StoreError&) {
      return false;
    }
  }

 private:
  // SQLite has one writer at a time anyway; PostgreSQL writers run side by side.
  std::timed_mutex* writer_lock() { return backend_ == Backend::sqlite ? &writer_lock_ : nullptr; }

  Backend backend_;
  std::timed_mutex writer_lock_;
  soci::connection_pool pool_;
  SociReferenceRepo reference_;
  SociCaseRepo cases_;
  SociUserRepo users_;
  SociAuditRepo audit_;
  SociWorkflowRepo workflow_;
  SociScreeningRepo screening_;
  SociConductRepo conduct_;
  SociCatalogRepo catalog_;
};

// SOCI's SQLite connect string is "key=value" pairs; quoting keeps a path with spaces whole.
std::string sqlite_connect_string(const std::string& path) {
  std::string quoted = "db=\"";
  for (char ch : path) {
    if (ch == '"') quoted += '\\';
    quoted += ch;
  }
  return quoted + "\"";
}

}  // namespace
}  // namespace detail

Result<StorePtr> open_store(const std::string& url, int pool_size) {
  if (pool_size < 1) pool_size = 1;
  const bool pg = url.starts_with("postgresql://") || url.starts_with("postgres://");
  const Backend backend = pg ? Backend::postgresql : Backend::sqlite;
  std::string connect;
  if (pg) {
    // libpq parses the URI itself (user, host, port, database, ?options). SOCI 4.0.3 first
    // splits the string into key=value words (for its own options) and writes a word without
    // '=' back as "word=": a URI without a query would lose its database name to that.
    connect = url;
    if (connect.find('=') == std::string::npos)
      connect += connect.find('?') == std::string::npos ? "?application_name=netral" : "&application_name=netral";
  } else {
    std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
    if (path.empty() || path == ":memory:")
      // Each pooled connection would see its own empty in-memory database.
      return fail(ErrorCode::db_open_failed, "store.db_open_failed", "db", "a SQLite store needs a file path");
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return fail(ErrorCode::db_open_failed, "store.db_open_failed", "db", "cannot create " + parent.string() + ": " + ec.message());
    connect = detail::sqlite_connect_string(path);
  }
  try {
    auto store = std::make_unique<detail::SociStore>(backend, static_cast<std::size_t>(pool_size));
    store->open(connect, static_cast<std::size_t>(pool_size));
    return StorePtr(std::move(store));
  } catch (const std::exception& e) {
    // The message of a failed PostgreSQL connection does not echo the password.
    return fail(ErrorCode::db_open_failed, "store.db_open_failed", "db", e.what());
  }
}

}  // namespace netral::store
