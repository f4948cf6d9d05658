// The hash-chained audit trail.
#include "store/soci_detail.hpp"
#include "store/soci_repos.hpp"

namespace netral::store::detail {
namespace {

// On PostgreSQL two writers could read the same last hash and fork the chain; this
// transaction-scoped lock queues appenders until the holder commits. SQLite write
// transactions are serialised already. The key is an arbitrary constant of this store.
constexpr std::string_view kLockAuditChain = "SELECT pg_advisory_xact_lock(7418260002)";

constexpr std::string_view kLastHash = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";

constexpr std::string_view kInsertAudit = R"(
INSERT INTO audit_log (instansi_id, at, actor, action, object, detail, ip, prev_hash, hash)
VALUES (:instansi, :at, :actor, :action, :object, :detail, :ip, :prev_hash, :hash)
RETURNING id)";

constexpr std::string_view kAuditColumns =
    "SELECT id, instansi_id, at, actor, action, object, detail, ip, prev_hash, hash FROM audit_log ";
constexpr std::string_view kAuditAfter = "WHERE id > :after ORDER BY id LIMIT :limit";
constexpr std::string_view kAuditOfObject = "WHERE object = :object ORDER BY id";

void bind(Stmt& st, AuditEntry& e) {
  st.into(e.id)
      .into(e.instansi_id)
      .into(e.at)
      .into(e.actor)
      .into(e.action)
      .into(e.object)
      .into(e.detail)
      .into(e.ip)
      .into(e.prev_hash)
      .into(e.hash);
}

std::string cat(std::string_view a, std::string_view b) { return std::string(a).append(b); }

}  // namespace

std::string SociAuditRepo::last_hash(Tx& tx) {
  auto& t = soci_tx(tx);
  if (t.backend() == Backend::postgresql) exec(t.sql(), "lock_audit_chain", kLockAuditChain);
  std::string hash;
  Stmt st(t.sql(), "last_hash", kLastHash);
  st.into(hash);
  st.run();
  return hash;
}

Id SociAuditRepo::insert_audit(Tx& tx, const AuditEntry& e) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_audit", kInsertAudit);
  st.use(e.instansi_id)
      .use(e.at)
      .use(e.actor)
      .use(e.action)
      .use(e.object)
      .use(e.detail)
      .use(e.ip)
      .use(e.prev_hash)
      .use(e.hash)
      .into(id);
  st.run();
  return id;
}

std::vector<AuditEntry> SociAuditRepo::audit_entries(Tx& tx, Id after_id, int limit) {
  std::vector<AuditEntry> out;
  if (limit <= 0) return out;
  AuditEntry e;
  Stmt st(soci_tx(tx).sql(), "audit_entries", cat(kAuditColumns, kAuditAfter));
  bind(st, e);
  st.use(after_id).use(limit);
  for (bool got = st.run(); got; got = st.next()) out.push_back(e);
  return out;
}

std::vector<AuditEntry> SociAuditRepo::audit_of_object(Tx& tx, const std::string& object) {
  std::vector<AuditEntry> out;
  AuditEntry e;
  Stmt st(soci_tx(tx).sql(), "audit_of_object", cat(kAuditColumns, kAuditOfObject));
  bind(st, e);
  st.use(object);
  for (bool got = st.run(); got; got = st.next()) out.push_back(e);
  return out;
}

}  // namespace netral::store::detail
