#include "app/access.hpp"

namespace netral::app {

std::string describe(const Gate& g) {
  std::string out(g.name);
  if (!g.admits) return out;
  out += ":";
  for (Role r : all_roles())
    if (g.admits(r)) out += " " + std::string(to_string(r));
  if (g.per_item) out += " (per item)";
  return out;
}

bool sees_all_cases(Role r) {
  return is_admin(r) || r == Role::verifier || r == Role::examiner || r == Role::ppk_office;
}

bool may_see_case(store::Store& store, store::Tx& tx, const StaffUser& u, const Case& c) {
  if (c.instansi_id != u.instansi_id || u.disabled) return false;
  if (sees_all_cases(u.role)) return true;
  if (u.role == Role::liaison) return liaison_follows(u, store.workflow().external_refs_of_case(tx, c.id));
  if (u.role == Role::unit_head && u.unit_id && c.unit_id) {
    // Walk up from the case's unit: visible when the user's unit is on the way.
    std::optional<Id> unit = c.unit_id;
    for (int depth = 0; unit && depth < 32; ++depth) {
      if (*unit == *u.unit_id) return true;
      auto found = store.reference().unit_by_id(tx, *unit);
      unit = found ? found->parent_id : std::nullopt;
    }
  }
  return false;
}

bool valid_username(const std::string& u) {
  return u.size() >= 3 && u.size() <= 64 && u.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string::npos;
}

bool liaison_follows(const StaffUser& u, const std::vector<store::ExternalRef>& refs) {
  for (const auto& r : refs)
    if (u.liaison_body.empty() || to_string(r.body) == u.liaison_body) return true;
  return false;
}

Result<std::string> liaison_body_for(Role role, const std::string& body) {
  if (role != Role::liaison) return std::string();
  if (body.empty() || body == "bawaslu" || body == "bkn") return body;
  return fail(ErrorCode::invalid_field, "error.unknown_liaison_body", "liaison_body");
}

}  // namespace netral::app
