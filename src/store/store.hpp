// Repository interfaces of Netral. One implementation (soci_store.cpp) serves SQLite and
// PostgreSQL; the same test bodies (tests/unit/store/store_test.cpp) run against both.
// docs/storage.md describes the schema, migrations and durability settings.
//
// Transactions belong to the caller (app/ services): open one with Store::begin(), pass it
// to every repository call of the use case, then commit(). A Tx destroyed without commit()
// rolls back. A write Tx on SQLite is BEGIN IMMEDIATE (one writer, no upgrade deadlocks).
// Every method may throw StoreError on a database failure (connection lost, constraint
// violated): those are not user errors and stop at the request boundary as a 500/503.
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"

namespace netral::store {

enum class Backend { sqlite, postgresql };

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A database transaction. Implementations carry their connection.
class Tx {
 public:
  virtual ~Tx() = default;
  // Makes everything done in this transaction durable. Returns only once committed
  // (SQLite synchronous=FULL, PostgreSQL synchronous_commit as configured).
  virtual void commit() = 0;
};
using TxPtr = std::unique_ptr<Tx>;

struct Page {
  int offset = 0;
  int limit = 50;
};

struct CaseFilter {
  std::optional<Id> instansi_id;
  std::optional<CaseStatus> status;
  std::optional<Id> unit_id;  // cases whose reported person is in this unit (or a unit below it)
  bool include_merged = true;  // false: leave out duplicates merged into another case
};

struct PasswordReset {
  std::string code_hash;
  Id user_id = 0;
  std::string created_by;  // actor, e.g. "user:3"
  Timestamp created_at = 0;
  Timestamp expires_at = 0;
};

struct TotpState {
  std::string sealed;          // the base32 secret sealed by app::Secrets; "" = no TOTP
  std::int64_t last_step = 0;  // highest time step accepted, against replays
};

template <class T>
struct PageOf {
  std::vector<T> items;
  long long total = 0;  // matching rows over all pages
};

// Regional governments, their units and the staff roster.
class ReferenceRepo {
 public:
  virtual ~ReferenceRepo() = default;
  // Inserts or updates by `code` (name and parent; `disabled` only on insert); returns the id.
  virtual Id upsert_instansi(Tx& tx, const Instansi& i) = 0;
  // Whether the instansi takes new public reports (migration 9).
  virtual void set_instansi_disabled(Tx& tx, Id id, bool disabled) = 0;
  virtual std::optional<Instansi> instansi_by_code(Tx& tx, const std::string& code) = 0;
  virtual std::optional<Instansi> instansi_by_id(Tx& tx, Id id) = 0;
  virtual std::vector<Instansi> list_instansi(Tx& tx) = 0;
  // Inserts or updates by (instansi_id, code); returns the id.
  virtual Id upsert_unit(Tx& tx, const Unit& u) = 0;
  virtual std::vector<Unit> units_of(Tx& tx, Id instansi_id) = 0;
  virtual std::optional<Unit> unit_by_id(Tx& tx, Id id) = 0;
  // Inserts; returns the id. NIP unique within an instansi when not empty.
  virtual Id insert_employee(Tx& tx, const Employee& e) = 0;
  virtual std::optional<Employee> employee_by_nip(Tx& tx, Id instansi_id, const std::string& nip) = 0;
  virtual std::optional<Employee> employee_by_id(Tx& tx, Id id) = 0;
  virtual long long count_employees(Tx& tx, Id instansi_id) = 0;
  // --- roster import (issue 3) ---
  // Rewrites unit, NIP, name, type, position and superior of an existing employee.
  virtual void update_employee(Tx& tx, const Employee& e) = 0;
  // The whole roster of an instansi, by id.
  virtual std::vector<Employee> employees_of(Tx& tx, Id instansi_id) = 0;
};

// Reports, cases, messages and evidence metadata.
class CaseRepo {
 public:
  virtual ~CaseRepo() = default;
  // Next serial for case numbers of (instansi, year), starting at 1; atomic within tx.
  virtual std::int64_t next_case_serial(Tx& tx, Id instansi_id, int year) = 0;
  // Inserts the case (case_number must be set); returns the id.
  virtual Id insert_case(Tx& tx, const Case& c) = 0;
  // Inserts the report with its receipt's keyed hash (hex); returns the id.
  virtual Id insert_report(Tx& tx, const Report& r, const std::string& receipt_hash) = 0;
  virtual std::optional<Case> case_by_id(Tx& tx, Id id) = 0;
  virtual std::optional<Case> case_by_number(Tx& tx, const std::string& case_number) = 0;
  // The report a receipt (keyed hash) belongs to.
  virtual std::optional<Report> report_by_receipt_hash(Tx& tx, const std::string& receipt_hash) = 0;
  virtual std::vector<Report> reports_of_case(Tx& tx, Id case_id) = 0;
  // Newest first; filter fields that are set are ANDed.
  virtual PageOf<Case> list_cases(Tx& tx, const CaseFilter& f, const Page& p) = 0;
  // Number of cases per status for the filter (status field of the filter ignored).
  virtual std::vector<std::pair<CaseStatus, long long>> count_by_status(Tx& tx, const CaseFilter& f) = 0;
  virtual void set_case_status(Tx& tx, Id case_id, CaseStatus s, Timestamp now) = 0;

