// Which cases a Bawaslu/BKN liaison follows: those forwarded to, or received from, the
// body the account answers for (any of the two for accounts made before the field).
#pragma once
#include <vector>

#include <string>

#include "core/model.hpp"
#include "core/result.hpp"
#include "store/workflow_repo.hpp"

namespace netral::app {

inline bool liaison_follows(const StaffUser& u, const std::vector<store::ExternalRef>& refs) {
  for (const auto& r : refs)
    if (u.liaison_body.empty() || r.body == u.liaison_body) return true;
  return false;
}

// The body a user of `role` may carry: "bawaslu", "bkn" or "" for a liaison, "" for any
// other role (whatever was given). Error: "invalid_field" on "liaison_body".
inline Result<std::string> liaison_body_for(Role role, const std::string& body) {
  if (role != Role::liaison) return std::string();
  if (body.empty() || body == "bawaslu" || body == "bkn") return body;
  return fail("invalid_field", "error.unknown_liaison_body", "liaison_body");
}

}  // namespace netral::app
