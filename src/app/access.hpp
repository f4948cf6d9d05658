// Who may see which case: one rule set for every service (case pages and API, workflow,
// statistics, exports) and for the pages that show or hide links.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"
#include "store/store.hpp"
#include "store/workflow_repo.hpp"

namespace netral::app {

// An admin of an instansi: `admin`, or `superadmin`, who is one for their own instansi and
// also manages the deployment's governments. Every admin right below stays confined to the
// admin's own instansi; only manages_governments reaches across.
inline bool is_admin(Role r) { return r == Role::admin || r == Role::superadmin; }

// Roles that see every case of their instansi: admins, verifier, examiner, PPK office.
// Unit heads see their unit's subtree; liaisons the cases of their body; analysts none.
bool sees_all_cases(Role r);

// Whether `u` may see `c`: same instansi and not disabled, then by role as above.
bool may_see_case(store::Store& store, store::Tx& tx, const StaffUser& u, const Case& c);

// The roles that review screening flags (the queue, dismiss, open a case, the labelled
// data): admin, analyst, verifier.
inline bool reviews_flags(Role r) { return is_admin(r) || r == Role::analyst || r == Role::verifier; }

// What each role may do beyond seeing cases. web/ asks these to show or refuse, and the
// services check them again: one rule, named once.
// Staff accounts: create, change, disable, reset codes.
inline bool manages_users(Role r) { return is_admin(r); }
// Which roles an admin may give: superadmin only by a superadmin (an instansi admin would
// otherwise reach every government through an account of their own making).
inline bool may_grant_role(Role admin, Role granted) { return granted != Role::superadmin || admin == Role::superadmin; }
// Which accounts of their instansi an admin may change, disable or issue a reset code for:
// a superadmin's only by a superadmin (a reset code would hand over the account).
inline bool may_manage_account(Role admin, Role account) { return account != Role::superadmin || admin == Role::superadmin; }
// The deployment's regional governments: add from the official list, rename, disable.
inline bool manages_governments(Role r) { return r == Role::superadmin; }
// What an admin writes for a government (a circular, an election) is for their own only,
// never for their province or another: it would bind people the admin does not answer for.
inline bool own_government(std::string_view own_code, std::string_view code) { return !own_code.empty() && own_code == code; }
// Drafting catalogue items from circular letters and adopting them.
inline bool manages_catalogue(Role r) { return is_admin(r); }
// Whose circulars: an instansi admin drafts, edits and adopts those of their own government
// only. A circular is in force for its region and, for a province, for every regency in it,
// so an admin of 19.03 adopting one for 19 would bind the whole province.
inline bool manages_catalogue_of(Role r, std::string_view own_code, std::string_view region_code) {
  return manages_catalogue(r) && own_government(own_code, region_code);
}
// Elections and the staff accounts that screening follows.
inline bool manages_screening(Role r) { return is_admin(r); }
// Whether an election concerns a government: its own (the Pilbup or Pilwalkot of "19.03"),
// its province's (the Pilgub of "19" concerns every regency and city in it), or, for a
// province, one of its regencies' and cities'. Staff are screened against any election
// (neutrality holds in every one), and a flag goes to the staff member's government; this
// says which elections a government's staff pages show.
inline bool election_concerns(std::string_view election_region, std::string_view instansi_code) {
  auto within = [](std::string_view inner, std::string_view outer) {
    return inner == outer || (!outer.empty() && inner.size() > outer.size() && inner.starts_with(outer) && inner[outer.size()] == '.');
  };
  return within(instansi_code, election_region) || within(election_region, instansi_code);
}
// An admin imports, edits and removes the elections of their own government only: a
// regency's admin its Pilbup, the province's admin the Pilgub.
inline bool manages_election(Role r, std::string_view own_instansi_code, std::string_view election_region) {
  return manages_screening(r) && own_government(own_instansi_code, election_region);
}
// Pushing posts to be screened with a staff session (collectors use their token instead).
inline bool pushes_posts(Role r) { return is_admin(r) || r == Role::analyst; }
// Confirming which prohibited acts a case describes.
inline bool confirms_conduct(Role r) { return r == Role::verifier || r == Role::examiner; }
// Entering walk-in reports, agency findings and intakes forwarded by Bawaslu or BKN.
inline bool takes_intake(Role r) { return is_admin(r) || r == Role::verifier; }
// The staff roster (units and staff: import and browse), admins only: no other role has a
// rule that lets it read the roster as a whole (verifiers see only the staff a case names).
inline bool manages_roster(Role r) { return is_admin(r); }
// ... and only the roster of the admin's own instansi.
inline bool manages_roster_of(const StaffUser& u, Id instansi_id) {
  return !u.disabled && manages_roster(u.role) && u.instansi_id == instansi_id;
}

// Who may call a route, as each route module's table declares it: the rule's name, the
// roles it admits by role alone (nullptr: anyone, signed in or not), and whether it then
// narrows to the items (cases, users of the instansi, flags) the person may see. `netral serve --routes` prints it and
// the access matrix test checks every row of its own against it.
struct Gate {
  std::string_view name;
  bool (*admits)(Role);
  bool per_item = false;  // narrows to the cases, users or flags the person may see
};
inline bool any_staff(Role) { return true; }
// A case exists for these roles at all (analysts see none; unit heads and liaisons some).
inline bool may_see_some_case(Role r) { return r != Role::analyst; }
inline constexpr Gate kPublic{"public", nullptr};
inline constexpr Gate kStaff{"staff", any_staff};
inline constexpr Gate kCase{"may_see_case", may_see_some_case, true};
// A workflow step: the case as above, then core/workflow's rules per action and state.
inline constexpr Gate kCaseAction{"may_see_case+transition_rules", may_see_some_case, true};
inline constexpr Gate kCaseReaders{"sees_all_cases", sees_all_cases};
inline constexpr Gate kUsers{"manages_users", manages_users};
inline constexpr Gate kUser{"manages_users", manages_users, true};  // a user of the admin's instansi
inline constexpr Gate kCatalogue{"manages_catalogue", manages_catalogue};
inline constexpr Gate kCircular{"manages_catalogue_of", manages_catalogue, true};  // a circular of the admin's government
inline constexpr Gate kConduct{"confirms_conduct", confirms_conduct, true};
inline constexpr Gate kScreeningAdmin{"manages_screening", manages_screening};
inline constexpr Gate kPushPosts{"pushes_posts", pushes_posts};
inline constexpr Gate kReviewFlags{"reviews_flags", reviews_flags};
inline constexpr Gate kReviewFlag{"reviews_flags", reviews_flags, true};  // one flag of the reviewer's instansi
inline constexpr Gate kIntake{"takes_intake", takes_intake};
inline constexpr Gate kGovernments{"manages_governments", manages_governments};
inline constexpr Gate kRoster{"manages_roster_of", manages_roster, true};  // the admin's own instansi
// "name: role role ..." with " (per item)" for a narrowing gate; "public" for anyone.
std::string describe(const Gate& g);

// Staff usernames: 3-64 characters of a-z, 0-9, '.', '_' and '-'.
bool valid_username(const std::string& username);

// Which cases a Bawaslu/BKN liaison follows: those forwarded to, or received from, the
// body the account answers for (any of the two for accounts made before the field).
bool liaison_follows(const StaffUser& u, const std::vector<store::ExternalRef>& refs);

// The body a user of `role` may carry: "bawaslu", "bkn" or "" for a liaison, "" for any
// other role (whatever was given). Error: "invalid_field" on "liaison_body".
Result<std::string> liaison_body_for(Role role, const std::string& body);

}  // namespace netral::app
