// The audit trail: every entry chained to the previous one by SHA-256, so that an edited,
// removed or reordered entry breaks the chain (`netral audit verify`, issue 3).
#pragma once
#include <string>
#include <string_view>
#include <vector>

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

// One broken place in the trail. An edit breaks the entry's own hash; a removal leaves the
// next entry pointing at a hash no entry has; a reorder leaves entries pointing at hashes
// that exist, but elsewhere in the trail.
enum class AuditFault { edited, removed, reordered };
std::string_view to_string(AuditFault f);

struct AuditProblem {
  Id id = 0;  // the entry at which the break shows
  AuditFault fault = AuditFault::edited;
  std::string detail;  // for the operator, English
  AuditEntry entry;    // as stored (possibly tampered with)
};

struct AuditCheck {
  bool ok = true;
  long long entries = 0;
  std::string head_hash;  // hash of the newest entry: record it to detect a later truncation
  Id first_bad_id = 0;
  std::string problem;
  long long problem_count = 0;         // every break found
  std::vector<AuditProblem> problems;  // the breaks, in id order (at most max_problems of them)
};
// Walks the whole trail and checks every entry and every link, reporting each break.
// Removing the newest entries leaves a valid (shorter) chain: compare `entries` and
// `head_hash` with a value recorded earlier to catch that.
AuditCheck verify_audit(store::Store& s, std::size_t max_problems = 1000);

}  // namespace netral::app
