#include "store/soci_detail.hpp"

#include <chrono>

namespace netral::store::detail {
namespace {

constexpr std::string_view kBeginImmediate = "BEGIN IMMEDIATE";
constexpr std::string_view kBegin = "BEGIN";
constexpr std::string_view kCommit = "COMMIT";
constexpr std::string_view kRollback = "ROLLBACK";

// busy_timeout comes first: switching to WAL needs a lock another process may hold.
// synchronous=FULL fsyncs the WAL on every commit, so an acknowledged report survives
// power loss, not only a crash of the process.
constexpr std::string_view kSqlitePragmas[] = {
    "PRAGMA busy_timeout=10000",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
};

constexpr std::string_view kPgQuietNotices = "SET client_min_messages = warning";

}  // namespace

void configure_session(soci::session& s, Backend backend) {
  if (backend == Backend::postgresql) {
    // NOTICEs ("relation already exists, skipping") would go to the server's stderr.
    exec(s, "client_min_messages", kPgQuietNotices);
    return;
  }
  for (auto pragma : kSqlitePragmas) {
    // journal_mode answers with a row; the others with none. Both are fine for Stmt.
    std::string ignored;
    Stmt st(s, "sqlite_pragma", pragma);
    if (pragma.find("journal_mode") != std::string_view::npos) {
      st.into(ignored);
      st.run();
      if (ignored != "wal") throw StoreError("store: SQLite refused WAL journal mode (got '" + ignored + "')");
    } else {
      st.run();
    }
  }
}

void exec(soci::session& s, std::string_view name, std::string_view sql) { Stmt(s, name, sql).run(); }

// --- SociTx ---

SociTx::SociTx(soci::connection_pool& pool, Backend backend, bool write, int lease_timeout_ms,
               std::timed_mutex* writer_lock)
    : pool_(pool), backend_(backend) {
  if (write && writer_lock) {
    writer_ = std::unique_lock<std::timed_mutex>(*writer_lock, std::defer_lock);
    if (!writer_.try_lock_for(std::chrono::milliseconds(lease_timeout_ms)))
      throw StoreError("store: another write held the database for more than " + std::to_string(lease_timeout_ms) +
                       " ms");
  }
  if (!pool_.try_lease(pos_, lease_timeout_ms))
    throw StoreError("store: no database connection free after " + std::to_string(lease_timeout_ms) + " ms");
  session_ = &pool_.at(pos_);
  const std::string_view begin = (write && backend_ == Backend::sqlite) ? kBeginImmediate : kBegin;
  try {
    try {
      exec(*session_, "begin", begin);
    } catch (const StoreError&) {
      // A pooled PostgreSQL connection may have died (server restart, idle timeout):
      // one reconnect, then give up. SQLite connections do not die this way, and a
      // second failure there (busy after the timeout) is reported as is.
      if (backend_ != Backend::postgresql) throw;
      try {
        session_->reconnect();
      } catch (const std::exception& e) {
        throw StoreError(std::string("store: reconnect failed: ") + e.what());
      }
      configure_session(*session_, backend_);
      exec(*session_, "begin", begin);
    }
  } catch (...) {
    pool_.give_back(pos_);
    throw;
  }
  open_ = true;
}

SociTx::~SociTx() {
  if (open_) {
    try {
      exec(*session_, "rollback", kRollback);
    } catch (...) {
      // The connection is likely broken; the next BEGIN on it reconnects.
    }
  }
  try {
    pool_.give_back(pos_);
  } catch (...) {
    // Only a double give-back throws, which this class never does.
  }
}

void SociTx::commit() {
  if (!open_) throw StoreError("store: commit on a finished transaction");
  exec(*session_, "commit", kCommit);
  open_ = false;
  if (writer_.owns_lock()) writer_.unlock();
}

// --- Stmt ---

Stmt::Stmt(soci::session& s, std::string_view name, std::string_view sql) : st_(s), name_(name), sql_(sql) {}

Stmt& Stmt::use_int(long long v, bool present) {
  use_ints_.push_back(v);
  use_inds_.push_back(present ? soci::i_ok : soci::i_null);
  st_.exchange(soci::use(use_ints_.back(), use_inds_.back()));
  return *this;
}

Stmt& Stmt::use(std::string v) {
  use_strs_.push_back(std::move(v));
  st_.exchange(soci::use(use_strs_.back()));
  return *this;
}

Stmt& Stmt::use(const Param& p) {
  if (const auto* i = std::get_if<long long>(&p)) return use(*i);
  return use(std::get<std::string>(p));
}

Stmt& Stmt::into_int(std::function<void(long long, bool)> set) {
  auto& o = int_outs_.emplace_back();
  o.set = std::move(set);
  st_.exchange(soci::into(o.value, o.ind));
  return *this;
}

Stmt& Stmt::into(std::string& v) {
  return into_str([&v](const std::string& s) { v = s; });
}

Stmt& Stmt::into_str(std::function<void(const std::string&)> set) {
  auto& o = str_outs_.emplace_back();
  o.set = std::move(set);
  st_.exchange(soci::into(o.value, o.ind));
  return *this;
}

void Stmt::after_fetch() {
  for (auto& o : int_outs_) {
    const bool null = o.ind == soci::i_null;
    o.set(null ? 0 : o.value, null);
  }
  static const std::string empty;
  for (auto& o : str_outs_) o.set(o.ind == soci::i_null ? empty : o.value);
}

void Stmt::fail(const std::exception& e) const {
  throw StoreError("store: query " + name_ + " failed: " + e.what());
}

bool Stmt::run() {
  try {
    st_.alloc();
    st_.prepare(sql_, soci::details::st_one_time_query);
    st_.define_and_bind();
    prepared_ = true;
    const bool got = st_.execute(true);
    if (got) after_fetch();
    return got;
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& e) {
    fail(e);
  }
}

bool Stmt::next() {
  try {
    const bool got = st_.fetch();
    if (got) after_fetch();
    return got;
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& e) {
    fail(e);
  }
}

}  // namespace netral::store::detail
