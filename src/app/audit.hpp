// The audit trail: every entry chained to the previous one by SHA-256, so that an edited,
// removed or reordered entry breaks the chain (`netral audit verify`, issue 3).
#pragma once
#include <string>

#include "core/model.hpp"
#include "store/store.hpp"

namespace netral::app {

// Who did something, from where: passed from the request boundary to every service call.
struct Actor {
  std::string who = "system";  // "user:12", "reporter", "system"
  std::string ip;
};

// The hash an entry must carry given the previous entry's hash.
std::string audit_hash(const AuditEntry& e, const std::string& prev_hash);

// Appends an entry inside `tx` (which must be a write transaction).
void audit(store::Store& s, store::Tx& tx, const Actor& actor, std::optional<Id> instansi_id, std::string action,
           std::string object, std::string detail_json, Timestamp now);

struct AuditCheck {
  bool ok = true;
  long long entries = 0;
  Id first_bad_id = 0;
  std::string problem;
};
// Walks the whole trail and checks every link.
AuditCheck verify_audit(store::Store& s);

}  // namespace netral::app
