#include "app/audit.hpp"

#include "evidence/blob_store.hpp"

namespace netral::app {

std::string audit_hash(const AuditEntry& e, const std::string& prev_hash) {
  // Fields separated by a byte that cannot appear in them unescaped (\x1f), in a fixed order.
  std::string canon;
  canon += prev_hash;
  canon += '\x1f' + std::to_string(e.id);
  canon += '\x1f' + std::to_string(e.instansi_id.value_or(0));
  canon += '\x1f' + std::to_string(e.at);
  canon += '\x1f' + e.actor;
  canon += '\x1f' + e.action;
  canon += '\x1f' + e.object;
  canon += '\x1f' + e.detail;
  canon += '\x1f' + e.ip;
  return evidence::sha256_hex(canon);
}

void audit(store::Store& s, store::Tx& tx, const Actor& actor, std::optional<Id> instansi_id, std::string action,
           std::string object, std::string detail_json, Timestamp now) {
  AuditEntry e;
  e.instansi_id = instansi_id;
  e.at = now;
  e.actor = actor.who;
  e.ip = actor.ip;
  e.action = std::move(action);
  e.object = std::move(object);
  e.detail = detail_json.empty() ? "{}" : std::move(detail_json);
  e.prev_hash = s.audit().last_hash(tx);
  // The id is not known before insertion: the chain covers the order through prev_hash.
  e.id = 0;
  e.hash = audit_hash(e, e.prev_hash);
  s.audit().insert_audit(tx, e);
}

AuditCheck verify_audit(store::Store& s) {
  AuditCheck r;
  auto tx = s.begin(false);
  std::string prev;
  Id after = 0;
  for (;;) {
    auto batch = s.audit().audit_entries(*tx, after, 1000);
    if (batch.empty()) break;
    for (auto& e : batch) {
      ++r.entries;
      after = e.id;
      if (e.prev_hash != prev) {
        r.ok = false;
        r.first_bad_id = e.id;
        r.problem = "entry does not follow the previous one (removed or reordered entry)";
        return r;
      }
      AuditEntry copy = e;
      copy.id = 0;
      if (audit_hash(copy, prev) != e.hash) {
        r.ok = false;
        r.first_bad_id = e.id;
        r.problem = "entry content does not match its hash (edited entry)";
        return r;
      }
      prev = e.hash;
    }
  }
  return r;
}

}  // namespace netral::app