  virtual Id insert_message(Tx& tx, const Message& m) = 0;
  // Oldest first, with author_name filled for staff messages.
  virtual std::vector<Message> messages_of_case(Tx& tx, Id case_id) = 0;

  virtual Id insert_evidence(Tx& tx, const Evidence& e) = 0;
  virtual std::vector<Evidence> evidence_of_case(Tx& tx, Id case_id) = 0;
  virtual std::optional<Evidence> evidence_by_id(Tx& tx, Id id) = 0;
};

// Staff users and their sessions.
class UserRepo {
 public:
  virtual ~UserRepo() = default;
  virtual Id insert_user(Tx& tx, const StaffUser& u) = 0;
  virtual void update_user(Tx& tx, const StaffUser& u) = 0;
  virtual std::optional<StaffUser> user_by_username(Tx& tx, const std::string& username) = 0;
  virtual std::optional<StaffUser> user_by_id(Tx& tx, Id id) = 0;
  virtual std::vector<StaffUser> list_users(Tx& tx, std::optional<Id> instansi_id) = 0;

  virtual void insert_session(Tx& tx, const Session& s) = 0;
  // Only sessions not expired at `now`.
  virtual std::optional<Session> session_by_hash(Tx& tx, const std::string& token_hash, Timestamp now) = 0;
  virtual void delete_session(Tx& tx, const std::string& token_hash) = 0;
  virtual void delete_expired_sessions(Tx& tx, Timestamp now) = 0;

  // --- staff administration (issue 3) ---
  // Ends every session of a user (disabled account, new password).
  virtual void delete_sessions_of(Tx& tx, Id user_id) = 0;
  // A one-time password reset code, stored by its keyed hash. Issuing one retires the
  // user's earlier unused codes.
  virtual void insert_password_reset(Tx& tx, const PasswordReset& r) = 0;
  // An unused, unexpired code, or nullopt.
  virtual std::optional<PasswordReset> password_reset_by_hash(Tx& tx, const std::string& code_hash, Timestamp now) = 0;
  // Marks the code used; returns false when it was used already (a concurrent redemption).
  virtual bool use_password_reset(Tx& tx, const std::string& code_hash, Timestamp now) = 0;
  virtual void delete_password_resets_of(Tx& tx, Id user_id) = 0;
  // TOTP: the sealed secret ("" when the user has none) and the last accepted time step.
  virtual TotpState totp_of(Tx& tx, Id user_id) = 0;
  virtual void set_totp(Tx& tx, Id user_id, const TotpState& t) = 0;
};

// The hash-chained audit trail. Appending reads the last hash inside the same write tx.
class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  // hash of the newest entry, or "" when the trail is empty.
  virtual std::string last_hash(Tx& tx) = 0;
  virtual Id insert_audit(Tx& tx, const AuditEntry& e) = 0;
  // In id order, from `after_id` (exclusive), at most `limit` entries.
  virtual std::vector<AuditEntry> audit_entries(Tx& tx, Id after_id, int limit) = 0;
  virtual std::vector<AuditEntry> audit_of_object(Tx& tx, const std::string& object) = 0;
};

// Declared in their own headers with their row types (workflow_repo.hpp,
// screening_repo.hpp, conduct_repo.hpp, catalog_repo.hpp); callers include the one they use.
class WorkflowRepo;
class ScreeningRepo;
class ConductRepo;
class CatalogRepo;

class Store {
 public:
  virtual ~Store() = default;
  virtual Backend backend() const = 0;
  // `write` transactions serialise on SQLite; read transactions never block writers.
  virtual TxPtr begin(bool write) = 0;
  virtual ReferenceRepo& reference() = 0;
  virtual CaseRepo& cases() = 0;
  virtual UserRepo& users() = 0;
  virtual AuditRepo& audit() = 0;
  virtual WorkflowRepo& workflow() = 0;
  virtual ScreeningRepo& screening() = 0;
  virtual ConductRepo& conduct() = 0;
  virtual CatalogRepo& catalog() = 0;
  // Applies pending migrations; returns the schema version reached.
  virtual int migrate() = 0;
  virtual int schema_version() = 0;
  // Cheap liveness check for /healthz.
  virtual bool ping() = 0;
};
using StorePtr = std::unique_ptr<Store>;

// Opens a store. `url` is a SQLite file path (or "sqlite:PATH") or a "postgresql://..." URL.
// `pool_size` connections are opened. Error codes: "db_open_failed".
Result<StorePtr> open_store(const std::string& url, int pool_size = 4);

}  // namespace netral::store
