#include "app/audit.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_set>

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

std::string_view to_string(AuditFault f) {
  switch (f) {
    case AuditFault::edited: return "edited";
    case AuditFault::removed: return "removed";
    case AuditFault::reordered: return "reordered";
  }
  return "edited";
}

namespace {

// A compact key of a hex hash, for the sets below (a trail of millions of entries must fit).
std::uint64_t hash_key(const std::string& hex) {
  std::uint64_t k = 1469598103934665603ull;
  for (char c : hex) k = (k ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return k;
}

}  // namespace

AuditCheck verify_audit(store::Store& s, std::size_t max_problems) {
  AuditCheck r;
  auto tx = s.begin(false);
  // Every stored hash, to tell a reordered entry (its predecessor exists elsewhere) from a
  // removed one (its predecessor is nowhere).
  std::unordered_set<std::uint64_t> seen;
  struct Pending {
    AuditProblem problem;
    std::uint64_t wanted;
  };
  std::vector<Pending> unresolved;  // link breaks whose predecessor was not seen yet
  std::vector<AuditProblem> found;
  std::string prev;  // stored hash of the previous row
  Id after = 0;
  for (;;) {
    auto batch = s.audit().audit_entries(*tx, after, 1000);
    if (batch.empty()) break;
    for (auto& e : batch) {
      ++r.entries;
      after = e.id;
      AuditEntry copy = e;
      copy.id = 0;
      // The hash covers the entry's own prev_hash: checking it against that separates an
      // edit of this entry from a break of the link before it.
      if (audit_hash(copy, e.prev_hash) != e.hash) {
        ++r.problem_count;
        if (found.size() < max_problems) found.push_back({e.id, AuditFault::edited, "content does not match its hash", e});
      }
      if (e.prev_hash != prev) {
        ++r.problem_count;
        // Keep memory bounded on a trail rewritten wholesale: the count stays exact.
        if (found.size() + unresolved.size() >= 2 * max_problems) {
          seen.insert(hash_key(e.hash));
          prev = e.hash;
          continue;
        }
        AuditProblem p{e.id, AuditFault::removed, "", e};
        const auto want = hash_key(e.prev_hash);
        if (!e.prev_hash.empty() && seen.contains(want)) {
          p.fault = AuditFault::reordered;
          p.detail = "follows an entry that is not the previous one";
          found.push_back(std::move(p));
        } else if (e.prev_hash.empty()) {
          p.fault = AuditFault::reordered;
          p.detail = "claims to be the first entry but is not";
          found.push_back(std::move(p));
        } else {
          unresolved.push_back({std::move(p), want});
        }
      }
      seen.insert(hash_key(e.hash));
      prev = e.hash;
    }
  }
  for (auto& u : unresolved) {
    if (seen.contains(u.wanted)) {
      u.problem.fault = AuditFault::reordered;
      u.problem.detail = "follows an entry that comes later in the trail";
    } else {
      u.problem.fault = AuditFault::removed;
      u.problem.detail = "the entry before it is missing (or was rewritten with a new hash)";
    }
    found.push_back(std::move(u.problem));
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  r.head_hash = prev;
  r.ok = r.problem_count == 0;
  if (!found.empty()) {
    r.first_bad_id = found.front().id;
    r.problem = std::string(to_string(found.front().fault)) + ": " + found.front().detail;
  }
  if (found.size() > max_problems) found.resize(max_problems);
  r.problems = std::move(found);
  return r;
}

}  // namespace netral::app
