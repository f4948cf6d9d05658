// Private plumbing of the SOCI store: the pooled transaction and a small statement wrapper.
// Nothing outside src/store/ includes this header.
#pragma once
#include <soci/soci.h>

#include <concepts>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "store/store.hpp"

namespace netral::store::detail {

// One SQL parameter whose value the caller computed at run time (dynamic filters).
using Param = std::variant<long long, std::string>;

// A transaction on one connection leased from the pool for the Tx's whole life.
// SOCI sessions are not thread-safe, so a connection is never shared between two live Tx.
class SociTx final : public Tx {
 public:
  // Leases a connection (waits at most `lease_timeout_ms`) and opens the transaction.
  // Throws StoreError when no connection frees up in time or BEGIN fails twice.
  // `writer_lock` (SQLite): a write transaction holds it from before the lease until
  // COMMIT or ROLLBACK, so the process's writers queue on it and the next one starts the
  // moment the last one ends, instead of polling SQLite's busy handler, whose growing
  // sleeps gave some reports seconds of latency under load.
  SociTx(soci::connection_pool& pool, Backend backend, bool write, int lease_timeout_ms,
         std::timed_mutex* writer_lock = nullptr);
  // Rolls back when commit() was not reached; never throws.
  ~SociTx() override;
  SociTx(const SociTx&) = delete;
  SociTx& operator=(const SociTx&) = delete;

  // COMMIT; the transaction is durable when this returns. Throws StoreError on failure,
  // after which the destructor still rolls back whatever is left.
  void commit() override;

  soci::session& sql() { return *session_; }
  Backend backend() const { return backend_; }

 private:
  soci::connection_pool& pool_;
  std::size_t pos_ = 0;
  soci::session* session_ = nullptr;
  Backend backend_;
  bool open_ = false;
  std::unique_lock<std::timed_mutex> writer_;  // declared last: released after the rollback
};

// The connection a repository call runs on. Every Tx the store hands out is a SociTx.
inline SociTx& soci_tx(Tx& tx) { return static_cast<SociTx&>(tx); }

// Applies the per-connection settings (SQLite pragmas); run on every new or reconnected session.
void configure_session(soci::session& s, Backend backend);

// A stored name this binary does not know means the data is not ours to read.
template <class E>
E parse_or_throw(std::optional<E> v, std::string_view what, const std::string& text) {
  if (!v) throw StoreError("store: unknown " + std::string(what) + " '" + text + "' in the database");
  return *v;
}

// One statement with positional parameters and typed result columns. Parameters and
// columns are bound in the order of the use()/into() calls, which must follow the order
// of the placeholders and of the select list. Values are read through `long long` for
// every integer column: SOCI's type mapping of 64-bit columns differs between backends.
// Every SOCI failure leaves as StoreError naming the query.
class Stmt {
 public:
  Stmt(soci::session& s, std::string_view name, std::string_view sql);
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  template <std::integral T>
  Stmt& use(T v) {
    return use_int(static_cast<long long>(v), true);
  }
  template <std::integral T>
  Stmt& use(std::optional<T> v) {  // NULL when empty
    return use_int(v ? static_cast<long long>(*v) : 0, v.has_value());
  }
  Stmt& use(std::string v);
  Stmt& use(std::string_view v) { return use(std::string(v)); }
  Stmt& use(const char* v) { return use(std::string(v)); }
  Stmt& use(const Param& p);
  // An enum column is stored as its name (to_string of core/model or core/workflow).
  template <class E>
    requires std::is_enum_v<E>
  Stmt& use(E v) {
    return use(std::string(to_string(v)));
  }
  // An optional enum in a NOT NULL text column: empty text when absent.
  template <class E>
    requires std::is_enum_v<E>
  Stmt& use(std::optional<E> v) {
    return use(v ? std::string(to_string(*v)) : std::string());
  }

  template <std::integral T>
  Stmt& into(T& v) {
    return into_int([&v](long long x, bool) { v = static_cast<T>(x); });
  }
  template <std::integral T>
  Stmt& into(std::optional<T>& v) {  // NULL reads as nullopt
    return into_int([&v](long long x, bool null) { v = null ? std::nullopt : std::optional<T>(static_cast<T>(x)); });
  }
  Stmt& into(std::string& v);  // NULL reads as ""
  // An enum column read by its name through `parse`; a name this binary does not know
  // fails the fetch with StoreError naming `what` rather than reading as some default.
  template <class E>
    requires std::is_enum_v<E>
  Stmt& into(E& v, std::optional<E> (*parse)(std::string_view), std::string_view what) {
    return into_str([&v, parse, what](const std::string& s) { v = parse_or_throw(parse(s), what, s); });
  }
  // The same for an optional enum stored as text: empty text reads as nullopt.
  template <class E>
    requires std::is_enum_v<E>
  Stmt& into(std::optional<E>& v, std::optional<E> (*parse)(std::string_view), std::string_view what) {
    return into_str([&v, parse, what](const std::string& s) {
      v = s.empty() ? std::nullopt : std::optional<E>(parse_or_throw(parse(s), what, s));
    });
  }

  // Executes. Returns true when a first row was fetched into the into() targets.
  bool run();
  // Fetches the next row; false when there is none.
  bool next();

 private:
  Stmt& use_int(long long v, bool present);
  Stmt& into_int(std::function<void(long long, bool)> set);
  Stmt& into_str(std::function<void(const std::string&)> set);  // NULL arrives as ""
  void after_fetch();
  [[noreturn]] void fail(const std::exception& e) const;

  soci::statement st_;
  std::string name_;
  std::string sql_;
  std::deque<long long> use_ints_;
  std::deque<std::string> use_strs_;
  std::deque<soci::indicator> use_inds_;

  struct IntOut {
    long long value = 0;
    soci::indicator ind = soci::i_ok;
    std::function<void(long long, bool)> set;
  };
  struct StrOut {
    std::string value;
    soci::indicator ind = soci::i_ok;
    std::function<void(const std::string&)> set;
  };
  std::deque<IntOut> int_outs_;
  std::deque<StrOut> str_outs_;
  bool prepared_ = false;
};

// Runs one statement that returns no rows.
void exec(soci::session& s, std::string_view name, std::string_view sql);

}  // namespace netral::store::detail
